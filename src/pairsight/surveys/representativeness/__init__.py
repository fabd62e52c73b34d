"""Who answered, beside the population: the pages, use cases and reads (Django glue).

The arithmetic is pure and lives in `pairsight.surveys.analysis` (representativeness,
weighting, tracker); the report's part in `pairsight.surveys.representativeness_section`.
"""
