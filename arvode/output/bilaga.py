"""Bilaga 1 as in force on a day, for people: the amounts, the role table, gruppledare.

KSAPU reviews the yearly omräkning (6.5) on paper, not in YAML. This renders
what the rules set says on a date (every kr parameter with its section and
reference, and what each årsarvode role (2.3) and gruppledarplats (2.3.6) is
worth in kronor) and, with a second date, old and new side by side with the
change in percent. The kronor are computed the way payments are (percent ×
årsarvode rounded to öre with the rules' ``avrundning``; a month is the
``arsarvode.tolftedel`` share, 6.3), so the document cannot disagree with payroll.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from arvode.base.errors import MissingAmountError, NoRuleInForceError
from arvode.base.money import ORE, format_kr, format_number, round_money, times
from arvode.calculation.arsarvode.roller import group_leader_percent, role_percent
from arvode.rules.belopp import rounding_text
from arvode.rules.catalogue import RoleTerms
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup
from arvode.rules.omrakning import MODE_PARAMETER
from arvode.rules.params import DatedValue, Parameter

__all__ = [
    "FORMATS",
    "Amount",
    "Bilaga",
    "Document",
    "RoleAmount",
    "SeatAmount",
    "Table",
    "bilaga_on",
    "build_document",
    "render",
]

FORMATS = ("md", "html")


@attrs.frozen
class Amount:
    """A kr parameter on a day; ``value`` is None when the rules give none (``why``)."""

    parameter: Parameter
    value: DatedValue[Any] | None
    why: str = ""


@attrs.frozen
class RoleAmount:
    """An årsarvode role on a day: its percent (2.3.5 and valår applied) and kronor."""

    key: str
    title: str
    level: int | None
    percent: Decimal | None
    basis: str
    reference: str
    yearly: Decimal | None
    monthly: Decimal | None


@attrs.frozen
class SeatAmount:
    """One line of 2.3.6's seat scale: percent and kronor per seat."""

    seat: str
    percent: Decimal
    yearly: Decimal
    monthly: Decimal
    reference: str


@attrs.frozen
class Bilaga:
    """Everything the document shows for one day."""

    day: dt.date
    rules_name: str
    regulation: str
    #: The årsarvode 100 %, or None when the set gives none on the day (the reason in ``no_arsarvode``).
    arsarvode: DatedValue[Decimal] | None
    mode: str
    omrakning_mode: str | None
    month_share: str
    amounts: tuple[Amount, ...]
    roles: tuple[RoleAmount, ...]
    seats: tuple[SeatAmount, ...]
    #: The document's title and the sections its tables cite, from the set (a municipality's own words).
    title: str = "Belopp"
    roles_section: str = ""
    seats_section: str = ""
    month_section: str = ""
    no_arsarvode: str = ""
    special_decisions: bool = False


def _amount(rules: Rules, parameter: Parameter, day: dt.date) -> Amount:
    try:
        return Amount(parameter, rules.value(parameter.name, day))
    except MissingAmountError as exc:
        return Amount(parameter, None, exc.problem if parameter.values else "anges inte i regelverket")
    except NoRuleInForceError:
        first = parameter.values[0].valid_from.isoformat() if parameter.values else "aldrig"
        return Amount(parameter, None, f"inte i kraft (från {first})")


def _basis(rules: Rules, key: str, day: dt.date) -> str:
    """Why a role has its percent: a 2.3.5 derivation or Valnämnd's valår rule."""
    terms = rules.roles[key].at(day)
    if terms.derived_from is not None:
        assert terms.share_of_derived is not None
        base = rules.roles[terms.derived_from].title
        return f"{format_number(terms.share_of_derived)} % av {base}"
    if terms.election_year_percent is not None:
        assert terms.percent is not None
        if day.year in rules.value("valar", day).value:
            return f"valår {day.year} (annars {format_number(terms.percent)} %)"
        return f"ej valår {day.year} (valår {format_number(terms.election_year_percent)} %)"
    return ""


