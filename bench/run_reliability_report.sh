#!/usr/bin/env bash
# The reliability report (issue 11), from the results the reliability benches leave behind:
#   bench/run_reliability_report.sh [--run]
# 1. fuzzing: CPU hours, executions and crashes per target, summed over every bench/fuzz/run_fuzz.sh run
#    (build-fuzz/fuzz-run/history.tsv), and the crashing inputs kept as regressions (tests/core/data/fuzz/);
# 2. sanitizers: the last ctest results of build-asan/ (ASan+UBSan, whole suite) and build-tsan/ (TSan), as
#    ctest left them in Testing/Temporary/LastTest.log;
# 3. memory over a long run: build/reliability/long_run.txt (bench_gui_long_run);
# 4. kill test: build/reliability/kill_test.txt (bench_gui_kill_test).
# With --run it first runs what is cheap to rerun on its own: the long run (150 simulated minutes of the
# default demo, examples/bars-rate-pc.pulselab, with views: the run history's recording of the run fills its
# 256 MB budget in the first ~65 minutes, then thins, so flatness shows only past it; ~9 min wall), the kill
# test (20 trials) and core.fuzz_regressions (the kept crashes replayed, so "fixed" is measured, not assumed).
# Sanitizer builds are not started here: PULSELAB_SANITIZE=1 ./pulselab.sh test (and =thread) produce them.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
results=$here/build/reliability
mkdir -p "$results"
xvfb=(xvfb-run -a -s "-screen 0 1600x1000x24")

if [[ ${1:-} == --run ]]; then
    ninja -C "$here/build" bench_gui_long_run bench_gui_kill_test core_tst_fuzz_regressions >/dev/null || exit 1
    "${xvfb[@]}" "$here/build/bench/bench_gui_long_run" 150 10 >"$results/long_run.txt" 2>&1
    "${xvfb[@]}" "$here/build/bench/bench_gui_kill_test" 20 >"$results/kill_test.txt" 2>&1
fi

echo "== Fuzzing (libFuzzer, ASan+UBSan; bench/fuzz/run_fuzz.sh, summed over all runs) =="
history=$here/build-fuzz/fuzz-run/history.tsv
regressions=$here/tests/core/data/fuzz
if [[ -s $history ]]; then
    # CPU hours are what the fuzzers got; wall hours what they were given (at nice 19 on a busy machine the
    # two differ by 10-100x).
    printf '%-10s | %9s | %10s | %13s | %6s | %13s | %s\n' target "CPU hours" "wall hours" executions runs \
        "crashes found" "kept as regressions"
    for target in $(cut -f2 "$history" | sort -u); do
        kept=0
        [[ -d $regressions/$target ]] && kept=$(find "$regressions/$target" -type f | wc -l)
        awk -F'\t' -v t="$target" -v kept="$kept" \
            '$2 == t { cpu += $4; wall += $3; ex += $5; runs++; crashes += $7 }
            END { printf "%-10s | %9.3f | %10.2f | %13d | %6d | %13d | %d\n", t, cpu / 3600, wall / 3600, ex, runs,
                  crashes, kept }' \
            "$history"
    done
    awk -F'\t' '{ cpu += $4; wall += $3 }
        END { printf "total CPU hours: %.3f in %.2f wall hours (first run %s, last %s)\n", cpu / 3600, wall / 3600,
              first, $1 }
        NR == 1 { first = $1 }' "$history"
else
    echo "no fuzzing history: run bench/fuzz/run_fuzz.sh SECONDS first"
fi
if [[ -x $here/build/tests/core/core_tst_fuzz_regressions || ${1:-} == --run ]]; then
    fixed=$(cd "$here/build" && ctest -R '^core.fuzz_regressions$' 2>&1 | grep -Eo '[0-9]+% tests passed.*')
    echo "kept crashing inputs replayed by core.fuzz_regressions: ${fixed:-not run}"
fi

echo
echo "== Sanitizers (last ctest run of each sanitizer build) =="
for build in build-asan build-tsan; do
    log=$here/$build/Testing/Temporary/LastTest.log
    if [[ ! -f $log ]]; then
        echo "$build: no results (PULSELAB_SANITIZE=$([[ $build == build-asan ]] && echo 1 || echo thread) ./pulselab.sh test)"
        continue
    fi
    passed=$(grep -c '^Test Passed' "$log")
    failed=$(grep -c '^Test Failed' "$log")
    when=$(grep -m1 -Eo 'Start testing: .*' "$log" | sed 's/Start testing: //')
    echo "$build: $passed passed, $failed failed (ctest started $when)"
    if [[ $build == build-tsan ]]; then
        # ctest keeps each test's output in the log: every report TSan printed is a race (or other thread error).
        races=$(grep -c '^WARNING: ThreadSanitizer:' "$log")
        tests=$(grep -Eo '^[0-9]+/[0-9]+ Testing: .*' "$log" | sed 's/^[0-9/]* Testing: //' | tr '\n' ' ')
        echo "  tests run under TSan: ${tests:-none}"
        echo "  ThreadSanitizer reports (races found): $races"
        grep -A2 '^WARNING: ThreadSanitizer:' "$log" | grep -Eo '#0 [^ ]+ [^ ]+' | sort | uniq -c | sed 's/^/    /'
    fi
    [[ $failed -gt 0 ]] && grep -B3 '^Test Failed' "$log" | grep -Eo '"[^"]+" end time' | sed 's/^/  failed: /'
done

echo
echo "== Memory over a long run (bench_gui_long_run) =="
if [[ -s $results/long_run.txt ]]; then cat "$results/long_run.txt"; else
    echo "no results: bench/run_reliability_report.sh --run"; fi

echo
echo "== Kill test (bench_gui_kill_test) =="
if [[ -s $results/kill_test.txt ]]; then sed -n '/^Kill test:/,$p' "$results/kill_test.txt"; else
    echo "no results: bench/run_reliability_report.sh --run"; fi
