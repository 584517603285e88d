"""6.5 Omräkning: KSAPU's yearly raise of the Bilaga 1 amounts, as a new rules set.

Which amounts 6.5 lists, and the step each is rounded to (krona; 100 kr for
årsarvode), is data: the ``omrakning`` marker on a parameter. The rounding of an
exact half is the dated parameter ``omrakning.avrundning``. So a year's omräkning
is one command that cannot get the rounding wrong, and its result is a rules set
a reviewer can read as a diff: the YAML is edited as text, one new dated line per
raised amount after its last value, every other byte (comments included) kept.
The result is loaded and compared with the source before it is handed over.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from arvode.base.errors import Location, RulesError
from arvode.base.money import format_number, round_money
from arvode.base.yaml import Node, load_yaml_file
from arvode.rules.belopp import Rounding
from arvode.rules.load import Rules, bundled_rules_dir, load_rules
from arvode.rules.params import DatedValue, Parameter

__all__ = [
    "MODE_PARAMETER",
    "Raise",
    "Recalculation",
    "omrakna",
    "parse_percent",
    "plan_raises",
]

#: The dated parameter giving the rounding mode of an exact half (6.5: "närmaste").
MODE_PARAMETER = "omrakning.avrundning"

# An exact decimal as a person types it: no exponent, no comma, no inf/nan.
_PERCENT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


@attrs.frozen
class Raise:
    """One amount 6.5 raises: the old value, the exact product and the rounded result."""

    parameter: Parameter
    old: DatedValue[Any]
    factor: Decimal
    exact: Decimal
    new: Decimal
    mode: str

    @property
    def name(self) -> str:
        return self.parameter.name

    @property
    def steg(self) -> Decimal:
        assert self.parameter.omrakning is not None
        return self.parameter.omrakning.steg

    def note(self, percent: Decimal) -> str:
        """The arithmetic, so the YAML line explains itself to the reviewer."""
        assert self.parameter.omrakning is not None
        old = format_number(self.old.value)
        sign = "+" if percent >= 0 else "−"
        how = Rounding(self.steg, self.mode).mode_text
        return (
            f"{sign}{format_number(abs(percent))} % från {old} kr ({self.parameter.omrakning.reference}): "
            f"{old} × {format_number(self.factor)} = {format_number(self.exact)}, "
            f"avrundat till närmaste {format_number(self.steg)} kr ({how})"
        )


@attrs.frozen
class Recalculation:
    """A written omräkning: where, from when, and each raised amount with its new line."""

    directory: Path
    source: Path
    percent: Decimal
    valid_from: dt.date
    reference: str
    mode: str
    raises: tuple[Raise, ...]
    #: (file name, line number) of each inserted line, in the order of ``raises``.
    lines: tuple[tuple[str, int], ...]
    #: kr parameters 6.5 does not list (5.1's per-km rate, traktamente, basbelopp …).
    unchanged: tuple[Parameter, ...]


#: The largest yearly change ``omrakna`` accepts, either way (a typo guard, not a rule).
_MOST = Decimal(25)


def parse_percent(text: str) -> Decimal:
    """KSAPU's percentage as typed, refused unless it is an exact decimal like ``3.2``."""
    stripped = text.strip()
    if stripped.count(",") == 1 and "." not in stripped:
        stripped = stripped.replace(",", ".")  # 3,2 as a Swede types it: a percent has no thousands
    if not _PERCENT.fullmatch(stripped):
        raise RulesError(
            f"procentsatsen {text!r} är inte ett exakt decimaltal; skriv den som 3,2 eller 3.2 "
            f"(utan exponent, utan %)"
        )
    percent = Decimal(stripped)
    if percent <= -100:
        raise RulesError(f"procentsatsen {text!r} skulle göra varje belopp noll eller negativt")
    if abs(percent) > _MOST:
        # 6.5 follows the riksdagsarvode, which has moved a few percent a year: 32 for 3,2 is a typo.
        raise RulesError(f"procentsatsen {text!r} är orimlig för en årlig omräkning (högst ±{_MOST} %); "
                         "ett beslut om större ändring förs in i regelfilerna för hand")
    return percent


