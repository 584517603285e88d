"""A rules set compiled once: one parameter table per rules version.

Rule values change on a handful of dates (Bilaga 1 each January, a basbelopp,
a KSAPU decision). Between two such dates every value is fixed, so the set is
cut into *versions* at the dates on which any value changes, and each version
gets one ``ParameterTable`` built once. Pricing asks for the table of a day
(a bisection, cached per day) and reads fields; memoised pricing keys on the
version number, so the same meeting is priced once per version, not per event.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from arvode.base.errors import MissingAmountError, NoRuleInForceError
from arvode.rules.declaration import SPECS, ParameterTable
from arvode.rules.params import DatedValue, Parameter

__all__ = ["Compiled", "Version"]


@attrs.frozen
class Version:
    """One rules version: its number, first day and table (or why no table can be built)."""

    number: int
    start: dt.date
    table: ParameterTable | None
    #: Parameters the set defines that kinds name (``fee_share``), by name.
    extra: Mapping[str, DatedValue[Any]]
    #: A required parameter not yet in force in this version, and its first date.
    missing: tuple[str, str] | None = None
    #: Amounts that follow from this version's values alone (a daily cap), computed once.
    memo: dict[Any, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def on(self, day: dt.date) -> ParameterTable:
        """The table, or why there are no rules in force on ``day`` (a day of this version)."""
        if self.table is None:
            assert self.missing is not None
            name, first = self.missing
            raise NoRuleInForceError(f"inga regler gäller {day.isoformat()}: {name} gäller från {first}")
        return self.table


def _missing_amount(parameter: Parameter, day: dt.date) -> MissingAmountError:
    return MissingAmountError(
        f"regelsamlingen har inget belopp för {parameter.name} ({parameter.description}, "
        f"avsnitt {parameter.section}) den {day.isoformat()}; "
        f"KSAPU behöver lägga till ett daterat värde i {parameter.file}"
    )


class Compiled:
    """Every version of a rules set's parameters, built once at load."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self.parameters = parameters
        starts = sorted({v.valid_from for p in parameters.values() for v in p.values})
        self.starts = starts
        self.versions = [self._build(number, start) for number, start in enumerate(starts)]
        self._days: dict[dt.date, Version] = {}
        #: Prices that depend only on their inputs and the version (a fee per kind and times),
        #: shared by every calculation under this rules set.
        self.memo: dict[Any, Any] = {}

    def _build(self, number: int, start: dt.date) -> Version:
        def current(parameter: Parameter | None) -> DatedValue[Any] | None:
            found = None
            for value in parameter.values if parameter is not None else ():
                if value.valid_from <= start:
                    found = value
            return found

        extra = {name: value for name, parameter in self.parameters.items()
                 if name not in SPECS and (value := current(parameter)) is not None}
        fields: dict[str, Any] = {}
        missing: tuple[str, str] | None = None
        for name, spec in SPECS.items():
            parameter = self.parameters.get(name)
            value = current(parameter)
            if value is None and not spec.optional and missing is None:
                # Loading reports a parameter the set lacks; here it only means "no table".
                first = parameter.values[0].valid_from.isoformat() if parameter and parameter.values else "never"
                missing = (name, first)
            fields[name.replace(".", "_")] = value
        table = None if missing is not None else ParameterTable(**fields)
        return Version(number, start, table, extra, missing)

    def version(self, day: dt.date) -> Version:
        """The version in force on ``day``."""
        found = self._days.get(day)
        if found is not None:
            return found
        index = bisect.bisect_right(self.starts, day) - 1
        if index < 0:
            first = self.starts[0].isoformat() if self.starts else "aldrig"
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

        A single parameter's history answers, so a value in force before the set is
        complete (a 2024 basbelopp) is still found.
        """
        version = self.version(day) if self.starts and day >= self.starts[0] else None
        if version is not None:
            found = version.extra.get(name)
            if found is None and version.table is not None and name in SPECS:
                found = getattr(version.table, name.replace(".", "_"))
            if found is not None:
                return found
        parameter = self.parameters[name]
        if not parameter.values:
            raise _missing_amount(parameter, day)
        return parameter.at(day)
