"""Workstreams 3 and 4: the practitioner and parent surveys, from questionnaire to findings.

Everything here except the Django glue (models, views, forms, urls, actions, queries, report,
admin, apps) is pure Python. The calls the pages, the command line and notebooks use:

Questionnaires (`pairsight.surveys.instruments`)
    shipped_instruments(), load_instrument(name_or_path), parse_instrument(text, source),
    instrument_to_yaml(instrument); microsoft_forms.forms_question_list(instrument);
    printable.questionnaire_html(instrument), printable.questionnaire_pdf(instrument)

Imports (`pairsight.surveys.importers`)
    detect.read_export(source, name) -> Export
    mapping.propose_mapping(export, instrument, saved=None) -> ColumnMapping
        (.override(header, question_id, item), .to_json(), ColumnMapping.from_json(text))
    pipeline.import_responses(source, instrument, mapping=, keep_personal=, strict=)
        -> ImportResult (.responses, .problems, .survey, ...); errors: SurveyImportError
    inference.infer_instrument(export) -> (Instrument, ColumnMapping)

Responses (`pairsight.surveys.responses`)
    SurveyResponses; responses_frame(instrument, answers, keys); stored_answers(survey)

Analysis (`pairsight.surveys.analysis`)
    analyse(survey, by=None) -> SurveyAnalysis; crosstab(survey, question_id, by);
    representativeness(survey, question_id, population, source); chart_for(survey, item);
    filter_responses(survey, question_id, answers); serialise.analysis_dict / analysis_table

Demo (`pairsight.surveys.synthetic`, always marked synthetic)
    practitioner_responses(seed), parent_responses(seed), birmingham_surveys(seed);
    exports.write_msforms_xlsx(survey, path)
"""
