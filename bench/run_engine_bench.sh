#!/usr/bin/env bash
# Engine benchmark: PulseLab's CUBA loop time next to Brian2 2.5.1 (Debian python3-brian) in C++ standalone
# mode on the same network, same machine, same run. Usage: bench/run_engine_bench.sh [repetitions]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PULSELAB_BUILD_DIR:-$here/build}
cmake --build "$build" --target bench_engine >/dev/null
"$build/bench/bench_engine" "${1:-5}"
if ! /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
    echo "(Brian2 not installed: sudo apt-get install python3-brian to compare)"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/bench/brian2_cuba.py" --seeds 1 --standalone "$work/standalone" > "$work/brian.json" 2>"$work/brian.log" || {
    echo "Brian2 standalone failed: see log"; tail -5 "$work/brian.log"; exit 1; }
/usr/bin/python3 - "$work/brian.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['brian2_runs'][0]
loop = r['loop_seconds']
print(f"| CUBA, Brian2 2.5 C++ standalone | 4000 | - | 1.0 s | - | {loop:.3f} (loop only) | {r['spikes']} | - |" if loop
      else f"| CUBA, Brian2 standalone | 4000 | - | 1.0 s | - | (loop time unavailable; whole run {r['wall_seconds']:.2f} s) | {r['spikes']} | - |")
PY
