"""Filters that render Django forms with NHS.UK design system markup."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


# Form fields ------------------------------------------------------------------------------
# Written in Python rather than as an included template: a page such as the population
# form renders dozens of fields, and template logic for each one was most of its time.

_WIDTH_CLASSES = {"full", "three-quarters", "two-thirds", "one-half", "one-third", "one-quarter"}


def _describedby(*ids: str) -> str:
    joined = " ".join(i for i in ids if i)
    return format_html(' aria-describedby="{}"', joined) if joined else ""


def _hint_and_error(bound: BoundField, hint: str, extra_class: str = "") -> tuple[str, str, str]:
    fid = str(bound.auto_id)
    hint_text = hint or str(bound.help_text or "")
    hint_id = f"{fid}-hint" if hint_text else ""
    error_id = f"{fid}-error" if bound.errors else ""
    hint_html = (
        format_html('<div class="nhsuk-hint{}" id="{}">{}</div>', extra_class, hint_id, hint_text)
        if hint_text
        else ""
    )
    error_html = (
        format_html(
            '<span class="nhsuk-error-message" id="{}">{}</span>',
            error_id,
            mark_safe(  # noqa: S308 - every part is escaped by format_html
                "<br>".join(
                    format_html('<span class="nhsuk-u-visually-hidden">Error: </span>{}', e)
                    for e in bound.errors
                )
            ),
        )
        if bound.errors
        else ""
    )
    return hint_html, error_html, _describedby(hint_id, error_id)


def _radios(bound: BoundField, *, size: str, heading: bool, hint: str, inline: bool) -> str:
    fid = str(bound.auto_id)
    hint_html, error_html, describedby = _hint_and_error(bound, hint)
    legend = format_html(
        '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--{}">{}</legend>',
        size or "s",
        format_html('<h1 class="nhsuk-fieldset__heading">{}</h1>', bound.label)
        if heading
        else bound.label,
    )
    hints: dict[str, str] = getattr(bound.field, "choice_hints", {})
    items = []
    for radio in bound:
        rid = radio.id_for_label
        item_hint = hints.get(str(radio.data["value"]), "")
        items.append(
            format_html(
                '<div class="nhsuk-radios__item"><input class="nhsuk-radios__input" id="{}" '
                'name="{}" type="radio" value="{}"{}{}><label class="nhsuk-label '
                'nhsuk-radios__label" for="{}">{}</label>{}</div>',
                rid,
                bound.html_name,
                radio.data["value"],
                mark_safe(" checked") if radio.data["selected"] else "",
                _describedby(f"{rid}-item-hint" if item_hint else ""),
                rid,
                radio.choice_label,
                format_html(
                    '<div class="nhsuk-hint nhsuk-radios__hint" id="{}-item-hint">{}</div>',
                    rid,
                    item_hint,
                )
                if item_hint
                else "",
            )
        )
    del fid
    return format_html(
        '<div class="nhsuk-form-group{}"><fieldset class="nhsuk-fieldset"{}>{}{}{}'
        '<div class="nhsuk-radios{}" data-module="nhsuk-radios">{}</div></fieldset></div>',
        " nhsuk-form-group--error" if bound.errors else "",
        describedby,
        legend,
        hint_html,
        error_html,
        " nhsuk-radios--inline" if inline else "",
        mark_safe("".join(items)),  # noqa: S308 - each item is built with format_html
    )


def _control(bound: BoundField, *, width: str, describedby: str, rows: int) -> str:
    fid = str(bound.auto_id)
    kind = bound.widget_type
    error = bool(bound.errors)
    if kind == "select":
        options = "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                option.data["value"],
                mark_safe(" selected") if option.data["selected"] else "",
                option.choice_label,
            )
            for option in bound
        )
        return format_html(
            '<select class="nhsuk-select{}" id="{}" name="{}"{}>{}</select>',
            " nhsuk-select--error" if error else "",
            fid,
            bound.html_name,
            describedby,
            mark_safe(options),  # noqa: S308 - each option is built with format_html
        )
    if kind == "textarea":
        value = bound.value()
        return format_html(
            '<textarea class="nhsuk-textarea{}" id="{}" name="{}" rows="{}"{}>{}</textarea>',
            " nhsuk-textarea--error" if error else "",
            fid,
            bound.html_name,
            rows,
            describedby,
            "" if value is None else value,
        )
    classes = ["nhsuk-input"]
    if width:
        classes.append(
            f"nhsuk-u-width-{width}" if width in _WIDTH_CLASSES else f"nhsuk-input--width-{width}"
        )
    if error:
        classes.append("nhsuk-input--error")
    value_html = ""
    if kind == "password":
        classes += ["nhsuk-password-input__input", "nhsuk-js-password-input-input"]
    else:
        value = bound.value()
        value_html = format_html(' value="{}"', "" if value is None else value)
    return format_html(
        '<input class="{}" id="{}" name="{}" type="{}"{}{}{}>',
        " ".join(classes),
        fid,
        bound.html_name,
        input_type(bound),
        value_html,
        describedby,
        widget_attrs(bound),
    )


@register.simple_tag
def nhsuk_field(
    bound: BoundField,
    *,
    label: str = "",
    hint: str = "",
    size: str = "",
    width: str = "",
    heading: bool = False,
    label_hidden: bool = False,
    inline: bool = False,
    rows: int = 4,
    group_classes: str = "",
) -> str:
    """One form field as an NHS.UK form group: label, hint, error message and control."""
    if bound.widget_type == "radioselect":
        return _radios(bound, size=size, heading=heading, hint=hint, inline=inline)
    hint_html, error_html, describedby = _hint_and_error(bound, hint)
    label_classes = "nhsuk-label"
    if size:
        label_classes += f" nhsuk-label--{size}"
    if label_hidden:
        label_classes += " nhsuk-u-visually-hidden"
    label_html = format_html(
        '<label class="{}" for="{}">{}</label>', label_classes, bound.auto_id, label or bound.label
    )
    if heading:
        label_html = format_html('<h1 class="nhsuk-label-wrapper">{}</h1>', label_html)
    control = _control(bound, width=str(width), describedby=describedby, rows=rows)
    password = bound.widget_type == "password"
    if password:
        control = format_html(
            '<div class="nhsuk-input-wrapper">{}<button class="nhsuk-button '
            "nhsuk-button--secondary nhsuk-button--small nhsuk-password-input__toggle "
            'nhsuk-js-password-input-toggle" data-module="nhsuk-button" type="button" '
            'aria-label="Show password" aria-controls="{}" hidden>Show</button></div>',
            control,
            bound.auto_id,
        )
    classes = "nhsuk-form-group"
    if bound.errors:
        classes += " nhsuk-form-group--error"
    if password:
        classes += " nhsuk-password-input"
    if group_classes:
        classes += f" {group_classes}"
    return format_html(
        '<div class="{}"{}>{}{}{}{}</div>',
        classes,
        mark_safe(' data-module="nhsuk-password-input"') if password else "",
        label_html,
        hint_html,
        error_html,
        control,
    )
