"""Hostile and mistaken input, fuzzed through the real command line (issue #11, "done when").

The six category files pin the inputs that once failed, one by one. Nobody thinks
of every input, so here Hypothesis writes them: it starts from the real files (the
bundled examples, a payroll CSV, an officials register, the Piteå rules) and
changes a few places, so most of a file stays valid and the change reaches the
validation and the calculation behind the parser, not only the parser's first
line. Whatever it writes, the contract holds:

* exit status 0, or exit status 2 with exactly one line on stderr that starts
  with the file it is about (``file:line: field: problem`` or ``file: problem``);
* no traceback, and each input answered within ``PER_INPUT`` seconds;
* no control or bidi character reaches the terminal (each shows as its escape);
* a payroll CSV cell that a spreadsheet would run as a formula starts with ``'``,
  and the PAXml file always parses as XML; a refused run leaves no file behind.

The commands run in-process through ``arvode.cli.main`` (a run takes a few
hundredths of a second, so hundreds of inputs fit in the suite); a few generated
inputs also go through the installed ``arvode`` in a subprocess, which must answer
exactly as the in-process run did. Every run is derandomised: the same inputs on
every machine, so a failure in CI is a failure on a laptop.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arvode import ClaimError, bundled_rules_dir, load_rules
from arvode.base.text import visible
from arvode.base.yaml import Node, load_yaml_text
from arvode.cli import main
from arvode.output.export import CSV_HEADER

ROOT = Path(__file__).resolve().parent.parent
ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIRST_EXAMPLE = ROOT / "examples" / "01-ledamot-dagstak.yaml"
RULES_FILES = sorted(bundled_rules_dir().glob("*.yaml"))

#: Wall time allowed for one in-process run of the command on one input; the slowest
#: generated input takes about a tenth of that (benchmarks/hostile_figures.py).
PER_INPUT = 3.0
#: The same for the installed command, the interpreter's start included.
PER_PROCESS = 10.0

FUZZ = settings(
    derandomize=True,  # the same inputs on every run and machine
    database=None,
    deadline=None,  # the time bound is asserted per input instead (PER_INPUT)
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@pytest.fixture(scope="module", autouse=True)
def _no_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """An empty working folder and no ARVODE_* variables: only the arguments choose rules and record."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("cwd"))
        patch.delenv("ARVODE_RULES", raising=False)
        patch.delenv("ARVODE_LEDGER", raising=False)
        yield


# ---------------------------------------------------------------- running and the contract
@dataclass
class Outcome:
    argv: list[str]
    code: int
    out: str
    err: str
    seconds: float


def run_cli(argv: Sequence[str | Path]) -> Outcome:
    """``arvode ARGV`` in this process; any exception but SystemExit fails the test with its traceback."""
    args = [str(a) for a in argv]
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse's own refusal
            code = exc.code if isinstance(exc.code, int) else 1
    return Outcome(args, code, out.getvalue(), err.getvalue(), time.perf_counter() - start)


def run_process(argv: Sequence[str | Path]) -> Outcome:
    """The installed ``arvode ARGV``, killed after ``PER_PROCESS`` seconds."""
    args = [str(a) for a in argv]
    start = time.perf_counter()
    done = subprocess.run([str(ARVODE), *args], capture_output=True, check=False, timeout=PER_PROCESS,
                          env={k: v for k, v in os.environ.items() if not k.startswith("ARVODE_")})
    seconds = time.perf_counter() - start
    out = done.stdout.decode("utf-8", "surrogateescape")
    err = done.stderr.decode("utf-8", "surrogateescape")
    return Outcome(args, done.returncode, out, err, seconds)


#: What must not reach a terminal: C0/C1 controls but newline and tab, DEL, zero-width and
#: bidi controls (Trojan Source), the byte-order mark, the line and paragraph separators.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _located(line: str, places: Sequence[Path]) -> bool:
    """``line`` starts with one of ``places`` (a folder: or a file in it), then ``:LINE`` or not, then ``: ``."""
    for place in places:
        prefix = re.escape(str(place)) + (r"(?:/[^:/]+)?" if place.is_dir() else "")
        if re.match(prefix + r"(?::\d+)?: .", line):  # a field may be " date", as written
            return True
    return False


_ARGUMENT = re.compile(r"(arvode(?: [a-z]+)*|--[a-z-]+|[A-ZÅÄÖ][A-ZÅÄÖ.]*): .")


def assert_safe(outcome: Outcome, *, bound: float = PER_INPUT) -> str:
    """Exit 0 or 2, no traceback, nothing raw for the terminal, in time; the context for a failure."""
    context = f"arvode {' '.join(outcome.argv)}\n--- stdout:\n{outcome.out[-1500:]}\n--- stderr:\n{outcome.err[-3000:]}"
    assert outcome.code in (0, 2), context
    for stream in (outcome.out, outcome.err):
        assert "Traceback (most recent call last)" not in stream, context
        hidden = _HIDDEN.search(stream)
        assert hidden is None, f"{hidden.group(0)!r} reached the terminal\n{context}"
        stream.encode("utf-8", "surrogateescape")  # what a UTF-8 terminal's stream does with it
    assert outcome.seconds < bound, f"{outcome.seconds:.2f} s\n{context}"
    return context


