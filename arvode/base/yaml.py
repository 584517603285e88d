"""YAML with line numbers, typed by the YAML 1.2 core schema, loaded within bounds.

Every error arvode reports must name ``file:line: field``, so each value becomes a
``Node`` that keeps its line and dotted path. Claims, registers and rules come from
people in a hurry and from people who mean harm, so this module trusts neither:

* Typing is YAML 1.2's core schema, resolved here, not PyYAML's YAML 1.1: ``6:30``
  is not 390 minutes, ``036`` is not octal 30, ``yes`` is not a boolean. Each
  scalar keeps the text it was written as (``Node.raw``), so an id ``0042`` stays
  ``"0042"`` and the numeric readers can refuse a form a person could misread.
* Parsing is bounded. The tree is built here from libyaml's event stream (its
  parser keeps its own stack on the heap), never by PyYAML's or libyaml's
  recursive composers, so depth, size and the values that aliases expand to are
  counted as events arrive and refused before the costly step: the file is not
  read past ``MAX_BYTES``, a collection deeper than ``MAX_DEPTH`` is refused when
  it opens, an alias whose expansion would pass ``MAX_VALUES`` before it is
  copied, a document past ``MAX_DOCUMENT_VALUES`` values as it grows.
  ``RecursionError``, ``MemoryError`` and a crash in C are thereby out of any
  input's reach. A syntax error is located from the builder's own stack.
* Anything PyYAML's safe loader would read as more than plain data is refused:
  tags other than ``!!str`` (and the defaults), merge keys (``<<``, which YAML 1.2
  does not have), duplicate keys, dates the calendar lacks, recursive aliases.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Protocol

import attrs
import yaml
from yaml.reader import ReaderError

from arvode.base.errors import ArvodeError, Location
from arvode.base.files import MIB, read_text_bounded
from arvode.base.money import LIMIT, UnquotedNumber, exact, exact_money
from arvode.base.period import check_year
from arvode.base.text import invisible_character

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DOCUMENT_VALUES",
    "MAX_PATH",
    "MAX_VALUES",
    "Node",
    "load_yaml_file",
    "load_yaml_text",
    "read_boolean",
    "read_date",
    "read_decimal",
    "read_integer",
    "read_money",
    "read_text",
]

#: Largest YAML input. A national register of 45 000 officials, each with an
#: assignment, is 10,2 MiB; 16 MiB leaves room for longer names and more roles,
#: and bounds what the parser and the value budget ever see.
MAX_BYTES = 16 * MIB
#: Deepest nesting of lists and mappings. A claim needs 5 levels and a rules file 6;
#: libyaml's parser and this builder need no recursion, but every consumer of a
#: ``Node`` (``plain``, the rules loader) walks it recursively.
MAX_DEPTH = 64
#: Most values a document may hold, its aliases expanded: the national register
#: above has 540 000. It bounds memory (a Node is about 200 bytes with its path) and
#: time (about 2,5 µs a value) for a file that is merely large, as registers are.
MAX_DOCUMENT_VALUES = 1_000_000
#: Most values aliases may add to a document. Aliases can multiply a small file into
#: billions of values ("billion laughs"); an alias is counted by the full size of what
#: it expands to, and refused before it is copied. No claim or rules file needs them.
MAX_VALUES = 100_000
#: Longest dotted field path (``events[3].travel.km``). Every value below a key
#: repeats the key in its path, so a long key would multiply memory by the values
#: under it; real paths are under 100 characters.
MAX_PATH = 256
#: Longest problem text, so that a huge value quoted in an error stays one line.
_MAX_PROBLEM = 300
#: Longest share text ("1/8", "0.125"); Fraction's work grows with the digits.
_MAX_FRACTION = 40
#: Longest plain integer; Python refuses to convert longer ones (and no amount or
#: count is anywhere near it).
_MAX_DIGITS = 4000


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
    #: A scalar's text as written (after YAML's quoting), before typing: ``0042`` for the
    #: integer 42. None for lists, mappings and values not read from YAML (CSV cells).
    raw: str | None = None

    # -- navigation -------------------------------------------------------
    def fail(self, problem: str) -> ArvodeError:
        """An error located at this node (a value quoted in it is cut to one line's worth)."""
        return self.error(_short(problem), Location(self.file, self.line, self.path or None))

    def child_path(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    def mapping(self) -> dict[str, Node]:
        if not isinstance(self.value, dict):
            raise self.fail(f"väntade en mappning (fält: värde), fick {_kind(self.value)}")
        return self.value

    def items(self) -> Iterator[tuple[str, Node]]:
        return iter(self.mapping().items())

    def sequence(self) -> list[Node]:
        if not isinstance(self.value, list):
            raise self.fail(f"väntade en lista, fick {_kind(self.value)}")
        return self.value

    def get(self, key: str) -> Node | None:
        return self.mapping().get(key)

    def require(self, key: str) -> Node:
        node = self.get(key)
        if node is None or node.value is None:
            raise self.error(
                "obligatoriskt fält saknas", Location(self.file, self.line, self.child_path(key))
            )
        return node

    def check_keys(self, allowed: frozenset[str] | set[str]) -> None:
        for key, node in self.items():
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                hint = ""
                if key.isdigit() and node.value is None:
                    # {hours: 4,5}: the comma ends the value, and "5" is read as a field of its own
                    hint = "; ett decimaltal med komma inom {…}? skriv det med punkt inom citattecken, t.ex. \"4.5\""
                raise self.error(
                    f"okänt fält (ett av: {known}){hint}",
                    Location(self.file, node.key_line or node.line, node.path or None),
                )

    # -- typed scalars ----------------------------------------------------
    def _read(self, reader: Callable[..., Any], *args: Any) -> Any:
        try:
            return reader(self.value, self.raw, *args)
        except ValueError as exc:
            raise self.fail(str(exc)) from None

    def text(self) -> str:
        """Text as written: an id ``0042`` or a code ``2.10`` is not a number here."""
        return str(self._read(read_text))

    def boolean(self) -> bool:
        """true/false, or ja/nej as Swedish users write them (the CSV reader agrees)."""
        return bool(self._read(read_boolean))

    def date(self) -> dt.date:
        day: dt.date = self._read(read_date)
        return day

    def decimal(self, *, minimum: Decimal | None = Decimal(0)) -> Decimal:
        """An exact number from str or int; a float is refused, not rounded."""
        number: Decimal = self._read(read_decimal, minimum)
        return number

    def money(self) -> Decimal:
        """A kronor amount: exact, not negative, whole öre."""
        number: Decimal = self._read(read_money)
        return number

    def integer(self, *, minimum: int | None = 0) -> int:
        number: int = self._read(read_integer, minimum)
        return number

    def fraction(self) -> Fraction:
        """A share written as "1/8", "1/1", or an exact decimal "0.25"."""
        value = self.value
        if isinstance(value, int) and not isinstance(value, bool):
            return Fraction(value)
        if isinstance(value, str):
            text = value.strip()
            # Fraction("1e99999999") would build a number of 100 million digits.
            if len(text) > _MAX_FRACTION or "e" in text.lower():
                raise self.fail(f"väntade en andel som \"1/8\", fick {value!r}")
            try:
                result = Fraction(text)
            except (ValueError, ZeroDivisionError):
                raise self.fail(f"väntade en andel som \"1/8\", fick {value!r}") from None
            if result < 0:
                raise self.fail(f"måste vara minst 0 (är {value!r})")
            return result
        raise self.fail(f"väntade en andel som \"1/8\" (inom citattecken), fick {_kind(value)}")

    def plain(self) -> Any:
        """The value with Node wrappers removed (for free-form fields)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


# -- typed scalars: the one reading of a value, for YAML nodes and CSV cells alike ------
# Each reader takes the value as parsed and, for YAML, its source text (``raw``); it
# returns the typed value or raises ValueError with what to write instead.


def read_text(value: Any, raw: str | None = None) -> str:
    """Text as written: an id ``0042`` or a code ``2.10`` is not a number here."""
    if isinstance(value, str) and value.strip():
        hidden = invisible_character(value)
        if hidden is not None:
            # Names, references and reasons reach payroll files and terminals (escape
            # sequences, zero-width spaces that make two texts look alike): refused here.
            raise ValueError(f"innehåller ett osynligt tecken eller styrtecken ({hidden}); skriv texten utan det")
        return value.strip()
    if isinstance(value, int | float | UnquotedNumber) and not isinstance(value, bool):
        return raw.strip() if raw is not None else str(value)
    raise ValueError(f"väntade text, fick {_kind(value)}")


def read_boolean(value: Any, _raw: str | None = None) -> bool:
    """true/false, or ja/nej as Swedish users write them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _SWEDISH_BOOLEANS:
            return _SWEDISH_BOOLEANS[word]
        if word in _YAML11_BOOLEANS:
            raise ValueError(
                f"{value.strip()} är inte sant eller falskt i YAML 1.2: skriv true eller false (eller ja/nej)"
            )
    raise ValueError(f"väntade true eller false (ja eller nej), fick {_kind(value)}")


def read_date(value: Any, _raw: str | None = None) -> dt.date:
    """A date (YAML's, or ISO text) within the years arvode computes with."""
    if isinstance(value, dt.datetime) or (isinstance(value, str) and _DATE_TIME.match(value.strip())):
        raise ValueError("väntade ett datum (ÅÅÅÅ-MM-DD), fick datum och klockslag")
    day: dt.date | None = value if isinstance(value, dt.date) else None
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(value.strip())
    if day is None:
        raise ValueError(f"väntade ett datum ÅÅÅÅ-MM-DD, t.ex. 2025-03-12, fick {value!r}")
    check_year(day.year)  # month arithmetic (6.1, 6.2) must stay inside the calendar
    return day


def _unambiguous(value: Any, raw: str | None) -> None:
    """Refuse a number written in a form YAML 1.1 (and a reader) would take otherwise.

    A leading zero is judged only on text read from YAML (``raw``): there ``036``
    was octal 30 until now. The other forms are never numbers here, and saying
    what they look like beats "not a number".
    """
    text = raw if raw is not None else value
    if not isinstance(text, str):
        return
    problem = _ambiguous_number(text.strip(), leading_zero=raw is not None)
    if problem is not None:
        raise ValueError(problem)


def read_decimal(value: Any, raw: str | None = None, minimum: Decimal | None = Decimal(0)) -> Decimal:
    """An exact number from str or int; a float is refused, not rounded."""
    _unambiguous(value, raw)
    try:
        result = exact(value)
    except TypeError as exc:
        raise ValueError(str(exc)) from None
    if minimum is not None and result < minimum:
        raise ValueError(f"måste vara minst {minimum} (är {value!r})")
    return result


def read_money(value: Any, raw: str | None = None) -> Decimal:
    """A kronor amount: exact, not negative, whole öre."""
    _unambiguous(value, raw)
    try:
        result = exact_money(value)
    except TypeError as exc:
        raise ValueError(str(exc)) from None
    if result < 0:
        raise ValueError(f"måste vara minst 0 (är {value!r})")
    return result


def read_integer(value: Any, raw: str | None = None, minimum: int | None = 0) -> int:
    """A whole number (not a boolean), not too large."""
    _unambiguous(value, raw)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"väntade ett heltal, fick {_kind(value)}")
    if minimum is not None and value < minimum:
        raise ValueError(f"måste vara minst {minimum} (är {value})")
    if abs(value) >= LIMIT:
        raise ValueError(f"{value} är för stort")
    return value


def _short(problem: str) -> str:
    """``problem`` cut to one line's worth: it may quote a value of megabytes."""
    return problem if len(problem) <= _MAX_PROBLEM else problem[: _MAX_PROBLEM - 1] + "…"


def _quoted(text: str) -> str:
    """``text`` quoted for a message, its start only when it is long."""
    return repr(text) if len(text) <= 60 else repr(text[:60]) + "…"


def _kind(value: object) -> str:
    if value is None:
        return "ingenting"
    if isinstance(value, bool):
        return f"ett sanningsvärde ({str(value).lower()})"
    if isinstance(value, float | UnquotedNumber):
        return f"ett flyttal ({value}); skriv exakta tal inom citattecken"
    if isinstance(value, dict):
        return "en mappning"
    if isinstance(value, list):
        return "en lista"
    return f"{_KIND_NAMES.get(type(value).__name__, type(value).__name__)} {value!r}"


#: Python's type names as a Swedish reader knows them.
_KIND_NAMES = {"str": "texten", "int": "heltalet", "date": "datumet", "Decimal": "talet"}


# -- forms a number must not take ------------------------------------------------------

_SWEDISH_BOOLEANS = {"ja": True, "nej": False}
#: YAML 1.1's other booleans: text now, and refused where a boolean belongs, with the fix.
_YAML11_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+(?:\.[0-9]*)?")
_OCTAL = re.compile(r"[-+]?0([0-7]+)")
_TIME_OF_DAY = re.compile(r"[-+]?([0-9]+)((?::[0-9]{1,2})+)(?:\.[0-9]*)?")
_BASES = (
    (re.compile(r"[-+]?0[xX][0-9a-fA-F_]+"), 16, "ett hexadecimalt tal"),
    (re.compile(r"[-+]?0[oO][0-7_]+"), 8, "ett oktalt tal"),
    (re.compile(r"[-+]?0[bB][01_]+"), 2, "ett binärt tal"),
)
_UNDERSCORES = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?")


def _ambiguous_number(text: str, *, leading_zero: bool) -> str | None:
    """What is wrong with ``text`` as a number, and what to write instead; None if fine."""
    if leading_zero and _LEADING_ZERO.fullmatch(text):
        sign = "-" if text.startswith("-") else ""
        digits = text.lstrip("+-").lstrip("0")
        fixed = sign + ("0" + digits if digits.startswith(".") or not digits else digits)
        shown = f'"{fixed}"' if "." in fixed else fixed
        octal = _OCTAL.fullmatch(text)
        read_as = (f" (YAML 1.1 läste det som det oktala talet {sign}{int(octal[1], 8)})"
                   if octal is not None and len(octal[1]) <= 12 else "")
        return f"{text}: en inledande nolla gör talet tvetydigt{read_as}; skriv {shown}"
    time = _TIME_OF_DAY.fullmatch(text)
    if time is not None:
        example = _as_hours(time.group(1), time.group(2))
        return (
            f"{text} ser ut som ett klockslag; timmar skrivs som decimaltal, t.ex. \"{example}\""
        )
    for pattern, base, name in _BASES:
        if pattern.fullmatch(text):
            digits = text.lstrip("+-")[2:].replace("_", "")
            if not digits or len(digits) > 12:
                return f"{text} ser ut som {name}; skriv talet decimalt"
            sign = "-" if text.startswith("-") else ""
            return f"{text} ser ut som {name}; skriv talet decimalt: {sign}{int(digits, base)}"
    if "_" in text and _UNDERSCORES.fullmatch(text):
        fixed = text.replace("_", "")
        shown = f'"{fixed}"' if "." in fixed else fixed
        return f"{text}: skriv talet utan understreck: {shown}"
    return None


def _as_hours(hours: str, rest: str) -> str:
    """``6:30`` as hours, ``6.5``; the generic example when it has no exact decimal."""
    parts = rest.split(":")[1:]
    if len(parts) != 1 or len(hours) > 6:
        return "6.5"
    total = Fraction(int(hours)) + Fraction(int(parts[0]), 60)
    denominator = total.denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator != 1:
        return "6.5"
    return f"{Decimal(total.numerator) / Decimal(total.denominator):f}"


# -- the YAML 1.2 core schema ----------------------------------------------------------

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
#: A scalar with no tag, or the non-specific ``!``, or ``!!str``, is data; any other tag
#: asks a constructor for something (``!!python/object/apply:os.system``) and is refused.
_SCALAR_TAGS = frozenset({None, "!", _STR_TAG})
_MAPPING_TAGS = frozenset({None, "!", _MAP_TAG})
_SEQUENCE_TAGS = frozenset({None, "!", _SEQ_TAG})

_MISSING = object()
_WORDS: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    **{word: UnquotedNumber(word) for word in (
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN")},
}  # fmt: skip
_NUMBER_START = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _resolve(text: str) -> Any:
    """A plain (unquoted, untagged) scalar by the core schema, dates added; else text.

    Raises ``ValueError`` for a date the calendar lacks or an absurdly long integer.
    """
    word = _WORDS.get(text, _MISSING)
    if word is not _MISSING:
        return word
    if text[0] in _NUMBER_START:
        if _INT.fullmatch(text):
            if len(text) > _MAX_DIGITS:
                raise ValueError(f"fler än {_MAX_DIGITS} siffror")
            return int(text)
        if _FLOAT.fullmatch(text):
            return UnquotedNumber(text)  # kept as written: see UnquotedNumber
        date = _DATE.fullmatch(text)
        if date is not None:
            return dt.date(int(date[1]), int(date[2]), int(date[3]))
    return text


# -- the builder -----------------------------------------------------------------------


class _Events(Protocol):
    def get_event(self) -> Any: ...

    def dispose(self) -> None: ...


def _libyaml() -> Callable[[str], _Events] | None:
    """libyaml's parser: iterative, and many times the speed of the pure-Python one."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return None
    return CParser


_CPARSER = _libyaml()


def _parser(text: str) -> _Events:
    """libyaml's parser, or PyYAML's pure-Python one (also iterative) without libyaml."""
    if _CPARSER is not None:
        return _CPARSER(text)
    return yaml.SafeLoader(text)


class _Open:
    """A list or mapping being built: its contents and where its next value goes."""

    __slots__ = ("anchor", "counted", "items", "key", "key_line", "key_path", "line",
                 "mapping", "own_key_line", "path", "skip")

    def __init__(self, mapping: bool, path: str, line: int, own_key_line: int,
                 anchor: str | None, counted: int) -> None:
        self.mapping = mapping
        self.items: Any = {} if mapping else []
        self.path = path
        self.line = line
        self.own_key_line = own_key_line
        self.anchor = anchor
        #: Values counted before this one opened, to size it for its aliases.
        self.counted = counted
        #: A mapping's key whose value is awaited (None while a key is awaited), its
        #: line and path, and whether its entry is dropped (set aside).
        self.key: str | None = None
        self.key_line = 0
        self.key_path = ""
        self.skip = False


class _Builder:
    """One document's Node tree from parser events, with the limits counted as they come."""

    def __init__(self, file: str, error: type[ArvodeError],
                 set_aside: Callable[[ArvodeError], None] | None) -> None:
        self.file = file
        self.error = error
        self.set_aside = set_aside
        self.stack: list[_Open] = []
        #: Anchored values with their expanded size; None while the anchored collection
        #: is still open (an alias to it would contain itself).
        self.anchors: dict[str, tuple[Node, int] | None] = {}
        #: Values so far, aliases expanded; and those that aliases added.
        self.count = 0
        self.aliased = 0

    def fail(self, problem: str, line: int | None, path: str | None) -> ArvodeError:
        return self.error(_short(problem), Location(self.file, line, path or None))

    def path_at_error(self) -> str:
        """The field the parser had reached: the innermost open collection, and its key
        when that key's value was under way."""
        if not self.stack:
            return ""
        top = self.stack[-1]
        return top.key_path if top.mapping and top.key is not None else top.path

    def _child_path(self, parent: str, key: str | int, line: int) -> str:
        if isinstance(key, int):
            path = f"{parent}[{key}]"
        elif parent:
            path = f"{parent}.{key}"
        else:
            path = key
        if len(path) > MAX_PATH:
            raise self.fail(_TOO_LONG, line, parent[:MAX_PATH])
        return path

    def build(self, events: _Events) -> Node:
        get = events.get_event
        get()  # StreamStartEvent
        if isinstance(get(), yaml.StreamEndEvent):
            raise self.fail("filen är tom", 1, None)
        stack = self.stack
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, mapping_end = yaml.MappingStartEvent, yaml.MappingEndEvent
        sequence_end = yaml.SequenceEndEvent
        root: Node | None = None
        while root is None:
            event = get()
            kind = type(event)
            if kind is mapping_end or kind is sequence_end:
                root = self._close()
                continue
            line = event.start_mark.line + 1
            if not stack:
                path, key_line = "", 0
            else:
                top = stack[-1]
                if top.mapping:
                    if top.key is None:
                        if kind is not scalar_event or not self._word_key(top, event, line):
                            self._key(top, event, kind, line)
                        continue
                    path, key_line = top.key_path, top.key_line
                else:
                    path, key_line = self._child_path(top.path, len(top.items), line), 0
            if kind is scalar_event:
                self.count += 1
                if self.count > MAX_DOCUMENT_VALUES:
                    raise self._too_many(line, path)
                root = self._attach(self._scalar(event, line, path, key_line))
            elif kind is alias_event:
                root = self._attach(self._alias(event.anchor, line, path, key_line))
            else:
                self._open(event, kind is mapping_start, line, path, key_line)
        self._end(get)
        return root

    def _end(self, get: Callable[[], Any]) -> None:
        get()  # DocumentEndEvent
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self.fail(
                "ogiltig YAML: filen får innehålla ett dokument, men här börjar ett till "
                "(---)", event.start_mark.line + 1, None,
            )

    def _too_many(self, line: int, path: str) -> ArvodeError:
        return self.fail(
            f"filen har fler än {MAX_DOCUMENT_VALUES:,} värden: dela upp den".replace(",", " "),
            line, path,
        )

    def _open(self, event: Any, mapping: bool, line: int, path: str, key_line: int) -> None:
        if event.tag not in (_MAPPING_TAGS if mapping else _SEQUENCE_TAGS):
            raise self.fail(f"osäker eller okänd YAML-tagg {event.tag!r}", line, path)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(_TOO_DEEP, line, path)
        self.count += 1
        if self.count > MAX_DOCUMENT_VALUES:
            raise self._too_many(line, path)
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        self.stack.append(_Open(mapping, path, line, key_line, event.anchor, self.count - 1))

    def _close(self) -> Node | None:
        done = self.stack.pop()
        node = Node(done.items, self.file, done.line, done.path, self.error, done.own_key_line)
        if done.anchor is not None:
            self.anchors[done.anchor] = (node, self.count - done.counted)
        return self._attach(node)

    def _attach(self, node: Node) -> Node | None:
        """Place a finished value in its collection; the root is returned instead."""
        if not self.stack:
            return node
        top = self.stack[-1]
        if top.mapping:
            if not top.skip:
                top.items[top.key] = node
            top.key = None
        else:
            top.items.append(node)
        return None

    def _scalar(self, event: Any, line: int, path: str, key_line: int) -> Node:
        text: str = event.value
        tag = event.tag
        if tag not in _SCALAR_TAGS:
            raise self.fail(f"osäker eller okänd YAML-tagg {tag!r}", line, path)
        value: Any = text
        if not event.style and tag is None:
            try:
                value = _resolve(text)
            except ValueError as exc:
                raise self.fail(f"inte ett giltigt värde {_quoted(text)}: {exc}", line, path) from None
        node = Node(value, self.file, line, path, self.error, key_line, text)
        if event.anchor is not None:
            self.anchors[event.anchor] = (node, 1)
        return node

    def _word_key(self, top: _Open, event: Any, line: int) -> bool:
        """The common key, a new word that is nothing but text, taken without ``_key``'s
        checks (a third of a large file's time); False for anything else."""
        text: str = event.value
        if (event.tag is not None or event.anchor is not None or not text
                or text in top.items or len(text) + len(top.path) >= MAX_PATH
                or (not event.style and (text[0] in _NUMBER_START or text in _WORDS
                                         or text == "<<"))):
            return False
        top.key, top.key_line, top.skip = text, line, False
        top.key_path = f"{top.path}.{text}" if top.path else text
        return True

    def _key(self, top: _Open, event: Any, kind: type, line: int) -> None:
        """A mapping key: text (a date or an integer as written), the first of its name."""
        if kind is not yaml.ScalarEvent:
            problem = ("ett alias kan inte vara en nyckel" if kind is yaml.AliasEvent
                       else "en nyckel måste vara text, inte en lista eller mappning")
            raise self.fail(problem, line, top.path)
        text: str = event.value
        path = self._child_path(top.path, text, line) if text else top.path
        tag = event.tag
        if tag not in _SCALAR_TAGS:
            raise self.fail(f"osäker eller okänd YAML-tagg {tag!r}", line, path)
        key: Any = text
        if not event.style and tag is None:
            if text == "<<":
                raise self.fail(
                    "sammanfogningsnyckeln << finns inte i YAML 1.2: skriv ut fälten i stället",
                    line, path,
                )
            try:
                key = _resolve(text)
            except ValueError as exc:
                self._refuse_key(top, text, line, path, f"inte ett giltigt värde {_quoted(text)}: {exc}",
                                 f"{text!r} är inte ett datum ÅÅÅÅ-MM-DD (eller inte en giltig nyckel)")
                return
            if isinstance(key, dt.date):
                key = key.isoformat()
            elif isinstance(key, int) and not isinstance(key, bool):
                key = text
            elif not isinstance(key, str):
                raise self.fail(f"en nyckel måste vara text, fick {key!r}", line, top.path)
        if event.anchor is not None:
            self.anchors[event.anchor] = (
                Node(key, self.file, line, path, self.error, 0, text), 1
            )
        first = top.items.get(key)
        if first is not None:
            self._refuse_key(top, key, line, path, "nyckeln finns två gånger",
                             f"nyckeln finns två gånger (först på rad {first.key_line})")
            return
        top.key, top.key_line, top.key_path, top.skip = key, line, path, False

    def _refuse_key(self, top: _Open, key: str, line: int, path: str, problem: str,
                    aside: str) -> None:
        """Raise; or, for a caller that collects problems, report it and drop the entry."""
        if self.set_aside is None:
            raise self.fail(problem, line, path)
        self.set_aside(self.fail(aside, line, path))
        top.key, top.key_line, top.key_path, top.skip = key, line, path, True

    def _alias(self, anchor: str, line: int, path: str, key_line: int) -> Node:
        """A copy of the anchored value, placed here; counted in full before it is made."""
        if anchor not in self.anchors:
            raise self.fail(f"ogiltig YAML: aliaset {anchor!r} har inget ankare (&{anchor}) före sig", line, path)
        found = self.anchors[anchor]
        if found is None:
            raise self.fail("ett YAML-alias pekar på ett värde som innehåller aliaset", line, path)
        node, size = found
        self.aliased += size
        if self.aliased > MAX_VALUES:
            raise self.fail(
                f"dokumentet växer till fler än {MAX_VALUES} värden (alias?)", line, path
            )
        self.count += size
        if self.count > MAX_DOCUMENT_VALUES:
            raise self._too_many(line, path)
        return self._copy(node, path, key_line, len(self.stack) + 1, line)

    def _copy(self, node: Node, path: str, key_line: int, depth: int, line: int) -> Node:
        """``node`` with the paths of its new place: an error names where a value is used."""
        value = node.value
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise self.fail(_TOO_DEEP, line, path)
            if isinstance(value, dict):
                value = {
                    key: self._copy(child, self._child_path(path, key, line), child.key_line,
                                    depth + 1, line)
                    for key, child in value.items()
                }
            else:
                value = [self._copy(child, self._child_path(path, index, line), 0, depth + 1,
                                    line)
                         for index, child in enumerate(value)]
        return Node(value, node.file, node.line, path, node.error, key_line, node.raw)


_TOO_DEEP = f"nästlad för djupt (högst {MAX_DEPTH} nivåer)"
_TOO_LONG = f"fältets sökväg är längre än {MAX_PATH} tecken (en för lång nyckel?)"


#: PyYAML's and libyaml's words for a syntax error, and what to tell a person instead.
_SYNTAX = (
    ("did not find expected ',' or '}'", "en {…}-mappning tar slut utan '}' eller saknar ',' mellan fälten"),
    ("expected ',' or '}'", "en {…}-mappning tar slut utan '}' eller saknar ',' mellan fälten"),
    ("did not find expected ',' or ']'", "en […]-lista tar slut utan ']' eller saknar ',' mellan värdena"),
    ("expected ',' or ']'", "en […]-lista tar slut utan ']' eller saknar ',' mellan värdena"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde (saknas ett avslutande citattecken?)"),
    ("mapping values are not allowed", "ett kolon där inget fält kan börja: fel indrag, eller en text med "
                                       "': ' som ska stå inom citattecken"),
    ("cannot start any token", "ett tecken som inte kan inleda ett värde (ett tabbtecken i indraget, eller "
                               "en text som ska stå inom citattecken)"),
    ("found unknown escape character", "okänd escape-sekvens med \\ inom dubbla citattecken "
                                       "(använd enkla citattecken)"),
    ("did not find expected key", "väntade ett fält: indraget stämmer inte med raderna ovanför"),
    ("did not find expected '-' indicator", "väntade '- ' för nästa listpost: indraget stämmer inte"),
    ("could not find expected ':'", "ett fält utan ':' efter namnet"),
    ("expected <block end>", "indraget stämmer inte med raderna ovanför"),
    ("node content", "väntade ett värde här"),
    ("found undefined alias", "ett alias (*namn) utan ankare (&namn) före sig"),
    ("duplicate", "ett direktiv (%) står två gånger"),
    ("tab character", "ett tabbtecken i indraget: YAML drar in med mellanslag"),
    ("block sequence entries are not allowed", "en listpost ('- ') där ingen lista kan börja: fel indrag"),
    ("expected alphabetic or numeric character", "ett ankare eller alias (&namn, *namn) utan namn"),
    ("expected a comment or a line break", "text efter ett värde där bara en kommentar (#) får stå"),
    ("found unexpected ':'", "ett kolon där inget fält kan börja (ska texten stå inom citattecken?)"),
    ("expected chomping or indentation indicators", "ett | eller > följt av något annat än radslut"),
    ("expected '<document start>'", "väntade början på ett dokument"),
    ("expected a mapping or a sequence", "väntade en mappning eller en lista"),
    ("found character", "ett tecken som inte kan inleda ett värde (ska texten stå inom citattecken?)"),
)


def _syntax(context: str | None, problem: str | None) -> str:
    """A YAML syntax error in Swedish; the parser's own words when it is one we do not know."""
    said = " ".join(str(part) for part in (context, problem) if part)
    for words, swedish in _SYNTAX:
        if words in said:
            return f"ogiltig YAML: {swedish}"
    return f"ogiltig YAML: syntaxfel här (YAML-läsarens beskrivning: {said})"


def load_yaml_text(
    text: str,
    file: str,
    error: type[ArvodeError],
    *,
    set_aside: Callable[[ArvodeError], None] | None = None,
) -> Node:
    """Parse one YAML document; any YAML problem becomes ``error`` at its line.

    With ``set_aside``, a duplicate key or a key the calendar does not have is
    reported to it and its entry dropped, so that a checker can go on and report
    the rest of the file; every other problem still raises.
    """
    if len(text) > MAX_BYTES:
        raise error(f"texten är större än {MAX_BYTES // MIB} MiB", Location(file))
    builder = _Builder(file, error, set_aside)
    events: _Events | None = None
    # The tree holds no cycles, and the cyclic collector, run again and again while
    # hundreds of thousands of Nodes are made, would double the time of a large file.
    collecting = gc.isenabled()
    gc.disable()
    try:
        events = _parser(text)
        return builder.build(events)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        field = builder.path_at_error() or None
        raise error(_syntax(exc.context, exc.problem), Location(file, line, field)) from None
    except ReaderError as exc:
        before = text.encode("utf-8")[: exc.position] if _CPARSER is not None else None
        line = (before.count(b"\n") if before is not None
                else text.count("\n", 0, exc.position)) + 1
        raise error(
            f"ogiltig YAML: tecknet #x{exc.character:04x} får inte förekomma (styrtecken eller ogiltig kodning)",
            Location(file, line, builder.path_at_error() or None),
        ) from None
    except UnicodeEncodeError as exc:  # a lone surrogate, which no file decodes to
        raise error(
            f"ogiltig YAML: tecknet #x{ord(text[exc.start]):04x} får inte förekomma "
            "(ett ensamt surrogattecken)", Location(file, text.count("\n", 0, exc.start) + 1),
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"ogiltig YAML ({exc})", Location(file)) from None
    finally:
        if events is not None:
            events.dispose()
        if collecting:
            gc.enable()


def load_yaml_file(
    path: Path,
    error: type[ArvodeError],
    *,
    set_aside: Callable[[ArvodeError], None] | None = None,
) -> Node:
    """``load_yaml_text`` of a file, refused unread when larger than ``MAX_BYTES``."""
    text = read_text_bounded(path, MAX_BYTES, error)
    return load_yaml_text(text, str(path), error, set_aside=set_aside)
