# ruff: noqa: E501
"""Figures for issue #11's closing note: per category, how many hostile inputs the suite tries and the slowest.

Runs ``tests/test_hostile_*.py`` under pytest with a small plugin that times every
input on its own: a test case (each parametrized case, or a plain test) is one
input, timed by its call; a Hypothesis test is one input per example it runs,
each timed by wrapping the test's ``hypothesis.inner_test`` (the hook Hypothesis
keeps for such wrappers). A test that loops over inputs itself counts once, with
the loop's time: ``test_random_bytes_as_files`` (200 noise files) and the CLI
tests that check several commands on one input. So the counts are a floor and
the slowest time is per test case at worst, per input at best.

    python benchmarks/hostile_figures.py               # every category
    python benchmarks/hostile_figures.py fuzz rules    # some of them

On the development machine, 2026-11-24 (Python 3.11, one core, the suite's derandomised
examples; seconds are wall time in-process, or with the interpreter's start
where a test runs the installed ``arvode``):

    category       inputs   slowest   the slowest input
    typing            123    0.01 s   test_hostile_typing.py::test_the_pure_python_parser_builds_the_same_tree[03-forlorad-arbetsinkomst-timlon.yaml]
    limits            551    0.33 s   test_hostile_limits.py::test_deep_nesting_is_refused_where_it_passes_the_limit[flow-maps]
    output             17    0.15 s   test_hostile_output.py::test_payroll_csv_neutralises_a_formula_id_but_not_amounts
    rules              12    0.20 s   test_hostile_rules.py::test_nonsense_rules_are_refused_where_they_stand[choice-typo]
    plausibility       10    0.11 s   test_hostile_plausibility.py::test_25_hours_of_election_work_on_one_day_is_refused
    tracebacks         35    0.31 s   test_hostile_tracebacks.py::test_a_windows_1252_csv_is_refused_with_its_line_and_read_when_named
    fuzz             1375    0.82 s   test_hostile_fuzz.py::test_any_rules_folder (example 6)
    all              2123    0.82 s

(Regenerate after changing a hostile test file; the figures above are filled in
from this script's own output.)
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ("typing", "limits", "output", "rules", "plausibility", "tracebacks", "fuzz")


def _category(nodeid: str) -> str:
    found = re.search(r"test_hostile_(\w+)\.py", nodeid)
    return found.group(1) if found else "?"


class Timer:
    """A pytest plugin: each test case's call time, and each Hypothesis example's own time."""

    def __init__(self) -> None:
        self.calls: dict[str, float] = {}
        self.outcomes: dict[str, str] = {}
        self.examples: dict[str, list[float]] = defaultdict(list)
        self.current = ""
        self._wrapped: set[int] = set()

    def _wrap(self, inner: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.examples[self.current].append(time.perf_counter() - start)

        return timed

    @pytest.hookimpl
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            handle = getattr(getattr(item, "obj", None), "hypothesis", None)
            if handle is not None and id(handle) not in self._wrapped:
                self._wrapped.add(id(handle))
                handle.inner_test = self._wrap(handle.inner_test)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        self.current = item.nodeid
        try:
            return (yield)
        finally:
            self.current = ""

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.calls[report.nodeid] = report.duration
            self.outcomes[report.nodeid] = report.outcome


def figures(timer: Timer) -> dict[str, tuple[int, float, str]]:
    """Per category: inputs tried, the slowest input's seconds and which it was."""
    inputs: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for nodeid, seconds in timer.calls.items():
        examples = timer.examples.get(nodeid)
        if examples:
            inputs[_category(nodeid)] += [(t, f"{nodeid} (example {i})") for i, t in enumerate(examples, 1)]
        else:
            inputs[_category(nodeid)].append((seconds, nodeid))
    return {category: (len(timed), *max(timed)) for category, timed in inputs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("categories", nargs="*", metavar="CATEGORY",
                        help=f"one or more of {', '.join(CATEGORIES)} (default: all)")
    args = parser.parse_args(argv)
    chosen = args.categories or list(CATEGORIES)
    unknown = sorted(set(chosen) - set(CATEGORIES))
    if unknown:
        parser.error(f"unknown category {unknown[0]!r} (one of {', '.join(CATEGORIES)})")
    files = [str(ROOT / "tests" / f"test_hostile_{c}.py") for c in chosen]
    timer = Timer()
    status = pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT), *files], plugins=[timer])
    found = figures(timer)
    failed = [n for n, o in timer.outcomes.items() if o == "failed"]
    print(f"\n{'category':<14}{'inputs':>7}{'slowest':>10}   the slowest input")
    total, worst = 0, (0.0, "")
    for category in chosen:
        count, seconds, which = found.get(category, (0, 0.0, ""))
        total += count
        worst = max(worst, (seconds, which))
        print(f"{category:<14}{count:>7}{seconds:>8.2f} s   {which.split('tests/', 1)[-1]}")
    print(f"{'all':<14}{total:>7}{worst[0]:>8.2f} s")
    if failed:
        print(f"\n{len(failed)} failed: the figures count them all the same", file=sys.stderr)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
