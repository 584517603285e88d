"""Benchmark: a synthetic national-scale payroll month, and one `arvode check`.

Generates N municipalities × M officials × E events (default 300 × 150 × 20,
issue 6's national load) as CSV event files plus an officials register per
municipality (one official in ten årsarvoderad), all under the bundled Piteå
rules, then measures on one core:

* parse: merely reading and parsing the same input (csv + YAML, no validation);
* run: the whole payroll run (load_batch with validation, calculation of every
  claim, payment lines with pay codes), without a ledger;
* check: wall time of `arvode check` on one example claim (median of 5).

    python benchmarks/payroll_bench.py                      # full scale
    python benchmarks/payroll_bench.py --municipalities 10  # a quick look
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from arvode import load_rules
from arvode.claims.batch import load_batch
from arvode.payroll.run import run_payroll

ORGANS = ["kommunfullmaktige", "kommunstyrelsen", "socialnamnden", "barn_och_utbildningsnamnden",
          "samhallsbyggnadsnamnden", "kultur_och_fritidsnamnden", "miljo_och_tillsynsnamnden"]
KINDS = ["sammantrade", "utskott", "protokolljustering", "uppdrag", "utbildning", "beredning"]
ROLES = ["socialnamnden.vice_ordforande", "kultur_och_fritidsnamnden.ordforande", "revisionen.revisor",
         "kommunfullmaktige.ordforande", "miljo_och_tillsynsnamnden.utskott_ledamot"]
HEADER = ["official_id", "period", "date", "organ", "kind", "called", "attended", "lost_hours",
          "income_hourly", "free_time"]


def generate(folder: Path, municipalities: int, officials: int, events: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    count = 0
    for m in range(municipalities):
        register = []
        with (folder / f"k{m:03d}-events.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            for o in range(officials):
                oid = f"k{m:03d}-p{o:03d}"
                if o % 10 == 0:
                    register.append({"official": {"id": oid, "assignments": [
                        {"role": rng.choice(ROLES), "from": "2023-01-01"}]}})
                hourly = str(rng.randint(180, 450))
                for _ in range(events):
                    day = rng.randint(1, 28)
                    start = rng.randint(8, 15)
                    length = rng.randint(1, 5)
                    writer.writerow([oid, "2025-03", f"2025-03-{day:02d}", rng.choice(ORGANS),
                                     rng.choice(KINDS), f"{start:02d}:00-{start + length:02d}:00",
                                     f"{start:02d}:00-{start + length:02d}:{rng.choice(['00', '30'])}",
                                     str(rng.randint(0, length)), hourly, rng.choice(["", "", "", "true"])])
                    count += 1
        (folder / f"k{m:03d}-register.yaml").write_text(
            yaml.safe_dump({"officials": register}, allow_unicode=True), encoding="utf-8")
    return count


def parse_only(folder: Path) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rows = 0
    for path in sorted(folder.iterdir()):
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                rows += sum(1 for _ in csv.DictReader(handle))
        else:
            yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--municipalities", type=int, default=300)
    parser.add_argument("--officials", type=int, default=150)
    parser.add_argument("--events", type=int, default=20)
    args = parser.parse_args()
    rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        total = generate(folder, args.municipalities, args.officials, args.events)
        print(f"generated {total} events for {args.municipalities * args.officials} officials "
              f"in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        parse_only(folder)
        parse = time.perf_counter() - t0
        t0 = time.perf_counter()
        batch = load_batch([folder], rules)
        loaded = time.perf_counter() - t0
        run = run_payroll(batch, rules, "2025-03")
        whole = time.perf_counter() - t0
    print(f"parse only (csv + yaml):        {parse:8.2f} s  ({total / parse:,.0f} events/s)")
    print(f"run: load + validate:           {loaded:8.2f} s")
    print(f"run: whole (load, calculate):   {whole:8.2f} s  ({total / whole:,.0f} events/s)")
    print(f"ratio run / parse:              {whole / parse:8.2f}")
    print(f"payment lines: {len(run.lines)}, total {run.total} kr")
    example = Path(__file__).resolve().parent.parent / "examples" / "01-ledamot-dagstak.yaml"
    arvode = Path(sys.executable).parent / "arvode"
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([str(arvode), "check", str(example)], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    print(f"arvode check, one claim (wall, median of 5): {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
