"""The check page's form: the claim format as labelled fields, and back.

Every input is named by its path in the claim (``events[1].attended``,
``official.income.hourly``): the dotted path an ``ArvodeError`` gives in
``location.field``. An error is shown beside the input of that name, or at the
nearest enclosing part (an event, a fieldset), so the page places each error
where ``arvode check`` says it is. The form keeps what the official typed as
text and leaves judging it to the claim parser (``arvode.claim_from_text``):
the page refuses exactly what the command line refuses, with the same words.

Two choices belong to the form, not to the claim:

* *Deltog som* (2.1.1): Ledamot leaves ``serving`` out; Ersättare,
  tjänstgjorde writes ``serving: true``, so a downloaded file opens with the
  same choice; tjänstgjorde inte writes ``serving: false``; särskilt kallad
  writes ``serving: false, specially_called: true``. The engine pays serving or
  specially called alike, so the choice between the first two changes nothing.
* Numbers may be typed with a decimal comma (``4,5``), as Swedes write them;
  the claim gets a point, as the format wants.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

__all__ = [
    "EVENTS",
    "PARTS",
    "Field",
    "FormState",
    "Part",
    "blank_state",
    "claim_data",
    "from_claim_data",
    "from_form_items",
    "place_error",
]

Value = str | list[str]
CHECKED = "ja"
#: Rows per repeated part the form accepts; far beyond a month of meetings.
MAX_ROWS = 500


@attrs.frozen
class Field:
    """One input: ``name`` is its path inside its part (``lost_income.hours``)."""

    name: str
    label: str
    #: text | number | integer | date | month | span | check | select | multi | participation
    kind: str
    hint: str = ""
    #: Which option list a select shows: organs, kinds, roles, covers, election_roles, absence_reasons.
    choices: str = ""
    #: The fieldset it sits in, by ``Box.key``.
    box: str = ""
    default: str = ""
    required: bool = False


@attrs.frozen
class Box:
    """A fieldset inside a part; ``fold`` makes it a ``<details>`` closed while empty."""

    key: str
    legend: str = ""
    fold: bool = False
    #: The claim path of the box inside its part, where the parser reports its errors.
    path: str = ""
    hint: str = ""


@attrs.frozen
class Part:
    """A block of the claim: ``official``, ``period``, or a list such as ``events``."""

    path: str
    title: str
    fields: tuple[Field, ...]
    boxes: tuple[Box, ...] = (Box(""),)
    repeated: bool = False
    row_title: str = ""
    add_label: str = ""
    hint: str = ""

    def row(self, index: int) -> str:
        return f"{self.path}[{index}]"

    def name(self, field: Field, index: int | None = None) -> str:
        """The input's name: its path in the claim."""
        if index is not None:
            return f"{self.row(index)}.{field.name}"
        return f"{self.path}.{field.name}" if self.path else field.name


_DATE = "ÅÅÅÅ-MM-DD"
_SPAN = "TT:MM-TT:MM, t.ex. 13:00-16:30"

OFFICIAL = Part(
    "official",
    "Förtroendevald",
    (
        Field("id", "Id", "text", "Ditt id hos lönekontoret, t.ex. p-1042.", required=True),
        Field("name", "Namn", "text"),
        Field("home_distance_km", "Avstånd hem–möteslokal, km enkel väg", "number",
              "Från folkbokföringsadressen (5.1): resor till och från ersätts från 6 km."),
        Field("income.hourly", "Styrkt timlön, kr", "number", "Enligt intyg från arbetsgivaren.", box="income"),
        Field("income.yearly", "Årsinkomst, kr", "number", "När bara årsinkomsten är visad.", box="income"),
        Field("income.vacation_pay_loss", "Begär förlorad semesterersättning (3.2 a)", "check", box="income"),
        Field("group_leader.party", "Parti", "text", box="group_leader"),
        Field("group_leader.seats", "Partiets platser i KF", "integer", box="group_leader"),
        Field("group_leader.share", "Din andel av partiets arvode", "number",
              "1 för hela, 0,5 för hälften; tomt betyder 1.", box="group_leader"),
        Field("group_leader.from", "Från", "date", _DATE, box="group_leader"),
        Field("group_leader.to", "Till", "date", _DATE + "; tomt om tillsvidare.", box="group_leader"),
    ),
    boxes=(
        Box(""),
        Box("income", "Inkomst (2.2.2)", path="income",
            hint="Används för förlorad arbetsinkomst; lämna tomt om du inte begär någon."),
        Box("group_leader", "Gruppledare (2.3.6)", fold=True, path="group_leader"),
    ),
)

