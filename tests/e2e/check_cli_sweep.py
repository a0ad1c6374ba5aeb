#!/usr/bin/python3
"""`pulselab-cli sweep` against direct `pulselab-cli run --set ... --json` runs of two of its points.

Usage: check_cli_sweep.py PULSELAB_CLI SPEC WORKDIR
The whole grid (JSON), one point on its own (CSV, as one process of a cluster array would run it) and two
direct runs must give the same mean rate, exactly (both print doubles that read back bit for bit).
"""
import csv
import json
import os
import subprocess
import sys

cli, spec_path, workdir = sys.argv[1:4]
os.makedirs(workdir, exist_ok=True)
spec = json.load(open(spec_path))
project = os.path.join(os.path.dirname(spec_path), spec["project"])


def run(*args):
    done = subprocess.run([cli, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done


count = int(run("sweep", spec_path, "--list").stdout)
grid_json = os.path.join(workdir, "grid.json")
progress = run("sweep", spec_path, "--jobs", "2", "--out", grid_json).stderr
assert f"progress {count}/{count} runs" in progress, progress
grid = json.load(open(grid_json))
names = grid["parameters"]
assert len(grid["points"]) == count, grid
print(f"{count} points:", [(p["values"], p["mean"]) for p in grid["points"]])

for k in (1, count - 2):
    point = grid["points"][k]
    assert point["complete"], point
    # One process per point: the same outcome as in the whole grid.
    one_csv = os.path.join(workdir, f"point{k}.csv")
    run("sweep", spec_path, "--point", str(k), "--out", one_csv)
    rows = list(csv.DictReader(open(one_csv)))
    assert len(rows) == 1 and int(rows[0]["point"]) == k, rows
    assert float(rows[0]["mean"]) == point["mean"], (rows[0], point)
    # A direct run of the same settings.
    sets = []
    for name, value in zip(names, point["values"]):
        sets += ["--set", f"{name}={value!r}"]
    direct = json.loads(run("run", project, *sets, "--duration", str(spec["duration_s"]), "--json").stdout)
    print(f"point {k} {point['values']}: sweep {point['mean']!r} Hz, run {direct['mean_rate_hz']!r} Hz")
    assert direct["mean_rate_hz"] == point["outcomes"][0], (direct, point)
    assert direct["mean_rate_hz"] > 0, direct

# Bad input: a clear message naming the field, exit 3.
bad = os.path.join(workdir, "bad.pulselab-sweep")
with open(bad, "w") as f:
    json.dump({**spec, "outcome": "happiness"}, f)
done = subprocess.run([cli, "sweep", bad], capture_output=True, text=True)
assert done.returncode == 3 and "sweep.outcome: unknown metric 'happiness'" in done.stderr, done
print("ok")
