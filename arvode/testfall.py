"""Test cases a committee writes (testfall): a claim and what it should pay, computed by hand.

KSAPU must be able to check its own figures after an omräkning or a change of
the rules without reading code. A case is one YAML file::

    name: Sammanträde exakt 60 minuter, halv ersättning (2.2.1)
    rules: NAMN                  # the bundled rules set the case is written for
    source: "Bestämmelser 2.2.1; Bilaga 1 (2024-11-25)"
    arithmetic: |                # the hand computation, for the reader
      1/2 × 1 173 = 586,50
    claim:                       # a claim exactly as in claim-format.md
      official: {id: p-0101}
      period: 2025-03
      events:
        - {date: 2025-03-04, organ: socialnamnden, kind: sammantrade, called: "09:00-10:00"}
    expect:
      totals: {sammantradesersattning: "586.50", total: "586.50"}   # every total, exactly
      lines:                     # lines that must be among the result's (others may be too)
        - {event: 1, type: sammantradesersattning, amount: "586.50"}   # event counts from 1
      rejected:                  # refusals that must be among the result's; [] = none at all
        - {event: 2, rule: "6.1"}
      # or instead of the above: error: "timkostnad_barntillsyn"  (the calculation must stop,
      # and its message must name this text)

A line may also give ``rule`` (the section) and ``text`` (words its explanation
must contain); a refusal may give ``reason`` likewise. ``event`` is 1-based, as
people count, unlike the 0-based ``event`` of the JSON output.

A case names its rules set by name. ``check_case`` takes the rules to use;
``rules_for_case`` picks them: the set the user gave when its name matches,
else the bundled set of that name, else none, and the case is skipped with
the reason (``regelsamlingen NAMN finns inte ännu``) until that set
ships. Messages are Swedish: the committee reads them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import attrs

from arvode.base.errors import ArvodeError, ClaimError, Location
from arvode.base.money import format_kr
from arvode.base.yaml import Node, load_yaml_file
from arvode.calculation.engine import calculate
from arvode.calculation.result import Line, Rejection, Result
from arvode.claims.claim import parse_claim
from arvode.output.labels import line_label
from arvode.output.tal import format_count
from arvode.rules.load import Rules, bundled_rules_dir, load_rules

__all__ = [
    "Case",
    "CaseOutcome",
    "ExpectedLine",
    "ExpectedRejection",
    "check_case",
    "find_cases",
    "load_case",
    "missing_rules_reason",
    "rules_for_case",
    "run_case",
]

_TOP = ("name", "rules", "source", "arithmetic", "claim", "expect")
_EXPECT = ("totals", "lines", "rejected", "error")
_LINE = ("event", "type", "amount", "rule", "text")
_REJECTION = ("event", "rule", "reason")
_KEY = re.compile(r"[a-z][a-z0-9_]*")


@attrs.frozen
class ExpectedLine:
    """A line the result must hold; ``event`` counts from 1 (None: a line of the whole month)."""

    type: str
    amount: Decimal
    event: int | None = None
    rule: str | None = None
    text: str | None = None
    line: int = 0

    def __str__(self) -> str:
        where = f"händelse {self.event}" if self.event is not None else "hela månaden"
        extra = f", avsnitt {self.rule}" if self.rule else ""
        return f"{where}: {line_label(None, self.type)} {format_kr(self.amount)}{extra}"


@attrs.frozen
class ExpectedRejection:
    """A refusal the result must hold; ``event`` counts from 1."""

    event: int | None = None
    rule: str | None = None
    reason: str | None = None
    line: int = 0

    def __str__(self) -> str:
        where = f"händelse {self.event}" if self.event is not None else "hela månaden"
        return f"{where}" + (f" (avsnitt {self.rule})" if self.rule else "")


@attrs.frozen
class Case:
    """One test case as written: the claim's YAML node and what is expected of it."""

    path: Path
    name: str
    rules: str
    claim: Node
    source: str = ""
    arithmetic: str = ""
    totals: dict[str, Decimal] | None = None
    lines: tuple[ExpectedLine, ...] | None = None
    rejected: tuple[ExpectedRejection, ...] | None = None
    error: str | None = None

    @property
    def id(self) -> str:
        """The folder and file name (``NAMN/01-…``), as a report lists the case."""
        return f"{self.path.parent.name}/{self.path.stem}"


@attrs.frozen
class CaseOutcome:
    """Whether the engine agrees with a case, and each difference in words."""

    case: Case
    agrees: bool
    differences: tuple[str, ...] = ()
    #: Why the case did not run (its rules set does not exist yet); it then neither agrees nor differs.
    skipped: str | None = None
    result: Result | None = None


# ---------------------------------------------------------------------------------------- reading
def _keys(node: Node, allowed: tuple[str, ...], what: str) -> None:
    for key, child in node.items():
        if key not in allowed:
            raise ClaimError(f"okänt fält i {what} (kända: {', '.join(allowed)})",
                             Location(node.file, child.key_line or child.line, child.path or key))


