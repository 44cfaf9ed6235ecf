"""The Editors' certificate tool in the Wagtail admin (/admin/certificates/): find a
certificate by its verification code, see what it says, and revoke it with a reason.

Everything needs ``training.change_certificate`` (Editors have it, from migration 0006);
anyone else gets Wagtail's permission-denied answer. Revoking is a POST (CSRF-checked)
from a confirmation page with a required reason, done by ``certificates.revoke``, which
records who did it in Wagtail's audit log. Revoking cannot be undone here.

training/wagtail_hooks.py mounts ``admin_urls()`` (register_admin_urls) and
``menu_item()`` (register_admin_menu_item), and registers the log action with
``certificates.register_log_actions`` (register_log_actions).
"""

from django import forms
from django.http import Http404
from django.shortcuts import redirect
from django.urls import include, path, reverse, reverse_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import certificates
from .certificates import Status, display, normalise

PERMISSION = "training.change_certificate"
NAMESPACE = "certificates_admin"
STATUS_LABELS = {Status.VALID: "Valid", Status.EXPIRED: "Expired", Status.REVOKED: "Revoked"}


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


class FindForm(forms.Form):
    code = forms.CharField(
        label="Verification code",
        help_text="The 12 characters on the certificate, for example 7KQM-3WXR-HT9P.",
        max_length=certificates.MAX_INPUT_LENGTH,
        error_messages={"required": "Enter the verification code."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        certificate = certificates.find(self.cleaned_data["code"])
        if certificate is None:
            raise forms.ValidationError("No certificate has this code. Check it against the certificate.")
        self.certificate = certificate
        return certificate.code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=certificates.REASON_MAX_LENGTH,
        help_text=(
            "The holder sees this reason; anyone checking the code sees only that the certificate was "
            "revoked and when. Do not include details of a real case."
        ),
        error_messages={"required": "Give the reason for revoking this certificate."},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label="I have checked this is the right certificate, and understand revoking cannot be undone",
        error_messages={"required": "Confirm that you have checked this is the right certificate."},
    )


class CertificateAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"
    last_crumb = False  # the page's own title at the end of the breadcrumbs

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        self.certificate = None
        if "code" in kwargs:
            code = normalise(kwargs["code"])
            self.certificate = certificates.find(code) if code else None
            if self.certificate is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = self.breadcrumbs_items + [{"url": url("find"), "label": "Certificates"}]
        if self.certificate is not None:
            items.append(
                {"url": url("detail", display(self.certificate.code)), "label": str(self.certificate)}
            )
        if self.last_crumb:
            items.append({"url": "", "label": self.page_title})
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.certificate is not None:
            state = certificates.status(self.certificate)
            context.update(
                certificate=self.certificate,
                status=state.value,
                status_label=STATUS_LABELS[state],
                detail_url=url("detail", display(self.certificate.code)),
                revoke_url=url("revoke", display(self.certificate.code)),
            )
        return context


class FindView(CertificateAdminView):
    page_title = "Certificates"
    template_name = "training/certificates/admin_find.html"

    def get(self, request):
        form = FindForm(request.GET) if "code" in request.GET else FindForm()
        if form.is_bound and form.is_valid():
            return redirect(url("detail", display(form.certificate.code)))
        status = 400 if form.is_bound else 200
        return self.render_to_response(self.get_context_data(form=form), status=status)


class DetailView(CertificateAdminView):
    page_title = "Certificate"
    template_name = "training/certificates/admin_detail.html"

    def get_page_subtitle(self):
        return self.certificate.display_code


class RevokeView(CertificateAdminView):
    page_title = "Revoke certificate"
    last_crumb = True
    template_name = "training/certificates/admin_revoke.html"

    def get_page_subtitle(self):
        return self.certificate.display_code

    def already_revoked(self):
        messages.error(self.request, "This certificate has already been revoked.")
        return redirect(url("detail", display(self.certificate.code)))

    def get(self, request, code):
        if self.certificate.revoked_at is not None:
            return self.already_revoked()
        return self.render_to_response(self.get_context_data(form=RevokeForm()))

    def post(self, request, code):
        if self.certificate.revoked_at is not None:
            return self.already_revoked()
        form = RevokeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if not certificates.revoke(self.certificate, form.cleaned_data["reason"], by=request.user):
            return self.already_revoked()
        messages.success(
            request,
            f"Certificate {self.certificate.display_code} has been revoked. Checking its code now says so.",
        )
        return redirect(url("detail", display(self.certificate.code)))


def admin_urls():
    """For the ``register_admin_urls`` hook: /admin/certificates/..."""
    patterns = [
        path("", FindView.as_view(), name="find"),
        path("<str:code>/", DetailView.as_view(), name="detail"),
        path("<str:code>/revoke/", RevokeView.as_view(), name="revoke"),
    ]
    return [path("certificates/", include((patterns, NAMESPACE)))]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def menu_item():
    """For the ``register_admin_menu_item`` hook: shown only to people who may revoke."""
    return CertificatesMenuItem(
        "Certificates",
        reverse_lazy(f"{NAMESPACE}:find"),
        name="certificates",
        icon_name="doc-full",
        order=270,
    )