def _kronor(look: Lookup, percent: Decimal) -> tuple[Decimal | None, Decimal | None]:
    """Yearly (percent × årsarvode, to öre) and one month's share of it (6.3); None without a base."""
    try:
        yearly = look.round(times(look.amount("arsarvode"), percent / 100))
        monthly = look.round(times(yearly, look.share("arsarvode.tolftedel")))
    except (NoRuleInForceError, MissingAmountError):
        return None, None
    return yearly, monthly


def _seat_steps(terms: RoleTerms) -> str:
    """A percent by the party's KF seats, as the table reads ("3–5 platser 30 %; 9– 45 % + 5 % per plats")."""
    parts = []
    for index, step in enumerate(terms.by_seats):
        following = terms.by_seats[index + 1].seats - 1 if index + 1 < len(terms.by_seats) else None
        seats = f"{step.seats}–{following}" if following is not None and following != step.seats else (
            str(step.seats) if following is not None else f"{step.seats}–")
        extra = f" + {format_number(step.per_seat)} % per plats över {step.seats}" if step.per_seat else ""
        parts.append(f"{seats} platser {format_number(step.percent)} %{extra}")
    return "efter partiets platser i fullmäktige: " + "; ".join(parts)


def _role(rules: Rules, look: Lookup, key: str) -> RoleAmount:
    role = rules.roles[key]
    try:
        terms = role.at(look.day)
    except (NoRuleInForceError, MissingAmountError) as exc:
        return RoleAmount(key, role.title, None, None, exc.problem, "", None, None)
    if terms.by_seats:
        return RoleAmount(key, role.title, terms.level, None, _seat_steps(terms), terms.reference, None, None)
    try:
        found = role_percent(rules, key, look.day)
    except (NoRuleInForceError, MissingAmountError) as exc:
        return RoleAmount(key, role.title, None, None, exc.problem, "", None, None)
    yearly, monthly = _kronor(look, found.percent)
    if found.yearly_kr is not None:
        yearly = found.yearly_kr
        monthly = look.round(times(yearly, look.share("arsarvode.tolftedel")))
    return RoleAmount(
        key, role.title, found.level, found.percent, _basis(rules, key, look.day),
        found.reference, yearly, monthly,
    )


def _seats(look: Lookup, section: str) -> tuple[SeatAmount, ...]:
    """2.3.6 per seat: the first seat, and each further seat (the step from 1 to 2 seats)."""
    try:
        first, _ = group_leader_percent(look, 1)
        two, _ = group_leader_percent(look, 2)
    except (NoRuleInForceError, MissingAmountError):
        return ()  # a set without a gruppledararvode per seat
    further = two - first
    seats = []
    for label, percent in (("Plats 1", first), ("Plats 2 och uppåt, per plats", further)):
        yearly, monthly = _kronor(look, percent)
        if yearly is None or monthly is None:
            return ()
        seats.append(SeatAmount(label, percent, yearly, monthly, section))
    return tuple(seats)


def _first_section(rules: Rules, name: str) -> str:
    """A parameter's first section ("2.3" of "2.3; 6.5"), "" when the set does not give it."""
    parameter = rules.parameters.get(name)
    if parameter is None:
        return ""
    return parameter.section.split(";")[0].strip()


def _omrakning_mode(rules: Rules, day: dt.date) -> str | None:
    if MODE_PARAMETER not in rules.parameters:
        return None
    try:
        return str(rules.value(MODE_PARAMETER, day).value)
    except NoRuleInForceError:
        return None