def _required(node: Node, key: str, what: str) -> Node:
    child = node.get(key)
    if child is None or child.value is None:
        raise ClaimError(f"{what} saknar fältet {key}", Location(node.file, node.line, node.child_path(key)))
    return child


def _optional_text(node: Node, key: str, *, lines: bool = False) -> str:
    """A text field; ``lines`` allows a block of several lines (the hand arithmetic)."""
    child = node.get(key)
    if child is None or child.value is None:
        return ""
    if lines:
        if not isinstance(child.value, str):
            raise child.fail("ska vara en text (skriv uträkningen efter | på raderna under)")
        return child.value
    return child.text()


def _event(node: Node, events: int) -> int | None:
    child = node.get("event")
    if child is None or child.value is None:
        return None
    number = child.integer(minimum=1)
    if number > events:
        raise child.fail(f"händelse {number} finns inte: rapporten har {format_count(events, 'händelse', 'händelser')} "
                         "(räknas från 1)")
    return number


def _line_type(node: Node) -> str:
    """A line type's key; not checked against today's types, as a new rules set may add one."""
    key = node.text()
    if not _KEY.fullmatch(key):
        raise node.fail(f"{key!r} är ingen radtyp: skriv nyckeln, t.ex. sammantradesersattning")
    return key


def _totals(node: Node) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for key, child in node.items():
        keynode = Node(key, child.file, child.key_line or child.line, child.path, ClaimError)
        totals[_line_type(keynode)] = child.decimal(minimum=None)
    return totals


def _lines(node: Node, events: int) -> tuple[ExpectedLine, ...]:
    found = []
    for item in node.sequence():
        _keys(item, _LINE, "en rad")
        found.append(ExpectedLine(
            type=_line_type(_required(item, "type", "en rad")),
            amount=_required(item, "amount", "en rad").decimal(minimum=None),
            event=_event(item, events),
            rule=_optional_text(item, "rule") or None,
            text=_optional_text(item, "text") or None,
            line=item.line,
        ))
    return tuple(found)


def _rejections(node: Node, events: int) -> tuple[ExpectedRejection, ...]:
    found = []
    for item in node.sequence():
        _keys(item, _REJECTION, "en avvisning")
        found.append(ExpectedRejection(
            event=_event(item, events),
            rule=_optional_text(item, "rule") or None,
            reason=_optional_text(item, "reason") or None,
            line=item.line,
        ))
    return tuple(found)


def load_case(path: str | Path) -> Case:
    """Read and check one case file; a problem is ``file:line: field: problem`` (exit 2 in the CLI)."""
    file = Path(path)
    root = load_yaml_file(file, ClaimError)
    if not root.is_mapping():
        raise ClaimError("ett testfall är en mappning med name, rules, claim och expect", Location(str(file), 1))
    _keys(root, _TOP, "testfallet")
    claim = _required(root, "claim", "testfallet")
    claim.mapping()
    events_node = claim.get("events")
    events = len(events_node.sequence()) if events_node is not None and events_node.value is not None else 0
    expect = _required(root, "expect", "testfallet")
    _keys(expect, _EXPECT, "expect")
    given: dict[str, Node] = {}
    for key in _EXPECT:
        child = expect.get(key)
        if child is not None:
            given[key] = child
    if not given:
        raise ClaimError("expect behöver totals, lines, rejected eller error",
                         Location(str(file), expect.line, "expect"))
    error = given.get("error")
    if error is not None and len(given) > 1:
        raise ClaimError("error står ensamt: en beräkning som stoppas har inga rader eller summor",
                         Location(str(file), error.line, "expect.error"))
    return Case(
        path=file,
        name=_required(root, "name", "testfallet").text(),
        rules=_required(root, "rules", "testfallet").text(),
        claim=claim,
        source=_optional_text(root, "source"),
        arithmetic=_optional_text(root, "arithmetic", lines=True),
        totals=_totals(given["totals"]) if "totals" in given else None,
        lines=_lines(given["lines"], events) if "lines" in given else None,
        rejected=_rejections(given["rejected"], events) if "rejected" in given else None,
        error=error.text() if error is not None else None,
    )


