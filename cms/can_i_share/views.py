"""The "Can I share?" pages: one question per page (the GOV.UK question-page pattern).

Everything the aid needs is in the address: ``?path=1.2.1`` is the answer numbers chosen
so far. Forms use GET, nothing is typed, and the views never write to the session or set
a cookie. The only thing stored is an anonymous count of each completed path
(``counting.count_path``), added once when the last answer leads to an outcome.

    /can-i-share/                         start page
    /can-i-share/<node_id>/?path=1.2      the question those answers lead to
    /can-i-share/answer/?path=1.2&answer=1   (the form's action) -> next question or result
    /can-i-share/result/?path=1.2.1       the outcome, the reasons, and related case studies
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from cms.taxonomy.models import Agency

from .counting import count_path
from .models import DecisionTree
from .related import pages_on_themes
from .tree import InvalidPath, Tree, format_path, parse_path

MISSING_ANSWER = "Select an answer"


def live_tree():
    """The newest live tree, or None."""
    return DecisionTree.objects.filter(live=True).order_by("-updated_at", "-pk").first()


def start_url(restart=False):
    url = reverse("can_i_share:start")
    return f"{url}?{urlencode({'restart': 'path'})}" if restart else url


def question_url(node_id, answers, selected=None):
    params = {"path": format_path(answers)} if answers else {}
    if selected:
        params["answer"] = selected
    url = reverse("can_i_share:question", args=[node_id])
    return f"{url}?{urlencode(params)}" if params else url


def result_url(answers):
    return f"{reverse('can_i_share:result')}?{urlencode({'path': format_path(answers)})}"


def unavailable(request):
    return render(request, "can_i_share/unavailable.html", status=503)


def _paragraphs(text):
    return [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def _load(request):
    """(tree row, Tree, answers, walk) for the request's ``path``; a response instead when
    there is no live tree or the path does not lead anywhere."""
    row = live_tree()
    if row is None:
        return None, unavailable(request)
    tree = Tree(row.nodes)
    if tree.start is None or not tree.start.is_question:
        return None, unavailable(request)
    try:
        answers = parse_path(request.GET.get("path"))
        walked = tree.walk(answers)
    except InvalidPath:
        return None, redirect(start_url(restart=True))
    return (row, tree, answers, walked), None


def _agency(request):
    """The signed-in user's agency (slug and name), or None."""
    user = request.user
    if not user.is_authenticated or not getattr(user, "agency_id", None):
        return None
    return Agency.objects.filter(pk=user.agency_id).only("slug", "name").first()


def _answer_number(request):
    raw = request.GET.get("answer", "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 2 else None


def start(request):
    row = live_tree()
    if row is None:
        return unavailable(request)
    tree = Tree(row.nodes)
    if tree.start is None or not tree.start.is_question:
        return unavailable(request)
    return render(
        request,
        "can_i_share/start.html",
        {
            "start_url": question_url(tree.start.id, []),
            "restarted": request.GET.get("restart") == "path",
        },
    )


def _question_page(request, loaded, *, error=None, selected=None):
    row, tree, answers, walked = loaded
    node = walked.current
    agency = _agency(request)
    agency_hint = node.agency_hints.get(agency.slug) if agency else None
    if walked.steps:
        previous = walked.steps[-1]
        back_url = question_url(previous.node.id, answers[:-1], previous.answer.number)
    else:
        back_url = reverse("can_i_share:start")
    return render(
        request,
        "can_i_share/question.html",
        {
            "node": node,
            "path": format_path(answers),
            "number": len(answers) + 1,
            "back_url": back_url,
            "agency": agency,
            "agency_hint": agency_hint,
            "error": error,
            "selected": selected,
        },
    )


def question(request, node_id):
    loaded, response = _load(request)
    if response:
        return response
    _row, _tree, answers, walked = loaded
    if walked.current.is_outcome:
        return redirect(result_url(answers))
    if walked.current.id != node_id:
        return redirect(question_url(walked.current.id, answers))
    return _question_page(request, loaded, selected=_answer_number(request))


def answer(request):
    loaded, response = _load(request)
    if response:
        return response
    row, tree, answers, walked = loaded
    if walked.current.is_outcome:
        return redirect(result_url(answers))
    number = _answer_number(request)
    if number is None or not 1 <= number <= len(walked.current.answers):
        return _question_page(request, loaded, error=MISSING_ANSWER)
    answers = answers + [number]
    try:
        following = tree.walk(answers)
    except InvalidPath:  # only if the saved tree has a dead end, which the admin refuses
        return redirect(start_url(restart=True))
    if following.current.is_outcome:
        count_path(row, following)
        return redirect(result_url(answers))
    return redirect(question_url(following.current.id, answers))


def result(request):
    loaded, response = _load(request)
    if response:
        return response
    _row, _tree, answers, walked = loaded
    outcome = walked.current
    if not outcome.is_outcome:
        return redirect(question_url(outcome.id, answers))
    steps = [
        {
            "question": step.node.question,
            "answer": step.answer.label,
            "reason": step.answer.reason,
            "change_url": question_url(step.node.id, list(step.path[:-1]), step.answer.number),
        }
        for step in walked.steps
    ]
    return render(
        request,
        "can_i_share/result.html",
        {
            "outcome": outcome,
            "body": _paragraphs(outcome.body),
            "tell_family": _paragraphs(outcome.tell_family),
            "steps": steps,
            "reasons": [step.answer.reason for step in walked.steps],
            "today": timezone.localdate(),
            "related": pages_on_themes(outcome.themes, limit=3),
            "back_url": steps[-1]["change_url"] if steps else reverse("can_i_share:start"),
        },
    )