def assert_contract(outcome: Outcome, places: Sequence[Path], *, bound: float = PER_INPUT,
                    arguments: bool = False) -> None:
    """As ``assert_safe``, and a refusal is one line on stderr that starts with the file it is about
    (with ``arguments``: or the argument, ``--month: …``, ``BELOPP: …``, ``arvode KOMMANDO: …``,
    or a value given on the command line that names no file, ``2025-03: filen finns inte``, ``"": …``)."""
    context = assert_safe(outcome, bound=bound)
    if outcome.code == 2:
        lines = outcome.err.rstrip("\n").split("\n")
        assert len(lines) == 1, context
        named = [visible(a) if a.strip() else '""' for a in outcome.argv] if arguments else []
        assert _located(lines[0], places) or (arguments and (
            _ARGUMENT.match(lines[0]) is not None
            or any(re.match(re.escape(a) + r"(?::\d+)?: .", lines[0]) for a in named))), context


# ---------------------------------------------------------------- YAML as a tree to mutate
@dataclass(frozen=True)
class Raw:
    """YAML text written as it stands: a scalar, a flow collection, a tag, a key."""

    text: str


@dataclass(frozen=True)
class Alias:
    name: str


@dataclass
class Anchored:
    name: str
    value: Any


class Map(list[tuple[Any, Any]]):
    """A mapping as (key, value) pairs, so a key can be written twice."""


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*|[0-9][0-9\-]*")


def to_tree(node: Node) -> Any:
    """A loaded YAML file as the tree ``emit`` writes back to the same values."""
    if isinstance(node.value, dict):
        return Map((key, to_tree(value)) for key, value in node.value.items())
    if isinstance(node.value, list):
        return [to_tree(value) for value in node.value]
    value = node.value
    if isinstance(value, str):
        return Raw(json.dumps(value, ensure_ascii=False))
    if value is None:
        return Raw("null")
    if isinstance(value, bool):
        return Raw("true" if value else "false")
    return Raw(node.raw if node.raw is not None else str(value))


