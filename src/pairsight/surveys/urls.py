from django.urls import path

from pairsight.surveys import views
from pairsight.surveys.representativeness import views as representativeness_views
from pairsight.surveys.views import uploads as upload_views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<slug:kind>/", views.survey_overview, name="survey"),
    path("<slug:kind>/start/", views.survey_start, name="start"),
    path("<slug:kind>/upload/", upload_views.upload, name="upload"),
    path("<slug:kind>/uploads/<int:upload_id>/", upload_views.match, name="match"),
    path("<slug:kind>/uploads/<int:upload_id>/discard/", upload_views.discard, name="discard"),
    path("<slug:kind>/importing/<int:job_id>/", views.import_job, name="import_job"),
    path("<slug:kind>/importing/<int:job_id>/cancel/", views.import_cancel, name="import_cancel"),
    path("<slug:kind>/importing/<int:job_id>/retry/", views.import_retry, name="import_retry"),
    path("<slug:kind>/imports/<int:batch_id>/delete/", views.import_delete, name="import_delete"),
    path("<slug:kind>/findings/", views.findings, name="findings"),
    path("<slug:kind>/findings/star/", views.star, name="star"),
    path("<slug:kind>/findings/download/", views.findings_download, name="findings_download"),
    path("<slug:kind>/responses/", views.responses_file, name="responses_file"),
    path("<slug:kind>/responses/write/", views.responses_file_start, name="responses_file_start"),
    path("<slug:kind>/responses/download/", views.responses_download, name="responses_download"),
    path("<slug:kind>/questionnaire/", views.questionnaire, name="questionnaire"),
    path("<slug:kind>/questionnaire/print/", views.questionnaire_print, name="questionnaire_print"),
    path(
        "<slug:kind>/questionnaire/pdf/", views.questionnaire_pdf_download, name="questionnaire_pdf"
    ),
    path(
        "<slug:kind>/questionnaire/microsoft-forms/",
        views.questionnaire_forms,
        name="questionnaire_forms",
    ),
    path("<slug:kind>/questionnaire/edit/", views.questionnaire_edit, name="questionnaire_edit"),
    # Who answered, beside the population; and the recruitment tracker during fieldwork.
    path(
        "<slug:kind>/representativeness/",
        representativeness_views.representativeness_page,
        name="representativeness",
    ),
    path(
        "<slug:kind>/representativeness/<slug:question_id>/remove/",
        representativeness_views.representativeness_remove,
        name="representativeness_remove",
    ),
    path("<slug:kind>/recruitment/", representativeness_views.recruitment, name="recruitment"),
]