def bilaga_on(rules: Rules, day: dt.date) -> Bilaga:
    """Bilaga 1 and the role table as the rules set has them on ``day``."""
    first = rules.first_day
    if first is not None and day < first:
        raise NoRuleInForceError(f"inga regler gäller {day.isoformat()}: regelsamlingen "
                                 f"{rules.meta.get('municipality', rules.name)} gäller från {first.isoformat()}")
    look = Lookup(rules, day)
    arsarvode: DatedValue[Decimal] | None = None
    why = ""
    try:
        arsarvode = look.value("arsarvode")
    except (NoRuleInForceError, MissingAmountError) as exc:
        why = exc.problem
    try:
        share = look.share("arsarvode.tolftedel")
        month_share = f"{share.numerator}/{share.denominator}"
    except (NoRuleInForceError, MissingAmountError):
        month_share = "1/12"
    amounts = tuple(_amount(rules, p, day) for p in rules.parameters.values() if p.unit == "kr")
    raised = tuple(a for a in amounts if a.parameter.omrakning is not None)
    others = tuple(a for a in amounts if a.parameter.omrakning is None)
    seats_section = _first_section(rules, "gruppledararvode.forsta_platsen_procent")
    return Bilaga(
        day=day,
        rules_name=str(rules.meta.get("municipality", rules.name)),
        regulation=str(rules.meta.get("regulation", "")),
        arsarvode=arsarvode,
        mode=look.value("avrundning").value,
        omrakning_mode=_omrakning_mode(rules, day),
        month_share=month_share,
        amounts=raised + others,
        roles=tuple(_role(rules, look, key) for key in rules.roles),
        seats=_seats(look, seats_section),
        title=str(rules.meta.get("bilaga_title", "Belopp")),
        roles_section=_first_section(rules, "arsarvode"),
        seats_section=seats_section,
        month_section=_first_section(rules, "arsarvode.tolftedel"),
        no_arsarvode=why,
        special_decisions="sarskilt_beslut.niva" in rules.parameters,
    )


# -- the document, independent of its format ---------------------------------------------


@attrs.frozen
class Table:
    """A titled table; ``numeric`` columns are right-aligned."""

    title: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


@attrs.frozen
class Document:
    title: str
    lead: tuple[str, ...]
    tables: tuple[Table, ...]


def _kr(value: Decimal | None, *, ore: bool = False) -> str:
    if value is None:
        return "–"
    return format_kr(value, decimals=ore or value != value.to_integral_value())


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{format_number(value)} %"


def _change(old: Decimal | None, new: Decimal | None, mode: str) -> str:
    """Change from old to new in percent, two decimals, rounded like every amount."""
    if old is None or new is None or old == 0:
        return "–"
    change = round_money((new - old) / old * 100, mode, ORE)
    return f"{change:{'+' if change else ''}f}".replace(".", ",") + " %"


def _value(amount: Amount | None) -> Decimal | None:
    return None if amount is None or amount.value is None else amount.value.value


_KRONOR = "Kronor"
_Item = TypeVar("_Item")
#: A column: header, right-aligned?, and the cell of an (item on --date, item on --compare).
_Column = tuple[str, bool, Callable[[_Item, _Item | None], str]]


def _table(
    title: str,
    columns: list[_Column[_Item]],
    pairs: list[tuple[_Item, _Item | None]],
    notes: tuple[str, ...] = (),
) -> Table:
    return Table(
        title,
        tuple(header for header, _, _ in columns),
        tuple(numeric for _, numeric, _ in columns),
        tuple(tuple(cell(new, old) for _, _, cell in columns) for new, old in pairs),
        notes,
    )


def _money_columns(
    new: Bilaga,
    old: Bilaga | None,
    amount: Callable[[Any], Decimal | None],
    header: str,
    *,
    ore: bool,
) -> list[_Column[Any]]:
    """One kronor column, or with ``old`` one per date and the change between them."""
    if old is None:
        return [(header, True, lambda n, _o: _kr(amount(n), ore=ore))]

    def before(item: Any) -> Decimal | None:
        return None if item is None else amount(item)

    prefix = "" if header == _KRONOR else f"{header} "
    return [
        (f"{prefix}{old.day.isoformat()}", True, lambda _n, o: _kr(before(o), ore=ore)),
        (f"{prefix}{new.day.isoformat()}", True, lambda n, _o: _kr(amount(n), ore=ore)),
        ("Förändring", True, lambda n, o: _change(before(o), amount(n), new.mode)),
    ]


