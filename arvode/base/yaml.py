"""YAML with line numbers, loaded safely.

PyYAML's safe constructor turns a document into plain data and forgets where
each value stood. Every error arvode reports must name ``file:line: field``, so
this module composes the node tree with ``SafeLoader`` (no arbitrary tags, as
``yaml.safe_load``), then builds ``Node`` values that keep their line and dotted
path. Duplicate keys, which ``safe_load`` silently collapses, are refused; so
are tags on lists and mappings (which composing alone would not catch), dates
the calendar lacks, recursive aliases and alias bombs. A syntax error names the
field the parser had reached, found by replaying its events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import yaml

from arvode.base.errors import ArvodeError, Location
from arvode.base.money import LIMIT, exact, exact_money

__all__ = ["Node", "load_yaml_file", "load_yaml_text"]


@attrs.frozen
class Node:
    """One YAML value with where it stood; mappings and lists hold Nodes."""

    value: Any
    file: str
    line: int
    path: str
    error: type[ArvodeError]
    #: Line of this value's key in its mapping (0 when not a mapping value); a block value
    #: starts on the line after its key, and "unknown field" should point at the key.
    key_line: int = 0

    # -- navigation -------------------------------------------------------
    def fail(self, problem: str) -> ArvodeError:
        """An error located at this node."""
        return self.error(problem, Location(self.file, self.line, self.path or None))

    def child_path(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    def mapping(self) -> dict[str, Node]:
        if not isinstance(self.value, dict):
            raise self.fail(f"expected a mapping, got {_kind(self.value)}")
        return self.value

    def items(self) -> Iterator[tuple[str, Node]]:
        return iter(self.mapping().items())

    def sequence(self) -> list[Node]:
        if not isinstance(self.value, list):
            raise self.fail(f"expected a list, got {_kind(self.value)}")
        return self.value

    def get(self, key: str) -> Node | None:
        return self.mapping().get(key)

    def require(self, key: str) -> Node:
        node = self.get(key)
        if node is None or node.value is None:
            raise self.error(
                "required field is missing", Location(self.file, self.line, self.child_path(key))
            )
        return node

    def check_keys(self, allowed: frozenset[str] | set[str]) -> None:
        for key, node in self.items():
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.error(
                    f"unknown field (expected one of: {known})",
                    Location(self.file, node.key_line or node.line, node.path or None),
                )

    # -- typed scalars ----------------------------------------------------
    def text(self) -> str:
        if isinstance(self.value, str) and self.value.strip():
            return self.value.strip()
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            return str(self.value)
        raise self.fail(f"expected text, got {_kind(self.value)}")

    def boolean(self) -> bool:
        if isinstance(self.value, bool):
            return self.value
        raise self.fail(f"expected true or false, got {_kind(self.value)}")

    def date(self) -> dt.date:
        value = self.value
        if isinstance(value, dt.datetime):
            raise self.fail("expected a date (YYYY-MM-DD), got a date and time")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(f"expected a date YYYY-MM-DD, got {value!r}")

    def decimal(self, *, minimum: Decimal | None = Decimal(0)) -> Decimal:
        """An exact number from str or int; a float is refused, not rounded."""
        try:
            result = exact(self.value)
        except (TypeError, ValueError) as exc:
            raise self.fail(str(exc)) from None
        if minimum is not None and result < minimum:
            raise self.fail(f"must be >= {minimum} (got {self.value!r})")
        return result

    def money(self) -> Decimal:
        """A kronor amount: exact, not negative, whole öre."""
        try:
            result = exact_money(self.value)
        except (TypeError, ValueError) as exc:
            raise self.fail(str(exc)) from None
        if result < 0:
            raise self.fail(f"must be >= 0 (got {self.value!r})")
        return result

    def integer(self, *, minimum: int | None = 0) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail(f"expected a whole number, got {_kind(self.value)}")
        if minimum is not None and self.value < minimum:
            raise self.fail(f"must be >= {minimum} (got {self.value})")
        if abs(self.value) >= LIMIT:
            raise self.fail(f"{self.value} is too large")
        return self.value

    def fraction(self) -> Fraction:
        """A share written as "1/8", "1/1", or an exact decimal "0.25"."""
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool):
            return Fraction(value)
        if isinstance(value, str):
            try:
                result = Fraction(value.strip())
            except (ValueError, ZeroDivisionError):
                raise self.fail(f"expected a fraction like \"1/8\", got {value!r}") from None
            if result < 0:
                raise self.fail(f"must be >= 0 (got {value!r})")
            return result
        raise self.fail(f"expected a fraction like \"1/8\" (quoted), got {_kind(value)}")

    def plain(self) -> Any:
        """The value with Node wrappers removed (for free-form fields)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, float):
        return f"a float ({value}); quote exact numbers"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


class _Builder(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's when installed, for speed) whose nodes we build one by one."""


#: Plain collections only: a tag such as ``!!python/object/apply:os.system`` on a list
#: or mapping is refused, not silently read as plain data.
_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
}
#: Most values a document may expand to; aliases can otherwise multiply a small file
#: into billions of values ("billion laughs").
MAX_VALUES = 100_000


