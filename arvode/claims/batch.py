"""Batch input for payroll: claim files, folders of them, CSV events and a register.

Payroll gets every official's month at once. Inputs may be:

* claim YAML files (claim-format.md), or folders holding them (``*.yaml``);
* an officials register: a YAML file with a top-level ``officials:`` list of
  ``official:`` blocks, so årsarvoderade are paid in months they report nothing;
* CSV files of events, one row per event, as time-reporting systems export
  them (columns: ``CSV_COLUMNS``; see the README).

Everything is validated by the same parser as a single claim, so a CSV cell
error reads ``file.csv:ROW: column: problem``.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import functools
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from arvode.base.errors import ClaimError, Location
from arvode.base.files import MIB, os_problem, read_text_bounded
from arvode.base.gcpause import paused_gc
from arvode.base.money import exact
from arvode.base.period import parse_period
from arvode.base.yaml import MAX_BYTES, Node, load_yaml_text
from arvode.claims.claim import (
    Claim,
    Event,
    Income,
    Official,
    PensionLossAboveIbb,
    build_event,
    official_from_node,
    parse_claim,
)
from arvode.claims.codec import IDENTITY_EXCLUDED, content_hash
from arvode.claims.identity import lookalike_key, normalize_id
from arvode.claims.kalkylark import SPREADSHEET_SUFFIXES, refuse_spreadsheet
from arvode.claims.source import RowFile, RowSource
from arvode.rules.load import Rules

__all__ = ["CLAIM_STREAM", "CSV_COLUMNS", "Batch", "Registered", "Source", "Unit", "assemble", "claim_unit_from_raw",
           "csv_unit_from_raw", "in_received_order", "load_batch", "registered_from_raw"]

#: The stream of a claim file: one per official and period, a new file replaces it.
CLAIM_STREAM = "claim"

#: CSV columns in order; only official_id, period, date and kind are required.
CSV_COLUMNS = (
    "official_id", "official_name", "period", "date", "organ", "kind", "called", "attended",
    "serving", "specially_called", "lost_hours", "lost_amount", "lost_unknown", "free_time",
    "paid_by_other", "travel_km", "travel_within_km", "travel_hours", "outside_municipality",
    "for_meeting", "childcare_hours", "care_hours", "disability_costs", "lost_vacation_days",
    "reported", "election_role", "hours", "preparation", "training",
    "income_hourly", "income_yearly", "vacation_pay_loss", "home_distance_km",
    "childcare_by_household", "care_by_household",
    "other_cost_amount", "other_cost_reason", "other_cost_approved_by",
)
_BOOLEAN = {"serving", "specially_called", "lost_unknown", "free_time", "paid_by_other",
            "outside_municipality", "preparation", "training", "vacation_pay_loss",
            "childcare_by_household", "care_by_household"}
_INTEGER = {"lost_vacation_days"}
_TRUE = {"true", "ja", "yes", "1", "sant"}
_FALSE = {"false", "nej", "no", "0", "falskt"}
_PLAIN_EVENT = ("date", "organ", "kind", "called", "attended", "serving", "specially_called",
                "free_time", "paid_by_other", "for_meeting", "childcare_hours", "care_hours",
                "disability_costs", "lost_vacation_days", "reported", "election_role", "hours",
                "preparation", "training", "childcare_by_household", "care_by_household")


def _cell(name: str, raw: str, file: str, line: int) -> Node:
    text = raw.strip()
    value: Any = text
    if name in _BOOLEAN:
        low = text.lower()
        value = True if low in _TRUE else False if low in _FALSE else text
    elif name in _INTEGER and text.isdigit():
        value = int(text)
    return Node(value, file, line, name, ClaimError)


def _row_official(row: dict[str, str], file: str, line: int) -> Node:
    def cell(name: str) -> Node:
        return _cell(name, row.get(name, ""), file, line)

    fields: dict[str, Node] = {"id": cell("official_id")}
    if row.get("official_name", "").strip():
        fields["name"] = cell("official_name")
    if row.get("home_distance_km", "").strip():
        fields["home_distance_km"] = cell("home_distance_km")
    income = {k: cell(c) for k, c in (("hourly", "income_hourly"), ("yearly", "income_yearly"),
                                       ("vacation_pay_loss", "vacation_pay_loss"))
              if row.get(c, "").strip()}
    if income:
        fields["income"] = Node(income, file, line, "income_*", ClaimError)
    return Node(fields, file, line, "", ClaimError)


def _delimiter(header: str) -> str:
    """The separator of the header line: exports use comma, semicolon (Excel, sv-SE) or tab."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d])


