"""Hostile and mistaken input: every YAML input is parsed within bounds.

Each input that once took minutes, gigabytes or a segmentation fault (libyaml's
recursive composer) is refused at once with one line ``file:line: field: problem``
and exit status 2. The dangerous ones run through the installed ``arvode`` in a
subprocess with a timeout, so that a crash or a hang fails the test instead of
killing pytest.
"""

from __future__ import annotations

import contextlib
import glob
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arvode import ClaimError, RulesError, bundled_rules_dir, load_rules
from arvode.base import yaml as arvode_yaml
from arvode.base.files import MIB, read_text_bounded
from arvode.base.yaml import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_PATH,
    MAX_VALUES,
    Node,
    load_yaml_file,
    load_yaml_text,
)
from arvode.rules.check import check_rules

ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = sorted(glob.glob(str(Path(__file__).parent.parent / "examples" / "*.yaml")))
#: Wall time allowed for one refusal, the interpreter's start included (about 0,2 s).
QUICK = 2.0

CLAIM_HEAD = """\
official:
  id: p-1042
  name: Anna Andersson
period: 2025-03
events:
  - date: 2025-03-12
    organ: socialnamnden
    kind: sammantrade
    called: "13:00-16:00"
"""


def load(text: str) -> Node:
    return load_yaml_text(text, "f.yaml", ClaimError)


def refused(text: str) -> ClaimError:
    start = time.monotonic()
    with pytest.raises(ClaimError) as info:
        load(text)
    assert time.monotonic() - start < QUICK
    return info.value


