"""A claim: one official, one payroll month, the events they report (claim-format.md).

Parsing validates everything against the rules set's vocabulary and reports
``file:line: field: problem``; fields of every issue are parsed now, so a typo
in a field the engine does not price yet is still caught.

Fields added after claim-format.md (all optional; every older claim still
parses and prices as before)::

    pension_loss_above_ibb:       # 4.2 second paragraph: the yearly claim, salary above 7,5 IBB
      year: 2025                  # the year the loss relates to; claim it in a claim of the year after
      salary: "720000"            # ordinary yearly salary, as the employer certifies
      provision_percent: "30"     # the employer's pension provision on salary above 7,5 IBB (certified)
      lost_income_paid: "52000.00"  # förlorad arbetsinkomst the municipality paid for that year
      reported: 2026-03-20        # when it reached the municipality (default: the period's last day);
                                  # after 31 March of the year after: refused (4.2)
    events:
      - date: 2025-03-12
        ...
        travel:
          outside_municipality: true
          allowance:              # 5.1 traktamente day by day, as for employees; omitted: one heldag
            - {day: halvdag, free_meals: [middag]}          # day: heldag | halvdag
            - {day: heldag, free_meals: [frukost, lunch]}   # free_meals: frukost, lunch, middag
        childcare_hours: "3"
        childcare_by_household: true  # 5.2: given by a member of the household: nothing is paid
        care_hours: "2"
        care_by_household: false      # 5.3: likewise for vård och tillsyn
        other_costs:              # 5.5: costs outside 5.1–5.4, each with its special reason
          - amount: "450.00"
            reason: "Parkering vid länsstyrelsen, ingen kollektivtrafik"
            approved_by: "Eva Ek, ordförande"   # without an approval the cost is refused (5.5)

``arvode check --json`` may add ``"warnings": [{"rule", "text", "where"}]`` (only
when there is one: a special decision under 40 %, 2.3); line type
``ovriga_kostnader`` is new (5.5).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from arvode.base.errors import ClaimError, Location
from arvode.base.period import Period, parse_period
from arvode.base.times import TimeSpan, parse_span
from arvode.base.yaml import (
    Node,
    load_yaml_file,
    load_yaml_text,
    read_boolean,
    read_date,
    read_decimal,
    read_integer,
    read_money,
    read_text,
)
from arvode.claims.identity import normalize_id
from arvode.claims.kalkylark import refuse_spreadsheet
from arvode.claims.source import NodeSource, Source
from arvode.rules.load import Rules

__all__ = [
    "ABSENCE_REASONS",
    "ALLOWANCE_DAYS",
    "ELECTION_ROLES",
    "FREE_MEALS",
    "GROUP_LEADER",
    "Absence",
    "AllowanceDay",
    "Assignment",
    "Claim",
    "Event",
    "GroupLeader",
    "Income",
    "LostIncome",
    "Official",
    "OtherCost",
    "PensionLossAboveIbb",
    "SpecialDecision",
    "Travel",
    "load_claim",
    "parse_claim",
]

ELECTION_ROLES = frozenset({"ordforande", "vice_ordforande", "valforrattare", "rostmottagare"})
#: Traktamente days (5.1, as for the municipality's employees) and the meals that reduce them.
ALLOWANCE_DAYS = frozenset({"heldag", "halvdag"})
FREE_MEALS = ("frukost", "lunch", "middag")
ABSENCE_REASONS = frozenset({"sjukdom", "foraldraledighet", "annat"})
#: The name a special decision's ``covers`` uses for the gruppledararvode (2.3.6).
GROUP_LEADER = "group_leader"


@attrs.frozen
class Income:
    hourly: Decimal | None = None
    yearly: Decimal | None = None
    vacation_pay_loss: bool = False


@attrs.frozen
class Assignment:
    role: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    acting_for: str | None = None
    line: int = 0
    #: The party's seats in fullmäktige, for a role whose percent follows them (an oppositionsråd).
    seats: int | None = None


@attrs.frozen
class GroupLeader:
    party: str
    seats: int
    share: Decimal
    valid_from: dt.date
    valid_to: dt.date | None = None
    line: int = 0


@attrs.frozen
class SpecialDecision:
    percent: Decimal
    valid_from: dt.date
    covers: tuple[str, ...]
    reference: str
    valid_to: dt.date | None = None
    line: int = 0


@attrs.frozen
class Absence:
    valid_from: dt.date
    valid_to: dt.date
    reason: str
    line: int = 0

    @property
    def days(self) -> int:
        return (self.valid_to - self.valid_from).days + 1


@attrs.frozen
class Official:
    id: str
    name: str | None = None
    home_distance_km: Decimal | None = None
    income: Income = Income()
    assignments: tuple[Assignment, ...] = ()
    group_leader: GroupLeader | None = None
    special_decisions: tuple[SpecialDecision, ...] = ()
    absences: tuple[Absence, ...] = ()


@attrs.frozen
class LostIncome:
    """Exactly one of hours, amount or unknown_amount (2.2.2)."""

    hours: Decimal | None = None
    amount: Decimal | None = None
    unknown_amount: bool = False


@attrs.frozen
class AllowanceDay:
    """One day of traktamente (5.1): heldag or halvdag, and the free meals that reduce it."""

    day: str
    free_meals: tuple[str, ...] = ()


@attrs.frozen
class Travel:
    km: Decimal = Decimal(0)
    within_km: Decimal = Decimal(0)
    hours: Decimal = Decimal(0)
    outside_municipality: bool = False
    #: Traktamente day by day; empty: one heldag, as before days were claimable.
    allowance: tuple[AllowanceDay, ...] = ()


@attrs.frozen
class OtherCost:
    """5.5: a cost outside 5.1–5.4, with the special reason and who approved it.

    arvode cannot see whether the approver is the ordförande; the approval as
    stated is what 5.5 asks for ("styrkas och godkännas av ordförande").
    """

    amount: Decimal
    reason: str
    approved_by: str | None = None


@attrs.frozen
class Event:
    index: int
    line: int
    date: dt.date
    kind: str
    reported: dt.date
    organ: str | None = None
    called: TimeSpan | None = None
    attended: TimeSpan | None = None
    serving: bool = True
    specially_called: bool = False
    lost_income: LostIncome | None = None
    free_time: bool = False
    paid_by_other: bool = False
    travel: Travel | None = None
    for_meeting: dt.date | None = None
    childcare_hours: Decimal = Decimal(0)
    care_hours: Decimal = Decimal(0)
    #: 5.2 / 5.3: the care was given by a member of the official's household (pays nothing).
    childcare_by_household: bool = False
    care_by_household: bool = False
    disability_costs: Decimal = Decimal(0)
    other_costs: tuple[OtherCost, ...] = ()
    lost_vacation_days: int = 0
    election_role: str | None = None
    hours: Decimal | None = None
    preparation: bool = False
    training: bool = False
    #: Order in which the record received the event's claim: on a shared day the
    #: earlier-received event is paid first and a late one gets what is left (2.2.1).
    received: int = 0
    #: Set when the same event already stands in another claim: it is refused (6.1).
    already_reported: str | None = None
    #: The file the event was read from (a month's claim may join a claim file and CSV rows).
    file: str = ""
    #: Paid length: at least the kallelse (2.2); an uncalled substitute, time served.
    minutes: int | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        called, attended = self.called, self.attended
        if called is None:
            length = None if attended is None else attended.minutes
        else:
            length = called.minutes if attended is None else max(called.minutes, attended.minutes)
        object.__setattr__(self, "minutes", length)


@attrs.frozen
class PensionLossAboveIbb:
    """4.2, second paragraph: the yearly claim for lost pension on salary above 7,5 IBB.

    The official's employer certifies the ordinary salary and the higher pension
    provision; the claim is paid once, the year after the loss year, if it
    arrived by 31 March of that year.
    """

    year: int
    salary: Decimal
    provision_percent: Decimal
    lost_income_paid: Decimal
    reported: dt.date
    line: int = 0


@attrs.frozen
class Claim:
    official: Official
    period: str
    events: tuple[Event, ...]
    file: str = "<claim>"
    #: 4.2's yearly claim above 7,5 IBB, when this month's claim carries it.
    pension_loss_above_ibb: PensionLossAboveIbb | None = None

    @property
    def month(self) -> Period:
        return parse_period(self.period)

    @property
    def first_day(self) -> dt.date:
        return self.month.first_day

    @property
    def last_day(self) -> dt.date:
        return self.month.last_day


# ---------------------------------------------------------------------------- parsing
def _opt(node: Node, key: str) -> Node | None:
    child = node.get(key)
    return None if child is None or child.value is None else child


def _items(node: Node, key: str) -> list[Node]:
    child = _opt(node, key)
    return child.sequence() if child is not None else []


def _period(node: Node) -> str:
    value = node.value
    if isinstance(value, dt.date):
        raise node.fail("väntade en månad ÅÅÅÅ-MM, fick ett helt datum")
    try:
        return str(parse_period(value if isinstance(value, str) else repr(value)))
    except ValueError as exc:
        raise node.fail(str(exc)) from None


def _span(node: Node) -> TimeSpan:
    if not isinstance(node.value, str):
        raise node.fail(f"väntade en tid inom citattecken \"TT:MM-TT:MM\", fick {node.value!r}")
    try:
        return parse_span(node.value)
    except ValueError as exc:
        raise node.fail(str(exc)) from None


def _range(node: Node, from_key: str = "from", to_key: str = "to") -> tuple[dt.date, dt.date | None]:
    start = node.require(from_key).date()
    to_node = _opt(node, to_key)
    end = to_node.date() if to_node is not None else None
    if end is not None and end < start:
        raise to_node.fail(f"slutdatum {end} är före startdatum {start}")  # type: ignore[union-attr]
    return start, end


def _income(node: Node | None) -> Income:
    if node is None:
        return Income()
    node.check_keys({"hourly", "yearly", "vacation_pay_loss"})
    hourly, yearly, vac = _opt(node, "hourly"), _opt(node, "yearly"), _opt(node, "vacation_pay_loss")
    return Income(
        hourly=hourly.money() if hourly else None,
        yearly=yearly.money() if yearly else None,
        vacation_pay_loss=vac.boolean() if vac else False,
    )


def official_from_node(node: Node, rules: Rules) -> Official:
    """Validate an ``official:`` block (a claim's, or a payroll register's)."""
    return _official(node, rules)


def _official_id(node: Node) -> str:
    """An official's id, normalised so that look-alike spellings meet (``identity``)."""
    try:
        found = normalize_id(node.text())
    except ValueError as exc:
        raise node.fail(str(exc)) from None
    if found.upper() == _TEMPLATE_ID:
        # arvode mall writes this placeholder; a claim still holding it would be paid to nobody's id.
        raise node.fail(f"{_TEMPLATE_ID} är mallens platshållare: skriv ditt id hos lönekontoret")
    return found