def _amount_tables(new: Bilaga, old: Bilaga | None) -> list[Table]:
    previous = {a.parameter.name: a for a in old.amounts} if old else {}
    tables = []
    for raised in (True, False):
        pairs = [
            (a, previous.get(a.parameter.name))
            for a in new.amounts
            if (a.parameter.omrakning is not None) == raised
        ]
        if not pairs:
            continue
        columns: list[_Column[Amount]] = [
            ("Belopp", False, lambda n, _o: n.parameter.description),
            ("Avsnitt", False, lambda n, _o: n.parameter.section),
            *_money_columns(new, old, _value, _KRONOR, ore=False),
            ("Gäller från", False, lambda n, _o: n.value.valid_from.isoformat() if n.value else ""),
            ("Referens", False, lambda n, _o: _reference(n)),
        ]
        notes: tuple[str, ...] = ()
        if raised:
            columns.append(("Avrundas till", True, lambda n, _o: _kr(_step(n))))
            if new.omrakning_mode is not None:
                notes = (
                    f"Omräkning (6.5): nytt belopp = föregående × (1 + procent/100), avrundat "
                    f"till närmaste steg i kolumnen; en exakt halva avrundas "
                    f"{rounding_text(new.omrakning_mode)} ({MODE_PARAMETER}).",
                )
        if raised:
            title = "Belopp som omräknas årligen (6.5)"
        elif any(a.parameter.omrakning is not None for a in new.amounts):
            title = "Övriga belopp (omräknas inte enligt 6.5)"
        else:
            title = "Belopp"
        tables.append(_table(title, columns, pairs, notes))
    return tables


def _reference(amount: Amount) -> str:
    """Where an amount comes from: its reference, and how a computed one is computed."""
    if amount.value is None:
        return amount.why
    if amount.value.derivation:
        return f"{amount.value.reference}; {amount.value.derivation}"
    return amount.value.reference


def _step(amount: Amount) -> Decimal | None:
    marker = amount.parameter.omrakning
    return marker.steg if marker is not None else None


def _changed(new: str, old: str | None) -> str:
    return new if old is None or old == new else f"{old} → {new}"


def _role_table(new: Bilaga, old: Bilaga | None) -> Table:
    previous = {r.key: r for r in old.roles} if old else {}
    pairs = [(role, previous.get(role.key)) for role in new.roles]

    def level(role: RoleAmount | None) -> str:
        return "" if role is None or role.level is None else str(role.level)

    columns: list[_Column[RoleAmount]] = [
        ("Uppdrag", False, lambda n, _o: n.title),
        ("Nivå", True, lambda n, o: _changed(level(n), level(o) if o else None)),
        ("Procent", True,
         lambda n, o: _changed(_percent(n.percent), _percent(o.percent) if o else None)),
        ("Grund", False, lambda n, _o: n.basis),
        *_money_columns(new, old, lambda r: r.yearly, "Per år", ore=True),
        (f"Per månad ({new.month_share})", True, lambda n, _o: _kr(n.monthly, ore=True)),
        ("Avsnitt", False, lambda n, _o: n.reference),
    ]
    month = f" ({new.month_section})" if new.month_section else ""
    if new.arsarvode is not None:
        base = (f"Per år = procent × årsarvode 100 % ({_kr(new.arsarvode.value)}), avrundat till öre "
                f"({rounding_text(new.mode)}). Per månad = {new.month_share} av årsbeloppet avrundat till öre{month}; "
                f"årets tolv månader summerar exakt till årsbeloppet (arsarvode.tolftedelar_metod).")
    else:
        base = f"Kronor saknas: {new.no_arsarvode}"
    notes: tuple[str, ...] = (base,)
    if new.special_decisions:
        notes += (f"Särskilda beslut ({new.roles_section}) gäller en person och visas inte här.",)
    title = f"Årsarvoden ({new.roles_section})" if new.roles_section else "Årsarvoden"
    return _table(title, columns, pairs, notes)


def _seat_table(new: Bilaga, old: Bilaga | None) -> Table:
    previous = {s.seat: s for s in old.seats} if old else {}
    pairs = [(seat, previous.get(seat.seat)) for seat in new.seats]
    columns: list[_Column[SeatAmount]] = [
        ("Plats i KF", False, lambda n, _o: n.seat),
        ("Procent", True,
         lambda n, o: _changed(_percent(n.percent), _percent(o.percent) if o else None)),
        *_money_columns(new, old, lambda s: s.yearly, "Per år", ore=True),
        (f"Per månad ({new.month_share})", True, lambda n, _o: _kr(n.monthly, ore=True)),
        ("Avsnitt", False, lambda n, _o: n.reference),
    ]
    notes = (
        "Ett partis gruppledararvode är procentsatsen för alla dess platser × årsarvode, "
        "avrundat en gång; det kan fördelas fritt mellan personer (2.3.6).",
    )
    return _table(f"Gruppledararvode per plats ({new.seats_section})", columns, pairs, notes)