def arvode(*args: str | Path, stdin: bytes | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    done = subprocess.run(
        [str(ARVODE), *map(str, args)], input=stdin.decode("latin-1") if stdin else None,
        capture_output=True, text=True, timeout=60, check=False,
    )
    return done, time.monotonic() - start


def refused_by_cli(args: Sequence[str | Path], where: str, problem: str) -> str:
    """Exit 2 in time, one line on stderr starting with ``where`` and holding ``problem``."""
    done, seconds = arvode(*args)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr[-2000:]
    assert lines[0].startswith(where), lines[0][:500]
    assert problem in lines[0], lines[0][:500]
    assert seconds < QUICK, seconds
    return lines[0]


# ---------------------------------------------------------------- hostile documents
def merge_key_bomb() -> str:
    """Nested YAML 1.1 merge keys (the 630-byte file).

    PyYAML flattens the root's merge before any value is built or counted, each level
    eight times the one below: 3 × 8¹¹ key pairs (at 7 levels: 0,5 s and 180 MB).
    """
    lines = ["a0: &a0 {k0: 0, k1: 1, k2: 2}"]
    for level in range(1, 12):
        merged = ", ".join([f"*a{level - 1}"] * 8)
        lines.append(f"a{level}: &a{level} {{<<: [{merged}]}}")
    lines.append("<<: *a11")
    return "\n".join(lines) + "\n"


def billion_laughs(width: int = 10, levels: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


BRACKETS = "[" * 50000 + "]" * 50000


def deep_block_mapping(depth: int) -> str:
    return "".join(" " * level + "a:\n" for level in range(depth)) + " " * depth + "x\n"


def test_the_merge_key_bomb_is_small_and_refused_at_its_first_merge() -> None:
    text = merge_key_bomb()
    assert 600 <= len(text.encode()) <= 700
    err = refused(text)
    assert str(err) == (
        "f.yaml:2: a1.<<: sammanfogningsnyckeln << finns inte i YAML 1.2: skriv ut fälten "
        "i stället"
    )


@pytest.mark.parametrize(
    "text",
    [
        billion_laughs(),
        billion_laughs(width=2, levels=40),  # deep chain of small anchors
        billion_laughs(width=1000, levels=2),  # one wide fan-out
        # alias-of-alias hidden inside mappings and lists
        "a: &a {x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}\n"
        + "".join(f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}, "
                  f"*{'a' if i == 0 else f'b{i - 1}'}, *{'a' if i == 0 else f'b{i - 1}'}]\n"
                  for i in range(30)),
        # many aliases of one big anchor
        "big: &big [" + ", ".join(["0"] * 5000) + "]\nfan: [" + ", ".join(["*big"] * 100) + "]\n",
    ],
    ids=["billion-laughs", "deep-chain", "wide", "nested", "fan"],
)
def test_alias_bombs_are_refused_before_they_expand(text: str) -> None:
    err = refused(text)
    assert f"fler än {MAX_VALUES} värden" in err.problem
    assert err.location is not None
    assert err.location.line is not None
    # at the alias that would pass the budget, not somewhere inside its expansion
    assert err.location.field is not None
    assert re.fullmatch(r"[a-z0-9]+\[[0-9]+\]", err.location.field), err.location.field


def test_an_alias_is_counted_by_its_expanded_size() -> None:
    # 10 aliases of a 10 001-value anchor: 100 010 values added, one alias too many.
    text = "a: &a [" + ", ".join(["0"] * 10_000) + "]\nb: [" + ", ".join(["*a"] * 10) + "]\n"
    err = refused(text)
    assert str(err).startswith("f.yaml:2: b[9]: dokumentet växer till fler än")
    load("a: &a [" + ", ".join(["0"] * 10_000) + "]\nb: [" + ", ".join(["*a"] * 9) + "]\n")


def test_an_alias_gets_the_path_of_its_place() -> None:
    root = load("base: &b {organ: socialnamnden}\nevents:\n  - *b\n")
    organ = root.mapping()["events"].sequence()[0].mapping()["organ"]
    assert (organ.path, organ.line) == ("events[0].organ", 1)


def test_a_recursive_alias_is_refused() -> None:
    err = refused("a: &a [1, *a]\n")
    assert str(err) == "f.yaml:1: a[1]: ett YAML-alias pekar på ett värde som innehåller aliaset"


def test_an_undefined_alias_is_refused() -> None:
    assert "har inget ankare" in refused("a: *nowhere\n").problem


def test_an_alias_is_no_key() -> None:
    assert refused("a: &a x\n*a : 1\n").problem == "ett alias kan inte vara en nyckel"


@pytest.mark.parametrize(
    "text",
    [
        BRACKETS,
        "{a: " * 50000 + "}" * 50000,
        "- " * 3000 + "x\n",
        deep_block_mapping(3000),
        "a: " + "[" * 1500 + "]" * 1500 + "\n",
    ],
    ids=["flow-lists", "flow-maps", "block-lists", "block-maps", "in-a-value"],
)
def test_deep_nesting_is_refused_where_it_passes_the_limit(text: str) -> None:
    err = refused(text)
    assert err.problem == f"nästlad för djupt (högst {MAX_DEPTH} nivåer)"
    assert err.location is not None
    assert err.location.line is not None


def test_the_depth_limit_is_exact() -> None:
    load("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    refused("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_an_alias_cannot_nest_deeper_than_the_limit() -> None:
    half = MAX_DEPTH // 2 + 2
    text = "a: &a " + "[" * half + "]" * half + "\nb: " + "[" * half + "*a" + "]" * half + "\n"
    assert "nästlad för djupt" in refused(text).problem


def test_a_long_key_is_refused_before_its_paths_multiply_memory() -> None:
    key = "k" * (MAX_PATH + 1)
    err = refused(f"a:\n  {key}: [" + ", ".join(["0"] * 1000) + "]\n")
    assert err.problem.startswith(f"fältets sökväg är längre än {MAX_PATH} tecken")


def test_too_many_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arvode_yaml, "MAX_DOCUMENT_VALUES", 1000)
    err = refused("events:\n" + "  - 1\n" * 1000)
    # the root mapping, the list and 998 items make 1 000
    assert str(err) == "f.yaml:1000: events[998]: filen har fler än 1 000 värden: dela upp den"


def test_a_huge_integer_is_refused_not_a_crash() -> None:
    err = refused("a: " + "9" * 5000 + "\n")
    assert "fler än 4000 siffror" in err.problem
    assert len(err.problem) < 400


def test_a_huge_value_is_not_quoted_whole_in_an_error() -> None:
    node = load('a: "' + "x" * 100_000 + '"\n').mapping()["a"]
    with pytest.raises(ClaimError) as info:
        node.decimal()
    assert len(str(info.value)) < 400


@pytest.mark.parametrize("share", ['"1e99999999"', '"1/' + "9" * 100 + '"'])
def test_a_share_cannot_make_a_giant_number(share: str) -> None:
    with pytest.raises(ClaimError, match="väntade en andel"):
        load(f"a: {share}\n").mapping()["a"].fraction()


@pytest.mark.parametrize(("char", "number"), [("\x07", "0007"), ("\ud800", "d800")])
def test_a_control_character_is_located(char: str, number: str) -> None:
    err = refused(f"a: 1\nb: é{char}\n")
    assert err.location is not None
    assert err.location.line == 2
    assert f"tecknet #x{number} får inte förekomma" in err.problem


def test_a_syntax_error_names_its_field_without_replaying_the_file() -> None:
    # 15 MiB of claim, mostly comments, with an unclosed flow mapping at the end.
    filler = ("# " + "x" * 98 + "\n") * (15 * MIB // 100)
    text = CLAIM_HEAD + filler + "  - {date: 2025-03-13, kind: uppdrag\n"
    err = refused(text)
    assert err.location is not None
    assert err.problem.startswith("ogiltig YAML: ")
    assert err.location.line == text.count("\n") + 1
    assert err.location.field == "events[1]"


# ---------------------------------------------------------------- files
def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is there to read
    start = time.monotonic()
    with pytest.raises(ClaimError) as info:
        load_yaml_file(path, ClaimError)
    assert time.monotonic() - start < 0.5
    assert str(info.value) == (
        f"{path}: filen är större än 16 MiB (16,0 MiB): dela upp den i flera filer"
    )


def test_the_bounded_reader_reads_no_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "exact.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * 95)
    assert read_text_bounded(path, 100, ClaimError) == "a: 1\n" + "#" * 95
    with pytest.raises(ClaimError, match="filen är större än"):
        read_text_bounded(path, 99, ClaimError)
    with pytest.raises(ClaimError, match="filen är större än 1 MiB"):
        read_text_bounded(Path("/dev/zero"), MIB, ClaimError)


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        ("official:\n  name: Pitea\n".encode("utf-16-le"), 1,
         "filen innehåller en NUL-byte: den ser ut att vara sparad som UTF-16; spara den som "
         "UTF-8"),
        ("official:\n  id: p-1\n  name: Öjebyn\n".encode("cp1252"), 3,
         "filen är inte UTF-8 (byte 0xD6): den ser ut att vara sparad som Windows-1252/ANSI "
         "('Ö'); spara den som UTF-8"),
        (b"a: \x80\x81\n", 1, "filen är inte UTF-8 (byte 0x80); spara den som UTF-8"),
    ],
    ids=["utf-16-le-no-bom", "cp1252", "garbage"],
)
def test_a_file_not_in_utf8_is_refused_at_its_line(tmp_path: Path, data: bytes, line: int,
                                                   problem: str) -> None:
    path = tmp_path / "claim.yaml"
    path.write_bytes(data)
    with pytest.raises(ClaimError) as info:
        load_yaml_file(path, ClaimError)
    assert str(info.value) == f"{path}:{line}: {problem}"