#: The placeholder id of the claim template (``arvode mall``).
_TEMPLATE_ID = "DITT-ID"


def _official(node: Node, rules: Rules) -> Official:
    node.check_keys(
        {"id", "name", "home_distance_km", "income", "assignments", "group_leader",
         "special_decisions", "absences"}
    )
    assignments = []
    for item in _items(node, "assignments"):
        item.check_keys({"role", "from", "to", "acting_for", "seats"})
        role_node = item.require("role")
        role = role_node.text()
        if role not in rules.roles:
            raise role_node.fail(f"okänt uppdrag {role!r} i regelsamlingen {rules.name}")
        start, end = _range(item)
        acting = _opt(item, "acting_for")
        seats = _opt(item, "seats")
        assignments.append(
            Assignment(role, start, end, _official_id(acting) if acting else None, item.line,
                       seats.integer(minimum=1) if seats else None)
        )
    leader = None
    leader_node = _opt(node, "group_leader")
    if leader_node is not None:
        leader_node.check_keys({"party", "seats", "share", "from", "to"})
        start, end = _range(leader_node)
        share_node = _opt(leader_node, "share")
        share = share_node.decimal() if share_node else Decimal(1)
        if share > 1:
            raise share_node.fail("share är en del av partiets arvode: högst 1")  # type: ignore[union-attr]
        leader = GroupLeader(
            party=leader_node.require("party").text(),
            seats=leader_node.require("seats").integer(minimum=1),
            share=share,
            valid_from=start,
            valid_to=end,
            line=leader_node.line,
        )
    decisions = []
    for item in _items(node, "special_decisions"):
        item.check_keys({"percent", "from", "to", "covers", "reference"})
        start, end = _range(item)
        covers_node = item.require("covers")
        covers = []
        for cover in covers_node.sequence():
            key = cover.text()
            if key != GROUP_LEADER and key not in rules.roles:
                raise cover.fail(f"okänt uppdrag {key!r} (eller '{GROUP_LEADER}')")
            covers.append(key)
        decisions.append(
            SpecialDecision(
                percent=item.require("percent").decimal(),
                valid_from=start,
                covers=tuple(covers),
                reference=item.require("reference").text(),
                valid_to=end,
                line=item.line,
            )
        )
    absences = []
    for item in _items(node, "absences"):
        item.check_keys({"from", "to", "reason"})
        start, end = _range(item)
        if end is None:
            raise item.fail("en frånvaro behöver både from och to")
        reason_node = item.require("reason")
        reason = reason_node.text()
        if reason not in ABSENCE_REASONS:
            raise reason_node.fail(f"okänd orsak (en av {', '.join(map(str, sorted(ABSENCE_REASONS)))})")
        absences.append(Absence(start, end, reason, item.line))
    name = _opt(node, "name")
    distance = _opt(node, "home_distance_km")
    return Official(
        id=_official_id(node.require("id")),
        name=name.text() if name else None,
        home_distance_km=distance.decimal() if distance else None,
        income=_income(_opt(node, "income")),
        assignments=tuple(assignments),
        group_leader=leader,
        special_decisions=tuple(decisions),
        absences=tuple(absences),
    )


