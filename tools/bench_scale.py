#!/usr/bin/env python3
"""The scale targets of the baseline, printed (not asserted: these machines are shared).

1. The baseline as shipped: wall time, peak RSS, requests and events simulated.
2. Cost per unit of work at three population sizes: wall seconds per million requests at
   35,000, 350,000 and 3,500,000 tenants (shorter spans for the larger ones, so each run
   simulates a comparable number of requests), and the largest ratio between them.

Usage: tools/bench_scale.py REHEARSE SCENARIO [WORK_DIR]
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
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rehearse, scenario = sys.argv[1], sys.argv[2]
    work = sys.argv[3] if len(sys.argv) > 3 else ".build/bench-scale"
    wall, rss, requests, events = run(rehearse, scenario, os.path.join(work, "baseline"), [])
    print(f"baseline: wall {wall:.1f} s (target <= 60), peak RSS {rss / 1_048_576:.2f} GiB (target <= 2), "
          f"requests {requests:,.0f}, events {events:,} ({events / requests:.1f} per request)")
    per_million = []
    for tenants, duration in [(35_000, "60m"), (350_000, "6m"), (3_500_000, "36s")]:
        wall, rss, requests, events = run(rehearse, scenario, os.path.join(work, f"tenants-{tenants}"),
                                          [f"tenants.count={tenants}", f"duration={duration}", "warmup=0s"])
        per_million.append(wall / requests * 1e6)
        print(f"tenants {tenants:>9,}: {duration:>4}, requests {requests:,.0f}, wall {wall:.1f} s, "
              f"{per_million[-1]:.2f} s per million requests, peak RSS {rss / 1_048_576:.2f} GiB")
    print(f"largest ratio of cost per request: {max(per_million) / min(per_million):.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