ASSIGNMENTS = Part(
    "official.assignments",
    "Uppdrag med årsarvode (2.3)",
    (
        Field("role", "Uppdrag", "select", choices="roles"),
        Field("from", "Från", "date", _DATE),
        Field("to", "Till", "date", _DATE + "; tomt om tillsvidare."),
        Field("acting_for", "Ersätter frånvarande (id)", "text",
              "Bara för tillfälligt arvode (3.5): id för den du ersätter."),
    ),
    repeated=True,
    row_title="Uppdrag",
    add_label="Lägg till uppdrag",
    hint="Bara om du har ett uppdrag med årsarvode; annars lämnas detta tomt.",
)

SPECIAL_DECISIONS = Part(
    "official.special_decisions",
    "Särskilda beslut (2.3)",
    (
        Field("percent", "Procent", "number"),
        Field("from", "Från", "date", _DATE),
        Field("to", "Till", "date", _DATE + "; tomt om tillsvidare."),
        Field("covers", "Omfattar", "multi", "Välj ett eller flera uppdrag (Ctrl eller Skift).",
              choices="covers"),
        Field("reference", "Beslut", "text", "T.ex. KS 2025-03-03 § 43."),
    ),
    repeated=True,
    row_title="Särskilt beslut",
    add_label="Lägg till särskilt beslut",
)

ABSENCES = Part(
    "official.absences",
    "Frånvaro (3.5, 3.6)",
    (
        Field("from", "Från", "date", _DATE),
        Field("to", "Till", "date", _DATE),
        Field("reason", "Orsak", "select", choices="absence_reasons"),
    ),
    repeated=True,
    row_title="Frånvaro",
    add_label="Lägg till frånvaro",
)

#: The claim's top-level ``period``: a part without a path of its own.
PERIOD = Part(
    "",
    "Månad",
    (Field("period", "Månad", "month", "ÅÅÅÅ-MM, den månad du begär ersättning för.", required=True),),
)