def _key(key: Any) -> str:
    if isinstance(key, Raw):
        return key.text
    return key if _PLAIN_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _inline(value: Any) -> str | None:
    """The one-line form of a value, or None for a block collection."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Alias):
        return f"*{value.name}"
    if isinstance(value, Map | list) and not value:
        return "{}" if isinstance(value, Map) else "[]"
    return None


def _block(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, Map):
        entries = [(f"{pad}{_key(key)}:", item) for key, item in value]
    else:
        entries = [(f"{pad}-", item) for item in value]
    for head, item in entries:
        anchor = ""
        while isinstance(item, Anchored):  # two anchors on one value are for the parser to refuse
            anchor, item = f"{anchor} &{item.name}", item.value
        inline = _inline(item)
        if inline is not None:
            lines.append(f"{head}{anchor} {inline}")
        elif anchor or isinstance(value, Map):
            lines.append(head + anchor)
            lines += _block(item, indent + 2)
        else:  # a collection in a list: its first line beside the dash
            inner = _block(item, indent + 2)
            lines.append(f"{head} {inner[0][indent + 2:]}")
            lines += inner[1:]
    return lines


def emit(tree: Any) -> str:
    inline = _inline(tree)
    if isinstance(tree, Anchored):
        return f"&{tree.name} {emit(tree.value)}"
    return (inline if inline is not None else "\n".join(_block(tree, 0))) + "\n"


def yaml_tree(path: Path) -> Any:
    return to_tree(load_yaml_text(path.read_text(encoding="utf-8"), str(path), ClaimError))


# ---------------------------------------------------------------- what goes in
HOSTILE_SCALARS = [
    # another type where one belongs
    "[]", "{}", "[1, 2]", "{a: 1}", "null", "~", '""', "''", "true", "false", "ja", "nej",
    # YAML 1.1's silent retyping
    "6:30", "190:20:30", "036", "089", "0x10", "0o17", "0b101", "1_000", "yes", "no", "on", "off", "y", "=",
    # numbers
    "0", "-0", "-1", "1", "42", "-999999999999", "999999999999999999999999", "9" * 5000, "1e3", '"1e3"', "1e400",
    "-1e400", ".inf", "-.inf", ".nan", '"NaN"', '"Infinity"', "310.5", '"310.555"', '"-310.50"', '"0.001"',
    '"1/0"', '"1/3"', '"3/2"', '"-1/2"', '"1 234,50"', '"١٢٣"', '"²"', '"１２"', "0.1e-5", '"+5"', '"  7  "',
    # dates and times
    "2025-02-30", "2025-13-01", "0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31", "2025-03-12T10:00:00",
    "2025-03-12 10:00:00", '"2025-3-12"', '"2025-03"', "2025-03", "2025-00", "2025-3", "1900-01", "2024-02-29",
    '"13:00-12:00"', '"25:00-26:00"', '"00:00-24:00"', '"13:00-13:00"', '"24:00-24:01"', '"13:00"', '"-"',
    '"13:00-17:00-18:00"', '"1:00-2:00"', '"13.00-17.00"', '"13:00–17:00"', '"00:00-23:59"',
    # tags
    '!!python/object/apply:os.system ["echo pwned"]', "!!python/name:os.system", "!!binary aGVsbG8=",
    "!!str 42", "!!int 5", "!!float 5", "!ruby 1", "! 42", "!!set {a, b}", "!!omap [a: 1]", "!!timestamp 2025-03-12",
    # text a terminal, a spreadsheet or an XML file would act on
    '"\\u0007bell"', '"\\x1b]0;pwned\\x07"', '"a\\u200bb"', '"\\u202eevil"', '"\\u061c"', '"\\ufeffBOM"',
    '"\\x00"', '"\\u2028"', '"\\x85"', '"\\xad"', '"line\\nbreak"', '"\\t=1"', '"\\r=1"', '"=cmd|\' /C calc\'!A0"',
    '"+1"', '"-1"', '"@SUM(A1:A9)"', '"=HYPERLINK(\\"http://evil\\",\\"x\\")"', '"<b>&amp;</b>"', '"]]><x/>"',
    '"' + "x" * 100_000 + '"', "x" * 3000, '"Piteå kommun"', '"kommunfullmaktige "', '"KOMMUNFULLMAKTIGE"',
    '"socialnämnden"', "'single ''quoted'''", "*nowhere", "&dangling", "<<", "? x", "- x", "%", "@x", "`x",
    # keys of the rules, in the wrong place
    "kommunfullmaktige", "sammantrade", "protokolljustering", "valforrattning", "socialnamnden.ordforande",
    "sjukdom", "ordforande", "kumulativ", "p-1042",
]
HOSTILE_KEYS = [
    Raw("<<"), Raw("? x"), Raw('""'), Raw("1"), Raw("true"), Raw("null"), Raw("2025-03-12"), Raw("[a, b]"),
    Raw("{a: 1}"), Raw("*alias"), "k" * 300, "id\u200b", "datum", "DATE", " date", "date ", "organ\x1b[31m",
    "official", "events", "period", "value", "values", "reference", "from", "to", "percent", "level",
]


def _deep(depth: int, kind: str) -> Raw:
    if kind == "list":
        return Raw("[" * depth + "1" + "]" * depth)
    return Raw("{a: " * depth + "1" + "}" * depth)


def hostile_values() -> st.SearchStrategy[Any]:
    """A value to put where another stood: a hostile scalar, a number, a text, a date, deep nesting."""
    return st.one_of(
        st.sampled_from(HOSTILE_SCALARS).map(Raw),
        st.integers().map(lambda n: Raw(str(n))),
        st.integers(-(10**15), 10**15).map(lambda n: Raw(json.dumps(f"{n // 100}.{abs(n) % 100:02d}"))),
        st.floats().map(lambda x: Raw(repr(x))),
        st.text(max_size=40).map(lambda s: Raw(json.dumps(s, ensure_ascii=False))),
        st.dates().map(lambda d: Raw(d.isoformat())),
        st.builds(lambda a, b: Raw(f'"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}"'),
                  st.integers(0, 1500), st.integers(0, 1500)),
        st.builds(_deep, st.integers(1, 120), st.sampled_from(["list", "map"])),
    )


def _places(tree: Any) -> list[tuple[Any, int]]:
    """Every (collection, index) in ``tree``, in document order."""
    found: list[tuple[Any, int]] = []

    def walk(value: Any) -> None:
        if isinstance(value, Anchored):
            walk(value.value)
        elif isinstance(value, Map):
            for i, (_, item) in enumerate(value):
                found.append((value, i))
                walk(item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                found.append((value, i))
                walk(item)

    walk(tree)
    return found


def _get(parent: Any, index: int) -> Any:
    return parent[index][1] if isinstance(parent, Map) else parent[index]


def _set(parent: Any, index: int, value: Any) -> None:
    if isinstance(parent, Map):
        parent[index] = (parent[index][0], value)
    else:
        parent[index] = value


_RULES = load_rules()
#: Keys of the bundled rules and the claim format's fixed words: valid in one place, wrong in another.
KEYS = sorted({*_RULES.organs, *_RULES.kinds, *_RULES.roles, "sjukdom", "foraldraledighet", "ordforande",
               "valforrattare", "group_leader", "S", "p-0101", "p-1042"})
_SPAN = re.compile(r'"\d\d:\d\d-\d\d:\d\d"')
_MONEY = re.compile(r'"-?\d+(\.\d+)?"')


def _span(a: int, b: int) -> Raw:
    return Raw(f'"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}"')


def similar_values(raw: Raw) -> st.SearchStrategy[Any]:
    """A value of the same form as ``raw`` (a date for a date, a time span for a span): valid YAML and
    mostly valid for the field, so the change reaches the calculation, not only the parser."""
    text = raw.text
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return st.dates(dt.date(2022, 1, 1), dt.date(2027, 12, 31)).map(lambda d: Raw(d.isoformat()))
    if re.fullmatch(r"\d{4}-\d\d", text):
        return st.builds(lambda y, m: Raw(f"{y}-{m:02d}"), st.integers(2022, 2027), st.integers(1, 12))
    if _SPAN.fullmatch(text):
        return st.builds(_span, st.integers(0, 24 * 60), st.integers(0, 24 * 60))
    if _MONEY.fullmatch(text):
        return st.integers(-100, 10**8).map(lambda n: Raw(json.dumps(f"{n // 100}.{n % 100:02d}")))
    if re.fullmatch(r"-?\d+", text):
        return st.integers(-5, 500).map(lambda n: Raw(str(n)))
    if text in ("true", "false"):
        return st.sampled_from(["true", "false", "ja", "nej"]).map(Raw)
    return st.sampled_from(KEYS).map(Raw)


#: Operations on a tree and how often each is drawn.
OPERATIONS = ["similar"] * 9 + ["replace"] * 5 + ["delete"] * 2 + ["duplicate", "rename", "add", "swap", "wrap",
                                                                     "alias", "merge", "empty"]


@st.composite
def mutated_tree(draw: st.DrawFn, tree: Any, max_changes: int = 3) -> tuple[Any, list[str]]:
    """``tree`` with 1 to ``max_changes`` changes (mostly one); and what was changed (for the failure's report)."""
    tree = copy.deepcopy(tree)
    done: list[str] = []
    for count in range(draw(st.sampled_from([n for n in (1, 1, 1, 1, 2, 2, 3) if n <= max_changes]))):
        places = _places(tree)
        if not places:
            break
        operation = draw(st.sampled_from(OPERATIONS))
        leaves = [(p, i) for p, i in places if isinstance(_get(p, i), Raw)]
        if operation in ("similar", "replace") and leaves and draw(st.integers(0, 4)):
            places = leaves  # mostly a scalar: a whole event or block replaced says little
        parent, index = draw(st.sampled_from(places))
        done.append(operation)
        if operation == "similar":
            value = _get(parent, index)
            _set(parent, index, draw(similar_values(value) if isinstance(value, Raw) else hostile_values()))
        elif operation == "replace":
            _set(parent, index, draw(hostile_values()))
        elif operation == "delete":
            del parent[index]
        elif operation == "duplicate":
            parent.insert(index, copy.deepcopy(parent[index]))
        elif operation == "rename" and isinstance(parent, Map):
            parent[index] = (draw(st.sampled_from(HOSTILE_KEYS)), parent[index][1])
        elif operation == "add":
            item = draw(hostile_values())
            if isinstance(parent, Map):
                parent.append((draw(st.sampled_from(HOSTILE_KEYS)), item))
            else:
                parent.insert(index, item)
        elif operation == "swap":
            other, at = draw(st.sampled_from(places))
            first, second = _get(parent, index), _get(other, at)
            _set(parent, index, second)
            _set(other, at, first)
        elif operation == "wrap":
            value = _get(parent, index)
            _set(parent, index, draw(st.sampled_from([[value], Map([("x", value)])])))
        elif operation == "alias":  # an anchor here, an alias there (before it, inside it or after it)
            name = f"a{count}"
            _set(parent, index, Anchored(name, _get(parent, index)))
            other, at = draw(st.sampled_from(places))
            _set(other, at, Alias(name))
        elif operation == "merge" and isinstance(parent, Map):
            parent.append((Raw("<<"), draw(st.sampled_from([Raw("{a: 1}"), Raw("[{a: 1}]"), Alias("a0")]))))
        elif operation == "empty":
            _set(parent, index, Map() if isinstance(_get(parent, index), Map) else [])
    return tree, done


TEXT_TOKENS = ["\x00", "\x07", "\x1b[2J", "\ufeff", "\u200b", "\u202e", "\x85", "\u2028", "\r", "\r\n", "\t",
               "\n  ", "\n- ", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:os.system ", "'", '"',
               "#", "|\n  ", ">-\n  ", "---\n", "...\n", "%YAML 1.2\n", "? ", "\udcff"]


@st.composite
def as_bytes(draw: st.DrawFn, text: str) -> tuple[bytes, str]:
    """``text`` as a file's bytes, now and then damaged or saved in another encoding."""
    how = draw(st.sampled_from(["utf-8"] * 40 + ["token", "cut", "crlf", "bom", "utf-16", "utf-16-le", "cp1252",
                                                  "nul", "noise"]))
    if how == "token":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TEXT_TOKENS)) + text[at:]
    elif how == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif how == "crlf":
        text = text.replace("\n", "\r\n")
    elif how == "bom":
        text = "\ufeff" + text
    elif how in ("utf-16", "utf-16-le", "cp1252"):
        return text.encode(how, "replace"), how
    elif how == "nul":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + "\x00" + text[at:]
    elif how == "noise":
        at = draw(st.integers(0, len(text)))
        noise = draw(st.binary(min_size=1, max_size=16))
        data = text.encode("utf-8", "surrogateescape")
        return data[:at] + noise + data[at:], how
    return text.encode("utf-8", "surrogateescape"), how