def _plain(value: Decimal) -> str:
    """A number as the YAML and its notes write it: ``1211``, ``1210.536``, ``2.9``."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def _exact_product(amount: Decimal, factor: Decimal) -> Decimal:
    """old × (1 + P/100) with no rounding at all: a lost digit is an error, not a cent."""
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        return amount * factor


def plan_raises(rules: Rules, percent: Decimal, valid_from: dt.date) -> tuple[Raise, ...]:
    """Every amount 6.5 lists, raised from its value on the day before ``valid_from``.

    An exact half is rounded by ``omrakning.avrundning`` as in force on ``valid_from``:
    the new amounts follow the rounding rule of their own date.
    """
    marked = [p for p in rules.parameters.values() if p.omrakning is not None]
    if not marked:
        raise RulesError(
            "ingen parameter har en omrakning-markering (6.5): inget att räkna om",
            Location(str(rules.directory)),
        )
    for parameter in marked:
        if parameter.values and valid_from <= parameter.values[-1].valid_from:
            latest = parameter.values[-1]
            raise RulesError(
                f"--from {valid_from.isoformat()} är inte efter det senaste värdet för "
                f"{parameter.name} (från {latest.valid_from.isoformat()}); en omräkning "
                f"lägger till ett nytt datum, den skriver inte om ett",
                Location(latest.file, latest.line, parameter.name),
            )
    mode = rules.value(MODE_PARAMETER, valid_from).value
    factor = 1 + percent / 100
    raises: list[Raise] = []
    for parameter in marked:
        assert parameter.omrakning is not None
        old = parameter.at(valid_from - dt.timedelta(days=1))
        exact = _exact_product(old.value, factor)
        new = round_money(exact, mode, parameter.omrakning.steg)
        raises.append(Raise(parameter, old, factor, exact, new, mode))
    return tuple(raises)


def _check_out(out: Path, source: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise RulesError(
            "finns och är inte en tom mapp; välj en ny --out", Location(str(out))
        )
    resolved_out, resolved_source = out.resolve(), source.resolve()
    if resolved_out == resolved_source or resolved_source in resolved_out.parents:
        raise RulesError(
            f"får inte ligga i den ursprungliga regelmappen {source}", Location(str(out))
        )


def _check_reference(reference: str) -> str:
    text = reference.strip()
    if not text or "\n" in text or "\r" in text:
        raise RulesError(
            f"referensen {reference!r} ska vara en rad som anger KSAPU:s beslut, "
            f"t.ex. \"KSAPU 2025-11-24 § 150\""
        )
    return text


def _values_node(root: Node, parameter: Parameter) -> Node:
    section = root.get("parameters")
    entry = section.get(parameter.name) if section is not None else None
    values = entry.get("values") if entry is not None else None
    if values is None or not values.is_mapping() or not values.mapping():
        raise RulesError(
            "har inget daterat värde att räkna om", Location(parameter.file, parameter.line, parameter.name)
        )
    return values


def _insertion(lines: list[str], values: Node, parameter: Parameter) -> tuple[int, str]:
    """Where the new dated line goes (after the last value's last line) and its indent.

    Only a block mapping of dates can take one more line without touching the others;
    flow style (``values: {…}``) is refused with its place.
    """
    first_key, _ = next(iter(values.items()))
    last_key, last = list(values.items())[-1]

    def key_line(key: str, index: int) -> re.Match[str] | None:
        pattern = rf"(\s*)(['\"]?){re.escape(key)}\2\s*:"
        return re.match(pattern, lines[index]) if 0 <= index < len(lines) else None

    first = key_line(first_key, values.line - 1)
    found = next(
        (i for i in range(last.line - 1, values.line - 2, -1) if key_line(last_key, i)), None
    )
    if first is None or found is None:
        raise RulesError(
            "skriv de daterade värdena som en blockmappning, ett datum per rad, så att "
            "omrakna kan lägga till en rad",
            Location(values.file, values.line, f"{parameter.name}.values"),
        )
    indent = first.group(1)
    end = found
    for index in range(found + 1, len(lines)):
        text = lines[index]
        if not text.strip():
            continue
        if len(text) - len(text.lstrip(" ")) <= len(indent):
            break
        end = index
    return end + 1, indent


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset PyYAML reads)."""
    return json.dumps(text, ensure_ascii=False)


def _new_line(item: Raise, indent: str, percent: Decimal, valid_from: dt.date, reference: str,
              eol: str) -> str:
    return (
        f"{indent}{valid_from.isoformat()}: {{value: {_quoted(_plain(item.new))}, "
        f"reference: {_quoted(reference)}, note: {_quoted(item.note(percent))}}}{eol}"
    )


def _edit(directory: Path, raises: tuple[Raise, ...], percent: Decimal, valid_from: dt.date,
          reference: str, source: Path) -> dict[str, int]:
    """Insert the new lines into the copied files; returns each parameter's new line number."""
    by_file: dict[str, list[Raise]] = {}
    for item in raises:
        by_file.setdefault(item.parameter.file, []).append(item)
    placed: dict[str, int] = {}
    for file, items in by_file.items():
        relative = Path(file).relative_to(source)
        target = directory / relative
        root = load_yaml_file(Path(file), RulesError)
        text = target.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        inserts = []
        for item in items:
            index, indent = _insertion(lines, _values_node(root, item.parameter), item.parameter)
            inserts.append((index, indent, item))
        for index, indent, item in sorted(inserts, key=lambda t: t[0], reverse=True):
            before = lines[index - 1]
            eol = "\r\n" if before.endswith("\r\n") else "\n"
            if not before.endswith("\n"):
                lines[index - 1] = before + eol
            lines.insert(index, _new_line(item, indent, percent, valid_from, reference, eol))
        target.write_text("".join(lines), encoding="utf-8", newline="")
        for offset, (index, _, item) in enumerate(sorted(inserts, key=lambda t: t[0])):
            placed[item.name] = index + offset + 1
    return placed


def _fingerprint(value: DatedValue[Any]) -> tuple[object, ...]:
    return (value.valid_from, value.value, value.reference, value.note)


def _verify(old: Rules, new: Rules, raises: tuple[Raise, ...], valid_from: dt.date,
            reference: str, percent: Decimal) -> None:
    """The written set must equal the source plus exactly the planned values."""
    added = {item.name: item for item in raises}
    if set(old.parameters) != set(new.parameters):
        raise RulesError(
            "den skrivna regelsamlingen har tappat eller fått en parameter", Location(str(new.directory))
        )
    for name, parameter in old.parameters.items():
        expected = [_fingerprint(v) for v in parameter.values]
        if name in added:
            item = added[name]
            expected.append((valid_from, item.new, reference, item.note(percent)))
        got = [_fingerprint(v) for v in new.parameters[name].values]
        if got != expected:
            raise RulesError(
                "de skrivna värdena skiljer sig från de planerade; YAML-uppställningen kring "
                "den här parametern kan omrakna inte redigera",
                Location(new.parameters[name].file, new.parameters[name].line, name),
            )


def omrakna(
    percent: Decimal,
    valid_from: dt.date,
    reference: str,
    out: str | Path,
    source: str | Path | None = None,
) -> Recalculation:
    """Write a complete rules set with 6.5's amounts raised by ``percent`` from ``valid_from``.

    Nothing is left at ``out`` unless the whole set was written, loaded and checked:
    the work is done in a hidden sibling folder and renamed at the end.
    """
    if not isinstance(percent, Decimal) or not percent.is_finite():
        raise TypeError(f"percent must be a finite Decimal, got {percent!r}")
    source_dir = Path(source) if source is not None else bundled_rules_dir()
    out_dir = Path(out)
    reference = _check_reference(reference)
    rules = load_rules(source_dir)
    source_dir = rules.directory
    raises = plan_raises(rules, percent, valid_from)
    _check_out(out_dir, source_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.omrakna-", dir=out_dir.parent))
    try:
        shutil.copytree(source_dir, work, dirs_exist_ok=True)
        placed = _edit(work, raises, percent, valid_from, reference, source_dir)
        _verify(rules, load_rules(work), raises, valid_from, reference, percent)
        if out_dir.exists():
            out_dir.rmdir()
        work.rename(out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    kr = [p for p in rules.parameters.values() if p.unit == "kr" and p.omrakning is None]
    return Recalculation(
        directory=out_dir,
        source=source_dir,
        percent=percent,
        valid_from=valid_from,
        reference=reference,
        mode=raises[0].mode,
        raises=raises,
        lines=tuple(
            (str(Path(item.parameter.file).relative_to(source_dir)), placed[item.name])
            for item in raises
        ),
        unchanged=tuple(kr),
    )
