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

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from arvode.base.errors import ClaimError, Location
from arvode.base.money import exact
from arvode.base.yaml import Node, load_yaml_file
from arvode.claims.claim import Claim, Official, official_from_node, parse_claim
from arvode.rules.load import Rules

__all__ = ["CSV_COLUMNS", "Batch", "load_batch"]

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


@attrs.frozen
class Batch:
    """All claims of a payroll input, one per official and period."""

    claims: tuple[Claim, ...]
    register: tuple[Official, ...] = ()

    def for_month(self, period: str) -> list[Claim]:
        """Claims of ``period``, plus an empty claim for each registered official without one."""
        found = [c for c in self.claims if c.period == period]
        have = {c.official.id for c in found}
        extra = [Claim(official=o, period=period, events=()) for o in self.register if o.id not in have]
        return sorted(found + extra, key=lambda c: c.official.id)


def _cell(name: str, raw: str, file: str, line: int) -> Node:
    text = raw.strip()
    value: Any = text
    if name in _BOOLEAN:
        low = text.lower()
        value = True if low in _TRUE else False if low in _FALSE else text
    elif name in _INTEGER and text.isdigit():
        value = int(text)
    return Node(value, file, line, name, ClaimError)


def _row_event(row: dict[str, str], file: str, line: int) -> Node:
    def cell(name: str) -> Node:
        return _cell(name, row[name], file, line)

    fields: dict[str, Node] = {n: cell(n) for n in _PLAIN_EVENT if row.get(n, "").strip()}
    lost = {k: cell(c) for k, c in (("hours", "lost_hours"), ("amount", "lost_amount"),
                                     ("unknown_amount", "lost_unknown")) if row.get(c, "").strip()}
    if lost:
        fields["lost_income"] = Node(lost, file, line, "lost_*", ClaimError)
    travel = {k: cell(c) for k, c in (("km", "travel_km"), ("within_km", "travel_within_km"),
                                       ("hours", "travel_hours"),
                                       ("outside_municipality", "outside_municipality"))
              if row.get(c, "").strip()}
    if travel:
        fields["travel"] = Node(travel, file, line, "travel_*", ClaimError)
    other = {k: cell(c) for k, c in (("amount", "other_cost_amount"), ("reason", "other_cost_reason"),
                                      ("approved_by", "other_cost_approved_by")) if row.get(c, "").strip()}
    if other:  # 5.5: one other cost per row
        fields["other_costs"] = Node([Node(other, file, line, "other_cost_*", ClaimError)],
                                     file, line, "other_cost_*", ClaimError)
    return Node(fields, file, line, "", ClaimError)


def _row_official(row: dict[str, str], file: str, line: int) -> Node:
    def cell(name: str) -> Node:
        return _cell(name, row[name], file, line)

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


def _read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    file = str(path)
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            handle.seek(0)
            reader = csv.reader(handle, delimiter=_delimiter(first), strict=True)
            header = [h.strip() for h in next(reader, [])]
            line = reader.line_num
            unknown = [h for h in header if h not in CSV_COLUMNS]
            if unknown:
                raise ClaimError(f"unknown column {unknown[0]!r} (see CSV_COLUMNS in the README)", Location(file, 1))
            twice = sorted({h for h in header if header.count(h) > 1})
            if twice:
                raise ClaimError(f"column {twice[0]!r} given twice", Location(file, 1))
            for needed in ("official_id", "period", "date", "kind"):
                if needed not in header:
                    raise ClaimError(f"missing column {needed!r}", Location(file, 1))
            rows = []
            for cells in reader:
                line = reader.line_num
                if not any(c.strip() for c in cells):
                    continue  # a blank line
                if len(cells) != len(header):
                    more = "more" if len(cells) > len(header) else "fewer"
                    raise ClaimError(f"{more} cells ({len(cells)}) than columns ({len(header)})", Location(file, line))
                rows.append((line, dict(zip(header, cells, strict=True))))
            return rows
    except FileNotFoundError:
        raise ClaimError("no such file", Location(file)) from None
    except csv.Error as exc:
        # The record that failed starts after the last good one.
        raise ClaimError(f"cannot read CSV: {exc}", Location(file, line + 1)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimError(f"cannot read CSV: {exc}", Location(file)) from None


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    """The input files; a file named twice (directly or through a folder) would pay twice."""
    files: list[Path] = []
    seen: dict[Path, str] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in {".yaml", ".yml", ".csv"})
            if not found:
                raise ClaimError("no claim files (.yaml, .yml, .csv) in this folder", Location(str(path)))
        else:
            found = [path]
        for file in found:
            key = file.resolve()
            if key in seen:
                raise ClaimError(f"input given twice (also as {seen[key]}): its events would be paid twice",
                                 Location(str(file)))
            seen[key] = str(file)
            files.append(file)
    return files


