#!/usr/bin/python3
"""pulselab-cli export-figure and the configured figures of `run --out`, with no display at all.

Usage: check_export_figure.py PULSELAB_CLI EXAMPLES_DIR OUT_DIR
Every figure is made with DISPLAY and QT_QPA_PLATFORM unset. Checks: the raster SVG parses and draws one
mark per recorded spike (the spikes `run --out` writes for the same seed); a PNG has the pixel size and DPI
of its preset; a PDF page has the preset's size; the figure carries the project that made it; the Loihi
floorplan renders; `run --out` writes the project's configured figures (and --no-figures skips them); with
--set the embedded project carries the overridden value and reproduces the run's spikes on its own; a bad
"figures" field is refused with the item and the value named.
"""
import base64
import csv
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
MM_PER_INCH = 25.4


def headless_env():
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def cli(args, expect=0):
    run = subprocess.run(args, capture_output=True, text=True, env=headless_env(), check=False)
    if run.returncode != expect:
        sys.exit(f"{' '.join(map(str, args))}: exit {run.returncode}, expected {expect}\n{run.stderr}")
    return run


def spike_marks(svg_path):
    """Spike marks: the raster draws each spike as one flat-capped line (a polyline in a butt-capped group)."""
    root = ET.parse(svg_path).getroot()
    count = 0
    for group in root.iter(f"{SVG}g"):
        if group.get("stroke-linecap") == "butt":
            count += sum(1 for child in group if child.tag == f"{SVG}polyline")
    return count


def png_size_and_dpi(path):
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    dpi = None
    at = 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"pHYs":
            x, _, unit = struct.unpack(">IIB", data[at + 8:at + 17])
            dpi = round(x * 0.0254) if unit == 1 else None
        at += 12 + length
    return width, height, dpi


def pdf_page_mm(path):
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", path.read_bytes())
    if not box:
        sys.exit(f"{path}: no /MediaBox")
    return float(box.group(1)) / 72 * MM_PER_INCH, float(box.group(2)) / 72 * MM_PER_INCH


def embedded_project(path):
    """The project a figure carries: SVG <metadata>, PDF XMP (base64 between pulselab:project tags)."""
    data = path.read_bytes()
    if path.suffix == ".svg":
        meta = re.search(rb'<metadata id="pulselab-project"><!\[CDATA\[(.*?)\]\]></metadata>', data, re.S)
        return json.loads(meta.group(1)) if meta else sys.exit(f"{path}: no embedded project")
    meta = re.search(rb"<pulselab:project>([A-Za-z0-9+/=]*)</pulselab:project>", data)
    return json.loads(base64.b64decode(meta.group(1))) if meta else sys.exit(f"{path}: no embedded project")


def population_parameter(project, name, parameter):
    for pop in project["network"]["populations"]:
        if pop["name"] == name:
            return pop.get("parameters", {}).get(parameter) if parameter else pop
    return None