_EVENT_FIELDS = frozenset(
    {"date", "organ", "kind", "called", "attended", "serving", "specially_called", "lost_income",
     "free_time", "paid_by_other", "travel", "for_meeting", "childcare_hours", "care_hours",
     "childcare_by_household", "care_by_household", "disability_costs", "other_costs",
     "lost_vacation_days", "reported", "election_role", "hours", "preparation", "training"}
)


def _flag(src: Source, key: str) -> bool:
    return bool(src.value(key, read_boolean, False))


def _amount(src: Source, key: str) -> Decimal:
    value: Decimal = src.value(key, read_decimal, _ZERO)
    return value


_ZERO = Decimal(0)


def _lost_income(src: Source) -> LostIncome:
    src.check_keys(frozenset({"hours", "amount", "unknown_amount"}))
    given = [k for k in ("hours", "amount", "unknown_amount") if src.has(k)]
    if len(given) != 1:
        raise src.fail(None, "ange precis ett av hours, amount eller unknown_amount")
    key = given[0]
    if key == "unknown_amount":
        if not src.read(key, read_boolean):
            raise src.fail(key, "unknown_amount måste vara true när det anges")
        return LostIncome(unknown_amount=True)
    if key == "hours":
        return LostIncome(hours=src.read(key, read_decimal))
    return LostIncome(amount=src.read(key, read_money))