_OFFICIAL_NUMBERS = ("income_hourly", "income_yearly", "home_distance_km")


def _same_official_cells(rows: list[tuple[str, int, dict[str, str]]]) -> None:
    """An official's rows must agree on the official's data: the first row's is used for all."""
    first_file, first_line, first = rows[0]
    for file, line, row in rows[1:]:
        for column in (*_OFFICIAL_NUMBERS, "official_name", "vacation_pay_loss"):
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
                f"{b!r} differs from {a!r} on line {first_line} of {first_file} for the same official "
                "and month: one official has one value; make them agree or leave the later cells empty",
                Location(file, line, column),
            )


def _agree(claim: Claim, given: Official, row: dict[str, str], file: str, line: int) -> None:
    """Official data in a CSV row must not contradict the claim file it joins (never dropped unseen)."""
    pairs = (("income_hourly", claim.official.income.hourly, given.income.hourly),
             ("income_yearly", claim.official.income.yearly, given.income.yearly),
             ("home_distance_km", claim.official.home_distance_km, given.home_distance_km))
    for column, kept, other in pairs:
        if row.get(column, "").strip() and kept != other:
            raise ClaimError(
                f"{other} differs from {kept} in the claim file {claim.file} for {claim.official.id} "
                f"{claim.period}, whose official data is used: make them agree or leave the cell empty",
                Location(file, line, column),
            )


def load_batch(paths: Iterable[str | Path], rules: Rules) -> Batch:
    """Read every input; one claim per official and period, CSV events merged in."""
    documents: list[Node] = []
    register: dict[str, Official] = {}
    csv_rows: list[tuple[str, int, dict[str, str]]] = []
    for path in _expand(paths):
        if path.suffix.lower() == ".csv":
            csv_rows.extend((str(path), line, row) for line, row in _read_csv(path))
            continue
        root = load_yaml_file(path, ClaimError)
        if root.is_mapping() and root.get("officials") is not None:
            root.check_keys({"officials"})
            for item in root.require("officials").sequence():
                item.check_keys({"official"})
                official = official_from_node(item.require("official"), rules)
                if official.id in register:
                    raise item.fail(f"official {official.id} is registered twice")
                register[official.id] = official
        else:
            documents.append(root)
    claims: dict[tuple[str, str], Claim] = {}
    for root in documents:
        claim = parse_claim(root, rules)
        key = (claim.official.id, claim.period)
        if key in claims:
            raise ClaimError(
                f"a second claim for {key[0]} {key[1]} (first in {claims[key].file})",
                Location(claim.file, None, "period"),
            )
        claims[key] = claim
    grouped: dict[tuple[str, str], list[tuple[str, int, dict[str, str]]]] = {}
    for file, line, row in csv_rows:
        grouped.setdefault((row["official_id"].strip(), row["period"].strip()), []).append((file, line, row))
    for (official_id, period), rows in grouped.items():
        file, line, first = rows[0]
        existing = claims.get((official_id, period))
        official_node = _row_official(first, file, line)
        events = [_row_event(row, f, ln) for f, ln, row in rows]
        root = Node(
            {"official": official_node, "period": _cell("period", period, file, line),
             "events": Node(events, file, line, "", ClaimError)},
            file, line, "", ClaimError,
        )
        from_csv = parse_claim(root, rules)
        _same_official_cells(rows)
        if existing is not None:
            _agree(existing, from_csv.official, first, file, line)
        official = existing.official if existing else register.get(official_id, from_csv.official)
        if existing is None and official_id in register and len(official_node.mapping()) > 1:
            official = attrs.evolve(official, income=from_csv.official.income,
                                    home_distance_km=from_csv.official.home_distance_km or official.home_distance_km)
        before = existing.events if existing else ()
        shifted = tuple(attrs.evolve(e, index=e.index + len(before)) for e in from_csv.events)
        claims[(official_id, period)] = Claim(
            official=official, period=from_csv.period, events=before + shifted,
            file=existing.file if existing else file,
            pension_loss_above_ibb=existing.pension_loss_above_ibb if existing else None,
        )
    return Batch(claims=tuple(sorted(claims.values(), key=lambda c: (c.period, c.official.id))),
                 register=tuple(register.values()))
