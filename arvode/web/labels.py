"""The Swedish labels of the claim contract's keys, shared with the CLI's tables.

They live in ``arvode.output.labels`` (one place for every output) and reach the
web layer through the public API, as everything the web layer uses.
"""

from __future__ import annotations

from arvode import ABSENCE_REASON_LABELS as ABSENCE_REASONS
from arvode import ELECTION_ROLE_LABELS as ELECTION_ROLES
from arvode import GROUP_LEADER_COVER, line_label
from arvode import LINE_TYPE_LABELS as LINE_TYPES
from arvode import PARTICIPATION_LABELS as PARTICIPATION

__all__ = [
    "ABSENCE_REASONS",
    "ELECTION_ROLES",
    "GROUP_LEADER_COVER",
    "LINE_TYPES",
    "PARTICIPATION",
    "line_label",
]
