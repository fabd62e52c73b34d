from django.urls import path

from pairsight.assessments import views
from pairsight.assessments.editions import views as editions

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("assessments/new/", views.assessment_create, name="create"),
    path("assessments/restore/", views.restore, name="restore"),
    path("assessments/restore/<int:job_id>/cancel/", views.restore_cancel, name="restore_cancel"),
    path("assessments/restore/<int:job_id>/retry/", views.restore_retry, name="restore_retry"),
    path("assessments/<int:assessment_id>/", views.dashboard, name="dashboard"),
    path("assessments/<int:assessment_id>/details/", views.assessment_details, name="details"),
    path(
        "assessments/<int:assessment_id>/progress/<slug:workstream>/",
        views.progress_update,
        name="progress",
    ),
    path("assessments/<int:assessment_id>/team/", views.team, name="team"),
    path("assessments/<int:assessment_id>/team/add/", views.member_add, name="member_add"),
    path(
        "assessments/<int:assessment_id>/team/<int:membership_id>/",
        views.member_change,
        name="member_change",
    ),
    path(
        "assessments/<int:assessment_id>/team/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "assessments/<int:assessment_id>/team/<int:membership_id>/link/",
        views.member_link,
        name="member_link",
    ),
    path("assessments/<int:assessment_id>/backup/", views.backup_page, name="backup"),
    path("assessments/<int:assessment_id>/backup/start/", views.backup_start, name="backup_start"),
    path(
        "assessments/<int:assessment_id>/backup/<int:job_id>/download/",
        views.backup_download,
        name="backup_download",
    ),
    path("assessments/<int:assessment_id>/delete/", views.assessment_delete, name="delete"),
    path("assessments/<int:assessment_id>/publish/", editions.publish, name="publish"),
    path(
        "assessments/<int:assessment_id>/next-edition/", editions.next_edition, name="next_edition"
    ),
    path("assessments/<int:assessment_id>/changes/", editions.changes, name="changes"),
    path("assessments/<int:assessment_id>/audit/", views.audit, name="audit"),
    path("assessments/<int:assessment_id>/audit/file/", views.audit_file, name="audit_file"),
    path(
        "assessments/<int:assessment_id>/audit/download/",
        views.audit_download,
        name="audit_download",
    ),
]
