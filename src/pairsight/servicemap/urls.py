from django.urls import path

from pairsight.servicemap import views
from pairsight.servicemap.importing import views as importing

app_name = "servicemap"

urlpatterns = [
    path("", views.register, name="register"),
    path("import/", importing.import_services, name="import"),
    path("import/template/<slug:file_format>/", importing.template_download, name="template"),
    path("import/<int:import_id>/", importing.import_job, name="import_job"),
    path("import/<int:import_id>/cancel/", importing.import_cancel, name="import_cancel"),
    path("import/<int:import_id>/retry/", importing.import_retry, name="import_retry"),
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