_CLAIM_TREES = {path: yaml_tree(path) for path in EXAMPLES}


@st.composite
def claim_files(draw: st.DrawFn) -> tuple[bytes, str]:
    """A bundled example with a few changes, as a file's bytes; and how it was made."""
    path = draw(st.sampled_from(EXAMPLES))
    tree, changes = draw(mutated_tree(_CLAIM_TREES[path]))
    data, how = draw(as_bytes(emit(tree)))
    return data, f"{path.name}: {', '.join(changes)}; {how}"


# ---------------------------------------------------------------- the round trip is faithful
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_unchanged_example_is_written_back_to_the_same_result(path: Path, tmp_path: Path) -> None:
    copy_ = tmp_path / path.name
    copy_.write_text(emit(_CLAIM_TREES[path]), encoding="utf-8")
    original, again = run_cli(["check", "--json", path]), run_cli(["check", "--json", copy_])
    assert (again.code, again.err) == (original.code, original.err.replace(str(path), str(copy_)))
    assert json.loads(again.out) == json.loads(original.out.replace(str(path), str(copy_)))


# ---------------------------------------------------------------- claims
CLAIM_COMMANDS = [["check"], ["check", "--json"], ["specifikation"], ["specifikation", "--html", "{html}"]]


def _claim_run(data: bytes, command: list[str], folder: Path) -> tuple[Outcome, Path]:
    path = folder / "rapport.yaml"
    path.write_bytes(data)
    html = folder / "specifikation.html"
    argv = [part.replace("{html}", str(html)) for part in command] + [str(path)]
    return run_cli(argv), path


@settings(FUZZ, max_examples=300)
@given(claim=claim_files(), command=st.sampled_from(CLAIM_COMMANDS))
def test_any_claim_file(claim: tuple[bytes, str], command: list[str]) -> None:
    data, _how = claim
    with tempfile.TemporaryDirectory() as folder:
        outcome, path = _claim_run(data, command, Path(folder))
        assert_contract(outcome, [path])
        if outcome.code == 0 and "--json" in command:
            json.loads(outcome.out)
        if outcome.code == 0 and "--html" in command:
            assert "<html" in (Path(folder) / "specifikation.html").read_text(encoding="utf-8").lower()


