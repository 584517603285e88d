"""Benchmark: a payroll month of N events, as ratios to the raw parse of the same CSV, and to OpenFisca.

Speed is measured here, not in timed tests, and as ratios within one run, so that
a slower or faster machine changes the seconds but not the figures that matter:

* raw parse: Python's ``csv`` module reading every row of the CSV into a dict;
* arvode load: ``load_batch`` (reading, validating, building claims and events);
* arvode calculation: ``calculate_batch`` for the month;
* arvode payroll: a whole ``arvode payroll`` (import into a fresh record, calculation,
  payment lines, booking, CSV export) in a subprocess, with its peak memory (max RSS);
* OpenFisca: the peer implementation in ``../shared/peer/openfisca`` (its README) on the
  same CSV, load (csv → arrays → SimulationBuilder) and compute, run in the peer's own
  virtual environment, with agreement of every event's amounts.

The CSV is N events of March 2025: N/20 officials × 20 events, plain members (no
register), as the peer's ``bench/generate.py`` makes them (same algorithm and seed,
so the same file), which both implementations compute.

    python benchmarks/payroll_bench.py                       # 100 000 events, about a minute
    python benchmarks/payroll_bench.py --events 900000 --runs 1 --no-openfisca
    python benchmarks/payroll_bench.py --events 30000 --profile

OpenFisca needs a virtual environment with openfisca-core and the peer's country
package; nothing is downloaded here. Give it with ``--openfisca DIR`` (a copy of the
peer folder with ``venv/``, as its ``run.sh`` leaves it) or ``ARVODE_OPENFISCA``;
without one that works the comparison is skipped and the benchmark says why.
"""

from __future__ import annotations

import argparse
import array
import cProfile
import csv
import gc
import io
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import arvode
from arvode import load_rules
from arvode.calculation.result import Result
from arvode.claims.batch import load_batch
from arvode.payroll.record import Record
from arvode.payroll.run import calculate_batch, run_payroll

ROOT = Path(__file__).resolve().parent.parent
#: The ``arvode`` this process imported, run by the same interpreter with its tree first on the path:
#: an installed ``arvode`` script imports whatever package its environment has (another checkout,
#: say), and the subprocess must measure the same code as the steps measured in this process.
ARVODE = [sys.executable, "-P", "-m", "arvode"]  # -P: not the working folder first either
ARVODE_TREE = Path(arvode.__file__).resolve().parent.parent
ARVODE_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ARVODE_TREE),
                                                                        os.environ.get("PYTHONPATH")]))}
PEER = ROOT.parent / "shared" / "peer" / "openfisca"
PERIOD = "2025-03"
T = TypeVar("T")

# ---------------------------------------------------------------- the input (the peer's generate.py)
ORGANS = ["kommunfullmaktige", "kommunstyrelsen", "socialnamnden", "barn_och_utbildningsnamnden",
          "samhallsbyggnadsnamnden", "kultur_och_fritidsnamnden", "miljo_och_tillsynsnamnden"]
SAMMANTRADEN = ["sammantrade", "sammantrade", "utskott", "beredning", "presidiemote", "revision"]
FORRATTNINGAR = ["uppdrag", "utbildning", "styrgrupp", "overlaggning", "brukarrad"]
HEADER = ["official_id", "period", "date", "organ", "kind", "called", "attended", "lost_hours",
          "income_hourly", "free_time"]
MEETING_MINUTES = [30, 45, 60, 61, 90, 120, 150, 180, 240, 300]
ERRAND_MINUTES = [20, 45, 60, 61, 75, 130, 150, 200, 315, 420]
LOST_HOURS = ["0.5", "1", "1.25", "1.5", "2", "2.33", "2.5", "3", "3.75", "4", "4.5", "5", "6", "7", "8"]
EVENTS_PER_OFFICIAL = 20