def _allowance_day(node: Node) -> AllowanceDay:
    node.check_keys({"day", "free_meals"})
    day_node = node.require("day")
    day = day_node.text()
    if day not in ALLOWANCE_DAYS:
        raise day_node.fail(f"okänd dag (en av {', '.join(map(str, sorted(ALLOWANCE_DAYS)))})")
    meals: list[str] = []
    for meal_node in _items(node, "free_meals"):
        meal = meal_node.text()
        if meal not in FREE_MEALS:
            raise meal_node.fail(f"okänd måltid (en av {list(FREE_MEALS)})")
        if meal in meals:
            raise meal_node.fail(f"{meal} angiven två gånger för samma dag")
        meals.append(meal)
    return AllowanceDay(day, tuple(m for m in FREE_MEALS if m in meals))


def _travel(src: Source) -> Travel:
    src.check_keys(frozenset({"km", "within_km", "hours", "outside_municipality", "allowance"}))
    outside = _flag(src, "outside_municipality")
    allowance_node = src.node_of("allowance")
    days: tuple[AllowanceDay, ...] = ()
    if allowance_node is not None:
        if not outside:
            raise allowance_node.fail("traktamente betalas för en förrättning utanför kommunen "
                                      "(5.1): ange outside_municipality: true")
        items = allowance_node.sequence()
        if not items:
            raise allowance_node.fail("ange minst en dag, eller utelämna allowance (en heldag)")
        days = tuple(_allowance_day(item) for item in items)
    return Travel(
        km=_amount(src, "km"),
        within_km=_amount(src, "within_km"),
        hours=_amount(src, "hours"),
        outside_municipality=outside,
        allowance=days,
    )


