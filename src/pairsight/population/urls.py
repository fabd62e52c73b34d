from django.urls import path

from pairsight.population import views

app_name = "population"

urlpatterns = [
    path("", views.population_page, name="page"),
    path("official-data/", views.official_data, name="official_data"),
    path("scenarios/", views.scenario_list, name="scenarios"),
    path("scenarios/save/", views.scenario_save, name="save"),
    path("scenarios/compare/", views.scenario_compare, name="compare"),
    path("scenarios/<int:scenario_id>/", views.scenario_detail, name="scenario"),
    path("scenarios/<int:scenario_id>/choose/", views.scenario_choose, name="choose"),
    path("scenarios/<int:scenario_id>/delete/", views.scenario_delete, name="delete"),
    path("scenarios/<int:scenario_id>/download/", views.scenario_download, name="download"),
]