def main():
    exe, examples, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cuba, default = examples / "cuba.pulselab", examples / "default.pulselab"

    # Raster: one vector mark per spike, the same spikes `run --out` records with the same seed.
    raster = out / "raster.svg"
    cli([exe, "export-figure", cuba, "--view", "raster", "--duration", "0.1", "--seed", "3", "--out", raster])
    marks = spike_marks(raster)
    cli([exe, "run", cuba, "--duration", "0.1", "--seed", "3", "--out", out / "cuba_run"])
    with open(out / "cuba_run" / "spikes.csv", newline="") as f:
        recorded = sum(1 for _ in csv.DictReader(f))
    if marks != recorded or marks == 0:
        sys.exit(f"raster.svg has {marks} spike marks, the recording {recorded} spikes")

    # The figure carries the project as it ran (seed and duration included).
    text = raster.read_text()
    meta = re.search(r'<metadata id="pulselab-project"><!\[CDATA\[(.*?)\]\]></metadata>', text, re.S)
    project = json.loads(meta.group(1))
    if project["run"]["seed"] != 3 or abs(project["run"]["duration_ms"] - 100.0) > 1e-9:
        sys.exit(f"embedded project has run {project['run']}, expected seed 3 and 100 ms")

    # PNG at the slide preset and 200 dpi: 254 x 142.875 mm -> 2000 x 1125 pixels.
    png = out / "slide.png"
    cli([exe, "export-figure", default, "--view", "free-energy,beliefs", "--duration", "2", "--preset", "slide",
         "--dpi", "200", "--out", png])
    if png_size_and_dpi(png) != (2000, 1125, 200):
        sys.exit(f"slide.png is {png_size_and_dpi(png)}, expected (2000, 1125, 200)")

    # PDF at the double-column preset: 180 x 100 mm.
    pdf = out / "double.pdf"
    cli([exe, "export-figure", default, "--view", "free-energy,beliefs,raster", "--duration", "2", "--preset",
         "double", "--out", pdf])
    width, height = pdf_page_mm(pdf)
    if abs(width - 180) > 0.5 or abs(height - 100) > 0.5:
        sys.exit(f"double.pdf page is {width:.1f} x {height:.1f} mm, expected 180 x 100")
    if shutil.which("pdfinfo"):  # poppler's own reading of the page, when poppler-utils is installed
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=False).stdout
        size = re.search(r"Page size:\s+([0-9.]+) x ([0-9.]+) pts", info)
        if not size or abs(float(size.group(1)) - 510.24) > 1 or abs(float(size.group(2)) - 283.46) > 1:
            sys.exit(f"pdfinfo reads double.pdf as {size.group(0) if size else info!r}, expected 510.24 x 283.46 pts")

    # Panels stacked in one column of a single-column figure: 85 mm wide, 60 mm for the first row and 45 mm
    # for each further one (a journal fixes the width; a chart needs the height to stay legible).
    stacked = out / "stacked.pdf"
    cli([exe, "export-figure", default, "--view", "free-energy,beliefs", "--duration", "1", "--preset", "single",
         "--columns", "1", "--out", stacked])
    width, height = pdf_page_mm(stacked)
    if abs(width - 85) > 0.5 or abs(height - 105) > 0.5:
        sys.exit(f"stacked.pdf page is {width:.1f} x {height:.1f} mm, expected 85 x 105")

    # The Loihi floorplan, painted in 2-D without OpenGL or a display: all 128 cores labelled.
    plan = out / "floorplan.svg"
    cli([exe, "export-figure", cuba, "--view", "floorplan", "--duration", "0.05", "--out", plan])
    if ">127</text>" not in plan.read_text():
        sys.exit("floorplan.svg does not label core 127")

    # run --out writes the configured figure of default.pulselab; --no-figures skips it.
    cli([exe, "run", default, "--duration", "2", "--out", out / "default_run"])
    configured = out / "default_run" / "free-energy-beliefs.pdf"
    if not configured.exists() or pdf_page_mm(configured)[0] < 179:
        sys.exit("run --out did not write free-energy-beliefs.pdf at the double-column width")
    cli([exe, "run", default, "--duration", "2", "--no-figures", "--out", out / "default_nofig"])
    if (out / "default_nofig" / "free-energy-beliefs.pdf").exists():
        sys.exit("--no-figures still wrote the configured figure")

    # run --set ... --out: the configured figure shows the overridden run, the same spikes as its recording.
    tuned = json.loads(cuba.read_text())
    tuned["figures"] = {"items": [{"file": "raster.svg", "views": ["raster"]}]}
    tuned_path = out / "cuba-figure.pulselab"
    tuned_path.write_text(json.dumps(tuned))
    cli([exe, "run", tuned_path, "--duration", "0.1", "--seed", "3", "--set", "exc.v_th_mv=-52",
         "--out", out / "cuba_set"])
    with open(out / "cuba_set" / "spikes.csv", newline="") as f:
        recorded_set = sum(1 for _ in csv.DictReader(f))
    marks_set = spike_marks(out / "cuba_set" / "raster.svg")
    if marks_set != recorded_set or recorded_set == recorded:
        sys.exit(f"with --set: figure {marks_set} marks, recording {recorded_set} spikes "
                 f"(without --set {recorded})")

    # The figure embeds the run exactly: the --set value written into the project, whose run alone (no
    # options) records the same spikes. Likewise export-figure --set.
    embedded = embedded_project(out / "cuba_set" / "raster.svg")
    if population_parameter(embedded, "exc", "v_th_mv") != -52:
        sys.exit(f"run --set: the figure's project has exc {population_parameter(embedded, 'exc', None)}")
    reopened = out / "cuba-reopened.pulselab"
    reopened.write_text(json.dumps(embedded))
    cli([exe, "run", reopened, "--no-figures", "--out", out / "cuba_reopened"])
    if (out / "cuba_reopened" / "spikes.csv").read_bytes() != (out / "cuba_set" / "spikes.csv").read_bytes():
        sys.exit("the project embedded by run --set does not reproduce the run's spikes")
    set_pdf = out / "set.pdf"
    cli([exe, "export-figure", cuba, "--view", "raster", "--duration", "0.05", "--set", "inh.v_th_mv=-51.5",
         "--out", set_pdf])
    if population_parameter(embedded_project(set_pdf), "inh", "v_th_mv") != -51.5:
        sys.exit("export-figure --set: the PDF's project lacks inh.v_th_mv = -51.5")
    run = cli([exe, "export-figure", cuba, "--view", "raster", "--set", "exc.nope=1", "--out", out / "y.svg"],
              expect=2)
    if "'exc.nope'" not in run.stderr:
        sys.exit(f"export-figure --set of an unknown parameter not named: {run.stderr}")

    # A bad figures field: exit 3, the item index and the value named.
    bad = json.loads(default.read_text())
    bad["figures"] = {"items": [{"file": "a.pdf", "views": ["free-energy"]},
                                {"file": "b.pdf", "views": ["beliefs", "rastr"]}]}
    bad_path = out / "bad-figures.pulselab"
    bad_path.write_text(json.dumps(bad))
    run = cli([exe, "run", bad_path, "--out", out / "bad_run"], expect=3)
    if "figures.items[1].views[1]" not in run.stderr or "'rastr'" not in run.stderr:
        sys.exit(f"bad figures field: message does not name the item and value: {run.stderr}")
    run = cli([exe, "export-figure", cuba, "--view", "raster,histogram", "--out", out / "x.svg"], expect=2)
    if "'histogram'" not in run.stderr:
        sys.exit(f"unknown --view not named: {run.stderr}")
    print(f"ok: {marks} spike marks = {recorded} recorded spikes; PNG, PDF, floorplan, configured figures")


if __name__ == "__main__":
    main()
