"""The questionnaire on paper: an accessible HTML page, and a PDF of it (WeasyPrint).

Paper copies are how some parents answer (at a baby group, in a waiting room), so the
printed form must hold everything the online one does: routing, help text and the
"other, please specify" boxes.
"""

from __future__ import annotations

from html import escape

from pairsight.core.printing import html_to_pdf
from pairsight.surveys.instruments.model import (
    FreeText,
    Instrument,
    MultipleChoice,
    NumberQuestion,
    Question,
    Ranking,
    RatingGrid,
    ScaleQuestion,
    SingleChoice,
)

_STYLE = """
@page { size: A4; margin: 18mm 16mm; @bottom-right { content: "Page " counter(page)
  " of " counter(pages); font-size: 9pt; } }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; color: #212b32;
  line-height: 1.4; max-width: 48em; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
.meta { color: #4c6272; font-size: 9.5pt; }
.question { break-inside: avoid; margin: 14pt 0; }
.question h2 { font-size: 12pt; margin: 0 0 4pt; }
.number { display: inline-block; min-width: 1.8em; }
.hint, .routing { color: #4c6272; font-size: 10pt; margin: 0 0 4pt; }
.routing { font-style: italic; }
ul.choices { list-style: none; padding: 0; margin: 0; }
ul.choices li { margin: 3pt 0; }
.box, .circle { display: inline-block; width: 10pt; height: 10pt; border: 1pt solid #212b32;
  vertical-align: -1pt; margin-right: 6pt; }
.circle { border-radius: 50%; }
.write { display: inline-block; border-bottom: 1pt solid #212b32; min-width: 14em;
  height: 12pt; }
.lines div { border-bottom: 1pt solid #aeb7bd; height: 20pt; }
table.grid { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
table.grid th, table.grid td { border: 0.5pt solid #aeb7bd; padding: 3pt; text-align: center; }
table.grid th[scope=row] { text-align: left; font-weight: normal; width: 36%; }
.rank { display: inline-block; width: 18pt; height: 14pt; border: 1pt solid #212b32;
  margin-right: 6pt; }
"""


def questionnaire_html(instrument: Instrument) -> str:
    """A complete, self-contained HTML document of the questionnaire for printing."""
    body = [
        f"<h1>{escape(instrument.title)}</h1>",
        f'<p class="meta">Version {escape(instrument.version)}'
        + (f" · For: {escape(instrument.audience)}" if instrument.audience else "")
        + "</p>",
    ]
    if instrument.description:
        body.append(f"<p>{escape(instrument.description.strip())}</p>")
    body.append(
        '<p class="hint">Tick one box unless the question says "tick all that apply". '
        "Questions marked * need an answer.</p>"
    )
    for number, question in instrument.numbered():
        body.append(_question(number, question))
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(instrument.title)} (version {escape(instrument.version)})</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def questionnaire_pdf(instrument: Instrument) -> bytes:
    """The printable questionnaire as a PDF."""
    return html_to_pdf(questionnaire_html(instrument))


def _question(number: int, question: Question) -> str:
    required = ' <span aria-label="required">*</span>' if question.required else ""
    parts = [
        f'<section class="question" id="q-{escape(question.id)}">',
        f'<h2><span class="number">{number}.</span>{escape(question.text.strip())}{required}</h2>',
    ]
    if question.routing:
        parts.append(f'<p class="routing">{escape(question.routing.strip())}</p>')
    if question.help:
        parts.append(f'<p class="hint">{escape(question.help.strip())}</p>')
    parts.append(_answer_area(question))
    parts.append("</section>")
    return "\n".join(parts)


def _answer_area(question: Question) -> str:
    if isinstance(question, SingleChoice | MultipleChoice):
        mark = "circle" if isinstance(question, SingleChoice) else "box"
        choices = [_choice(mark, label) for label in question.labels]
        if question.other:
            choices.append(
                _choice(mark, question.other_label) + ' <span class="write" aria-hidden="true">'
                "</span>"
            )
        return '<ul class="choices">' + "".join(choices) + "</ul>"
    if isinstance(question, ScaleQuestion):
        points = [_choice("circle", label) for label in question.scale.all_labels]
        return '<ul class="choices">' + "".join(points) + "</ul>"
    if isinstance(question, RatingGrid):
        head = "".join(
            f'<th scope="col">{escape(label)}</th>' for label in question.scale.all_labels
        )
        cells = '<td><span class="circle"></span></td>' * len(question.scale.all_labels)
        body = "".join(
            f'<tr><th scope="row">{escape(s.text)}</th>{cells}</tr>' for s in question.statements
        )
        return (
            '<table class="grid"><thead><tr><td></td>'
            f"{head}</tr></thead><tbody>{body}</tbody></table>"
        )
    if isinstance(question, Ranking):
        items = "".join(
            f'<li><span class="rank"></span>{escape(item.text)}</li>' for item in question.items
        )
        return (
            f'<p class="hint">Write 1 beside your first choice, 2 beside the next, and so on '
            f"up to {len(question.items)}.</p>"
            f'<ul class="choices">{items}</ul>'
        )
    if isinstance(question, NumberQuestion):
        unit = f" {escape(question.unit)}" if question.unit else ""
        return f'<p><span class="write" style="min-width:6em"></span>{unit}</p>'
    assert isinstance(question, FreeText)
    count = 5 if question.long else 1
    return '<div class="lines">' + "<div></div>" * count + "</div>"


def _choice(mark: str, label: str) -> str:
    return f'<li><span class="{mark}" aria-hidden="true"></span>{escape(label)}</li>'
