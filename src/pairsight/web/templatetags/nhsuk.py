"""Filters that render Django forms with NHS.UK design system markup."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()

# Attributes the field template writes itself.
_OWN_ATTRIBUTES = {"class", "id", "name", "type", "value", "required", "aria-describedby"}


@register.filter
def choice_hint(field: forms.Field, value: object) -> str:
    hints: dict[str, str] = getattr(field, "choice_hints", {})
    return hints.get(str(value), "")


@register.filter
def input_type(bound: BoundField) -> str:
    widget = bound.field.widget
    kind = getattr(widget, "input_type", "text")
    # The NHS.UK design system asks for text inputs with a numeric keyboard, not type=number.
    return "text" if kind == "number" else kind


@register.filter
def widget_attrs(bound: BoundField) -> SafeString:
    widget = bound.field.widget
    attrs = {k: v for k, v in widget.attrs.items() if k not in _OWN_ATTRIBUTES}
    if isinstance(widget, forms.NumberInput):
        attrs.setdefault("inputmode", "numeric")
        attrs.setdefault("spellcheck", "false")
    return format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if v is not None))


def _as_list(forms_or_form: Any) -> list[Any]:
    if forms_or_form is None:
        return []
    if isinstance(forms_or_form, forms.BaseForm | forms.BaseFormSet):
        return [forms_or_form]
    return [f for f in forms_or_form if f is not None]


def _anchor(form: forms.BaseForm, name: str) -> str:
    bound = form[name]
    if bound.widget_type in {"radioselect", "checkboxselectmultiple"}:
        return f"{bound.auto_id}_0"
    return str(bound.auto_id)


def _form_errors(form: forms.BaseForm) -> Iterator[tuple[str, str]]:
    if not form.is_bound:
        return
    for message in form.non_field_errors():
        yield "", str(message)
    for name in form.fields:
        for message in form.errors.get(name, []):
            yield _anchor(form, name), str(message)


@register.filter
def error_links(forms_or_form: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for item in _as_list(forms_or_form):
        if isinstance(item, forms.BaseFormSet):
            if item.is_bound:
                links.extend(("", str(m)) for m in item.non_form_errors())
            for form in item.forms:
                links.extend(_form_errors(form))
        else:
            links.extend(_form_errors(item))
    return links


@register.filter
def has_errors(forms_or_form: Any) -> bool:
    return bool(error_links(forms_or_form))


@register.filter
def thousands(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    try:
        number = float(str(value))
    except ValueError:
        return str(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"


@register.filter
def as_json(value: object) -> str:
    """JSON text for an HTML attribute (the template escapes it)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
