#!/usr/bin/env bash
# Fuzzes every file reader for a bounded time (issue 11):  bench/fuzz/run_fuzz.sh [SECONDS_PER_TARGET]
# Configures build-fuzz/ with clang (-DPULSELAB_FUZZ=ON), builds the libFuzzer targets, seeds each corpus
# with small valid files, runs each target for SECONDS_PER_TARGET (default 60) in libFuzzer's fork mode
# (so one crash does not end the run), and prints target | CPU seconds | executions | corpus size | crashes.
# Crashing inputs are copied to tests/core/data/fuzz/<target>/, where core.fuzz_regressions replays them.
# Each target's row is also appended to build-fuzz/fuzz-run/history.tsv (bench/run_reliability_report.sh).
# Environment: PULSELAB_FUZZ_TARGETS="nir shd" fuzzes only those; PULSELAB_FUZZ_JOBS (default 1) build jobs;
# PULSELAB_FUZZ_NO_FREE_LISTS=1 turns off HDF5's free lists (ASan then sees use-after-free inside HDF5; ~15x slower).
set -euo pipefail
seconds=${1:-60}
here=$(cd "$(dirname "$0")/../.." && pwd)
build=$here/build-fuzz
work=$build/fuzz-run
targets=(${PULSELAB_FUZZ_TARGETS:-project nir recording nmnist aedat shd mnist})

if [[ ! -f $build/build.ninja ]]; then
    CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DPULSELAB_FUZZ=ON -DPULSELAB_WERROR=OFF >/dev/null
fi
ninja -C "$build" -j"${PULSELAB_FUZZ_JOBS:-1}" make_fuzz_seeds "${targets[@]/#/fuzz_}" >/dev/null

rm -rf "$work/seeds"
ASAN_OPTIONS=detect_leaks=0 "$build/bench/fuzz/make_fuzz_seeds" "$here" "$work/seeds"

rows=()
for target in "${targets[@]}"; do
    corpus=$work/corpus/$target
    artifacts=$work/artifacts/$target
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    cp -n "$work/seeds/$target"/* "$corpus"/
    # HDF5 targets: libhdf5 leaks small blocks on some error paths, and while opening a damaged file it
    # mallocs object-header sizes read from the file (e.g. 0xcdcdcdcdcdcdcdcd in H5C_protect), which plain
    # malloc refuses with NULL and HDF5 turns into an error; ASan would abort on them, so let it return NULL.
    asan=detect_leaks=1
    leaks=1
    if [[ $target == nir || $target == recording || $target == shd ]]; then
        asan=detect_leaks=0:allocator_may_return_null=1
        leaks=0
    fi
    log=$work/$target.log
    start=$(date +%s)
    # Fork mode (-fork=1): a crash, out-of-memory or timeout is saved and fuzzing goes on.
    TIMEFORMAT='%U %S'
    cpu=$( { time ASAN_OPTIONS=$asan UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/bench/fuzz/fuzz_$target" "$corpus" -fork=1 -ignore_crashes=1 -ignore_ooms=1 \
        -ignore_timeouts=1 -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -detect_leaks=$leaks -artifact_prefix="$artifacts/" >"$log" 2>&1 || true; } 2>&1 )
    cpu=$(awk '{printf "%.0f", $1 + $2}' <<<"$cpu")
    executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    crashes=0
    for artifact in "$artifacts"/*; do
        [[ -e $artifact ]] || continue
        crashes=$((crashes + 1))
        mkdir -p "$here/tests/core/data/fuzz/$target"
        name=$(basename "$artifact")
        # Large crashing inputs are minimised (timeouts and out-of-memory inputs are kept as found).
        if [[ $name == crash-* && $(stat -c %s "$artifact") -gt 16384 ]]; then
            ASAN_OPTIONS=$asan "$build/bench/fuzz/fuzz_$target" -minimize_crash=1 -timeout=10 \
                -max_total_time=30 -exact_artifact_path="$artifact.min" "$artifact" >/dev/null 2>&1 || true
            [[ -s $artifact.min ]] && artifact=$artifact.min
        fi
        cp "$artifact" "$here/tests/core/data/fuzz/$target/$name"
    done
    # Every run appends to the history that bench/run_reliability_report.sh sums (CPU hours per target).
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "$cpu" \
        "${executions:-0}" "$(ls "$corpus" | wc -l)" "$crashes" >>"$work/history.tsv"
    rows+=("$(printf '%-10s | %11s | %10s | %11s | %s' "$target" "$cpu" "${executions:-0}" \
        "$(ls "$corpus" | wc -l)" "$crashes")")
    echo "fuzz_$target: $(( $(date +%s) - start )) s, log $log" >&2
done

printf '%-10s | %11s | %10s | %11s | %s\n' target "CPU seconds" executions "corpus size" "crashes found"
printf '%s\n' "${rows[@]}"
