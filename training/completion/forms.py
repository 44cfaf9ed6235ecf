"""The one field the "My learning" actions take: where to go back to afterwards."""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme


class ReturnForm(forms.Form):
    """`next`: a path on this site to return to (the programme page or "My learning").

    Anything else (another site, a scheme, nonsense) is ignored rather than an error: the
    action still happens and the person lands on the default page."""

    next = forms.CharField(required=False, max_length=500)

    def return_path(self, default):
        if not self.is_valid():
            return default
        path = self.cleaned_data["next"]
        if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
            return path
        return default
