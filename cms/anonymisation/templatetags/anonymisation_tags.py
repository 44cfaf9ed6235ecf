from django import template

register = template.Library()


@register.simple_tag
def approval_form_for(form, task_state):
    """The approval form bound to its task state (Wagtail builds it unbound on GET)."""
    from ..forms import AnonymisationApprovalForm

    if isinstance(form, AnonymisationApprovalForm) and form.task_state is not None:
        return form
    return AnonymisationApprovalForm(task_state=task_state)