def _other_cost(src: Source) -> OtherCost:
    src.check_keys(frozenset({"amount", "reason", "approved_by"}))
    return OtherCost(
        amount=src.read("amount", read_money),
        reason=src.read("reason", read_text),
        approved_by=src.read("approved_by", read_text) if src.has("approved_by") else None,
    )


def _household(src: Source, flag: str, hours_key: str) -> bool:
    """5.2 / 5.3's household flag, which only makes sense beside its hours."""
    if not src.has(flag):
        return False
    value = bool(src.read(flag, read_boolean))
    if value and not src.has(hours_key):
        raise src.fail(flag, f"{flag} säger vem som gav omsorgen i {hours_key}: ange {hours_key} också")
    return value


def _span_of(value: Any, _raw: str | None = None) -> TimeSpan:
    if not isinstance(value, str):
        raise ValueError(f"väntade en tid inom citattecken \"TT:MM-TT:MM\", fick {value!r}")
    return parse_span(value)


#: The plain fields of an event and how each is read (``None``: presence only, read later).
_READERS: dict[str, Any] = {
    "date": read_date, "kind": read_text, "organ": read_text, "called": None, "attended": None,
    "serving": read_boolean, "specially_called": read_boolean, "free_time": read_boolean,
    "paid_by_other": read_boolean, "for_meeting": read_date, "childcare_hours": read_decimal,
    "care_hours": read_decimal, "childcare_by_household": read_boolean, "care_by_household": read_boolean,
    "disability_costs": read_money, "lost_vacation_days": read_integer, "reported": read_date,
    "election_role": read_text, "hours": None, "preparation": read_boolean, "training": read_boolean,
}


#: Fields an event takes as they are read (no check across fields).
_PLAIN = frozenset({
    "serving", "specially_called", "free_time", "paid_by_other", "for_meeting", "childcare_hours", "care_hours",
    "childcare_by_household", "care_by_household", "disability_costs", "lost_vacation_days", "preparation",
    "training",
})


