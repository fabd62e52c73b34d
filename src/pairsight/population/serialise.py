"""The stable JSON shape of a need estimate (schema `pairsight.need/1`, see README)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pairsight.population.figures import exact_text
from pairsight.population.presets import AttachmentClass, Distribution

if TYPE_CHECKING:
    from pairsight.population.estimate import NeedEstimate

SCHEMA = "pairsight.need/1"


def distribution_to_dict(distribution: Distribution) -> dict[str, str]:
    return {c.value: exact_text(distribution.share(c)) for c in AttachmentClass}


def need_estimate_to_dict(result: NeedEstimate) -> dict[str, Any]:
    inputs = result.inputs
    weighting = result.weighting
    return {
        "schema": SCHEMA,
        "area": {"name": inputs.area_name or None, "code": inputs.area_code or None},
        "reading": {
            "kind": inputs.reading.value,
            "children": inputs.children,
            "description": inputs.reading.description,
            "source": inputs.children_source,
            "unit": result.unit,
        },
        "method": result.method,
        "preset": {
            "name": inputs.preset.name,
            "version": inputs.preset.version,
            "title": inputs.preset.title,
            "citation": inputs.preset.source.citation,
            "convention": inputs.preset.convention.value,
        },
        "split": {
            "name": inputs.split.name,
            "version": inputs.split.version,
            "title": inputs.split.title,
            "citation": inputs.split.source.citation,
            "local_assumption": inputs.split.source.local_assumption,
            "shares": {
                c.value: {p.value: exact_text(s) for p, s in row.items()}
                for c, row in inputs.split.shares.items()
            },
        },
        "distribution": distribution_to_dict(result.distribution),
        "scenarios": {
            name: distribution_to_dict(d) for name, d in sorted(result.scenarios.items())
        },
        "pathways": [
            {
                "pathway": row.pathway.value,
                "attachment_class": row.attachment_class.value,
                "share_of_children": exact_text(row.share),
                **row.count.to_dict(),
            }
            for row in result.rows
        ],
        "class_totals": {c.value: f.to_dict() for c, f in result.class_totals.items()},
        "specialised_need": result.specialised_need.to_dict(),
        "capacity": {
            **result.capacity.to_dict(),
            "services": [
                {"name": c.name, "families_per_year": c.families_per_year} for c in inputs.capacity
            ],
        },
        "unmet_need": result.unmet_need.to_dict(),
        "staff_needed": (
            {
                **result.staff_needed.to_dict(),
                "caseload_per_wte": exact_text(inputs.caseload_per_wte),
            }
            if result.staff_needed is not None and inputs.caseload_per_wte is not None
            else None
        ),
        "deprivation": (
            {
                "most_deprived_deciles": sorted(weighting.most_deprived_deciles),
                "population_label": weighting.population_label,
                "total_population": weighting.total_population,
                "deprived_population": weighting.deprived_population,
                "deprived_share": exact_text(weighting.deprived_share),
            }
            if weighting is not None
            else None
        ),
    }