def test_utf16_with_its_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Excel's "Unicode text" is UTF-16 with a byte-order mark: unambiguous, so read as such.
    path = tmp_path / "claim.yaml"
    path.write_bytes("official:\n  name: Piteå\n".encode("utf-16"))
    assert load_yaml_file(path, ClaimError).mapping()["official"].mapping()["name"].text() == "Piteå"


def test_a_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "claim.yaml"
    path.write_bytes("\ufeffofficial: {id: p-1}\n".encode())
    assert load_yaml_file(path, ClaimError).mapping()["official"].line == 1


# ---------------------------------------------------------------- through the command line
def test_cli_claim_brackets_no_longer_crash(tmp_path: Path) -> None:
    # Was a segmentation fault: libyaml's recursive composer in PyYAML's C extension.
    path = tmp_path / "claim.yaml"
    path.write_text(BRACKETS, encoding="utf-8")
    refused_by_cli(["check", path], f"{path}:1: [0][0]", "nästlad för djupt (högst 64 nivåer)")


def test_cli_register_brackets(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text("officials:\n  - " + BRACKETS + "\n", encoding="utf-8")
    refused_by_cli(["payroll", "--month", "2025-03", "--no-ledger", path],
                   f"{path}:2: officials[0]", "nästlad för djupt")


@pytest.fixture
def hostile_rules(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bundled rules with one more file, filled in by the test."""
    directory = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), directory)
    return directory, directory / "zz-hostile.yaml"


@pytest.mark.parametrize(
    "text", [BRACKETS, deep_block_mapping(3000), "parameters:\n" + "  - " * 3000 + "x\n"],
    ids=["brackets", "block-mappings-3000", "block-lists-3000"],
)
def test_cli_rules_check_deep_files(hostile_rules: tuple[Path, Path], text: str) -> None:
    # Was a RecursionError (rules check's pure-Python compose) or a segmentation fault.
    directory, path = hostile_rules
    path.write_text(text, encoding="utf-8")
    done, seconds = arvode("rules", "check", directory)
    assert done.returncode == 2, done.stderr[-2000:]
    assert seconds < QUICK
    problems = done.stdout.splitlines()
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:")
    assert "nästlad för djupt (högst 64 nivåer)" in problems[0]
    assert done.stderr.splitlines() == [f"1 fel i {directory}"]


def test_cli_check_with_hostile_rules(hostile_rules: tuple[Path, Path]) -> None:
    directory, path = hostile_rules
    path.write_text(BRACKETS, encoding="utf-8")
    refused_by_cli(["check", "--rules", directory, EXAMPLES[0]], f"{path}:1: ",
                   "nästlad för djupt")


def test_rules_check_still_sets_aside_a_duplicate_key(tmp_path: Path) -> None:
    directory = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), directory)
    path = directory / "basbelopp.yaml"
    text = path.read_text(encoding="utf-8")
    old = '2026-01-01: {value: "59200"'
    assert text.count(old) == 1
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, '2025-01-01: {value: "59200"'), encoding="utf-8")
    problems = [str(p) for p in check_rules(directory).problems]
    assert len(problems) == 1
    assert problems[0].startswith(
        f"{path}:{line}: parameters.prisbasbelopp.values.2025-01-01: nyckeln finns två gånger (först på rad"
    )


def test_cli_merge_key_bomb(tmp_path: Path) -> None:
    # Was 134 s and 3,4 GB.
    path = tmp_path / "claim.yaml"
    path.write_text(merge_key_bomb(), encoding="utf-8")
    refused_by_cli(["check", path], f"{path}:2: a1.<<: ", "sammanfogningsnyckeln")


def test_cli_billion_laughs(tmp_path: Path) -> None:
    path = tmp_path / "claim.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    refused_by_cli(["check", path], f"{path}:5: a4[7]: ", f"fler än {MAX_VALUES} värden")


def test_cli_50_mb_claim_with_a_syntax_error_at_the_end(tmp_path: Path) -> None:
    # Was 272 s and 2 GB (the error's field found by replaying the file in pure Python).
    path = tmp_path / "claim.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(CLAIM_HEAD)
        handle.write(("# " + "x" * 98 + "\n") * (50 * 10**6 // 100))
        handle.write("  - {date: 2025-03-13\n")
    refused_by_cli(["check", path], f"{path}: filen är större än 16 MiB (48,2 MiB)", "dela upp")


def test_cli_dev_zero() -> None:
    # Was out of memory.
    refused_by_cli(["check", "/dev/zero"], "/dev/zero: filen är större än 16 MiB", "dela upp")


def test_cli_a_pipe_is_read_no_further_than_the_limit() -> None:
    done, seconds = arvode("check", "/dev/stdin", stdin=b"# " * (9 * MIB))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "/dev/stdin: filen är större än 16 MiB: dela upp den i flera filer"
    ]
    assert seconds < QUICK


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [("official:\n  name: Piteå\n".encode("utf-16-le"), 2, "UTF-16"),
     ("official:\n  id: p-1\n  name: Öjebyn\n".encode("cp1252"), 3, "Windows-1252")],
    ids=["utf-16-without-bom", "cp1252"],
)
def test_cli_encodings(tmp_path: Path, data: bytes, line: int, problem: str) -> None:
    path = tmp_path / "claim.yaml"
    path.write_bytes(data)
    refused_by_cli(["check", path], f"{path}:{line}: filen ", problem)


def test_cli_time_of_day_hours(tmp_path: Path) -> None:
    path = tmp_path / "claim.yaml"
    path.write_text(
        "official: {id: v-1, home_distance_km: 12}\nperiod: 2026-09\nevents:\n"
        "  - {date: 2026-09-13, kind: valforrattning, election_role: ordforande, hours: 6:30}\n",
        encoding="utf-8",
    )
    refused_by_cli(["check", path], f"{path}:4: events[0].hours: 6:30 ser ut som ett klockslag",
                   '"6.5"')


# ---------------------------------------------------------------- any text at all
TOKENS = [*"[]{}:-,?&*!|>'\"#%@`~ \n\t.0123456789aeéxyz", "\n  ", "\n- ", ": ", "<<: ", "&a ",
          "*a", "&b ", "*b", "!!str ", "!!int ", "!!python/object:os.system ", "! ", "---\n",
          "...\n", "\x00", "\x07", "\ufeff", "\ud800", "\x85", "\r\n", "0x1F", "6:30", "036", "yes", "ja",
          "2025-02-30", "2025-03-12", "1e999", ".inf", "9" * 50, "%YAML 1.2\n", "? ", "|\n  ",
          ">-\n  ", "'", '"\\x41\\u00e5"']
_TEXTS = [Path(p).read_text(encoding="utf-8") for p in EXAMPLES]


@st.composite
def mutated_example(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 12))
        text = text[:at] + draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 3)) + text[at + cut:]
    return text


def _exercise(node: Node) -> None:
    """Every typed reader on every scalar: each returns or raises the caller's error."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current.value, dict):
            stack.extend(current.value.values())
            continue
        if isinstance(current.value, list):
            stack.extend(current.value)
            continue
        for read in (current.text, current.boolean, current.date, current.decimal,
                     current.money, current.integer, current.fraction, current.plain):
            with contextlib.suppress(ClaimError):
                read()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(st.sampled_from(TOKENS), max_size=80).map("".join), mutated_example()))
def test_any_text_gives_a_node_or_the_callers_error(text: str) -> None:
    start = time.monotonic()
    error: ClaimError | None = None
    try:
        node = load_yaml_text(text, "h.yaml", ClaimError)
    except ClaimError as exc:  # any other exception fails the test
        error = exc
    if error is None:
        _exercise(node)
    else:
        assert error.location is not None
        assert error.location.file == "h.yaml"
    assert time.monotonic() - start < 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_the_pure_python_fallback_is_as_safe(text: str) -> None:
    saved = arvode_yaml._CPARSER
    arvode_yaml._CPARSER = None
    try:
        with contextlib.suppress(RulesError):
            load_yaml_text(text, "h.yaml", RulesError)
    finally:
        arvode_yaml._CPARSER = saved


def test_random_bytes_as_files(tmp_path: Path) -> None:
    rng = random.Random(20250312)
    path = tmp_path / "noise.yaml"
    for _ in range(200):
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))))
        with contextlib.suppress(ClaimError):  # and nothing else, not even another ArvodeError
            load_yaml_file(path, ClaimError)


def test_the_bundled_rules_still_load() -> None:
    assert load_rules().parameters