def _span(start: int, minutes: int) -> str:
    end = start + minutes
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def generate(path: Path, officials: int, seed: int = 7) -> int:
    """The peer's synthetic month, byte for byte: meetings, justeringar and förrättningar on ~10
    days per official (so daily caps bite), lost income for ~45 % of events, some on free time."""
    rng = random.Random(seed)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for o in range(officials):
            oid = f"p{o:06d}"
            hourly = f"{rng.randint(180, 650)}.{rng.randint(0, 99):02d}"
            days = rng.sample(range(1, 29), 10)
            for _ in range(EVENTS_PER_OFFICIAL):
                day = rng.choice(days)
                r = rng.random()
                start = rng.randint(8 * 60, 16 * 60) // 15 * 15
                called = attended = ""
                if r < 0.45:
                    kind = rng.choice(SAMMANTRADEN)
                    length = rng.choice(MEETING_MINUTES)
                    called = _span(start, length)
                    if rng.random() < 0.3:  # attendance differs from the kallelse
                        attended = _span(start, max(15, length + rng.choice([-30, -15, 15, 45])))
                elif r < 0.65:
                    kind = "protokolljustering"
                else:
                    kind = rng.choice(FORRATTNINGAR)
                    attended = _span(start, rng.choice(ERRAND_MINUTES))
                lost = rng.choice(LOST_HOURS) if rng.random() < 0.45 else ""
                free = "true" if lost and rng.random() < 0.1 else ""
                writer.writerow([oid, PERIOD, f"2025-03-{day:02d}", rng.choice(ORGANS), kind, called,
                                 attended, lost, hourly, free])
                count += 1
    return count


# ---------------------------------------------------------------- measuring
def timed(action: Callable[[], T]) -> tuple[T, float]:
    gc.collect()
    started = time.perf_counter()
    value = action()
    return value, time.perf_counter() - started


