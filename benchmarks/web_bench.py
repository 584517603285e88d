"""Benchmark: latency of ``POST /api/v1/check`` for a 20-event claim over loopback.

Starts ``arvode serve`` (one uvicorn worker) in a subprocess through the installed
entry point, then one client sends N requests (default 2 000) one after the
other on one keep-alive connection, and prints the median and 95th percentile
of the round trip as the client measures it. For comparison it also times the
engine alone (``claim_from_text`` + ``calculate`` + the JSON) in this process.
Target (issue 15): p95 ≤ 10 ms.

    python benchmarks/web_bench.py
    python benchmarks/web_bench.py --requests 500
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from arvode import calculate, claim_from_text, load_rules

ARVODE = Path(sys.executable).parent / "arvode"
ORGANS = ["kommunfullmaktige", "kommunstyrelsen", "socialnamnden", "barn_och_utbildningsnamnden",
          "samhallsbyggnadsnamnden", "kultur_och_fritidsnamnden"]


def claim(events: int = 20) -> dict[str, Any]:
    """A busy member's March: meetings, justeringar and förrättningar, lost income, travel."""
    rows: list[dict[str, Any]] = []
    for i in range(events):
        day = f"2025-03-{1 + i * 30 // events:02d}"
        organ = ORGANS[i % len(ORGANS)]
        if i % 4 == 3:
            rows.append({"date": day, "organ": organ, "kind": "protokolljustering", "lost_income": {"hours": "1"}})
        elif i % 4 == 2:
            rows.append({"date": day, "organ": organ, "kind": "uppdrag", "attended": "09:00-11:10",
                         "travel": {"km": "24", "within_km": "6"}})
        else:
            rows.append({"date": day, "organ": organ, "kind": "sammantrade", "called": "13:00-17:00",
                         "attended": "13:00-16:10", "serving": i % 5 != 0, "lost_income": {"hours": "4.5"},
                         "travel": {"km": "36", "hours": "0.8"}})
    return {
        "official": {"id": "p-1042", "name": "Anna Andersson", "home_distance_km": "18",
                     "income": {"hourly": "310.00", "vacation_pay_loss": True}},
        "period": "2025-03",
        "events": rows,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("arvode serve stopped")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("arvode serve did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--events", type=int, default=20)
    args = parser.parse_args()

    body = json.dumps(claim(args.events)).encode()
    rules = load_rules()
    engine = []
    for _ in range(200):
        start = time.perf_counter()
        result = calculate(claim_from_text(body.decode(), rules), rules)
        json.dumps(result.as_json(), ensure_ascii=False, indent=2)
        engine.append(time.perf_counter() - start)

    port = free_port()
    process = subprocess.Popen([str(ARVODE), "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
    try:
        wait_until_up(port, process)
        connection = http.client.HTTPConnection("127.0.0.1", port)
        headers = {"Content-Type": "application/json"}
        times = []
        for i in range(args.requests + 50):
            start = time.perf_counter()
            connection.request("POST", "/api/v1/check", body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            elapsed = time.perf_counter() - start
            if answer.status != 200:
                sys.exit(f"HTTP {answer.status}: {data[:300]!r}")
            if i >= 50:  # the first requests warm up
                times.append(elapsed)
        connection.close()
    finally:
        process.terminate()
        process.wait(timeout=15)

    lines = len(json.loads(data)["lines"])
    ms = [t * 1000 for t in times]
    print(f"POST /api/v1/check, {args.events} events ({lines} lines, {len(body)} bytes), "
          f"{args.requests} requests, one keep-alive client, one worker, {os.cpu_count()} cores")
    print(f"  median {statistics.median(ms):.2f} ms   p95 {percentile(ms, 0.95):.2f} ms   "
          f"p99 {percentile(ms, 0.99):.2f} ms   max {max(ms):.2f} ms   "
          f"({len(ms) / sum(times):.0f} requests/s)")
    print(f"  engine alone (parse, calculate, JSON), median {statistics.median(engine) * 1000:.2f} ms")
    print("  target p95 ≤ 10 ms: " + ("met" if percentile(ms, 0.95) <= 10 else "NOT met"))


if __name__ == "__main__":
    main()
