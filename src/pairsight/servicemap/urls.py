from django.urls import path

from pairsight.servicemap import views

app_name = "servicemap"

urlpatterns = [
    path("", views.register, name="register"),
    path("import/", views.import_services, name="import"),
    path("import/template/<slug:file_format>/", views.template_download, name="template"),
    path("triage/", views.triage, name="triage"),
    path("add/", views.add, name="add"),
    path("sectors/", views.sector, name="sector"),
    path("<int:service_id>/", views.service, name="service"),
    path("analysis/", views.analysis, name="analysis"),
    path("map/", views.service_map, name="map"),
    path("map/locate/", views.locate, name="locate"),
    path("map-of-support/", views.support, name="support"),
    path("export/<slug:file_format>/", views.export, name="export"),
]
