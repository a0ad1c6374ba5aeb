#!/usr/bin/env bash
# Engine benchmark: PulseLab's CUBA loop time next to Brian2 2.5.1 (Debian python3-brian) in C++ standalone
# mode on the same network, same machine, same run. Usage: bench/run_engine_bench.sh [repetitions]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PULSELAB_BUILD_DIR:-$here/build}
cmake --build "$build" --target bench_engine >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/bench_engine" "${1:-5}" "$work/pulselab.txt"
if ! /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
    echo "(Brian2 not installed: sudo apt-get install python3-brian to compare)"
    exit 0
fi
/usr/bin/python3 "$here/bench/brian2_cuba.py" --seeds 1 --standalone "$work/standalone" > "$work/brian.json" 2>"$work/brian.log" || {
    echo "Brian2 standalone failed: see log"; tail -5 "$work/brian.log"; exit 1; }
/usr/bin/python3 - "$work/brian.json" "$work/pulselab.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['brian2_runs'][0]
ours = dict(line.split() for line in open(sys.argv[2]))
loop = r['loop_seconds']
if not loop:
    print(f"| CUBA, Brian2 standalone | 1 | 4000 | - | 1.0 s | - | (loop time unavailable; whole run {r['wall_seconds']:.2f} s) | {r['spikes']} | - |")
    sys.exit(0)
print(f"| CUBA, Brian2 2.5 C++ standalone (loop only) | 1 | 4000 | - | 1.0 s | - | {loop:.4f} | {r['spikes']} | - |")
print()
print("| CUBA loop time | seconds | fraction of Brian2's |")
print("|---|---|---|")
print(f"| Brian2 2.5 C++ standalone, 1 thread | {loop:.4f} | 1.00 |")
for t in ('1', '2'):
    ours_t = float(ours[f'cuba_loop_seconds_{t}t'])
    print(f"| PulseLab, {t} thread{'s' if t != '1' else ''} | {ours_t:.4f} | {ours_t / loop:.2f} |")
print("(goal: PulseLab at most 1/3 of Brian2's loop time on one thread)")
PY
