"""A rules set compiled once: one parameter table per rules version.

Rule values change on a handful of dates (Bilaga 1 each January, a basbelopp,
a KSAPU decision, a new riksdagsarvode). Between two such dates every value is
fixed, so the set is cut into *versions* at the dates on which any value
changes, and each version gets one ``ParameterTable`` built once. Pricing asks
for the table of a day (a bisection, cached per day) and reads fields;
memoised pricing keys on the version number, so the same meeting is priced
once per version, not per event.

Computed values (``rules.belopp``: 1,3 % of the riksdagsarvode, rounded) are
resolved here, per version, from their base in force; a value the set does not
give on a day (left out, ``values: {}``, ``missing: true``, not yet in force, or
computed from such a value) is a ``Missing`` that refuses the claim which reads
it, with the name of what is missing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from arvode.base.errors import ArvodeError, MissingAmountError, NoRuleInForceError, RulesError
from arvode.rules.declaration import FIELD_OF, SPECS, ParameterTable
from arvode.rules.params import DatedValue, Missing, Parameter

__all__ = ["Compiled", "Version", "once"]

_T = TypeVar("_T")


def once(memo: dict[Any, Any], key: tuple[Any, ...], make: Callable[[], _T]) -> _T:
    """``make()`` the first time ``key`` is asked for in ``memo``, its answer after that.

    A price depends only on the scheme, the kind, the times and the rules version, so a
    month of events prices each distinct combination once (``key`` names the version).
    """
    found: _T | None = memo.get(key)
    if found is None:
        found = memo[key] = make()
    return found


@attrs.frozen
class Version:
    """One rules version: its number, first day and table (None before the set applies)."""

    number: int
    start: dt.date
    table: ParameterTable | None
    #: Every parameter of the set in force in this version, resolved, by name.
    values: Mapping[str, DatedValue[Any]]
    #: The set's first day, for the message of a day before it.
    first: dt.date | None = None
    #: Amounts that follow from this version's values alone (a daily cap), computed once.
    memo: dict[Any, Any] = attrs.field(factory=dict, eq=False, repr=False)
    #: Each parameter's description, so that a line names a computed amount as a person would.
    labels: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def label(self, name: str) -> str:
        """``name``'s description with a small first letter ("halvdag" → "arvode för …, 4 timmar eller mindre")."""
        text = self.labels.get(name) or name
        return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text

    def on(self, day: dt.date) -> ParameterTable:
        """The table, or why there are no rules in force on ``day`` (a day of this version)."""
        if self.table is None:
            first = self.first.isoformat() if self.first is not None else "aldrig"
            raise NoRuleInForceError(f"inga regler gäller {day.isoformat()}: regelsamlingen gäller från {first}")
        return self.table

    def get(self, name: str) -> DatedValue[Any]:
        """A parameter by name (one a fee scheme or a kind names); ``Missing`` if not given."""
        found = self.values.get(name)
        if found is None:
            return Missing(name, lambda day: MissingAmountError(
                f"regelsamlingen har ingen parameter {name}{_den(day)}; den behövs för att räkna detta",
                parameter=name))
        return found


def _den(day: dt.date | None) -> str:
    return f" den {day.isoformat()}" if day is not None else ""


def _missing_amount(parameter: Parameter) -> Callable[[dt.date | None], ArvodeError]:
    return lambda day: MissingAmountError(
        f"regelsamlingen har inget belopp för {parameter.name} ({parameter.description}, "
        f"avsnitt {parameter.section}){_den(day)}; KSAPU behöver lägga till ett daterat värde i {parameter.file}",
        parameter=parameter.name,
    )


def _not_given(name: str, rules_name: str) -> Callable[[dt.date | None], ArvodeError]:
    return lambda day: MissingAmountError(
        f"regelsamlingen {rules_name} ger inget värde för {name}{_den(day)}: dess källor säger inte hur det "
        "ska räknas, så det som behöver det kan inte beräknas",
        parameter=name,
    )


def _not_yet(name: str, first: dt.date) -> Callable[[dt.date | None], ArvodeError]:
    def error(day: dt.date | None) -> ArvodeError:
        when = day.isoformat() if day is not None else f"före {first.isoformat()}"
        return NoRuleInForceError(f"inga regler gäller {when}: {name} gäller från {first.isoformat()}")
    return error


def _unknown(parameter: Parameter, raw: DatedValue[Any]) -> Callable[[dt.date | None], ArvodeError]:
    return lambda day: MissingAmountError(
        f"regelsamlingen har inget känt värde för {parameter.name} ({parameter.description}){_den(day)}, "
        f"från {raw.valid_from.isoformat()}: {raw.note or raw.reference}", parameter=parameter.name)


def _from_missing(name: str, of: str, base: Missing) -> Callable[[dt.date | None], ArvodeError]:
    def error(day: dt.date | None) -> ArvodeError:
        problem = base.error(day)
        text = f"{name} räknas fram ur {of}: {problem.problem}"
        if isinstance(problem, MissingAmountError):
            return MissingAmountError(text, parameter=problem.parameter)
        return type(problem)(text)
    return error


