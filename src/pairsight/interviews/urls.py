from django.urls import path

from pairsight.interviews.views import answers, codebook, coding, transcripts, uploads

app_name = "interviews"

urlpatterns = [
    path("", transcripts.home, name="home"),
    path("participants/add/", transcripts.participant_add, name="participant_add"),
    path("transcripts/upload/", uploads.upload, name="upload"),
    path("transcripts/imports/<int:import_id>/", uploads.import_job, name="import_job"),
    path(
        "transcripts/imports/<int:import_id>/cancel/", uploads.import_cancel, name="import_cancel"
    ),
    path("transcripts/<int:transcript_id>/", transcripts.transcript, name="transcript"),
    path("transcripts/<int:transcript_id>/code/", transcripts.code, name="code"),
    path(
        "transcripts/<int:transcript_id>/delete/",
        transcripts.transcript_delete,
        name="transcript_delete",
    ),
    path("excerpts/<int:excerpt_id>/", coding.excerpt, name="excerpt"),
    path("excerpts/<int:excerpt_id>/remove/", coding.excerpt_remove, name="excerpt_remove"),
    path("search/", transcripts.search, name="search"),
    path("passages/<int:passage_id>/similar/", transcripts.similar, name="similar"),
    path("themes/", coding.themes, name="themes"),
    path("answers/", answers.answers, name="answers"),
    path("answers/code/<str:answer_key>/", answers.answer, name="answer"),
    path("answers/uncode/", answers.answer_uncode, name="answer_uncode"),
    path("agreement/", coding.agreement, name="agreement"),
    path("agreement/merge/", coding.merge, name="merge"),
    path("codebook/", codebook.codebook, name="codebook"),
    path("codebook/themes/<int:theme_id>/", codebook.theme, name="theme"),
    path("codebook/themes/<int:theme_id>/delete/", codebook.theme_delete, name="theme_delete"),
    path(
        "codebook/download/<slug:file_format>/",
        codebook.codebook_download,
        name="codebook_download",
    ),
]
