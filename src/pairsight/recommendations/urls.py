from django.urls import path

from pairsight.recommendations import views
from pairsight.recommendations.consultation import views as consultation

app_name = "recommendations"

urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.new, name="new"),
    path("categories/", views.categories, name="categories"),
    path("categories/<int:category_id>/rename/", views.category_rename, name="category_rename"),
    path("categories/<int:category_id>/remove/", views.category_remove, name="category_remove"),
    path("import/", views.import_file, name="import"),
    path("import/<int:job_id>/cancel/", views.import_cancel, name="import_cancel"),
    path("import/<int:job_id>/retry/", views.import_retry, name="import_retry"),
    path("download/<slug:file_format>/", views.download, name="download"),
    path("<int:recommendation_id>/", views.detail, name="detail"),
    path("<int:recommendation_id>/edit/", views.edit, name="edit"),
    path("<int:recommendation_id>/evidence/", views.cite, name="cite"),
    path(
        "<int:recommendation_id>/evidence/<int:citation_id>/remove/",
        views.uncite,
        name="uncite",
    ),
    path("<int:recommendation_id>/move/", views.move, name="move"),
    path("consultation/", consultation.home, name="consultation"),
    path("consultation/open/", consultation.open_round, name="consultation_open"),
    path("consultation/<int:round_id>/", consultation.round_page, name="consultation_round"),
    path(
        "consultation/<int:round_id>/close/",
        consultation.close_round,
        name="consultation_close",
    ),
    path(
        "consultation/<int:round_id>/<int:recommendation_id>/",
        consultation.respond,
        name="consultation_respond",
    ),
    path(
        "consultation/<int:round_id>/<int:recommendation_id>/change/",
        consultation.change_made,
        name="consultation_change",
    ),
]
