"""Benchmark: one official's month, in-process and as ``arvode check`` (issue #12's last target).

Issue #12 asks for ``calculate`` of a 20-event claim with one årsarvode role in-process
≤ 0,5 ms and ``arvode check`` of one claim ≤ 0,15 s wall. Both are measured here in one
run, with the unit every benchmark here uses: the raw parse of the same input
(``yaml.safe_load`` of the claim's text, libyaml's C loader when present), so a slower or
busier machine moves the seconds more than the ratios.

    python benchmarks/claim_bench.py                 # 20 events, 2 000 repetitions
    python benchmarks/claim_bench.py --events 60 --repeat 500

The claim is ``web_bench.claim`` (a busy member's March: meetings, justeringar,
förrättningar, lost income, travel) plus one årsarvode role (KF vice ordförande).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_bench import claim

from arvode import calculate, claim_from_text, load_rules

ARVODE = Path(sys.executable).parent / "arvode"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _median_seconds(work: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--cli-runs", type=int, default=7)
    arguments = parser.parse_args()

    data = claim(arguments.events)
    data["official"]["assignments"] = [{"role": "kommunfullmaktige.vice_ordforande",
                                        "from": "2025-01-01"}]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    rules = load_rules()
    parsed = claim_from_text(text, rules, "bench.yaml")
    result = calculate(parsed, rules)
    assert result.lines, "the claim pays nothing: the benchmark would measure nothing"

    parse = _median_seconds(lambda: yaml.load(text, Loader=Loader), arguments.repeat)
    build = _median_seconds(lambda: claim_from_text(text, rules, "bench.yaml"), arguments.repeat)
    compute = _median_seconds(lambda: calculate(parsed, rules), arguments.repeat)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "manad.yaml"
        path.write_text(text, encoding="utf-8")
        walls = []
        for _ in range(arguments.cli_runs):
            started = time.perf_counter()
            done = subprocess.run([str(ARVODE), "check", str(path)], capture_output=True, check=False)
            walls.append(time.perf_counter() - started)
            assert done.returncode == 0, done.stderr
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare = time.perf_counter() - started
    wall = statistics.median(walls)

    print(f"claim: {arguments.events} events, one årsarvode role, {len(result.lines)} lines, {len(text)} bytes")
    print(f"raw parse (yaml {Loader.__name__}):     {parse * 1e3:8.3f} ms")
    print(f"claim_from_text (read, validate):   {build * 1e3:8.3f} ms  ({build / parse:5.1f} × parse)")
    print(f"calculate (in-process):             {compute * 1e3:8.3f} ms  ({compute / parse:5.1f} × parse; "
          f"target ≤ 0,5 ms: {'met' if compute <= 0.0005 else 'not met'})")
    print(f"arvode check, wall (median of {arguments.cli_runs}): {wall * 1e3:8.1f} ms  (a bare python start: "
          f"{bare * 1e3:.1f} ms; target ≤ 150 ms: {'met' if wall <= 0.15 else 'not met'})")


if __name__ == "__main__":
    main()