EVENTS = Part(
    "events",
    "Händelser",
    (
        Field("date", "Datum", "date", _DATE, required=True),
        Field("organ", "Organ", "select", choices="organs"),
        Field("kind", "Typ", "select", choices="kinds"),
        Field("called", "Tid enligt kallelse", "span", _SPAN + "; tomt om du gick in utan kallelse."),
        Field("attended", "Närvarotid", "span", "Den tid du var med, " + _SPAN + "."),
        Field("participation", "Deltog som", "participation", choices="participation", default="ledamot"),
        Field("lost_income.hours", "Timmar", "number", "Förlorad arbetstid, t.ex. 4,5.", box="lost_income"),
        Field("lost_income.amount", "Styrkt belopp, kr", "number", "I stället för timmar.", box="lost_income"),
        Field("lost_income.unknown_amount", "Förlust visad men beloppet okänt (räknas från årsinkomst)",
              "check", box="lost_income"),
        Field("free_time", "Fullgjort på ledig tid (ingen förlorad arbetsinkomst)", "check", box="lost_income"),
        Field("travel.km", "Km till och från mötet", "number", "Båda vägarna tillsammans.", box="travel"),
        Field("travel.within_km", "Km under mötet", "number", box="travel"),
        Field("travel.hours", "Färdtid, timmar", "number", box="travel"),
        Field("travel.outside_municipality", "Förrättning utanför kommunen (traktamente)", "check", box="travel"),
        Field("childcare_hours", "Barntillsyn, timmar (5.2)", "number", box="costs"),
        Field("care_hours", "Vård och tillsyn, timmar (5.3)", "number", box="costs"),
        Field("disability_costs", "Kostnader vid funktionsnedsättning, kr (5.4)", "number", box="costs"),
        Field("lost_vacation_days", "Förlorade semesterdagar (3.2 b)", "integer", box="costs"),
        Field("election_role", "Roll", "select", choices="election_roles", box="election"),
        Field("hours", "Timmar", "number", box="election"),
        Field("preparation", "Förberedelse (ordförande, 5 timmar)", "check", box="election"),
        Field("training", "Utbildning (4 timmar)", "check", box="election"),
        Field("for_meeting", "Partigruppmöte inför KF-sammanträdet den", "date",
              _DATE + "; tomt: närmast följande KF-sammanträde.", box="other"),
        Field("reported", "Rapporterad den", "date", _DATE + "; tomt: sista dagen i månaden (6.1).", box="other"),
        Field("paid_by_other", "Uppdraget ersätts av någon annan (2)", "check", box="other"),
    ),
    boxes=(
        Box(""),
        Box("lost_income", "Förlorad arbetsinkomst (2.2.2)", path="lost_income",
            hint="Ange timmar, styrkt belopp eller okänt belopp, ett av dem."),
        Box("travel", "Resor (5.1)", fold=True, path="travel"),
        Box("costs", "Kostnader (5) och förlorad semesterdag (3.2 b)", fold=True),
        Box("election", "Valförrättning (2.2.3)", fold=True),
        Box("other", "Partigruppmöte, rapportering och annan betalare", fold=True),
    ),
    repeated=True,
    row_title="Händelse",
    add_label="Lägg till händelse",
)

#: The parts in the order the page shows them.
PARTS = (OFFICIAL, ASSIGNMENTS, SPECIAL_DECISIONS, ABSENCES, PERIOD, EVENTS)
_REPEATED = {part.path: part for part in PARTS if part.repeated}
_ROW_NAME = re.compile(r"(?P<part>[a-z_.]+)\[(?P<index>\d{1,4})\]\.(?P<field>[a-z_.]+)")


# ------------------------------------------------------------------------ the state
@attrs.define
class FormState:
    """What the official typed: every single input by name, every list part by rows."""

    values: dict[str, Value] = attrs.Factory(dict)
    rows: dict[str, list[dict[str, Value]]] = attrs.Factory(dict)

    def value(self, name: str) -> Value:
        match = _ROW_NAME.fullmatch(name)
        if match is not None:
            rows = self.rows.get(match["part"], [])
            index = int(match["index"])
            return rows[index].get(match["field"], "") if index < len(rows) else ""
        return self.values.get(name, "")

    def row_count(self, part: Part) -> int:
        return len(self.rows.get(part.path, []))

    def add_row(self, part_path: str) -> None:
        if part_path in _REPEATED:
            rows = self.rows.setdefault(part_path, [])
            if len(rows) < MAX_ROWS:
                rows.append(_blank_row(_REPEATED[part_path]))

    def remove_row(self, part_path: str, index: int) -> None:
        rows = self.rows.get(part_path, [])
        if 0 <= index < len(rows):
            del rows[index]

    def drop_blank_rows(self) -> None:
        """Before a calculation: an untouched row is no event, and rows keep claim indices."""
        for path, rows in self.rows.items():
            part = _REPEATED[path]
            rows[:] = [row for row in rows if not _is_blank(part, row)]

    def ensure_event_row(self) -> None:
        """The page always offers a row to type the next event into, after the others."""
        rows = self.rows.setdefault(EVENTS.path, [])
        if not rows or not _is_blank(EVENTS, rows[-1]):
            rows.append(_blank_row(EVENTS))


