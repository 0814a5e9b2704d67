"""Checks dask/sweep.py on a loopback Dask cluster (a scheduler and two worker processes, as
`make sweep-dask` starts them): sharded sweeps merge to the bytes of one `rehearse sweep`,
a worker killed mid-sweep loses and duplicates nothing, a failing shard is reported with
its stderr while the others are kept, and a rerun runs only the missing shards.

    python dask/test_sweep.py [--rehearse .build/release/rehearse]

Exit status 0 when every check passes; each failure is printed.
"""
import argparse
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCENARIO = os.path.join(ROOT, "scenarios", "sweeps", "queue-servers.yaml")
FILES = ["sweep.csv", "sweep-replications.csv", "sweep.json", "sweep.html"]
SHARDS = 5


class Cluster:
    """A scheduler and a `dask worker` with two single-threaded worker processes, on loopback."""

    def __init__(self, directory):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{self.port}"
        bin_directory = os.path.dirname(sys.executable)
        log = open(os.path.join(directory, "cluster.log"), "w")
        self.scheduler = subprocess.Popen(
            [os.path.join(bin_directory, "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"],
            stdout=log, stderr=log, start_new_session=True)
        self.workers = subprocess.Popen(
            [os.path.join(bin_directory, "dask"), "worker", self.address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
            stdout=log, stderr=log, start_new_session=True)
        from dask.distributed import Client
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(self.address, timeout=5) as client:
                    client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    @staticmethod
    def shard_runs():
        """(pid, parent pid) of the rehearse processes running shards: the parent is the
        worker process that took the task."""
        listing = subprocess.run(["ps", "-eo", "pid,ppid,args"], capture_output=True, text=True).stdout.splitlines()[1:]
        runs = []
        for line in listing:
            fields = line.split(None, 2)
            if len(fields) == 3 and " sweep " in fields[2] and "--shard" in fields[2] and "rehearse" in fields[2]:
                runs.append((int(fields[0]), int(fields[1])))
        return runs

    def stop(self):
        for process in (self.workers, self.scheduler):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in (self.workers, self.scheduler):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def driver(rehearse, cluster, work, out, extra=(), remote=None, wait=True):
    command = [sys.executable, os.path.join(HERE, "sweep.py"), SCENARIO, "--shards", str(SHARDS), "--scheduler", cluster.address,
               "--local-rehearse", rehearse, "--rehearse", remote or rehearse, "--work", work, "--out", out, "--retries", "1"]
    command += list(extra)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if not wait:
        return process
    stdout, stderr = process.communicate(timeout=600)
    return process.returncode, stdout, stderr


def same_files(expected, actual):
    differences = []
    for name in FILES:
        with open(os.path.join(expected, name), "rb") as a, open(os.path.join(actual, name), "rb") as b:
            if a.read() != b.read():
                differences.append(name)
    return differences


def main(arguments):
    parser = argparse.ArgumentParser()
    parser.add_argument("--rehearse", default=os.path.join(ROOT, ".build", "release", "rehearse"))
    options = parser.parse_args(arguments)
    rehearse = os.path.abspath(options.rehearse)
    failures = []

    def check(condition, message):
        print(("ok     " if condition else "FAILED ") + message, flush=True)
        if not condition:
            failures.append(message)

    directory = tempfile.mkdtemp(prefix="rehearse-dask-test-")
    cluster = Cluster(directory)
    try:
        # The reference: one unsharded sweep on this machine (12 points x 2 replications).
        reference = os.path.join(directory, "reference")
        subprocess.run([rehearse, "sweep", SCENARIO, "--out", reference, "--quiet"], check=True, stdout=subprocess.DEVNULL)

        # 1. Five shards on two workers merge to the same bytes.
        work, out = os.path.join(directory, "work"), os.path.join(directory, "merged")
        status, _, stderr = driver(rehearse, cluster, work, out)
        check(status == 0, f"five shards on the cluster run and merge (exit {status}) {stderr[-400:] if status else ''}")
        check(status == 0 and same_files(reference, out) == [], "the merged files are byte-identical to one rehearse sweep")

        # 2. Resume: with two shards gone, a rerun runs only those two.
        kept = os.path.join(work, "shard-1-of-5", "sweep.json")
        before = os.stat(kept).st_mtime_ns
        for index in (2, 4):
            shutil.rmtree(os.path.join(work, f"shard-{index}-of-5"))
        out2 = os.path.join(directory, "merged-resumed")
        status, _, stderr = driver(rehearse, cluster, work, out2)
        check(status == 0 and "3 of 5 shards already done" in stderr and "running 2" in stderr, "a rerun runs only the missing shards")
        check(os.stat(kept).st_mtime_ns == before, "a finished shard is not run again")
        check(status == 0 and same_files(reference, out2) == [], "the resumed sweep merges to the same bytes")

        # 3. A shard that fails: reported with its stderr after its retries, the others kept.
        failing = os.path.join(directory, "rehearse-failing-shard-3")
        with open(failing, "w") as handle:
            handle.write("#!/bin/sh\ncase \"$*\" in *'--shard 3/5'*) echo 'simulated failure of shard 3' >&2; exit 2;; esac\n")
            handle.write(f"exec '{rehearse}' \"$@\"\n")
        os.chmod(failing, os.stat(failing).st_mode | stat.S_IEXEC)
        work3, out3 = os.path.join(directory, "work-failing"), os.path.join(directory, "merged-failing")
        status, _, stderr = driver(rehearse, cluster, work3, out3, remote=failing)
        check(status == 1, f"a failing shard makes the driver fail (exit {status})")
        check("simulated failure of shard 3" in stderr, "the failure is reported with the shard's stderr")
        done = sorted(name for name in os.listdir(work3) if name.startswith("shard-"))
        check(done == ["shard-1-of-5", "shard-2-of-5", "shard-4-of-5", "shard-5-of-5"], f"the other shards are kept ({done})")
        check(not os.path.exists(out3), "nothing is merged while a shard is missing")
        status, _, stderr = driver(rehearse, cluster, work3, out3)
        check(status == 0 and "running 1" in stderr and same_files(reference, out3) == [], "the rerun runs the failed shard only and merges")

        # 4. A worker killed mid-sweep: its task runs again elsewhere; nothing lost or doubled.
        work4, out4 = os.path.join(directory, "work-killed"), os.path.join(directory, "merged-killed")
        # Longer shards, so that the kill lands while tasks run.
        slow = ["--set", "duration=60h"]
        reference4 = os.path.join(directory, "reference-slow")
        subprocess.run([rehearse, "sweep", SCENARIO, "--out", reference4, "--quiet", "--set", "duration=60h"], check=True, stdout=subprocess.DEVNULL)
        process = driver(rehearse, cluster, work4, out4, extra=slow, wait=False)
        victims = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            runs = Cluster.shard_runs()
            if runs:
                # The worker running a shard dies, and the shard's process with it.
                victims = [runs[0][1], runs[0][0]]
                break
            time.sleep(0.05)
        for pid in victims:
            os.kill(pid, signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=600)
        check(bool(victims), "a worker process was killed while it ran a shard")
        check(process.returncode == 0, f"the sweep finishes despite the lost worker (exit {process.returncode}) {stderr[-400:] if process.returncode else ''}")
        check(process.returncode == 0 and same_files(reference4, out4) == [], "no point is lost or duplicated: the same bytes as one sweep")
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)

    print(f"{'all checks passed' if not failures else f'{len(failures)} check(s) failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