# ---------------------------------------------------------------- CSV event files
BASE_ROWS: list[dict[str, str]] = [
    {"official_id": "p-1042", "official_name": "Anna Andersson", "period": "2025-03", "date": "2025-03-12",
     "organ": "kommunfullmaktige", "kind": "sammantrade", "called": "13:00-17:00", "attended": "13:00-16:10",
     "lost_hours": "4,5", "income_hourly": "310,00", "vacation_pay_loss": "ja"},
    {"official_id": "p-1042", "official_name": "Anna Andersson", "period": "2025-03", "date": "2025-03-12",
     "organ": "kommunfullmaktige", "kind": "protokolljustering", "income_hourly": "310.00"},
    {"official_id": "p-2001", "period": "2025-03", "date": "2025-03-13", "organ": "socialnamnden",
     "kind": "uppdrag", "attended": "09:00-11:10", "travel_km": "28", "travel_hours": "0.8",
     "home_distance_km": "14"},
    {"official_id": "p-2001", "period": "2025-03", "date": "2025-03-20", "organ": "kommunstyrelsen",
     "kind": "utskott", "called": "08:30-09:15", "serving": "nej", "specially_called": "ja"},
    {"official_id": "p-3003", "official_name": "Olof Sandberg", "period": "2025-03", "date": "2025-03-20",
     "organ": "kommunstyrelsen", "kind": "utbildning", "attended": "08:00-16:30", "lost_amount": "1200.00",
     "other_cost_amount": "150,00", "other_cost_reason": "Parkering", "other_cost_approved_by": "KS ordförande",
     "lost_vacation_days": "1", "income_yearly": "455000"},
    {"official_id": "p-4004", "period": "2025-03", "date": "2025-03-14", "organ": "kommunfullmaktige",
     "kind": "partigruppmote", "attended": "18:00-19:30", "for_meeting": "2025-03-24", "reported": "2025-03-25"},
    {"official_id": "v-0913", "period": "2026-09", "date": "2026-09-13", "kind": "valforrattning",
     "election_role": "ordforande", "hours": "6,5", "home_distance_km": "12"},
]
BASE_COLUMNS = list(dict.fromkeys(column for row in BASE_ROWS for column in row))

FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1:A9)", "=1+1", "\t=1", "\r=1", "-2+3+cmd|' /C calc'!A0",
            '=HYPERLINK("http://evil","klicka")', "'=1", "=", "+", "-", "@"]
HOSTILE_CELLS = [
    *FORMULAS, "", " ", "ja", "nej", "yes", "sant", "2", "1,5", "1 234,50", "1\u00a0234,50", "1,2,3", "1e5", "-0",
    "0x10", "036", "6:30", "NaN", "inf", "-inf", "١٢٣", "²", "１２", "9" * 400, "-999999999999", "0.001", "310.555",
    "2025-02-30", "2025-13", "0000-01", "9999-12", "2025-3-12", "13:00-12:00", "25:00-26:00", "00:00-24:00",
    "\x07", "\x1b]0;pwned\x07", "a\u200bb", "\u202eevil", "\ufeff", "Å\x00sa", "x" * 70_000, 'a"b', "a;b", "a,b",
    "a\tb", "line\nbreak", "line\r\nbreak", "kommunfullmaktige", "Kommunfullmäktige", "valforrattning",
    "<b>&amp;</b>", "]]><x/>", "P-1042", "p-1042 ", "ｐ-1042", "p\u200b-1042",
]


def hostile_cells() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=30),
                     st.integers().map(str), st.decimals(allow_nan=True).map(str))


NUMBERS = ["²", "١٢٣", "１２", "9" * 5000, "9" * 20, "-1", "-0", "0", "1e5", "1E-3", "0x10", "036", "1_000", "6:30",
           "NaN", "Infinity", "-inf", "1,5", "1 234,50", "1\u00a0234,50", "1,2,3", ",5", "5,", "+5", "0.001", "٫5"]


