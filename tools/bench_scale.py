#!/usr/bin/env python3
"""The scale targets of the baseline, printed (not asserted: these machines are shared).

1. The baseline as shipped: wall time, peak RSS, requests and events simulated.
2. Cost per unit of work at three population sizes: wall seconds per million requests at
   35,000, 350,000 and 3,500,000 tenants sending the same requests per second for six
   simulated minutes, and the largest ratio between them.

Usage: tools/bench_scale.py REHEARSE SCENARIO [WORK_DIR] [--scaling-only]
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys


def run(rehearse, scenario, out, overrides):
    shutil.rmtree(out, ignore_errors=True)
    command = ["/usr/bin/time", "-f", "peak_rss_kb=%M", rehearse, "run", scenario, "--replications", "1", "--jobs", "1",
               "--quiet", "--out", out]
    for override in overrides:
        command += ["--set", override]
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{finished.stderr}")
    rss = int(re.search(r"peak_rss_kb=(\d+)", finished.stderr).group(1))
    with open(os.path.join(out, "run.json")) as manifest:
        run_json = json.load(manifest)
    requests = None
    with open(os.path.join(out, "summary.csv"), newline="") as summary:
        for row in csv.DictReader(summary):
            if row["component"] == "edge" and row["metric"] == "requests" and row["unit"] == "count":
                requests = float(row["mean"])
    return run_json["wall_seconds"], rss, requests, run_json["events"]


def main():
    arguments = [argument for argument in sys.argv[1:] if argument != "--scaling-only"]
    if len(arguments) < 2:
        sys.exit(__doc__)
    rehearse, scenario = arguments[0], arguments[1]
    work = arguments[2] if len(arguments) > 2 else ".build/bench-scale"
    if "--scaling-only" not in sys.argv:
        wall, rss, requests, events = run(rehearse, scenario, os.path.join(work, "baseline"), [])
        print(f"baseline: wall {wall:.1f} s (target <= 60), peak RSS {rss / 1_048_576:.2f} GiB (target <= 2), "
              f"requests after the warm-up {requests:,.0f}, events {events:,} (warm-up included)")
    per_million = []
    # The same work at three population sizes: the per-user rate scales inversely with the
    # tenants, so each run sends about the baseline's request rate through the same estate.
    for tenants, rate in [(35_000, 1.6), (350_000, 0.16), (3_500_000, 0.016)]:
        wall, rss, requests, events = run(rehearse, scenario, os.path.join(work, f"tenants-{tenants}"), [
            f"tenants.count={tenants}", f"workload.requests_per_active_user_per_minute={rate}", "duration=6m", "sample_interval=1m",
            "warmup=0s"])
        per_million.append(wall / requests * 1e6)
        print(f"tenants {tenants:>9,}: {rate} requests per user-minute, requests {requests:,.0f}, events per request {events / requests:.1f}, "
              f"wall {wall:.1f} s, {per_million[-1]:.2f} s per million requests, peak RSS {rss / 1_048_576:.2f} GiB")
    print(f"largest ratio of cost per request: {max(per_million) / min(per_million):.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
