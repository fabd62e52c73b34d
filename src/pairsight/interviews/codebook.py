"""The codebook: categories of themes, each theme with a definition and an example.

Codebooks move to and from other tools as REFI-QDA codebook files (`.qdc`, the
QDA-XML codebook standard version 1.0, namespace `urn:QDA-XML:codebook:1.0`) and as CSV.
In a .qdc a category is a `Code` holding its themes as nested `Code`s; a theme's definition
and example share the standard's one `Description` element. Codes at the top level without
children that can be coded (Taguette writes its tags so) become themes in the category
"Uncategorised"; PAIRsight writes categories with isCodable="false".
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped]  # stubs are a separate package

NAMESPACE = "urn:QDA-XML:codebook:1.0"
UNCATEGORISED = "Uncategorised"
EXAMPLE_MARK = "\n\nExample: "
MAX_CODEBOOK_BYTES = 5 * 1024 * 1024
CSV_COLUMNS = ("category", "theme", "definition", "example", "colour", "guid")


class CodebookError(ValueError):
    """A codebook file that cannot be read, naming the line or the code."""


def new_guid() -> str:
    return str(uuid.uuid4()).upper()


@dataclass(frozen=True)
class Theme:
    name: str
    definition: str = ""
    example: str = ""
    colour: str = ""
    guid: str = field(default_factory=new_guid)


@dataclass(frozen=True)
class Category:
    name: str
    description: str = ""
    themes: tuple[Theme, ...] = ()
    guid: str = field(default_factory=new_guid)


@dataclass(frozen=True)
class Codebook:
    categories: tuple[Category, ...]
    origin: str = "PAIRsight"

    def themes(self) -> tuple[Theme, ...]:
        return tuple(theme for category in self.categories for theme in category.themes)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for category in self.categories:
            if not category.name.strip():
                raise CodebookError("A category has no name")
            for theme in category.themes:
                if not theme.name.strip():
                    raise CodebookError(f"A theme in {category.name!r} has no name")
                key = f"{category.name}\x00{theme.name}".casefold()
                if key in seen:
                    raise CodebookError(
                        f"The theme {theme.name!r} appears twice in {category.name!r}"
                    )
                seen.add(key)


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def to_qdc(codebook: Codebook) -> bytes:
    """The codebook as a REFI-QDA codebook file."""
    root = etree.Element(_q("CodeBook"), nsmap={None: NAMESPACE}, origin=codebook.origin)
    codes = etree.SubElement(root, _q("Codes"))
    for category in codebook.categories:
        parent = etree.SubElement(
            codes, _q("Code"), guid=category.guid, name=category.name, isCodable="false"
        )
        if category.description:
            etree.SubElement(parent, _q("Description")).text = category.description
        for theme in category.themes:
            attributes = {"guid": theme.guid, "name": theme.name, "isCodable": "true"}
            if theme.colour:
                attributes["color"] = theme.colour
            code = etree.SubElement(parent, _q("Code"), attributes)
            description = theme.definition
            if theme.example:
                description += EXAMPLE_MARK + theme.example
            if description:
                etree.SubElement(code, _q("Description")).text = description
    etree.SubElement(root, _q("Sets"))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def from_qdc(content: bytes) -> Codebook:
    """A codebook from a REFI-QDA codebook file (PAIRsight's, Taguette's, QualCoder's ...).

    Deeper nesting than category and theme is flattened: a code's descendants become themes
    of its top-level category, named with their path ("Barriers / Stigma").
    """
    if len(content) > MAX_CODEBOOK_BYTES:
        raise CodebookError("The codebook file is larger than 5 MB")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise CodebookError(f"Not a REFI-QDA codebook: {error}") from None
    if root.tag != _q("CodeBook"):
        raise CodebookError(
            f"Not a REFI-QDA codebook: the root element is {etree.QName(root).localname!r}, "
            f"not CodeBook in {NAMESPACE}"
        )
    codes = root.find(_q("Codes"))
    categories: list[Category] = []
    loose: list[Theme] = []
    for code in codes.findall(_q("Code")) if codes is not None else []:
        children = code.findall(_q("Code"))
        if not children and code.get("isCodable", "true") != "false":
            loose.append(_theme(code, code.get("name", "")))
            continue
        themes = tuple(_theme(element, path) for element, path in _descendants(code, prefix=""))
        categories.append(
            Category(
                name=_name(code),
                description=_description(code),
                themes=themes,
                guid=code.get("guid") or new_guid(),
            )
        )
    if loose:
        categories.append(Category(UNCATEGORISED, themes=tuple(loose)))
    origin = root.get("origin") or "REFI-QDA"
    return Codebook(tuple(categories), origin=origin)


def _descendants(code: etree._Element, prefix: str) -> list[tuple[etree._Element, str]]:
    found = []
    for child in code.findall(_q("Code")):
        path = f"{prefix}{_name(child)}"
        found.append((child, path))
        found.extend(_descendants(child, prefix=path + " / "))
    return found


def _name(code: etree._Element) -> str:
    name = (code.get("name") or "").strip()
    if not name:
        raise CodebookError(f"A code (guid {code.get('guid', '?')}) has no name")
    return name


def _description(code: etree._Element) -> str:
    element = code.find(_q("Description"))
    return (element.text or "") if element is not None else ""


def _theme(code: etree._Element, name: str) -> Theme:
    definition, _, example = _description(code).partition(EXAMPLE_MARK)
    return Theme(
        name=name.strip() or _name(code),
        definition=definition,
        example=example,
        colour=code.get("color") or "",
        guid=code.get("guid") or new_guid(),
    )


def to_csv(codebook: Codebook) -> str:
    """One row per theme (a category without themes gets a row with an empty theme)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for category in codebook.categories:
        if not category.themes:
            writer.writerow([_cell(category.name), "", _cell(category.description), "", "", ""])
        for theme in category.themes:
            writer.writerow(
                [
                    _cell(category.name),
                    _cell(theme.name),
                    _cell(theme.definition),
                    _cell(theme.example),
                    theme.colour,
                    theme.guid,
                ]
            )
    return out.getvalue()


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def from_csv(text: str) -> Codebook:
    """A codebook from CSV with at least the columns category and theme."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {name.strip().lower(): name for name in reader.fieldnames or []}
    for needed in ("category", "theme"):
        if needed not in columns:
            raise CodebookError(f"The CSV has no {needed!r} column (it needs category and theme)")
    order: dict[str, list[Theme]] = {}
    descriptions: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):

        def value(column: str, row: dict[str, str | None] = row) -> str:
            original = columns.get(column)
            return (row.get(original) or "").strip() if original else ""

        category = value("category")
        if not category:
            raise CodebookError(f"Line {number}: the category is empty")
        themes = order.setdefault(category, [])
        name = value("theme")
        if not name:
            descriptions[category] = value("definition")
            continue
        themes.append(
            Theme(
                name=name,
                definition=value("definition"),
                example=value("example"),
                colour=value("colour") or value("color"),
                guid=value("guid") or new_guid(),
            )
        )
    if not order:
        raise CodebookError("The CSV has no rows")
    return Codebook(
        tuple(
            Category(name, descriptions.get(name, ""), tuple(themes))
            for name, themes in order.items()
        )
    )


#: The categories of Birmingham's interview themes as its 2022 summary lists them. The
#: summary says "37 common themes grouped into seven categories" and lists eight headings;
#: all eight are here. It names no themes, so the starter codebook has none: the team adds
#: its own.
BIRMINGHAM_2022_CATEGORIES = (
    "Insights into current service provision",
    "Barriers for families",
    "Enabling factors for families",
    "Impacts of covid",
    "Impact of wider determinants and inequalities",
    "Holding the child's voice in mind",
    '"Think Family"',
    "Aspirations for future service provision",
)
BIRMINGHAM_2022_SOURCE = (
    "Nuttall C, Mitchell Meades A (2022). Nurturing the future: holding young minds in mind. "
    "Birmingham needs assessment summary, workstream 2 (service mapping and interviews)."
)


def starter_codebook() -> Codebook:
    return Codebook(
        tuple(Category(name) for name in BIRMINGHAM_2022_CATEGORIES),
        origin="PAIRsight starter codebook (Birmingham 2022 categories)",
    )
