from allauth.account import views as account_views
from django.conf import settings
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
