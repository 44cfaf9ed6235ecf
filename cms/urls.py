from allauth.account import views as account_views
from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.users.views import sign_in_with_allauth

urlpatterns = [
    # Every sign-in goes through allauth (rate limits, email verification, two-factor):
    # Wagtail's own login and password-reset forms only redirect there.
    path("admin/login/", sign_in_with_allauth, {"default_next": "/admin/"}),
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("_util/login/", sign_in_with_allauth),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # "Register" is the word people look for; allauth calls it signup.
    path("accounts/register/", account_views.signup, name="register"),
    path("accounts/", include("cms.users.urls")),
    path("accounts/", include("allauth.urls")),
    path("case-study-feedback/", include("case_studies.urls")),
    path(
        "accessibility/", TemplateView.as_view(template_name="pages/accessibility.html"), name="accessibility"
    ),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("search/", include("search.urls")),
    path("video/", include("media.urls")),
    path("scenario-progress/", include("training.urls")),
    path("sessions/", include("training.booking.urls")),
    path("contact-a-champion/", include("champions.urls")),
    path("my-learning/", include("training.completion.urls")),
    path("glossary/", include("cms.glossary.urls")),
    path("agencies/", include("cms.agency_guides.urls")),
    path("can-i-share/", include("cms.can_i_share.urls")),
    path("certificates/", include("training.completion.verify_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
