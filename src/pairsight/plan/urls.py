from django.urls import path

from pairsight.plan import views

app_name = "plan"

urlpatterns = [
    path("", views.page, name="page"),
    path("template/", views.start_from_template, name="template"),
    path("plan.csv", views.download, name="download"),
    path("<slug:kind>/new/", views.add, name="add"),
    path("<slug:kind>/<int:item_id>/edit/", views.edit, name="edit"),
    path("<slug:kind>/<int:item_id>/remove/", views.remove, name="remove"),
]
