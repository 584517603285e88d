"""Where an event's fields come from: a YAML node, or a CSV row read straight into it.

A claim file is a tree; a time-reporting export is a row of text cells. Both
must be validated by the same rules with the same messages, so the event
builder (``claim.build_event``) reads fields through ``Source``. ``NodeSource``
reads a YAML node; ``RowSource`` reads the cells of one CSV row directly —
no node tree per cell, and each distinct cell text is converted once per file
(a thousand rows of ``13:00-16:00`` parse one time span).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from arvode.base.errors import ArvodeError, ClaimError, Location
from arvode.base.yaml import Node, read_boolean, read_integer

__all__ = ["NodeSource", "RowFile", "RowSource", "Source"]

Reader = Callable[..., Any]


class Source(Protocol):
    """The fields of one event (or a part of one), read with their location."""

    file: str
    line: int

    def has(self, key: str) -> bool: ...

    def read(self, key: str, reader: Reader, *args: Any) -> Any: ...

    def value(self, key: str, reader: Reader, default: Any) -> Any:
        """``read`` when the field is given, else ``default``."""

    def given(self, readers: dict[str, Reader | None]) -> dict[str, Any]:
        """Every field given that ``readers`` names, read (a ``None`` reader: kept as written)."""

    def fail(self, key: str | None, problem: str) -> ArvodeError: ...

    def missing(self, key: str) -> ArvodeError: ...

    def sub(self, key: str) -> Source | None: ...

    def items(self, key: str) -> list[Source]: ...

    def check_keys(self, allowed: frozenset[str]) -> None: ...

    def node_of(self, key: str) -> Node | None:
        """The YAML node of a structure only a claim file can hold (traktamente days)."""


class NodeSource:
    """An event's fields in a claim file."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self.file = node.file
        self.line = node.line

    def _child(self, key: str) -> Node | None:
        child = self.node.get(key)
        return None if child is None or child.value is None else child

    def has(self, key: str) -> bool:
        return self._child(key) is not None

    def read(self, key: str, reader: Reader, *args: Any) -> Any:
        child = self._child(key)
        if child is None:
            raise self.missing(key)
        return child._read(reader, *args)

    def value(self, key: str, reader: Reader, default: Any) -> Any:
        child = self._child(key)
        return default if child is None else child._read(reader)

    def given(self, readers: dict[str, Reader | None]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, child in self.node.items():
            if child.value is None or key not in readers:
                continue
            reader = readers[key]
            out[key] = child.value if reader is None else child._read(reader)
        return out

    def fail(self, key: str | None, problem: str) -> ArvodeError:
        child = self._child(key) if key is not None else None
        return (child or self.node).fail(problem)

    def missing(self, key: str) -> ArvodeError:
        return ClaimError("obligatoriskt fält saknas", Location(self.file, self.line, self.node.child_path(key)))

    def sub(self, key: str) -> NodeSource | None:
        child = self._child(key)
        if child is None:
            return None
        child.mapping()  # a mapping, or a located error
        return NodeSource(child)

    def items(self, key: str) -> list[Source]:
        child = self._child(key)
        return [NodeSource(item) for item in child.sequence()] if child is not None else []

    def check_keys(self, allowed: frozenset[str]) -> None:
        self.node.check_keys(allowed)

    def node_of(self, key: str) -> Node | None:
        return self._child(key)


_TRUE = frozenset({"true", "ja", "yes", "1", "sant"})
_FALSE = frozenset({"false", "nej", "no", "0", "falskt"})
#: Longest whole-number cell, as for YAML's plain integers (int() refuses past 4 300 digits).
_MAX_DIGITS = 4000


class RowFile:
    """One CSV file: its columns, and a cache in which each distinct cell text is read once."""

    def __init__(self, file: str, columns: Iterable[str] = ()) -> None:
        self.file = file
        self.columns = frozenset(columns)
        self.cache: dict[tuple[Reader, tuple[Any, ...], str], Any] = {}
        #: Per field map, only the fields whose column the file has (the others are never given).
        self._present: dict[int, dict[str, str]] = {}
        #: The columns given of the file's rows, each combination once (rows keep them packed).
        self.shapes: dict[tuple[str, ...], tuple[str, ...]] = {}

    def present(self, fields: dict[str, str]) -> dict[str, str]:
        found = self._present.get(id(fields))
        if found is None:
            found = self._present[id(fields)] = {k: c for k, c in fields.items()
                                                 if not self.columns or c in self.columns}
        return found


class _Failed:
    """A cached conversion that failed, with its message (re-raised at each row's place)."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


class RowSource:
    """An event's fields in one CSV row: ``fields`` maps a claim field to its column.

    Errors are located at the row's line and the column's name; a part of the
    event (``lost_income`` from ``lost_*``) fails at the columns' pattern.
    """

    def __init__(self, into: RowFile, line: int, cells: dict[str, str], fields: dict[str, str],
                 where: str = "", parts: dict[str, tuple[str, dict[str, str]]] | None = None) -> None:
        self.into = into
        self.file = into.file
        self.line = line
        self.cells = cells
        self.fields = fields
        self.present = into.present(fields)
        self.where = where
        self.parts = parts or {}

    def _cell(self, key: str) -> str:
        column = self.present.get(key)
        return self.cells.get(column, "").strip() if column is not None else ""

    def has(self, key: str) -> bool:
        if key in self.parts:
            return self.sub(key) is not None
        return bool(self._cell(key))

    def read(self, key: str, reader: Reader, *args: Any) -> Any:
        text = self._cell(key)
        if not text:
            raise self.missing(key)
        cache_key = (reader, args, text)
        found = self.into.cache.get(cache_key)
        if found is None:
            found = self.into.cache[cache_key] = _convert(reader, text, args)
        if isinstance(found, _Failed):
            raise self.fail(key, found.problem)
        return found

    def value(self, key: str, reader: Reader, default: Any) -> Any:
        return self.read(key, reader) if self._cell(key) else default

    def given(self, readers: dict[str, Reader | None]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cells, cache = self.cells, self.into.cache
        for key, column in self.present.items():
            text = cells.get(column)
            if not text or key not in readers:
                continue
            text = text.strip()
            if not text:
                continue
            reader = readers[key]
            if reader is None:
                out[key] = text
                continue
            cache_key = (reader, (), text)
            found = cache.get(cache_key)
            if found is None:
                found = cache[cache_key] = _convert(reader, text, ())
            if isinstance(found, _Failed):
                raise self.fail(key, found.problem)
            out[key] = found
        return out

    def fail(self, key: str | None, problem: str) -> ArvodeError:
        column = self.fields.get(key, key) if key is not None else (self.where or None)
        return ClaimError(problem, Location(self.file, self.line, column))

    def missing(self, key: str) -> ArvodeError:
        return self.fail(key, "obligatoriskt fält saknas")

    def sub(self, key: str) -> RowSource | None:
        part = self.parts.get(key)
        if part is None:
            return None
        where, fields = part
        cells = self.cells
        for column in self.into.present(fields).values():
            text = cells.get(column)
            if text and text.strip():
                return RowSource(self.into, self.line, cells, fields, where)
        return None

    def items(self, key: str) -> list[Source]:
        found = self.sub(key)
        return [found] if found is not None else []

    def check_keys(self, allowed: frozenset[str]) -> None:
        """A CSV header is checked once for the file."""

    def node_of(self, key: str) -> Node | None:
        del key  # a CSV row holds no nested structure
        return None


def _convert(reader: Reader, text: str, args: tuple[Any, ...]) -> Any:
    """A cell's value: booleans and whole numbers as CSV writes them, then the shared reader."""
    value: Any = text
    if reader is read_boolean:
        word = text.lower()
        if word in _TRUE or word in _FALSE:
            value = word in _TRUE
    elif reader is read_integer and text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
        # isdigit() alone let "²" through to int() (a traceback), read "١" as 1 where YAML reads
        # text, and passed 5 000 nines past int()'s limit: such a cell stays text, for the reader to refuse.
        value = int(text)
    try:
        return reader(value, None, *args)
    except ValueError as exc:
        return _Failed(str(exc))
