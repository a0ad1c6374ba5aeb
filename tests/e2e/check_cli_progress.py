#!/usr/bin/python3
"""pulselab-cli run reports progress as scripts and people need it, for every kind of project.

Usage: check_cli_progress.py PULSELAB_CLI EXAMPLES_DIR
Not a terminal (a batch job's log): one plain line "progress P% (S s simulated)" per 10 %, no bar. A terminal
(stderr on a pseudo-terminal): a bar redrawn in place with carriage returns, ending at 100 % and a newline,
and no plain lines. stdout carries only the result (one JSON object with --json) either way. Exit codes:
0 ok, 2 bad command line, 3 unreadable project.
"""
import json
import os
import pathlib
import pty
import re
import subprocess
import sys


def plain(exe, project, *extra):
    run = subprocess.run([exe, "run", project, "--json", *extra], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"{project}: exit {run.returncode}\n{run.stderr}")
    json.loads(run.stdout)  # the result alone on stdout
    lines = [l for l in run.stderr.splitlines() if l.startswith("progress ")]
    percents = [int(re.match(r"progress (\d+)% \([0-9.e+-]+ s simulated\)$", l).group(1)) for l in lines]
    if percents != list(range(10, 101, 10)) or "\r" in run.stderr:
        sys.exit(f"{project}: plain progress lines {percents}, expected 10..100 by 10\n{run.stderr!r}")


def terminal(exe, project, *extra):
    leader, follower = pty.openpty()
    proc = subprocess.Popen([exe, "run", project, "--json", *extra], stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    out, _ = proc.communicate()
    os.close(leader)
    err = b"".join(chunks).decode(errors="replace")
    if proc.returncode != 0:
        sys.exit(f"{project} on a terminal: exit {proc.returncode}\n{err}")
    json.loads(out)
    if "\r[" not in err or not re.search(r"\] 100%\r?\n", err) or "progress " in err:
        sys.exit(f"{project} on a terminal: no progress bar ending at 100 %: {err!r}")


def main():
    exe, examples = sys.argv[1], pathlib.Path(sys.argv[2])
    cases = [(examples / "cuba.pulselab", "--duration", "0.05"),        # spiking network
             (examples / "default.pulselab", "--duration", "1"),        # rate predictive coding
             (examples / "bars-spiking-pc.pulselab", "--duration", "1")]  # spiking predictive coding
    for project, *extra in cases:
        plain(exe, project, *extra)
        terminal(exe, project, *extra)
    bad = subprocess.run([exe, "run", examples / "cuba.pulselab", "--frobnicate"], capture_output=True, text=True)
    missing = subprocess.run([exe, "run", examples / "no-such.pulselab"], capture_output=True, text=True)
    if bad.returncode != 2 or "--frobnicate" not in bad.stderr:
        sys.exit(f"unknown option: exit {bad.returncode}, {bad.stderr!r}")
    if missing.returncode != 3 or "no-such.pulselab" not in missing.stderr:
        sys.exit(f"missing project: exit {missing.returncode}, {missing.stderr!r}")
    print("ok: plain lines off a terminal, a bar on one, for spiking, rate-PC and spiking-PC projects")


if __name__ == "__main__":
    main()
