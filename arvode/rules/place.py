"""Where a rules entry stands, so that a problem found later is reported at its line."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from arvode.base.yaml import Node

__all__ = ["Placed"]


@attrs.frozen
class Placed:
    """Where a rules entry stands (file, line, and each field's line), for located problems."""

    file: str = ""
    line: int = 0
    fields: Mapping[str, int] = attrs.field(factory=dict)

    def at(self, field: str | None = None) -> tuple[str, int]:
        return self.file, self.fields.get(field, self.line) if field else self.line

    @classmethod
    def of(cls, node: Node) -> Placed:
        return cls(node.file, node.line, {k: c.key_line or c.line for k, c in node.items()})
