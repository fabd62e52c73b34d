"""The population pages: the need estimate workspace, official data and scenarios."""

from pairsight.population.views.scenarios import (
    scenario_choose,
    scenario_compare,
    scenario_delete,
    scenario_detail,
    scenario_download,
    scenario_list,
    scenario_save,
)
from pairsight.population.views.workspace import (
    WorkspaceParts,
    fragments,
    official_data,
    person_name,
    population_page,
    workspace_parts,
)

__all__ = [
    "WorkspaceParts",
    "fragments",
    "official_data",
    "person_name",
    "population_page",
    "scenario_choose",
    "scenario_compare",
    "scenario_delete",
    "scenario_detail",
    "scenario_download",
    "scenario_list",
    "scenario_save",
    "workspace_parts",
]
