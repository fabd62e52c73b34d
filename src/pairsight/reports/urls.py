from django.urls import path

from pairsight.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_page, name="page"),
    path("preview/", views.preview, name="preview"),
    path("disclosure/", views.disclosure, name="disclosure"),
    path("text/", views.narrative, name="narrative"),
    path("text/<slug:part>/", views.narrative_edit, name="narrative_edit"),
    path("build/", views.build, name="build"),
    path("build/cancel/", views.cancel, name="cancel"),
    path("build/progress/", views.progress, name="progress"),
    path("publish/", views.publish, name="publish"),
    # One name per format, so every link is checked by the URL-wide access tests.
    path("download/html/", views.download, {"format_name": "html"}, name="download_html"),
    path("download/pdf/", views.download, {"format_name": "pdf"}, name="download_pdf"),
    path("download/docx/", views.download, {"format_name": "docx"}, name="download_docx"),
    path("download/pptx/", views.download, {"format_name": "pptx"}, name="download_pptx"),
]
