#!/usr/bin/python3
"""pulselab-cli run --out DIR: the recording holds exactly the spikes the JSON result counts.

Usage: check_cli_recording.py PULSELAB_CLI PROJECT OUT_DIR
The JSON "spikes" field counts neuron-population spikes; inputs' spikes are recorded too, so rows of the
project's inputs are left out of the comparison. recording.h5 is checked with h5py when it is installed
(Debian python3-h5py), else only its HDF5 signature is checked and the CSV carries the comparison.
"""
import csv
import json
import pathlib
import shutil
import subprocess
import sys

HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def main():
    cli, project, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([cli, "run", str(project), "--duration", "0.1", "--json", "--out", str(out)],
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"pulselab-cli failed ({run.returncode}): {run.stderr}")
    expected = json.loads(run.stdout)["spikes"]
    inputs = {i["name"] for i in json.loads(project.read_text())["network"].get("inputs", [])}

    with open(out / "spikes.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    csv_spikes = sum(1 for r in rows if r["population"] not in inputs)
    if csv_spikes != expected:
        sys.exit(f"spikes.csv has {csv_spikes} population spikes, JSON says {expected}")
    with open(out / "signals.csv", newline="") as f:
        if next(csv.reader(f)) != ["name", "time_ms", "value"]:
            sys.exit("signals.csv: unexpected header")

    h5 = out / "recording.h5"
    if h5.read_bytes()[:8] != HDF5_SIGNATURE:
        sys.exit("recording.h5 is not an HDF5 file")
    try:
        import h5py
    except ImportError:
        print(f"ok: {expected} spikes in spikes.csv (h5py not installed: recording.h5 checked by signature only)")
        return
    def text(value):
        # PulseLab writes fixed-length strings, which h5py returns as bytes.
        return value.decode() if isinstance(value, bytes) else str(value)

    with h5py.File(h5, "r") as f:
        if text(f.attrs["format"]) != "pulselab-recording":
            sys.exit("recording.h5: format attribute is not pulselab-recording")
        json.loads(text(f["project"][()]))
        h5_spikes = sum(len(g["ids"]) for g in f["spikes"].values() if text(g.attrs["kind"]) == "population")
        if h5_spikes != expected:
            sys.exit(f"recording.h5 has {h5_spikes} population spikes, JSON says {expected}")
    print(f"ok: {expected} spikes in spikes.csv and recording.h5")


if __name__ == "__main__":
    main()