def find_cases(paths: Iterable[str | Path]) -> list[Path]:
    """The case files named, and every ``*.yaml`` in the folders named (recursively), sorted."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.yaml") if p.is_file())
            if not files:
                raise ClaimError("inga testfall (*.yaml) i mappen", Location(str(path)))
            found += files
        elif path.is_file():
            found.append(path)
        else:
            raise ClaimError("finns inte", Location(str(path)))
    return found


# ---------------------------------------------------------------------------------------- rules
def missing_rules_reason(name: str) -> str:
    """Why a case cannot run: its rules set does not exist (yet)."""
    return f"regelsamlingen {name} finns inte ännu"


@functools.cache
def _bundled(name: str) -> Rules | None:
    folder = bundled_rules_dir(name)
    if not folder.is_dir() or not any(folder.glob("*.yaml")):
        return None
    return load_rules(folder)


def rules_for_case(case: Case, given: Rules | None = None) -> Rules | None:
    """The rules a case runs with: ``given`` when its name is the case's, else the bundled set, else None."""
    if given is not None and given.name == case.rules:
        return given
    if "/" in case.rules or "\\" in case.rules or case.rules.startswith("."):
        return None  # a case names a set, never a folder: folders differ between machines
    return _bundled(case.rules)


# ---------------------------------------------------------------------------------------- checking
def _mentions(exc: ArvodeError, wanted: str) -> bool:
    """The error's problem or field names ``wanted`` (not its file: a file name proves nothing)."""
    field = exc.location.field if exc.location is not None else None
    haystack = f"{exc.problem} {field or ''}".casefold()
    return wanted.casefold() in haystack


def _line_matches(expected: ExpectedLine, line: Line) -> bool:
    event = None if line.event is None else line.event + 1
    return (
        event == expected.event
        and line.type == expected.type
        and line.amount == expected.amount
        and (expected.rule is None or line.rule == expected.rule)
        and (expected.text is None or expected.text.casefold() in line.text.casefold())
    )


def _rejection_matches(expected: ExpectedRejection, rej: Rejection) -> bool:
    event = None if rej.event is None else rej.event + 1
    return (
        event == expected.event
        and (expected.rule is None or rej.rule == expected.rule)
        and (expected.reason is None or expected.reason.casefold() in rej.reason.casefold())
    )


def _total_differences(case: Case, result: Result) -> list[str]:
    if case.totals is None:
        return []
    actual = result.totals
    out = []
    for key in [*case.totals, *(k for k in actual if k not in case.totals)]:
        label = "summa" if key == "total" else f"summa {line_label(None, key)}"
        want, got = case.totals.get(key), actual.get(key)
        if want == got:
            continue
        shown_want = "ingen" if want is None else format_kr(want)
        shown_got = "ingen" if got is None else format_kr(got)
        out.append(f"{label}: väntat {shown_want}, beräknat {shown_got}")
    return out


def _line_differences(case: Case, result: Result) -> list[str]:
    if case.lines is None:
        return []
    unused = list(result.lines)
    out = []
    for expected in case.lines:
        match = next((line for line in unused if _line_matches(expected, line)), None)
        if match is not None:
            unused.remove(match)
            continue
        same_event = [
            f"{line_label(None, line.type)} {format_kr(line.amount)}"
            for line in result.lines
            if (None if line.event is None else line.event + 1) == expected.event
        ]
        seen = f" (beräknat där: {'; '.join(same_event)})" if same_event else " (inga rader beräknade där)"
        out.append(f"rad saknas: {expected}{seen}")
    return out


def _rejection_differences(case: Case, result: Result) -> list[str]:
    if case.rejected is None:
        return []
    unused = list(result.rejected)
    out = []
    for expected in case.rejected:
        match = next((rej for rej in unused if _rejection_matches(expected, rej)), None)
        if match is None:
            out.append(f"avvisning saknas: {expected}")
        else:
            unused.remove(match)
    if not case.rejected:
        for rej in unused:
            where = f"händelse {rej.event + 1}" if rej.event is not None else "hela månaden"
            out.append(f"oväntad avvisning: {where} (avsnitt {rej.rule}): {rej.reason}")
    return out


def check_case(case: Case, rules: Rules) -> CaseOutcome:
    """Run a case's claim with ``rules`` and compare: every difference is named, in Swedish."""
    try:
        result = calculate(parse_claim(case.claim, rules), rules)
    except ArvodeError as exc:
        if case.error is None:
            return CaseOutcome(case, False, (f"beräkningen stoppades: {exc}",))
        if _mentions(exc, case.error):
            return CaseOutcome(case, True)
        return CaseOutcome(case, False, (f"felet nämner inte {case.error!r}: {exc}",))
    if case.error is not None:
        return CaseOutcome(case, False, (f"väntade ett fel som nämner {case.error!r}, men beräkningen gick "
                                         f"igenom (summa {format_kr(result.total)})",), result=result)
    differences = [*_total_differences(case, result), *_line_differences(case, result),
                   *_rejection_differences(case, result)]
    return CaseOutcome(case, not differences, tuple(differences), result=result)


def run_case(case: Case, given: Rules | None = None) -> CaseOutcome:
    """``check_case`` with the case's rules (``rules_for_case``), or skipped with the reason."""
    rules = rules_for_case(case, given)
    if rules is None:
        return CaseOutcome(case, False, skipped=missing_rules_reason(case.rules))
    return check_case(case, rules)