def _blank_row(part: Part) -> dict[str, Value]:
    return {f.name: ([] if f.kind == "multi" else f.default) for f in part.fields}


def _is_blank(part: Part, row: Mapping[str, Value]) -> bool:
    return all(row.get(f.name, f.default) in ("", [], f.default) for f in part.fields)


def blank_state() -> FormState:
    state = FormState()
    state.ensure_event_row()
    return state


def from_form_items(items: Iterable[tuple[str, str]]) -> FormState:
    """The state from a submitted form's (name, value) pairs; unknown names are ignored."""
    state = FormState()
    singles = {part.name(f): f for part in (OFFICIAL, PERIOD) for f in part.fields}
    found: dict[str, dict[int, dict[str, Value]]] = {}
    for name, value in items:
        match = _ROW_NAME.fullmatch(name)
        if match is not None:
            part = _REPEATED.get(match["part"])
            field = _field(part, match["field"]) if part is not None else None
            if part is None or field is None:
                continue
            row = found.setdefault(part.path, {}).setdefault(int(match["index"]), {})
            _collect(row, field, value)
        elif name in singles:
            _collect(state.values, singles[name], value, name)
    for part in _REPEATED.values():
        indexed = found.get(part.path, {})
        # An unchecked box sends nothing: the blank row's "" is its value.
        state.rows[part.path] = [{**_blank_row(part), **indexed[i]} for i in sorted(indexed)[:MAX_ROWS]]
    return state


def _field(part: Part, name: str) -> Field | None:
    return next((f for f in part.fields if f.name == name), None)


def _collect(into: dict[str, Value], field: Field, value: str, key: str | None = None) -> None:
    key = key or field.name
    if field.kind == "multi":
        chosen = into.get(key)
        into[key] = [*(chosen if isinstance(chosen, list) else []), value]
    else:
        into[key] = value


# ------------------------------------------------------------------ state → claim data
def _number(text: str) -> str:
    """A decimal comma becomes a point; the parser judges the rest."""
    return text.replace(",", ".") if re.fullmatch(r"[\s\d\u00a0]*,\d*", text) else text


def _claim_value(field: Field, raw: Value) -> Any:
    """The claim's value for one input, or None when the input says nothing."""
    if field.kind == "multi":
        chosen = [v for v in (raw if isinstance(raw, list) else [raw]) if v]
        return chosen or None
    text = raw.strip() if isinstance(raw, str) else ""
    if field.kind == "check":
        return True if text == CHECKED else None
    if not text:
        return None
    if field.kind == "number":
        return _number(text)
    if field.kind == "integer":
        return int(text) if re.fullmatch(r"-?\d{1,15}", text) else text
    return text