def raw_parse(path: Path) -> list[dict[str, str]]:
    """What any program must do at least: read every row of the CSV into a dict."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_child(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int,
                                                                         subprocess.CompletedProcess[str]]:
    """Wall time and peak memory (max RSS, bytes) of one subprocess, measured for it alone (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(args, proc.returncode, out.read().decode(), err.read().decode())
    return wall, usage.ru_maxrss * 1024, done


@contextmanager
def section(title: str) -> Iterator[None]:
    print(f"\n== {title}", flush=True)
    yield


# ---------------------------------------------------------------- OpenFisca (in the peer's venv)
_PEER_SCRIPT = textwrap.dedent("""
    import array, gc, json, sys, time
    bench, path, out, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    sys.path.insert(0, bench)
    started = time.perf_counter()
    from openfisca_pitea import CountryTaxBenefitSystem
    from common import build_simulation, compute, read_csv, rows_to_arrays
    tbs = CountryTaxBenefitSystem()
    startup = time.perf_counter() - started
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        rows = read_csv(path)
        t1 = time.perf_counter()
        arrays = rows_to_arrays(rows)
        sim = build_simulation(tbs, arrays)
        t2 = time.perf_counter()
        results = compute(sim)
        t3 = time.perf_counter()
        times.append({"parse": t1 - t0, "load": t2 - t0, "compute": t3 - t2})
        del rows, sim
    for name, values in results.items():
        with open(f"{out}/{name}.bin", "wb") as handle:
            array.array("q", (int(v) for v in values)).tofile(handle)
    print(json.dumps({"startup": startup, "runs": times, "officials": arrays["official_ids"],
                      "outputs": list(results)}))
""")


def find_openfisca(given: str | None) -> tuple[Path, Path] | str:
    """(python of the peer's venv, its bench folder), or why OpenFisca cannot be run."""
    candidates = [Path(given)] if given else [Path(p) for p in (os.environ.get("ARVODE_OPENFISCA"),) if p]
    if not candidates:
        candidates = [PEER, Path("/tmp/ofrun/openfisca")]
    for folder in candidates:
        python, bench = folder / "venv" / "bin" / "python", folder / "bench"
        if python.exists() and (bench / "common.py").exists():
            probe = subprocess.run([str(python), "-c", "import openfisca_core, openfisca_pitea"],
                                   capture_output=True, text=True, check=False)
            if probe.returncode == 0:
                return python, bench
            return f"{python} cannot import openfisca_core and openfisca_pitea: {probe.stderr.strip()[-200:]}"
    return (f"no OpenFisca environment in {', '.join(map(str, candidates))} (venv/ with openfisca-core and "
            f"openfisca_pitea, bench/common.py). Build it once, with network: d=$(mktemp -d) && cp -r {PEER} \"$d\" "
            "&& ARVODE_REPO=$PWD sh \"$d/openfisca/run.sh\", then give --openfisca \"$d/openfisca\"")


def run_openfisca(python: Path, bench: Path, csv_path: Path, runs: int, folder: Path) -> dict[str, Any]:
    out = folder / "openfisca"
    out.mkdir(exist_ok=True)
    wall, rss, done = run_child([str(python), "-c", _PEER_SCRIPT, str(bench), str(csv_path), str(out), str(runs)])
    if done.returncode != 0:
        raise RuntimeError(f"OpenFisca failed: {done.stderr.strip()[-2000:]}")
    report: dict[str, Any] = json.loads(done.stdout)
    report["wall"], report["maxrss"] = wall, rss
    arrays = {}
    for name in report["outputs"]:
        values = array.array("q")
        with (out / f"{name}.bin").open("rb") as handle:
            values.frombytes(handle.read())
        arrays[name] = values
    report["arrays"] = arrays
    return report


EVENT_OUTPUTS = ("sammantradesersattning", "forrattningsersattning", "forlorad_arbetsinkomst")
OFFICIAL_OUTPUTS = ("forlorad_pensionsforman",)


def _ore(amount: Decimal) -> int:
    value = amount * 100
    assert value == value.to_integral_value(), amount
    return int(value)


def agreement(rows: list[dict[str, str]], results: list[Result], of: dict[str, Any]) -> dict[str, Any]:
    """Every event's amounts (and every official's 4.2) in öre, arvode against OpenFisca."""
    index: dict[tuple[str, int], int] = {}
    seen: dict[str, int] = defaultdict(int)
    for i, row in enumerate(rows):
        oid = row["official_id"]
        index[(oid, seen[oid])] = i
        seen[oid] += 1
    officials = {oid: n for n, oid in enumerate(of["officials"])}
    mine = {name: [0] * len(rows) for name in EVENT_OUTPUTS}
    mine |= {name: [0] * len(officials) for name in OFFICIAL_OUTPUTS}
    refused_officials: set[str] = set()
    refused = 0
    other: dict[str, int] = defaultdict(int)
    for result in results:
        if result.rejected:
            refused += len(result.rejected)
            refused_officials.add(result.official)
        for line in result.lines:
            if line.type in EVENT_OUTPUTS and line.event is not None:
                mine[line.type][index[(result.official, line.event)]] += _ore(line.amount)
            elif line.type in OFFICIAL_OUTPUTS:
                mine[line.type][officials[result.official]] += _ore(line.amount)
            else:
                other[line.type] += 1
    report: dict[str, Any] = {"refused events": refused, "officials with a refusal": len(refused_officials),
                              "other line types": dict(other), "outputs": {}}
    owner = [row["official_id"] for row in rows]
    for name, values in mine.items():
        theirs = of["arrays"][name]
        who = owner if name in EVENT_OUTPUTS else of["officials"]
        bad = [i for i, (a, b) in enumerate(zip(values, theirs, strict=True)) if a != b]
        report["outputs"][name] = {
            "arvode öre": sum(values), "OpenFisca öre": sum(theirs), "mismatches": len(bad),
            "mismatches outside refused officials": sum(1 for i in bad if who[i] not in refused_officials)}
    return report


# ---------------------------------------------------------------- profiles
_LAYERS = (("arvode/claims", "claims: reading, validating, building events"),
           ("arvode/calculation", "calculation"),
           ("arvode/rules", "rules: lookups of dated values"),
           ("arvode/payroll", "payroll: lines, booking, record"),
           ("arvode/output", "output: export files"),
           ("arvode/base", "base: money, periods, gc pause"),
           ("sqlite3", "SQLite"),
           ("json", "json"),
           ("csv", "csv"))


def profile_payroll(csv_path: Path, folder: Path, top: int) -> None:
    """Where a whole record run's time goes: per layer (own time) and the heaviest functions."""
    rules = load_rules()
    profiler = cProfile.Profile()
    record = Record.create(folder / "profil.sqlite")
    profiler.enable()
    batch = load_batch([csv_path], rules)
    run_payroll(batch, rules, PERIOD, record)
    profiler.disable()
    record.close()
    stats = pstats.Stats(profiler)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    layers: dict[str, float] = defaultdict(float)
    for (file, _, name), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{file}:{name}"
        label = next((text for key, text in _LAYERS if key in where), "other (stdlib, builtins, attrs)")
        layers[label] += own
    print(f"profile of load_batch + run_payroll on a fresh record ({total:.1f} s under cProfile, own time):")
    for label, own in sorted(layers.items(), key=lambda kv: -kv[1]):
        print(f"  {own / total:6.1%}  {label}")
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in buffer.getvalue().splitlines() if line.strip()
                    and not line.startswith(("   Ordered", "         ")))[-6000:])
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats("arvode", top)
    print("\n".join(line for line in buffer.getvalue().splitlines() if "arvode" in line or "ncalls" in line))


