"""2.2.3 valförrättare and röstmottagare (not yet priced: refused as not yet supported)."""

from __future__ import annotations

from ._claim import Event
from ._result import Line, Rejection
from ._rules import Rules

__all__ = ["price_election"]


def price_election(event: Event, rules: Rules) -> tuple[list[Line], list[Rejection]]:
    """Lines for one election-work event (2.2.3)."""
    del rules
    reason = "not yet supported: valförrättning (2.2.3) is computed from a later release"
    return [], [Rejection(event.index, "2.2.3", reason, event.date)]