class Compiled:
    """Every version of a rules set's parameters, built once at load."""

    def __init__(self, parameters: Mapping[str, Parameter], first: dt.date | None = None, name: str = "") -> None:
        self.parameters = parameters
        self.name = name
        starts = sorted({v.valid_from for p in parameters.values() for v in p.values})
        self.starts = starts
        #: The set's first day: before it, no rules are in force at all.
        self.first = first if first is not None else (starts[0] if starts else None)
        self.versions = [self._build(number, start) for number, start in enumerate(starts)]
        self._days: dict[dt.date, Version] = {}
        #: Prices that depend only on their inputs and the version (a fee per kind and times),
        #: shared by every calculation under this rules set.
        self.memo: dict[Any, Any] = {}

    # -- resolving one version ---------------------------------------------------------
    def _raw(self, name: str, day: dt.date) -> DatedValue[Any] | None:
        parameter = self.parameters.get(name)
        found = None
        for value in parameter.values if parameter is not None else ():
            if value.valid_from <= day:
                found = value
        return found

    def resolve(self, name: str, day: dt.date, done: dict[str, tuple[DatedValue[Any], Any]] | None = None,
                path: tuple[str, ...] = ()) -> tuple[DatedValue[Any], Any]:
        """The value of ``name`` on ``day`` and, for a computed one, its exact (unrounded) amount."""
        done = {} if done is None else done
        if name in done:
            return done[name]
        parameter = self.parameters.get(name)
        raw = self._raw(name, day)
        result: tuple[DatedValue[Any], Any]
        if parameter is None:
            result = (Missing(name, _not_given(name, self.name)), None)
        elif not parameter.values:
            result = (Missing(name, _missing_amount(parameter)), None)
        elif raw is None:
            result = (Missing(name, _not_yet(name, parameter.values[0].valid_from)), None)
        elif raw.missing:
            result = (Missing(name, _unknown(parameter, raw), raw.valid_from), None)
        elif raw.formula is None:
            result = (raw, raw.value)
        elif name in path:
            # ``rules.validate`` reports the circle with its place; here it only makes no value.
            circle = " → ".join((*path, name))
            return (Missing(name, lambda _day: RulesError(f"{name} räknas fram ur sig själv ({circle})")), None)
        else:
            result = self._computed(parameter, raw, day, done, (*path, name))
        done[name] = result
        return result

    def _computed(self, parameter: Parameter, raw: DatedValue[Any], day: dt.date,
                  done: dict[str, tuple[DatedValue[Any], Any]], path: tuple[str, ...]) -> tuple[DatedValue[Any], Any]:
        formula = raw.formula
        assert formula is not None
        base, base_exact = self.resolve(formula.of, day, done, path)
        if not base.given:
            assert isinstance(base, Missing)
            return (Missing(parameter.name, _from_missing(parameter.name, formula.of, base)), None)
        of = base_exact if formula.unrounded and base_exact is not None else base.value
        exact, value = formula.apply(of)
        resolved = attrs.evolve(
            raw,
            value=value,
            valid_from=max(raw.valid_from, base.valid_from),
            basis=(base,),
            derivation=formula.text(of, exact, value),
        )
        return resolved, exact

    def _build(self, number: int, start: dt.date) -> Version:
        done: dict[str, tuple[DatedValue[Any], Any]] = {}
        for name in (*self.parameters, *SPECS):
            self.resolve(name, start, done)
        values = {name: value for name, (value, _) in done.items()}
        table = None
        if self.first is None or start >= self.first:
            table = ParameterTable(**{FIELD_OF[name]: values[name] for name in SPECS})
        labels = {name: parameter.description for name, parameter in self.parameters.items()}
        return Version(number, start, table, values, self.first, labels=labels)

    # -- reading ------------------------------------------------------------------------
    def version(self, day: dt.date) -> Version:
        """The version in force on ``day``."""
        found = self._days.get(day)
        if found is not None:
            return found
        index = bisect.bisect_right(self.starts, day) - 1
        if index < 0:
            first = self.first.isoformat() if self.first is not None else "aldrig"
            raise NoRuleInForceError(f"inga regler gäller {day.isoformat()}: regelsamlingen gäller från {first}")
        found = self.versions[index]
        if len(self._days) < 100_000:
            self._days[day] = found
        return found

    def on(self, day: dt.date) -> ParameterTable:
        """The table of the parameters in force on ``day``."""
        return self.version(day).on(day)

    def value(self, name: str, day: dt.date) -> DatedValue[Any]:
        """The value of ``name`` on ``day``, by name (rules data naming a parameter, e.g. a kind's share).

        A single parameter's history answers, so a value in force before the set
        applies (a 2024 basbelopp) is still found. A value the set does not give
        raises the error that names it.
        """
        in_set = bool(self.starts) and day >= self.starts[0]
        found = self.version(day).get(name) if in_set else self.resolve(name, day)[0]
        if not found.given:
            assert isinstance(found, Missing)
            raise found.error(day) from None
        return found

    def change_days(self, name: str) -> tuple[dt.date, ...]:
        """The days on which ``name``'s value may change: its own dates and its bases' (a new riksdagsarvode)."""
        days: set[dt.date] = set()
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen or current not in self.parameters:
                continue
            seen.add(current)
            for value in self.parameters[current].values:
                days.add(value.valid_from)
                if value.formula is not None:
                    todo.append(value.formula.of)
        return tuple(sorted(days))