@attrs.define
class _Walk:
    """State of one document's build: the budget left and the nodes being built."""

    budget: int = MAX_VALUES
    open: set[int] = attrs.Factory(set)


def _build(
    node: yaml.Node,
    loader: _Builder,
    file: str,
    path: str,
    error: type[ArvodeError],
    walk: _Walk | None = None,
) -> Node:
    walk = walk if walk is not None else _Walk()
    line = node.start_mark.line + 1
    where = Location(file, line, path or None)
    walk.budget -= 1
    if walk.budget < 0:
        raise error(f"the document expands to more than {MAX_VALUES} values (aliases?)", where)
    expected_tag = _COLLECTION_TAGS.get(type(node))
    if expected_tag is not None and node.tag != expected_tag:
        raise error(f"unsafe or unknown YAML tag {node.tag!r}", where)
    if id(node) in walk.open:
        raise error("a YAML alias refers to a value that contains it", where)
    if isinstance(node, yaml.MappingNode):
        walk.open.add(id(node))
        loader.flatten_mapping(node)
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            raw = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_path = (f"{path}.{raw}" if path else raw) if raw else path
            key = _scalar(key_node, loader, error, Location(file, key_line, key_path or None))
            if isinstance(key, dt.date):
                key = key.isoformat()
            if not isinstance(key, str | int) or isinstance(key, bool):
                raise error(
                    f"a key must be text, got {key!r}", Location(file, key_line, path or None)
                )
            key = str(key)
            child = f"{path}.{key}" if path else key
            if key in result:
                raise error("duplicate key", Location(file, key_line, child))
            result[key] = attrs.evolve(
                _build(value_node, loader, file, child, error, walk), key_line=key_line
            )
        walk.open.discard(id(node))
        return Node(result, file, line, path, error)
    if isinstance(node, yaml.SequenceNode):
        walk.open.add(id(node))
        items = [
            _build(item, loader, file, f"{path}[{i}]", error, walk)
            for i, item in enumerate(node.value)
        ]
        walk.open.discard(id(node))
        return Node(items, file, line, path, error)
    return Node(_scalar(node, loader, error, where), file, line, path, error)


def _scalar(node: yaml.Node, loader: _Builder, error: type[ArvodeError], where: Location) -> Any:
    """One scalar (or a key), through the safe constructor only."""
    if not isinstance(node, yaml.ScalarNode):
        raise error("a key must be text, not a list or mapping", where)
    try:
        return loader.construct_object(node, deep=True)
    except yaml.MarkedYAMLError as exc:
        # e.g. a `!!python/object` tag: refused by the safe constructor.
        raise error(f"unsafe or unknown YAML: {exc.problem}", where) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # e.g. `2025-02-30`: a YAML date the calendar does not have.
        raise error(f"not a valid value {node.value!r}: {exc}", where) from None


def _path_at_error(text: str) -> str:
    """The dotted path the parser had reached when ``text`` failed to parse.

    Replays the parser's events up to the error: each open mapping contributes
    its current key, each open list its current index. The innermost level
    names a key only while its value is still pending (a finished value's key
    is not where the problem is).
    """
    frames: list[list[Any]] = []  # ["map", key, pending] or ["seq", index, pending]

    def begin_value() -> None:
        if frames and frames[-1][0] == "seq":
            frames[-1][1] += 1
        if frames:
            frames[-1][2] = True

    def end_value() -> None:
        if frames:
            frames[-1][2] = False

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            top = frames[-1] if frames else None
            as_key = top is not None and top[0] == "map" and not top[2]
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if as_key:
                    assert top is not None
                    top[1], top[2] = None, True
                else:
                    begin_value()
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                frames.append([kind, None if kind == "map" else -1, False])
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frames.pop()
                end_value()
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if as_key:
                    assert top is not None
                    top[1] = event.value if isinstance(event, yaml.ScalarEvent) else None
                    top[2] = True
                else:
                    begin_value()
                    end_value()
    except (yaml.YAMLError, RecursionError):
        pass
    path = ""
    for depth, (kind, key, pending) in enumerate(frames):
        if depth == len(frames) - 1 and not pending:
            break
        if kind == "seq" and key >= 0:
            path += f"[{key}]"
        elif kind == "map" and key is not None:
            path += f".{key}" if path else str(key)
    return path


def load_yaml_text(text: str, file: str, error: type[ArvodeError]) -> Node:
    """Parse one YAML document; any YAML problem becomes ``error`` at its line."""
    loader = _Builder(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise error("the file is empty", Location(file, 1))
        return _build(root, loader, file, "", error)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        field = _path_at_error(text) or None
        raise error(f"invalid YAML: {problem}", Location(file, line, field)) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", Location(file)) from None
    except RecursionError:
        raise error("invalid YAML: nested too deeply", Location(file)) from None
    finally:
        loader.dispose()


def load_yaml_file(path: Path, error: type[ArvodeError]) -> Node:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error("no such file", Location(str(path))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read: {exc}", Location(str(path))) from None
    return load_yaml_text(text, str(path), error)