def memory_profile(csv_path: Path, folder: Path, top: int) -> None:
    """What is alive when a record run has paid every line (``finish_run``, near its peak), by layer and
    by line of code."""
    import tracemalloc

    rules = load_rules()
    record = Record.create(folder / "minne.sqlite")
    taken: list[tracemalloc.Snapshot] = []
    original = Record.finish_run

    def spy(self: Record, run_id: int, lines: int, total: Decimal) -> None:
        taken.append(tracemalloc.take_snapshot())
        original(self, run_id, lines, total)

    tracemalloc.start()
    batch = load_batch([csv_path], rules)
    loaded = tracemalloc.get_traced_memory()[0]
    Record.finish_run = spy  # type: ignore[method-assign]
    try:
        run_payroll(batch, rules, PERIOD, record)
    finally:
        Record.finish_run = original  # type: ignore[method-assign]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    record.close()
    snapshot = taken[0]
    alive = sum(stat.size for stat in snapshot.statistics("filename"))
    print(f"traced Python memory (tracemalloc): batch after load_batch {fmt_bytes(loaded)}, alive when every line "
          f"is paid {fmt_bytes(alive)}, peak {fmt_bytes(peak)}")
    layers: dict[str, int] = defaultdict(int)
    for stat in snapshot.statistics("filename"):
        file = stat.traceback[0].filename
        label = next((text for key, text in _LAYERS if key in file), "other (stdlib, builtins, attrs)")
        layers[label] += stat.size
    print("allocated where (alive when every line is paid), by layer:")
    for label, size in sorted(layers.items(), key=lambda kv: -kv[1]):
        print(f"  {size / alive:6.1%}  {fmt_bytes(size):>8}  {label}")
    print(f"the {top} largest allocation sites:")
    for stat in snapshot.statistics("lineno")[:top]:
        frame = stat.traceback[0]
        print(f"  {stat.size / alive:6.1%}  {fmt_bytes(stat.size):>8}  {stat.count:>10,} blocks  "
              f"{frame.filename.replace(str(ROOT) + '/', '')}:{frame.lineno}")