#: A national month's export is about 90 MB; far more is a mistake, refused unread.
CSV_MAX_BYTES = 512 * MIB
#: Every known column once, and room for a few unknown ones to name in the error.
CSV_MAX_COLUMNS = 64
_NUMBER_COLUMNS = frozenset({
    "lost_hours", "lost_amount", "travel_km", "travel_within_km", "travel_hours", "childcare_hours",
    "care_hours", "disability_costs", "hours", "income_hourly", "income_yearly", "home_distance_km",
    "other_cost_amount",
})
#: Swedish Excel writes 310,50 and 1 234,50: a decimal comma, spaces between thousands.
_DECIMAL_COMMA = re.compile(r"[-+]?\d[\d \u00a0]*,\d+")


def _swedish_number(column: str, cell: str) -> str:
    """A number cell as Excel sv-SE writes it (``310,50``), in the form the parser reads."""
    text = cell.strip()
    if column in _NUMBER_COLUMNS and _DECIMAL_COMMA.fullmatch(text):
        return text.replace(" ", "").replace("\u00a0", "").replace(",", ".")
    return cell


def _read_csv(path: Path, encoding: str = "utf-8") -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Rows of a CSV event file with their line numbers (the cells given), each checked for shape.

    The file is read within a size bound and in the encoding given (UTF-8 unless the
    user says otherwise; UTF-16 by its byte-order mark); the header is refused before
    any row is read when it has too many, unknown or repeated columns.
    """
    file = str(path)
    text = read_text_bounded(path, CSV_MAX_BYTES, ClaimError, encoding=encoding,
                             hint=" (eller ange teckenkodningen, t.ex. --encoding cp1252)")
    first = text.split("\n", 1)[0]
    line = 1
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
        header = [h.strip() for h in next(reader, [])]
        if len(header) > CSV_MAX_COLUMNS:
            raise ClaimError(f"{len(header)} kolumner; en händelsefil har högst {len(CSV_COLUMNS)} "
                             "(arvode rapportformat visar kolumnerna)", Location(file, 1))
        known = set(CSV_COLUMNS)
        unknown = [h for h in header if h not in known]
        if unknown:
            raise ClaimError(f"okänd kolumn {unknown[0]!r} (arvode rapportformat visar kolumnerna)", Location(file, 1))
        counts = collections.Counter(header)
        twice = sorted(h for h, n in counts.items() if n > 1)
        if twice:
            raise ClaimError(f"kolumnen {twice[0]!r} finns två gånger", Location(file, 1))
        for needed in ("official_id", "period", "date", "kind"):
            if needed not in counts:
                raise ClaimError(f"kolumnen {needed!r} saknas", Location(file, 1))
        line = reader.line_num
        rows = []
        numbers = [h in _NUMBER_COLUMNS for h in header]
        width = len(header)
        intern = sys.intern
        for cells in reader:
            line = reader.line_num
            if len(cells) != width:
                if not any(c.strip() for c in cells):
                    continue  # a blank line
                more = "fler" if len(cells) > width else "färre"
                raise ClaimError(f"{more} celler ({len(cells)}) än kolumner ({width})", Location(file, line))
            # Blank cells are left out: they mean nothing given (as in the record, which keeps
            # only the cells given), and a month of rows holds a million of them. The cells
            # given repeat (the official's id and income on each of their rows, dates, organs,
            # times): each distinct text is kept once, not once per row.
            row = {h: intern(_swedish_number(h, c) if n and "," in c else c)
                   for h, c, n in zip(header, cells, numbers, strict=True) if c.strip()}
            if row:  # else a blank line
                rows.append((line, row))
        return header, rows
    except csv.Error as exc:
        # The record that failed starts after the last good one.
        raise ClaimError(f"CSV-filen kan inte läsas: {exc}", Location(file, line + 1)) from None


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    """The input files; a file named twice (directly or through a folder) would pay twice."""
    files: list[Path] = []
    seen: dict[Path, str] = {}
    for raw in paths:
        if not str(raw).strip():
            # Path("") is the working folder: an unset "$MAPP" would import (and pay) everything under it.
            raise ClaimError("tom sökväg: ange en fil eller en mapp (\".\" för den aktuella mappen)", Location('""'))
        path = Path(raw)
        if path.is_dir():
            every = sorted(p for p in path.rglob("*") if p.is_file())
            sheets = [p for p in every if p.suffix.lower() in SPREADSHEET_SUFFIXES
                      and not p.name.startswith("~$")]  # ~$: Excel's lock file
            if sheets:
                refuse_spreadsheet(sheets[0])  # in a folder it would be skipped, and its events not paid
            found = [p for p in every if p.suffix.lower() in {".yaml", ".yml", ".csv"}]
            if not found:
                raise ClaimError("inga rapportfiler (.yaml, .yml, .csv) i mappen", Location(str(path)))
        else:
            found = [path]
            refuse_spreadsheet(path)
        for file in found:
            key = file.resolve()
            if key in seen:
                raise ClaimError(f"samma fil angiven två gånger (också som {seen[key]}): dess händelser "
                                 "skulle betalas två gånger", Location(str(file)))
            seen[key] = str(file)
            files.append(file)
    return files


_OFFICIAL_NUMBERS = ("income_hourly", "income_yearly", "home_distance_km")
_OFFICIAL_COLUMNS = (*_OFFICIAL_NUMBERS, "official_name", "vacation_pay_loss")


def _same_official_cells(rows: list[tuple[str, int, dict[str, str]]]) -> None:
    """An official's rows must agree on the official's data: the first row's is used for all."""
    first_file, first_line, first = rows[0]
    same = tuple(map(first.get, _OFFICIAL_COLUMNS))
    for file, line, row in rows[1:]:
        if tuple(map(row.get, _OFFICIAL_COLUMNS)) == same:
            continue  # the usual row: the very cells of the first
        for column in _OFFICIAL_COLUMNS:
            a, b = first.get(column, "").strip(), row.get(column, "").strip()
            if not b or a == b:
                continue
            if a and column in _OFFICIAL_NUMBERS:
                try:
                    if exact(a) == exact(b):
                        continue
                except (TypeError, ValueError) as exc:
                    raise ClaimError(str(exc), Location(file, line, column)) from None
            raise ClaimError(
                f"{b!r} skiljer sig från {a!r} på rad {first_line} i {first_file} för samma ledamot "
                "och månad: en ledamot har ett värde; gör dem lika eller lämna de senare cellerna tomma",
                Location(file, line, column),
            )