def _put(into: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for key in parents:
        into = into.setdefault(key, {})
    into[last] = value


def _fill(part: Part, get: Mapping[str, Value], into: dict[str, Any], *, prefix: str = "") -> None:
    for field in part.fields:
        if not field.name.startswith(prefix):
            continue
        value = _claim_value(field, get.get(field.name, field.default))
        if field.kind == "participation":
            _participation(str(get.get(field.name, field.default)), into)
        elif value is not None:
            _put(into, field.name, value)


def _participation(choice: str, event: dict[str, Any]) -> None:
    if choice == "ersattare":
        event["serving"] = True
    elif choice == "ersattare_ej":
        event["serving"] = False
    elif choice == "sarskilt_kallad":
        event["serving"] = False
        event["specially_called"] = True


def _rows(state: FormState, part: Part) -> list[dict[str, Any]]:
    rows = []
    for row in state.rows.get(part.path, []):
        item: dict[str, Any] = {}
        _fill(part, row, item)
        rows.append(item)
    return rows


def claim_data(state: FormState) -> dict[str, Any]:
    """The claim as plain data, keys in the order of claim-format.md."""
    official: dict[str, Any] = {}
    values = {f.name: state.values.get(OFFICIAL.name(f), f.default) for f in OFFICIAL.fields}
    for field in OFFICIAL.fields:
        if field.name.startswith("group_leader."):
            continue
        value = _claim_value(field, values[field.name])
        if value is not None:
            _put(official, field.name, value)
    if assignments := _rows(state, ASSIGNMENTS):
        official["assignments"] = assignments
    _fill(OFFICIAL, values, official, prefix="group_leader.")
    if decisions := _rows(state, SPECIAL_DECISIONS):
        official["special_decisions"] = decisions
    if absences := _rows(state, ABSENCES):
        official["absences"] = absences
    data: dict[str, Any] = {"official": official}
    period = _claim_value(PERIOD.fields[0], state.values.get("period", ""))
    if period is not None:
        data["period"] = period
    data["events"] = _rows(state, EVENTS)
    return data


# ------------------------------------------------------------------ claim data → state
def _shown(field: Field, value: Any) -> Value:
    """How a value from a file is shown in its input; what does not fit is left empty."""
    if field.kind == "multi":
        return [str(v) for v in value if _is_scalar(v)] if isinstance(value, list) else []
    if field.kind == "check":
        return CHECKED if value is True else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if _is_scalar(value) and value is not None:
        return str(value)
    return ""


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | dt.date)


def _dig(data: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _row_from(part: Part, item: Any) -> dict[str, Value]:
    row = _blank_row(part)
    for field in part.fields:
        if field.kind == "participation":
            row[field.name] = _participation_of(item)
        else:
            row[field.name] = _shown(field, _dig(item, field.name))
    return row


def _participation_of(event: Any) -> str:
    if not isinstance(event, Mapping):
        return "ledamot"
    if event.get("specially_called") is True:
        return "sarskilt_kallad"
    if event.get("serving") is False:
        return "ersattare_ej"
    if event.get("serving") is True:
        return "ersattare"
    return "ledamot"


def from_claim_data(data: Mapping[str, Any]) -> FormState:
    """The form filled from a claim file's data (as YAML gives it)."""
    state = FormState()
    official = data.get("official")
    for field in OFFICIAL.fields:
        state.values[OFFICIAL.name(field)] = _shown(field, _dig(official, field.name))
    state.values["period"] = _shown(PERIOD.fields[0], data.get("period"))
    for part in _REPEATED.values():
        items = _dig(data, part.path)
        items = items if isinstance(items, list) else []
        state.rows[part.path] = [_row_from(part, item) for item in items[:MAX_ROWS]]
    return state


# ------------------------------------------------------------------ errors → inputs
_ALIASES = {"serving": "participation", "specially_called": "participation"}


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def targets(state: FormState) -> dict[str, str]:
    """Every place an error can be shown, by claim path, with how the page names it."""
    names: dict[str, str] = {"official": OFFICIAL.title, "period": PERIOD.fields[0].label}
    for field in OFFICIAL.fields:
        names[OFFICIAL.name(field)] = field.label
    for box in OFFICIAL.boxes:
        if box.path:
            names[f"official.{box.path}"] = box.legend
    for part in _REPEATED.values():
        names[part.path] = part.title
        for index in range(state.row_count(part)):
            row = f"{part.row_title} {index + 1}"
            names[part.row(index)] = row
            for field in part.fields:
                names[part.name(field, index)] = f"{row}, {field.label.lower()}"
            for box in part.boxes:
                if box.path:
                    names[f"{part.row(index)}.{box.path}"] = f"{row}, {box.legend.lower()}"
    return names


def place_error(field_path: str | None, known: Mapping[str, str]) -> str:
    """The input or part an error at ``field_path`` is shown at; "" for the page's top."""
    path = field_path or ""
    head, _, last = path.rpartition(".")
    if last in _ALIASES and head:
        path = f"{head}.{_ALIASES[last]}"
    while path and path not in known:
        path = _parent(path)
    return path