def build_event(index: int, src: Source, rules: Rules, last_day: dt.date) -> Event:
    """One event from a claim file's node or a CSV row: every field checked, located on error.

    The fields given are read in one pass (``Source.given``); what they must be
    together (a kind that needs times, an organ, an election role) is checked here,
    once, for both kinds of input.
    """
    src.check_keys(_EVENT_FIELDS)
    given = src.given(_READERS)
    day = given.get("date")
    if day is None:
        raise src.missing("date")
    kind_key = given.get("kind")
    if kind_key is None:
        raise src.missing("kind")
    kind = rules.kinds.get(kind_key)
    if kind is None:
        raise src.fail("kind", f"okänd sammanträdestyp {kind_key!r} i regelsamlingen {rules.name}")
    organ = given.get("organ")
    if organ is not None and organ not in rules.organs:
        raise src.fail("organ",
            f"okänt organ {organ!r} i regelsamlingen {rules.name} (ett organ utanför "
            "kommunen avvisas om inte regelsamlingen tar upp det)"
        )
    if organ is None and kind.category != "valforrattning":
        raise src.missing("organ")  # a meeting or förrättning belongs to an organ (1)
    called: TimeSpan | None = src.read("called", _span_of) if "called" in given else None
    attended: TimeSpan | None = src.read("attended", _span_of) if "attended" in given else None
    if kind.needs_time and called is None and attended is None:
        raise src.fail(None, f"{kind_key} behöver sin tid: ange called och/eller attended (\"TT:MM-TT:MM\")")
    reported = given.get("reported", last_day)
    if reported < day:
        if "reported" in given:
            raise src.fail("reported", f"reported {reported} är före händelsens datum {day}")
        raise src.fail("date", f"{day} är efter rapportens månad (slutar {last_day}); ange reported eller rätt "
                               "period")
    election_role = None
    hours = None
    if kind.category == "valforrattning":
        election_role = src.read("election_role", read_text)
        if election_role not in ELECTION_ROLES:
            roles = ", ".join(sorted(ELECTION_ROLES))
            raise src.fail("election_role", f"okänd election_role (en av {roles})")
        hours = src.read("hours", read_decimal) if "hours" in given else _ZERO
    elif "hours" in given:
        raise src.fail("hours", "hours hör till valförrättning; ange called/attended för andra sammanträdestyper")
    lost = src.sub("lost_income")
    travel = src.sub("travel")
    other = src.items("other_costs")
    if "childcare_by_household" in given:
        _household(src, "childcare_by_household", "childcare_hours")
    if "care_by_household" in given:
        _household(src, "care_by_household", "care_hours")
    return Event(
        index=index,
        line=src.line,
        file=src.file,
        date=day,
        kind=kind_key,
        reported=reported,
        organ=organ,
        called=called,
        attended=attended,
        lost_income=_lost_income(lost) if lost is not None else None,
        travel=_travel(travel) if travel is not None else None,
        other_costs=tuple(_other_cost(item) for item in other) if other else (),
        election_role=election_role,
        hours=hours,
        # the plain fields as given (the others keep the Event's defaults)
        **{key: value for key, value in given.items() if key in _PLAIN},
    )


def _pension_loss(node: Node, last_day: dt.date) -> PensionLossAboveIbb:
    """4.2's yearly claim: the certificate's figures and when it arrived."""
    node.check_keys({"year", "salary", "provision_percent", "lost_income_paid", "reported"})
    year = node.require("year").integer(minimum=1900)
    percent_node = node.require("provision_percent")
    percent = percent_node.decimal()
    if percent > 100:
        raise percent_node.fail(f"en procentsats av lönen: högst 100 (är {percent_node.value!r})")
    reported_node = _opt(node, "reported")
    return PensionLossAboveIbb(
        year=year,
        salary=node.require("salary").money(),
        provision_percent=percent,
        lost_income_paid=node.require("lost_income_paid").money(),
        reported=reported_node.date() if reported_node is not None else last_day,
        line=node.key_line or node.line,
    )


def parse_claim(root: Node, rules: Rules) -> Claim:
    """Validate a parsed claim document against ``rules``."""
    root.check_keys({"official", "period", "events", "pension_loss_above_ibb"})
    official = _official(root.require("official"), rules)
    period = _period(root.require("period"))
    last_day = parse_period(period).last_day
    events_node = root.get("events")
    events: list[Event] = []
    if events_node is not None and events_node.value is not None:
        events = [build_event(i, NodeSource(item), rules, last_day) for i, item in enumerate(events_node.sequence())]
    pension_node = _opt(root, "pension_loss_above_ibb")
    pension = _pension_loss(pension_node, last_day) if pension_node is not None else None
    return Claim(official=official, period=period, events=tuple(events), file=root.file,
                 pension_loss_above_ibb=pension)


def load_claim(path: str | Path, rules: Rules) -> Claim:
    """Read and validate a claim file (a spreadsheet given by mistake is refused before reading)."""
    refuse_spreadsheet(Path(path), claim=True)
    if Path(path).suffix.lower() in (".csv", ".tsv") and Path(path).is_file():
        raise ClaimError("är en CSV-fil, inte en rapport: arvode check läser en rapport i YAML (arvode mall skriver "
                         "en mall); händelser i CSV (tidrapporter) läser arvode payroll", Location(str(path)))
    return parse_claim(load_yaml_file(Path(path), ClaimError), rules)


def claim_from_text(text: str, rules: Rules, file: str = "<claim>") -> Claim:
    """Parse a claim given as YAML text (for tests and callers holding the text)."""
    return parse_claim(load_yaml_text(text, file, ClaimError), rules)
