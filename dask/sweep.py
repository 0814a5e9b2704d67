"""Runs a rehearse sweep as shards on a Dask cluster and merges them into the same bytes that
`rehearse sweep` writes on one machine.

    python dask/sweep.py SCENARIO.yaml --shards N [--scheduler tcp://HOST:8786]
        [--rehearse PATH_ON_WORKERS] [--jobs J] [--retries K] [--work DIR] [--out DIR]
        [--grid PATH=V1,V2,...]... [--set PATH=VALUE]... [--replications R]

Each shard is one task: `rehearse sweep --shard I/N` in a temporary directory on whichever
worker takes it, with the scenario's text sent along and the shard's output files sent back
as the task's result, so workers need no shared filesystem, only the rehearse binary (the
same version as the local one, which merges). Finished shards are written under --work as
they arrive (atomically), and a rerun skips them: after an interruption only the missing
shards run. A shard that fails is retried up to --retries times (Dask also reschedules the
tasks of a worker that dies); one that still fails is reported with its stderr, the others
are kept, and the driver exits 1 without merging.

Without --scheduler a local cluster of one single-threaded worker process per core is
started and stopped. Determinism: any number of shards, any workers, any order of
completion give the same bytes, because a shard's runs depend only on the scenario, the
seed and the item numbers it holds, and `rehearse merge` recomputes every statistic from
the exact per-replication values.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

SHARD_MARKER = "sweep.json"


def run_shard(rehearse, scenario_name, scenario_text, index, count, jobs, extra):
    """On a worker: runs shard index/count and returns its files as {name: bytes}."""
    with tempfile.TemporaryDirectory(prefix="rehearse-shard-") as directory:
        # The manifest records the scenario's file name, so the copy keeps it.
        scenario = os.path.join(directory, scenario_name)
        with open(scenario, "w", encoding="utf-8") as handle:
            handle.write(scenario_text)
        out = os.path.join(directory, "out")
        command = [rehearse, "sweep", scenario, "--shard", f"{index}/{count}", "--out", out, "--quiet", "--jobs", str(jobs)]
        command += extra
        completed = subprocess.run(command, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError(
                f"shard {index}/{count} failed on {os.uname().nodename} (exit {completed.returncode}): {completed.stderr.strip()}")
        files = {}
        for root, _, names in os.walk(out):
            for name in names:
                path = os.path.join(root, name)
                with open(path, "rb") as handle:
                    files[os.path.relpath(path, out)] = handle.read()
        return files


def shard_directory(work, index, count):
    return os.path.join(work, f"shard-{index}-of-{count}")


def is_complete(directory):
    return os.path.isfile(os.path.join(directory, SHARD_MARKER))


def write_shard(directory, files):
    """Writes a shard's files beside their final place, then renames them into it."""
    staging = directory + ".partial"
    shutil.rmtree(staging, ignore_errors=True)
    for name, data in files.items():
        path = os.path.join(staging, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
    shutil.rmtree(directory, ignore_errors=True)
    os.rename(staging, directory)


class Progress:
    """Shards done out of the total, and the time left at the rate seen so far."""

    def __init__(self, total, skipped):
        self.total = total
        self.done = skipped
        self.skipped = skipped
        self.start = time.monotonic()

    def advance(self, label):
        self.done += 1
        ran = self.done - self.skipped
        elapsed = time.monotonic() - self.start
        left = self.total - self.done
        eta = elapsed / ran * left if ran else 0.0
        print(f"[{self.done}/{self.total}] {label} done, {elapsed:.1f} s elapsed, about {eta:.0f} s left", file=sys.stderr, flush=True)


def parse(arguments):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("--shards", type=int, required=True, help="number of shards (tasks)")
    parser.add_argument("--scheduler", help="address of a Dask scheduler (default: start a local cluster)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="workers of the local cluster")
    parser.add_argument("--rehearse", help="the rehearse binary on the workers (default: the local one's absolute path)")
    parser.add_argument("--local-rehearse", default=None, help="the local rehearse binary that merges (default: .build/release/rehearse)")
    parser.add_argument("--jobs", type=int, default=1, help="runs at once inside a shard (default 1: one core per task)")
    parser.add_argument("--retries", type=int, default=2, help="retries of a failed shard")
    parser.add_argument("--work", help="where finished shards are kept (default: reports/<scenario>-dask-shards)")
    parser.add_argument("--out", help="the merged sweep directory (default: reports/<scenario>-sweep)")
    parser.add_argument("--grid", action="append", default=[], help="PATH=V1,V2,... as for rehearse sweep")
    parser.add_argument("--set", action="append", default=[], dest="overrides", help="PATH=VALUE as for rehearse sweep")
    parser.add_argument("--replications", type=int)
    options = parser.parse_args(arguments)
    if options.shards < 1:
        parser.error("--shards must be at least 1")
    return options


def main(arguments):
    options = parse(arguments)
    from dask.distributed import Client, LocalCluster, as_completed

    stem = os.path.splitext(os.path.basename(options.scenario))[0]
    local = os.path.abspath(options.local_rehearse or os.path.join(".build", "release", "rehearse"))
    remote = options.rehearse or local
    work = os.path.abspath(options.work or os.path.join("reports", f"{stem}-dask-shards"))
    out = os.path.abspath(options.out or os.path.join("reports", f"{stem}-sweep"))
    extra = [argument for grid in options.grid for argument in ("--grid", grid)]
    extra += [argument for override in options.overrides for argument in ("--set", override)]
    if options.replications is not None:
        extra += ["--replications", str(options.replications)]
    with open(options.scenario, encoding="utf-8") as handle:
        text = handle.read()
    os.makedirs(work, exist_ok=True)
    count = options.shards
    pending = [index for index in range(1, count + 1) if not is_complete(shard_directory(work, index, count))]
    progress = Progress(count, count - len(pending))
    if progress.skipped:
        print(f"{progress.skipped} of {count} shards already done in {work}; running {len(pending)}", file=sys.stderr)

    failures = []
    if pending:
        cluster = None
        if options.scheduler:
            client = Client(options.scheduler)
        else:
            cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        try:
            futures = {}
            for index in pending:
                future = client.submit(
                    run_shard, remote, os.path.basename(options.scenario), text, index, count, options.jobs, extra,
                    key=f"rehearse-shard-{index}-of-{count}-{os.getpid()}", retries=options.retries, pure=False)
                futures[future] = index
            for future in as_completed(futures):
                index = futures[future]
                try:
                    files = future.result()
                except Exception as error:  # the task's own error, after its retries
                    failures.append((index, str(error)))
                    print(f"shard {index}/{count} failed: {error}", file=sys.stderr, flush=True)
                    continue
                write_shard(shard_directory(work, index, count), files)
                progress.advance(f"shard {index}/{count}")
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    if failures:
        print(f"{len(failures)} shard(s) failed; the {count - len(failures)} others are kept in {work}: rerun to retry only the failed ones",
              file=sys.stderr)
        return 1
    shards = [shard_directory(work, index, count) for index in range(1, count + 1)]
    merged = subprocess.run([local, "merge"] + shards + ["--out", out])
    return merged.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
