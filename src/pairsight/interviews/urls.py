from django.urls import path

from pairsight.interviews import views

app_name = "interviews"

urlpatterns = [
    path("", views.home, name="home"),
    path("participants/add/", views.participant_add, name="participant_add"),
    path("transcripts/upload/", views.upload, name="upload"),
    path("transcripts/<int:transcript_id>/", views.transcript, name="transcript"),
    path("transcripts/<int:transcript_id>/code/", views.code, name="code"),
    path(
        "transcripts/<int:transcript_id>/delete/",
        views.transcript_delete,
        name="transcript_delete",
    ),
    path("excerpts/<int:excerpt_id>/", views.excerpt, name="excerpt"),
    path("excerpts/<int:excerpt_id>/remove/", views.excerpt_remove, name="excerpt_remove"),
    path("search/", views.search, name="search"),
    path("passages/<int:passage_id>/similar/", views.similar, name="similar"),
    path("themes/", views.themes, name="themes"),
    path("agreement/", views.agreement, name="agreement"),
    path("agreement/merge/", views.merge, name="merge"),
    path("codebook/", views.codebook, name="codebook"),
    path("codebook/themes/<int:theme_id>/", views.theme, name="theme"),
    path("codebook/themes/<int:theme_id>/delete/", views.theme_delete, name="theme_delete"),
    path(
        "codebook/download/<slug:file_format>/", views.codebook_download, name="codebook_download"
    ),
]
