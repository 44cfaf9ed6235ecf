from django.urls import path

from .admin_views import ZeroResultSearchesReportView

app_name = "site_search_reports"

urlpatterns = [
    path("", ZeroResultSearchesReportView.as_view(), name="zero_results"),
    path("results/", ZeroResultSearchesReportView.as_view(results_only=True), name="zero_results_results"),
]
