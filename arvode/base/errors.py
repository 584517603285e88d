"""The one exception hierarchy of arvode.

Every problem a user can cause (a bad claim, a bad rules set, an amount the
rules do not give) is an ``ArvodeError``; the CLI catches only that, prints
one line and exits 2, so a real bug still shows its traceback::

    ArvodeError
    ├── RulesError (ValueError)         a rules set that does not load or check
    ├── ClaimError (ValueError)         a claim file that does not parse or validate
    ├── NoRuleInForceError (LookupError) a date before the first value of a parameter
    └── MissingAmountError (LookupError) an amount the rules set does not give (5.2, 5.3)
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Location:
    """Where a problem is: file, line and the dotted field path inside it."""

    file: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}" if self.field else where


class ArvodeError(Exception):
    """Root of every error a user of arvode can cause."""

    def __init__(self, problem: str, location: Location | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.problem
        return f"{self.location}: {self.problem}"

    def at(self, location: Location) -> ArvodeError:
        """The same error placed where the user can find it, if not placed yet."""
        if self.location is not None:
            return self
        return type(self)(self.problem, location)


class RulesError(ArvodeError, ValueError):
    """A rules set is malformed or inconsistent."""


class ClaimError(ArvodeError, ValueError):
    """A claim file is malformed or names something the rules do not know."""


class NoRuleInForceError(ArvodeError, LookupError):
    """A calculation asked for a value on a date before the value's first date."""


class MissingAmountError(ArvodeError, LookupError):
    """The rules set does not give an amount the claim needs (e.g. a 5.2 timkostnad the Bilaga leaves out).

    ``parameter`` names the missing value, so that the refusal can point at the claim field
    that needs it (``events[0].childcare_hours``) without reading its own message.
    """

    def __init__(self, problem: str, location: Location | None = None, *, parameter: str | None = None) -> None:
        super().__init__(problem, location)
        self.parameter = parameter

    def at(self, location: Location) -> ArvodeError:
        if self.location is not None:
            return self
        return MissingAmountError(self.problem, location, parameter=self.parameter)