# ---------------------------------------------------------------- the run
def fmt_bytes(n: float) -> str:
    return f"{n / 1e6:,.0f} MB" if n < 1e10 else f"{n / 1e9:,.1f} GB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="events in the CSV (N/20 officials)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of the in-process timings (median)")
    parser.add_argument("--openfisca", metavar="DIR", help="the peer folder with its venv/ (or ARVODE_OPENFISCA)")
    parser.add_argument("--no-openfisca", action="store_true", help="skip the OpenFisca comparison")
    parser.add_argument("--no-payroll", action="store_true", help="skip the whole `arvode payroll` subprocess")
    parser.add_argument("--profile", action="store_true", help="also profile a record run in-process (cProfile)")
    parser.add_argument("--memory", action="store_true",
                        help="also trace memory of a record run in-process (tracemalloc; slow: use a small N)")
    parser.add_argument("--top", type=int, default=25, help="functions or allocation sites shown by --profile, "
                        "--memory")
    parser.add_argument("--keep", metavar="DIR", help="write the CSV, record and export here (kept)")
    args = parser.parse_args()
    officials = max(1, args.events // EVENTS_PER_OFFICIAL)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        csv_path = folder / f"events-{officials}.csv"
        events = generate(csv_path, officials)
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), platform.processor())
        print(f"{events:,} events, {officials:,} officials, {csv_path.stat().st_size / 1e6:.1f} MB CSV; "
              f"Python {platform.python_version()}, {cpu}, {os.cpu_count()} cores; arvode from {ARVODE_TREE}",
              flush=True)
        rules = load_rules()

        with section(f"in this process, median of {args.runs}"):
            parse_t, load_t, calc_t = [], [], []
            results: list[Result] = []
            for _ in range(args.runs):
                # Each step starts from the same state: nothing of the last repetition alive
                # (a big live heap makes every garbage collection during the step slower).
                del results
                rows, seconds = timed(lambda: raw_parse(csv_path))
                parse_t.append(seconds)
                del rows
                batch, seconds = timed(lambda: load_batch([csv_path], rules))
                load_t.append(seconds)
                results, seconds = timed(lambda b=batch: calculate_batch(b, rules, PERIOD))  # type: ignore[misc]
                calc_t.append(seconds)
                del batch
            parse, load, calc = (statistics.median(t) for t in (parse_t, load_t, calc_t))
            print(f"raw parse (csv.DictReader, every row):  {parse:8.3f} s   1.0")
            print(f"arvode load (load_batch):               {load:8.3f} s  {load / parse:5.1f} × parse")
            print(f"arvode calculation (calculate_batch):   {calc:8.3f} s  {calc / parse:5.1f} × parse")
            print(f"arvode load + calculation:              {load + calc:8.3f} s  {(load + calc) / parse:5.1f} × parse"
                  f"   ({events / (load + calc):,.0f} events/s)")
            total = sum((r.total for r in results), Decimal(0))
            print(f"  {sum(len(r.lines) for r in results):,} result lines, total {total} kr, "
                  f"{sum(len(r.rejected) for r in results):,} events refused")

        if not args.no_payroll:
            with section("arvode payroll on a fresh record (subprocess, once)"):
                record = folder / "liggare.sqlite"
                record.unlink(missing_ok=True)
                subprocess.run([*ARVODE, "record", "init", str(record)], check=True, capture_output=True,
                               env=ARVODE_ENV)
                out = folder / "lon.csv"
                wall, rss, done = run_child([*ARVODE, "payroll", "--month", PERIOD, str(csv_path),
                                             "--ledger", str(record), "--out", str(out), "--quiet"],
                                            env=ARVODE_ENV)
                if done.returncode != 0:
                    sys.exit(f"arvode payroll failed: {done.stderr}")
                print(f"arvode payroll (whole process, wall):   {wall:8.3f} s  {wall / parse:5.1f} × parse"
                      f"   ({events / wall:,.0f} events/s)")
                print(f"peak memory (max RSS):                  {fmt_bytes(rss)}  "
                      f"({rss / events / 1024:.1f} KiB/event)")
                print(f"record {fmt_bytes(record.stat().st_size)} ({record.stat().st_size / events:,.0f} "
                      f"bytes/event), export {fmt_bytes(out.stat().st_size)}")

        reason = "--no-openfisca" if args.no_openfisca else None
        found = None if reason else find_openfisca(args.openfisca)
        with section("OpenFisca (peer, same CSV, its own venv, median of the same runs)"):
            if reason or isinstance(found, str):
                print(f"OpenFisca skipped: {reason or found}")
            else:
                assert found is not None
                of = run_openfisca(*found, csv_path, args.runs, folder)
                of_parse, of_load, of_calc = (statistics.median(r[k] for r in of["runs"])
                                              for k in ("parse", "load", "compute"))
                print(f"OpenFisca start (import, tax-benefit system): {of['startup']:6.3f} s (not in the ratios)")
                print(f"OpenFisca raw parse (its read_csv):     {of_parse:8.3f} s  {of_parse / parse:5.1f} × parse")
                print(f"OpenFisca load (csv → arrays → builder):{of_load:8.3f} s  {of_load / parse:5.1f} × parse")
                print(f"OpenFisca compute (4 outputs):          {of_calc:8.3f} s  {of_calc / parse:5.1f} × parse")
                print(f"ratio arvode / OpenFisca, compute:      {calc / of_calc:8.1f} ×")
                print(f"ratio arvode / OpenFisca, load+compute: {(load + calc) / (of_load + of_calc):8.1f} ×")
                print(f"OpenFisca process peak memory:          {fmt_bytes(of['maxrss'])}")
                report = agreement(raw_parse(csv_path), results, of)
                print(f"agreement: {report['refused events']:,} events refused by arvode (implausible), in "
                      f"{report['officials with a refusal']:,} officials; other arvode line types "
                      f"{report['other line types'] or 'none'}")
                for name, item in report["outputs"].items():
                    print(f"  {name:26} arvode {item['arvode öre'] / 100:>16,.2f} kr  OpenFisca "
                          f"{item['OpenFisca öre'] / 100:>16,.2f} kr  mismatches {item['mismatches']:,} "
                          f"({item['mismatches outside refused officials']:,} outside officials with a refusal)")
        del results

        if args.profile:
            with section("profile"):
                profile_payroll(csv_path, folder, args.top)
        if args.memory:
            with section("memory"):
                memory_profile(csv_path, folder, args.top)


if __name__ == "__main__":
    main()