def typed_cells(column: str) -> st.SearchStrategy[str]:
    """A cell of the column's own kind (a number for a number, a date for a date), now and then wrong."""
    if column in ("date", "for_meeting", "reported", "period"):
        days = st.dates(dt.date(1899, 1, 1), dt.date(2202, 12, 31))
        kind = days.map(lambda d: d.isoformat()[:7]) if column == "period" else days.map(dt.date.isoformat)
    elif column in ("called", "attended"):
        kind = st.builds(lambda a, b: _span(a, b).text.strip('"'), st.integers(0, 1500), st.integers(0, 1500))
    elif column in ("organ", "kind", "election_role"):
        kind = st.sampled_from(KEYS)
    elif column in ("serving", "specially_called", "vacation_pay_loss", "free_time", "paid_by_other",
                    "outside_municipality", "lost_unknown", "preparation", "training"):
        kind = st.sampled_from(["ja", "nej", "true", "false", "sant", "falskt", "1", "0", "yes", "no", "JA", "x"])
    elif column in ("official_id", "official_name", "other_cost_reason", "other_cost_approved_by"):
        kind = st.sampled_from([*FORMULAS, "p-1042", "P-1042", "p-2001"])
    else:
        kind = st.one_of(st.sampled_from(NUMBERS), st.integers(-10, 10**6).map(str),
                         st.decimals(0, 10**6, places=2).map(lambda d: str(d).replace(".", ",")))
    return st.one_of(kind, kind, hostile_cells())


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[bytes, str, list[str]]:
    """The base CSV with its columns in some order and a few changes: bytes, how, extra flags."""
    columns = draw(st.permutations(BASE_COLUMNS))
    rows = [[row.get(column, "") for column in columns] for row in BASE_ROWS]
    table: list[list[str]] = [list(columns), *rows]
    done = []
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["typed"] * 4 + ["cell", "cell", "formula", "header", "drop-column",
                                                        "ragged", "duplicate-row", "blank-row", "delete-row"]))
        done.append(operation)
        r = draw(st.integers(0, len(table) - 1))
        c = draw(st.integers(0, len(table[r]) - 1)) if table[r] else 0
        if operation == "typed" and len(table) > 1 and c < min(len(table[0]), len(table[max(r, 1)])):
            table[max(r, 1)][c] = draw(typed_cells(table[0][c]))
        elif operation == "cell" and table[r]:
            table[r][c] = draw(hostile_cells())
        elif operation == "formula" and len(table) > 1:
            row = draw(st.integers(1, len(table) - 1))
            for column in ("official_id", "official_name", "other_cost_reason", "organ", "kind"):
                at = table[0].index(column) if column in table[0] else len(table[row])
                if at < len(table[row]) and draw(st.booleans()):
                    table[row][at] = draw(st.sampled_from(FORMULAS))
        elif operation == "header":
            table[0][c] = draw(st.sampled_from([*BASE_COLUMNS, *CSV_HEADER, "", "unknown", "Official_ID",
                                                "official_id ", "\ufeffofficial_id", "x" * 100]))
        elif operation == "drop-column":
            for row in table:
                if c < len(row):
                    del row[c]
        elif operation == "ragged" and table[r]:
            if draw(st.booleans()):
                del table[r][c]
            else:
                table[r].insert(c, draw(hostile_cells()))
        elif operation == "duplicate-row":
            table.insert(r, list(table[r]))
        elif operation == "blank-row":
            table.insert(r + 1, [])
        elif operation == "delete-row" and r > 0:
            del table[r]
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(table)
    data, how = draw(as_bytes(text.getvalue()))
    flags = []
    if how in ("utf-16", "utf-16-le", "cp1252") and draw(st.booleans()):
        flags += ["--encoding", how]
    elif draw(st.integers(0, 9)) == 0:
        flags += ["--encoding", draw(st.sampled_from(["latin-1", "cp1252", "utf-16", "utf-32", "ascii", "utf-7",
                                                      "unicode_escape", "punycode", "idna", "undefined", "hex",
                                                      "rot13", "klingon", ""]))]
    return data, f"{'/'.join(done)}; {delimiter!r}; {how}", flags