def build_document(new: Bilaga, old: Bilaga | None = None) -> Document:
    """The tables of Bilaga 1 on ``new.day``; with ``old``, both dates and the change."""
    title = f"{new.title}, i kraft {new.day.isoformat()}"
    if old is not None:
        title += f", jämfört med {old.day.isoformat()}"
    lead = [f"{new.rules_name}" + (f": {new.regulation}" if new.regulation else "")]
    if new.arsarvode is not None:
        derived = f"; {new.arsarvode.derivation}" if new.arsarvode.derivation else ""
        lead.append(
            f"Årsarvode 100 %: {_kr(new.arsarvode.value)} från "
            f"{new.arsarvode.valid_from.isoformat()} ({new.arsarvode.reference}{derived})."
        )
    if old is not None:
        before = _kr(old.arsarvode.value) if old.arsarvode is not None else "–"
        lead.append(
            f"Jämförelse: {old.day.isoformat()} årsarvode 100 % {before}; "
            f"förändring i procent med två decimaler."
        )
    tables = [*_amount_tables(new, old)]
    if new.roles:
        tables.append(_role_table(new, old))
    if new.seats:
        tables.append(_seat_table(new, old))
    return Document(title, tuple(lead), tuple(tables))


# -- formats -----------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(document: Document) -> str:
    out = [f"# {document.title}", ""]
    for line in document.lead:
        out += [line, ""]
    for table in document.tables:
        out += [f"## {table.title}", ""]
        out.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
        out.append("|" + "|".join("---:" if n else "---" for n in table.numeric) + "|")
        for row in table.rows:
            out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
        out.append("")
        for note in table.notes:
            out += [f"- {note}"]
        if table.notes:
            out.append("")
    return "\n".join(out)


_STYLE = (
    "body{font-family:sans-serif;margin:2em;color:#111}"
    "table{border-collapse:collapse;margin:0.5em 0 1em}"
    "th,td{border:1px solid #bbb;padding:0.25em 0.5em;vertical-align:top}"
    "th{background:#eee;text-align:left}"
    ".num{text-align:right;white-space:nowrap}"
)
_NUM = ' class="num"'


def render_html(document: Document) -> str:
    """A standalone page: every text escaped, no scripts, no external resources."""
    esc = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="sv">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(document.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(document.title)}</h1>",
    ]
    out += [f"<p>{esc(line)}</p>" for line in document.lead]
    for table in document.tables:
        out += [f"<h2>{esc(table.title)}</h2>", "<table>", "<thead><tr>"]
        out += [
            f"<th{_NUM if n else ''}>{esc(h)}</th>"
            for h, n in zip(table.headers, table.numeric, strict=True)
        ]
        out += ["</tr></thead>", "<tbody>"]
        for row in table.rows:
            cells = "".join(
                f"<td{_NUM if n else ''}>{esc(c)}</td>"
                for c, n in zip(row, table.numeric, strict=True)
            )
            out.append(f"<tr>{cells}</tr>")
        out += ["</tbody>", "</table>"]
        if table.notes:
            out += ["<ul>", *(f"<li>{esc(note)}</li>" for note in table.notes), "</ul>"]
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def render(rules: Rules, day: dt.date, fmt: str = "md", compare: dt.date | None = None) -> str:
    """Bilaga 1 on ``day`` as Markdown or HTML, optionally against ``compare``."""
    if fmt not in FORMATS:
        raise ValueError(f"okänt format {fmt!r} (ett av {FORMATS})")
    new = bilaga_on(rules, day)
    old = bilaga_on(rules, compare) if compare is not None else None
    document = build_document(new, old)
    return render_markdown(document) if fmt == "md" else render_html(document)