@attrs.frozen
class Source:
    """An input file as received: its path and the SHA-256 of its bytes."""

    name: str
    sha256: str
    kind: str  # "claim", "csv" or "register"


@attrs.frozen(slots=False)
class Unit:
    """One official's claim for one period from one stream: what a new version replaces whole.

    The stream is ``claim`` for a claim file (one official, one month: a new file is
    a new version of it) or ``csv:NAME`` for the rows of that official and period in
    the CSV file called NAME (the time-reporting system's export for the month).
    """

    official: str
    period: str
    stream: str
    source: str
    line: int
    events: tuple[Event, ...]
    #: A claim file's ``official:`` block (its data is the official's for the month), or
    #: for CSV rows the official as the rows give them.
    official_data: Official | None = None
    #: The official's cells of CSV rows (name, income, distance), only those given.
    csv_official: Official | None = None
    #: A claim file's yearly 4.2 claim above 7,5 IBB (claim-level, not an event).
    pension_loss_above_ibb: PensionLossAboveIbb | None = None
    #: A claim file's text (what the record stores to read it again).
    text: str = ""
    #: A CSV unit's rows as (line, columns, cells) of the cells given (blank ones left out); ``rows``
    #: gives them as the record stores them. Not dicts: a month of rows as dicts was the largest
    #: part of a run's memory, and rows with the same columns share one tuple of them.
    packed: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...] = ()

    @property
    def rows(self) -> tuple[tuple[int, dict[str, str]], ...]:
        """A CSV unit's rows: (line, the cells given), stored by the record as JSON."""
        return tuple((line, dict(zip(columns, cells, strict=True))) for line, columns, cells in self.packed)

    @property
    def raw(self) -> str:
        """What the record stores to read the unit again: the claim file's text, or the CSV cells.

        Not kept: a run needs it once, to store it, and a month's cells as JSON would stay in
        memory for the whole run beside the cells themselves.
        """
        if self.stream == CLAIM_STREAM:
            return self.text
        return json.dumps(self.rows, ensure_ascii=False, separators=(",", ":"))

    @functools.cached_property
    def content(self) -> str:
        """SHA-256 of the content (not of where it stood): the same content under another name is one."""
        if self.stream == CLAIM_STREAM:
            return content_hash(self.official_data, self.events, self.pension_loss_above_ibb)
        cells = [row for _, row in self.rows]
        return hashlib.sha256(json.dumps(cells, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@attrs.frozen
class Registered:
    """An official from an officials register, paid årsarvode in months without a claim."""

    official: Official
    source: str
    line: int
    #: The register entry as plain JSON, to read it again; and its content hash.
    raw: str = ""
    content: str = ""


@attrs.frozen
class Batch:
    """Every input of a payroll run: units, registered officials, the files they came from.

    ``claims`` is the month's view: one claim per official and period, assembled
    from the units exactly as the record assembles them.
    """

    units: tuple[Unit, ...]
    register: tuple[Registered, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()

    def for_month(self, period: str) -> list[Claim]:
        """Claims of ``period``, plus an empty claim for each registered official without one."""
        found = [c for c in self.claims if c.period == period]
        have = {c.official.id for c in found}
        extra = [Claim(official=r.official, period=period, events=(), file=r.source)
                 for r in self.register if r.official.id not in have]
        return sorted(found + extra, key=lambda c: c.official.id)


def _csv_agrees(kept: Official, given: Official, unit: Unit, what: str) -> None:
    """Official data from CSV cells must not contradict the data used (never dropped unseen)."""
    pairs = (("income_hourly", kept.income.hourly, given.income.hourly),
             ("income_yearly", kept.income.yearly, given.income.yearly),
             ("home_distance_km", kept.home_distance_km, given.home_distance_km))
    for column, used, other in pairs:
        if other is not None and used != other:
            raise ClaimError(
                f"{other} skiljer sig från {used} i {what} för {unit.official} {unit.period}, vars "
                "uppgifter om ledamoten används: gör dem lika eller lämna cellen tom",
                Location(unit.source, unit.line, column),
            )


def assemble(units: Sequence[Unit], registered: Official | None = None) -> Claim:
    """One official's claim for one period from its units (claim file first, then CSV rows).

    The claim file's official data wins; CSV cells must agree with it. Without a
    claim file, a registered official's data is used, with income and distance
    from the CSV cells where given; else the CSV cells are the official's data.
    """
    claim_unit = next((u for u in units if u.stream == CLAIM_STREAM), None)
    csv_units = [u for u in units if u.stream != CLAIM_STREAM]
    first_csv = next((u.csv_official for u in csv_units if u.csv_official is not None), None)
    if claim_unit is not None and claim_unit.official_data is not None:
        official = claim_unit.official_data
        for unit in csv_units:
            if unit.csv_official is not None:
                _csv_agrees(official, unit.csv_official, unit, f"rapportfilen {claim_unit.source}")
    else:
        for unit in csv_units[1:]:
            if unit.csv_official is not None and first_csv is not None:
                _csv_agrees(first_csv, unit.csv_official, unit, f"CSV-filen {csv_units[0].source}")
        base = registered or first_csv or csv_units[0].official_data
        assert base is not None, "a CSV unit carries the official it was read for"
        official = base
        if registered is not None and first_csv is not None and (
            first_csv.income != Income() or first_csv.home_distance_km is not None
        ):
            official = attrs.evolve(
                registered,
                income=first_csv.income,
                home_distance_km=first_csv.home_distance_km or registered.home_distance_km,
            )
    ordered = ([claim_unit] if claim_unit is not None else []) + csv_units
    events: list[Event] = []
    for unit in ordered:
        start = len(events)
        events.extend(e if e.index == start + i else attrs.evolve(e, index=start + i)
                      for i, e in enumerate(unit.events))
    file = ordered[0].source if ordered else "<register>"
    period = ordered[0].period if ordered else ""
    pension = claim_unit.pension_loss_above_ibb if claim_unit is not None else None
    return Claim(official=official, period=period, events=tuple(events), file=file,
                 pension_loss_above_ibb=pension)


#: What makes two reports one event (codec.IDENTITY_EXCLUDED and ``reported`` left out);
#: a tuple of fields, not canonical JSON, because every event of a payroll month passes here.
_IDENTITY_FIELDS = tuple(
    f.name for f in attrs.fields(Event) if f.name not in IDENTITY_EXCLUDED | {"reported"}
)


def _identity(event: Event) -> tuple[Any, ...]:
    return tuple(getattr(event, name) for name in _IDENTITY_FIELDS)


def in_received_order(units: Sequence[tuple[int, Unit]]) -> list[Unit]:
    """One official's units, events stamped with the order received, repeats marked (6.1).

    An event that an earlier-received unit already holds (the same meeting in the next
    month's claim, or in a second export) is refused, not paid again; within one unit
    nothing is compared, so a claim keeps its own events as written. An event is copied
    only where its stamp changes: a month's events pass here at every run.
    """
    if len(units) == 1:
        # The order received only ranks an official's events against each other's (the
        # engine's sort keys, per official), and one unit has nothing to repeat: stamping
        # every event of it with one number would copy them all to change nothing.
        return [units[0][1]]
    seen: dict[tuple[Any, ...], tuple[int, Unit, Event]] = {}
    out = []
    for received, unit in sorted(units, key=lambda pair: pair[0]):
        events = []
        for event in unit.events:
            key = _identity(event)
            first = seen.setdefault(key, (received, unit, event))
            repeat = None
            if first[0] != received:
                repeat = (f"samma händelse finns redan i {first[2].file or first[1].source}:{first[2].line} "
                          f"(rapporten för {first[1].period}); den ersätts en gång")
            same = event.received == received and event.already_reported == repeat
            events.append(event if same else attrs.evolve(event, received=received, already_reported=repeat))
        out.append(unit if all(a is b for a, b in zip(events, unit.events, strict=True))
                   else attrs.evolve(unit, events=tuple(events)))
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ClaimError(f"kan inte läsas: {os_problem(exc)}", Location(str(path))) from None
    return digest.hexdigest()


class _Identities:
    """Look-alike ids within one input: ``p-1`` and ``P-1`` are refused, not paid twice."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, str, int]] = {}

    def add(self, official: str, file: str, line: int) -> None:
        key = lookalike_key(official)
        first = self.seen.setdefault(key, (official, file, line))
        if first[0] != official:
            raise ClaimError(
                f"id {official!r} liknar {first[0]!r} ({first[1]}:{first[2]}) men skrivs annorlunda: "
                "samma person måste ha samma id överallt",
                Location(file, line, "official.id"),
            )


def _yaml_units(root: Node, text: str, rules: Rules, register: list[Registered], units: list[Unit],
                ids: _Identities) -> str:
    """A claim file's unit, or a register's officials; returns the kind of file."""
    if root.is_mapping() and root.get("officials") is not None:
        root.check_keys({"officials"})
        for item in root.require("officials").sequence():
            item.check_keys({"official"})
            node = item.require("official")
            official = official_from_node(node, rules)
            line = node.require("id").line
            ids.add(official.id, root.file, line)
            if any(r.official.id == official.id for r in register):
                raise item.fail(f"ledamot {official.id} finns två gånger i registret")
            register.append(Registered(official, root.file, line, _plain_json(node), content_hash(official)))
        return "register"
    units.append(claim_unit(root, text, rules))
    ids.add(units[-1].official, root.file, units[-1].line)
    return "claim"


def claim_unit(root: Node, text: str, rules: Rules) -> Unit:
    """A claim file as the unit a new version of it replaces."""
    claim = parse_claim(root, rules)
    line = root.require("official").require("id").line
    return Unit(claim.official.id, claim.period, CLAIM_STREAM, root.file, line, claim.events,
                official_data=claim.official, pension_loss_above_ibb=claim.pension_loss_above_ibb, text=text)


def claim_unit_from_raw(raw: str, file: str, rules: Rules) -> Unit:
    """A stored claim file read again (the record keeps its text)."""
    return claim_unit(load_yaml_text(raw, file, ClaimError), raw, rules)


def _plain_json(node: Node) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return json.dumps(plain(node.plain()), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _node(value: Any, file: str, line: int, path: str) -> Node:
    """Plain JSON data as a Node tree placed at one line (a stored entry read again)."""
    if isinstance(value, dict):
        value = {k: _node(v, file, line, f"{path}.{k}" if path else k) for k, v in value.items()}
    elif isinstance(value, list):
        value = [_node(v, file, line, f"{path}[{i}]") for i, v in enumerate(value)]
    return Node(value, file, line, path, ClaimError)


def registered_from_raw(raw: str, file: str, line: int, rules: Rules) -> Registered:
    """A stored register entry read again, through the same validation as on import."""
    official = official_from_node(_node(json.loads(raw), file, line, "official"), rules)
    return Registered(official, file, line, raw, content_hash(official))


def _csv_units(path: Path, rules: Rules, ids: _Identities, encoding: str) -> list[Unit]:
    """The rows of one CSV file, one unit per official and period, validated like a claim."""
    grouped: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    file = str(path)
    header, rows = _read_csv(path, encoding)
    seen: dict[str, str] = {}
    for line, row in rows:
        raw = row.get("official_id", "")
        official = seen.get(raw)
        if official is None:
            try:
                official = seen[raw] = normalize_id(raw)
            except ValueError as exc:
                raise ClaimError(str(exc), Location(file, line, "official_id")) from None
            ids.add(official, file, line)
        grouped.setdefault((official, row.get("period", "").strip()), []).append((line, row))
    into = RowFile(file, header)
    return [csv_unit(official, period, f"csv:{path.name}", file, unit_rows, rules, into)
            for (official, period), unit_rows in grouped.items()]


#: CSV columns of an event's fields; the parts gather columns into one field.
_EVENT_COLUMNS = {name: name for name in _PLAIN_EVENT}
_EVENT_PARTS = {
    "lost_income": ("lost_*", {"hours": "lost_hours", "amount": "lost_amount", "unknown_amount": "lost_unknown"}),
    "travel": ("travel_*", {"km": "travel_km", "within_km": "travel_within_km", "hours": "travel_hours",
                            "outside_municipality": "outside_municipality"}),
    "other_costs": ("other_cost_*", {"amount": "other_cost_amount", "reason": "other_cost_reason",
                                     "approved_by": "other_cost_approved_by"}),  # 5.5: one per row
}


def csv_unit(official: str, period: str, stream: str, file: str, rows: list[tuple[int, dict[str, str]]],
             rules: Rules, into: RowFile | None = None) -> Unit:
    """The rows of one official and period in one CSV file, validated like a claim.

    The official's cells are read once, from the first row (the others must agree);
    each row becomes an event through the same builder as a claim file's events.
    """
    line, first = rows[0]
    official_node = _row_official(first, file, line)
    official_data = official_from_node(official_node, rules)
    try:
        month = parse_period(period)
    except ValueError as exc:
        raise ClaimError(str(exc), Location(file, line, "period")) from None
    into = into or RowFile(file)
    last_day = month.last_day
    events = tuple(build_event(i, RowSource(into, ln, row, _EVENT_COLUMNS, parts=_EVENT_PARTS), rules, last_day)
                   for i, (ln, row) in enumerate(rows))
    _same_official_cells([(file, ln, row) for ln, row in rows])
    given = official_data if len(official_node.mapping()) > 1 else None
    return Unit(official, str(month), stream, file, line, events, official_data=official_data,
                csv_official=given, packed=tuple(_packed(ln, row, into.shapes) for ln, row in rows))


def _packed(line: int, row: dict[str, str], shapes: dict[tuple[str, ...], tuple[str, ...]]) -> tuple[
        int, tuple[str, ...], tuple[str, ...]]:
    columns = tuple(row)
    return line, shapes.setdefault(columns, columns), tuple(row.values())


def csv_unit_from_raw(official: str, period: str, stream: str, file: str, raw: str, rules: Rules) -> Unit:
    """A stored CSV unit read again (the record keeps its cells with their line numbers)."""
    rows = [(int(line), cells) for line, cells in json.loads(raw)]
    return csv_unit(official, period, stream, file, rows, rules)


def load_batch(paths: Iterable[str | Path], rules: Rules, *, encoding: str = "utf-8") -> Batch:
    """Read every input into units; the month's claims are assembled from them.

    ``encoding`` is the CSV files' (UTF-8 unless the user names another, e.g. cp1252).
    """
    with paused_gc():
        return _load_batch(paths, rules, encoding)


def _load_batch(paths: Iterable[str | Path], rules: Rules, encoding: str) -> Batch:
    units: list[Unit] = []
    register: list[Registered] = []
    sources: list[Source] = []
    ids = _Identities()
    by_content: dict[str, str] = {}
    for path in _expand(paths):
        digest = _sha256(path)
        if digest in by_content:
            raise ClaimError(
                f"samma innehåll som {by_content[digest]}: en fil med samma innehåll under ett annat "
                "namn skulle betalas två gånger; ta bort den ena",
                Location(str(path)),
            )
        by_content[digest] = str(path)
        if path.suffix.lower() == ".csv":
            units.extend(_csv_units(path, rules, ids, encoding))
            kind = "csv"
        else:
            text = read_text_bounded(path, MAX_BYTES, ClaimError)
            root = load_yaml_text(text, str(path), ClaimError)
            kind = _yaml_units(root, text, rules, register, units, ids)
        sources.append(Source(str(path), digest, kind))
    claim_files: dict[tuple[str, str], Unit] = {}
    for unit in units:
        if unit.stream != CLAIM_STREAM:
            continue
        first = claim_files.setdefault((unit.official, unit.period), unit)
        if first is not unit:
            raise ClaimError(
                f"en andra rapport för {unit.official} {unit.period} (den första i {first.source})",
                Location(unit.source, None, "period"),
            )
    registered = {r.official.id: r.official for r in register}
    per_official: dict[str, list[tuple[int, Unit]]] = {}
    for position, unit in enumerate(units, 1):
        per_official.setdefault(unit.official, []).append((position, unit))
    grouped: dict[tuple[str, str], list[Unit]] = {}
    for official_units in per_official.values():
        for unit in in_received_order(official_units):
            grouped.setdefault((unit.official, unit.period), []).append(unit)
    claims = [assemble(group, registered.get(key[0])) for key, group in grouped.items()]
    return Batch(units=tuple(units), register=tuple(register), sources=tuple(sources),
                 claims=tuple(sorted(claims, key=lambda c: (c.period, c.official.id))))