def assert_exports(outcome: Outcome, out: Path, paxml: Path, excel: bool) -> None:
    """A run that succeeded wrote a safe CSV and a PAXml that parses; a refused one wrote nothing."""
    if outcome.code != 0 or "Inget att betala" in outcome.out:
        # refused, or nothing to pay: no file is written (an existing export would be left as it is)
        assert not out.exists()
        assert not paxml.exists()
        assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(("lon", ".lon"))) == []
        return
    ET.parse(paxml)
    text = out.read_text(encoding="utf-8-sig" if excel else "utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
    assert tuple(rows[0]) == CSV_HEADER
    amount = CSV_HEADER.index("amount")
    for row in rows[1:]:
        assert len(row) == len(CSV_HEADER), row
        for i, cell in enumerate(row):
            if i == amount:
                assert re.fullmatch(r"-?\d+[.,]\d\d", cell), row
            else:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (CSV_HEADER[i], cell)


def _payroll(inputs: Sequence[Path], folder: Path, flags: Sequence[str], excel: bool) -> tuple[Outcome, Path, Path]:
    out, paxml = folder / "lon.csv", folder / "lon.xml"
    argv = ["payroll", "--month", "2025-03", "--no-ledger", *map(str, inputs), "--out", str(out),
            "--paxml", str(paxml), *flags, *(["--excel"] if excel else [])]
    return run_cli(argv), out, paxml


def test_the_base_csv_and_register_are_paid(tmp_path: Path) -> None:
    events = tmp_path / "tidrapport.csv"
    text = io.StringIO()
    writer = csv.DictWriter(text, BASE_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(BASE_ROWS)
    events.write_text(text.getvalue(), encoding="utf-8")
    register = tmp_path / "register.yaml"
    register.write_text(emit(REGISTER_TREE), encoding="utf-8")
    outcome, out, paxml = _payroll([events, register], tmp_path, [], excel=False)
    assert outcome.code == 0, outcome.err
    assert_exports(outcome, out, paxml, excel=False)
    paid = {row[0] for row in csv.reader(out.read_text(encoding="utf-8").splitlines()[1:])}
    assert {"p-1042", "p-2001", "p-3003", "p-4004", "p-0100", "p-0843"} <= paid
    assert "v-0913" not in paid  # 2026-09: named as a later month, not paid in March
    assert "2026-09" in outcome.out


@settings(FUZZ, max_examples=250)
@given(events=csv_files(), excel=st.booleans())
def test_any_csv_file(events: tuple[bytes, str, list[str]], excel: bool) -> None:
    data, _how, flags = events
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "tidrapport.csv"
        path.write_bytes(data)
        outcome, out, paxml = _payroll([path], folder, flags, excel)
        assert_contract(outcome, [path])
        assert_exports(outcome, out, paxml, excel)


NUMBER_COLUMNS = ["lost_hours", "lost_amount", "travel_km", "travel_within_km", "travel_hours", "childcare_hours",
                  "care_hours", "disability_costs", "hours", "income_hourly", "income_yearly", "home_distance_km",
                  "other_cost_amount", "lost_vacation_days"]


@pytest.mark.parametrize("cell", NUMBERS, ids=lambda c: ascii(c)[1:-1][:12])
@pytest.mark.parametrize("column", NUMBER_COLUMNS)
def test_every_number_column_takes_every_odd_number(tmp_path: Path, column: str, cell: str) -> None:
    # The fuzz rarely puts one of these few cells in one of these few columns; each pair once.
    # "²" in lost_vacation_days was a traceback (int() after str.isdigit()).
    row = {**BASE_ROWS[4], column: cell}
    path = tmp_path / "tidrapport.csv"
    text = io.StringIO()
    writer = csv.DictWriter(text, list(row), delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    path.write_text(text.getvalue(), encoding="utf-8")
    outcome = run_cli(["payroll", "--month", "2025-03", "--no-ledger", path])
    assert_contract(outcome, [path])


# ---------------------------------------------------------------- officials registers
def _register_tree() -> Map:
    officials: dict[str, Any] = {}
    for tree in _CLAIM_TREES.values():
        official = dict(tree)["official"]
        identity = json.loads(dict(official)["id"].text)
        officials.setdefault(identity, Map([("official", copy.deepcopy(official))]))
    return Map([("officials", list(officials.values()))])


REGISTER_TREE = _register_tree()


@st.composite
def register_files(draw: st.DrawFn) -> tuple[bytes, str]:
    """The register of every example's official with a few changes, as a file's bytes; and how."""
    tree, changes = draw(mutated_tree(REGISTER_TREE))
    data, how = draw(as_bytes(emit(tree)))
    return data, f"{', '.join(changes)}; {how}"


@settings(FUZZ, max_examples=150)
@given(register=register_files(), with_claim=st.booleans(), excel=st.booleans())
def test_any_register(register: tuple[bytes, str], with_claim: bool, excel: bool) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "forteckning.yaml"
        path.write_bytes(register[0])
        inputs = [path, FIRST_EXAMPLE] if with_claim else [path]
        outcome, out, paxml = _payroll(inputs, folder, [], excel)
        assert_contract(outcome, inputs)
        assert_exports(outcome, out, paxml, excel)


# ---------------------------------------------------------------- rules folders
_RULES_TREES = {path.name: yaml_tree(path) for path in RULES_FILES}


@st.composite
def rules_changes(draw: st.DrawFn) -> tuple[str, bytes, str]:
    """One bundled rules file with one or two changes: its name, its bytes, how."""
    name = draw(st.sampled_from(sorted(_RULES_TREES)))
    tree, changes = draw(mutated_tree(_RULES_TREES[name], max_changes=2))
    data, how = draw(as_bytes(emit(tree)))
    return name, data, f"{name}: {', '.join(changes)}; {how}"


def _rules_copy(folder: Path, name: str | None = None, data: bytes = b"") -> Path:
    rules = folder / "regler"
    shutil.copytree(bundled_rules_dir(), rules)
    for path in rules.glob("*.yaml"):  # the round-tripped text, so only the change differs
        path.write_text(emit(_RULES_TREES[path.name]), encoding="utf-8")
    if name is not None:
        (rules / name).write_bytes(data)
    return rules


def assert_rules_check(outcome: Outcome, rules: Path) -> None:
    """``rules check``: every problem a located line on stdout, and their count on stderr."""
    context = assert_safe(outcome)
    if outcome.code == 2:
        problems = outcome.out.rstrip("\n").split("\n")
        assert outcome.err == f"{len(problems)} fel i {rules}\n", context
        for problem in problems:
            assert _located(problem, [rules]), context
    else:
        assert outcome.err == "", context


def test_the_round_tripped_rules_pass(tmp_path: Path) -> None:
    rules = _rules_copy(tmp_path)
    assert_rules_check(outcome := run_cli(["rules", "check", rules]), rules)
    assert outcome.code == 0, outcome.out
    original = run_cli(["check", "--json", FIRST_EXAMPLE])
    again = run_cli(["check", "--json", "--rules", rules, FIRST_EXAMPLE])
    assert json.loads(again.out) == json.loads(original.out)


@pytest.mark.parametrize("meta", ["pitea", "5", "[name, pitea]", "2025-01-01"])
def test_a_meta_that_is_no_mapping_is_refused(tmp_path: Path, meta: str) -> None:
    rules = _rules_copy(tmp_path, "rules.yaml", f"meta: {meta}\n".encode())
    for argv in (["rules", "check", rules], ["check", "--rules", rules, FIRST_EXAMPLE]):
        outcome = run_cli(argv)
        assert outcome.code == 2
        # rules check lists every problem (the gaps the lost meta held come too); check stops at the first
        assert f"{rules / 'rules.yaml'}:1: meta: meta ska vara en mappning" in outcome.out + outcome.err


@settings(FUZZ, max_examples=120)
@given(change=rules_changes(), example=st.sampled_from(EXAMPLES))
def test_any_rules_folder(change: tuple[str, bytes, str], example: Path) -> None:
    name, data, _how = change
    with tempfile.TemporaryDirectory() as folder:
        rules = _rules_copy(Path(folder), name, data)
        checked = run_cli(["rules", "check", rules])
        assert_rules_check(checked, rules)
        claims = [FIRST_EXAMPLE] if example == FIRST_EXAMPLE else [FIRST_EXAMPLE, example]
        used = run_cli(["check", "--rules", rules, *claims])
        assert_contract(used, [rules, *claims])
        if checked.code == 0 and used.code == 2:
            # rules check found nothing: a refusal is about a claim, never about the rules
            assert not _located(used.err, [rules]), used.err


# ---------------------------------------------------------------- command-line arguments
#: Command lines that read or print and write nothing outside the working folder; ``X`` is a value to fuzz.
COMMAND_LINES = [
    ["check", "{claim}"], ["check", "--json", "{claim}"], ["specifikation", "{claim}"],
    ["year", "{claim}", "--year", "X"], ["year", "--json", "{claim}", "--year", "X"],
    ["pension", "--year", "X", "{claim}"], ["payroll", "--month", "X", "--no-ledger", "{claim}"],
    ["payroll", "--month", "2025-03", "--no-ledger", "{claim}", "--encoding", "X"],
    ["aterbetalning", "X", "--months", "X", "--from", "X"], ["aterbetalning", "--json", "X"],
    ["bilaga", "--date", "X", "--compare", "X"], ["bilaga", "--date", "2025-03-01", "--format", "X"],
    ["nycklar"], ["rapportformat"], ["exempel", "X"], ["mall"], ["rules", "check"], ["check", "--rules", "X", "{claim}"],
    ["omrakna", "--percent", "X", "--from", "X", "--reference", "X", "--out", "{folder}/ny"],
]
ARGUMENTS = [
    "2025-03", "2025-03-12", "2025", "100", "310.50", "-310.50", "1,5", "-1", "0", "4", "1e5", "nan", "inf", "",
    " ", "\x1b]0;pwned\x07", "\x1b[2J", "a\u202eb", "\u200b", "9999-12-31", "0000-01", "2025-13", "2025-02-30",
    "99999", "1" * 5000, "x" * 10_000, "٢٠٢٥", "２０２５", "2025-03-12T10:00", "6:30", "html", "md", "pitea",
    "01-ledamot-dagstak", "cp1252", "punycode", "undefined", "rot13", "\udcff", "--json", "--", "--help",
    "--rules", "--rules=", "--month=2025-03", "-x", "--x\x1b]0;pwned\x07", "--jso", "--no-ledger",
]


@st.composite
def command_lines(draw: st.DrawFn, folder: str, claim: str) -> list[str]:
    """A command line with its values drawn, and now and then a token added, dropped or repeated."""
    argv = [draw(st.one_of(st.sampled_from(ARGUMENTS), st.text(max_size=12))) if part == "X" else
            part.format(claim=claim, folder=folder) for part in draw(st.sampled_from(COMMAND_LINES))]
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):
        at = draw(st.integers(1, len(argv)))
        change = draw(st.sampled_from(["add", "drop", "repeat"]))
        if change == "add":
            argv.insert(at, draw(st.sampled_from(ARGUMENTS)))
        elif change == "drop" and at < len(argv):
            del argv[at]
        elif at < len(argv):
            argv.insert(at, argv[at])
    return argv


@settings(FUZZ, max_examples=150)
@given(st.data())
def test_any_command_line(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        argv = data.draw(command_lines(folder, str(FIRST_EXAMPLE)))
        outcome = run_cli(argv)
        summary = re.fullmatch(r"\d+ fel i (.+)\n", outcome.err)
        if argv[:2] == ["rules", "check"] and outcome.code == 2 and summary:
            assert_rules_check(outcome, Path(summary.group(1)))  # a problem a line, the count on stderr
        else:
            assert_contract(outcome, [Path(folder), FIRST_EXAMPLE], arguments=True)


# ---------------------------------------------------------------- the installed command
def _same(process: Outcome, in_process: Outcome) -> None:
    assert (process.code, process.err, process.out) == (in_process.code, in_process.err, in_process.out)


@settings(FUZZ, max_examples=4)
@given(claim=claim_files(), command=st.sampled_from(CLAIM_COMMANDS[:3]))
def test_the_installed_command_answers_a_claim_alike(claim: tuple[bytes, str], command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        outcome, path = _claim_run(claim[0], command, Path(folder))
        process = run_process(outcome.argv)
        assert_contract(process, [path], bound=PER_PROCESS)
        _same(process, outcome)


@settings(FUZZ, max_examples=4)
@given(events=csv_files())
def test_the_installed_command_answers_a_csv_alike(events: tuple[bytes, str, list[str]]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "tidrapport.csv"
        path.write_bytes(events[0])
        outcome, out, paxml = _payroll([path], folder, events[2], excel=False)
        for written in (out, paxml):
            written.unlink(missing_ok=True)
        process = run_process(outcome.argv)
        assert_contract(process, [path], bound=PER_PROCESS)
        assert_exports(process, out, paxml, excel=False)
        _same(process, outcome)


@settings(FUZZ, max_examples=3)
@given(change=rules_changes())
def test_the_installed_command_answers_rules_alike(change: tuple[str, bytes, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        rules = _rules_copy(Path(folder), change[0], change[1])
        checked = run_process(["rules", "check", str(rules)])
        assert_safe(checked, bound=PER_PROCESS)
        _same(checked, run_cli(checked.argv))
        used = run_process(["check", "--rules", str(rules), str(FIRST_EXAMPLE)])
        assert_contract(used, [rules, FIRST_EXAMPLE], bound=PER_PROCESS)
        _same(used, run_cli(used.argv))


@settings(FUZZ, max_examples=3)
@given(st.data())
def test_the_installed_command_answers_a_command_line_alike(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        argv = data.draw(command_lines(folder, str(FIRST_EXAMPLE)).filter(lambda a: "\x00" not in "".join(a)))
        process = run_process(argv)
        if argv[:2] != ["rules", "check"]:
            assert_contract(process, [Path(folder), FIRST_EXAMPLE], bound=PER_PROCESS, arguments=True)
        outcome = run_cli(argv)
        assert (process.code, process.err) == (outcome.code, outcome.err)  # help text wraps to the terminal
