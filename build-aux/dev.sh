#!/usr/bin/env bash
# Sets up a Debian 12 machine for Strata, builds it, and runs it or its tests.
#   build-aux/dev.sh run [FILE…]     install what is missing, build, open Strata
#   build-aux/dev.sh test            install what is missing, build, run every test
#   build-aux/dev.sh sanitize        every test again, built with ASan and UBSan, leaks checked
#   build-aux/dev.sh fuzz [SECONDS]  build the fuzz targets with clang, run each (default 120 s)
set -euo pipefail

cd "$(dirname "$0")/.."

build_packages=(
  gcc meson ninja-build pkg-config gettext libxml2-utils
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev libpng-dev zlib1g-dev libarchive-dev libhdf5-dev
  libxtst-dev
)
test_packages=(
  xvfb xauth xfonts-base fonts-dejavu-core locales
  librsvg2-bin poppler-utils desktop-file-utils appstream
  dbus at-spi2-core python3-pyatspi
)
fuzz_packages=(clang-14 libclang-rt-14-dev)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"
  fi
}

# Tests check German, French and Spanish output; generate those locales if absent.
ensure_locales() {
  local need=()
  for l in de_DE en_US fr_FR es_ES; do
    locale -a 2>/dev/null | grep -qi "^$l.utf-\?8$" || need+=("$l.UTF-8")
  done
  if [ "${#need[@]}" -gt 0 ]; then
    for l in "${need[@]}"; do
      as_root sed -i "s/^# *\($l UTF-8\)/\1/" /etc/locale.gen
    done
    as_root locale-gen >/dev/null
  fi
}

build() {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
  ninja -C "$dir"
}

# Both the sanitizer build and the fuzzers check for leaks. GLib's slice
# allocator would keep leaked blocks in its own reachable magazines, hiding
# them, and it reads G_SLICE before any of our code runs.
export_leak_checks() {
  export G_SLICE=always-malloc
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  # Without the statistics of suppressions, which would end up in the
  # standard error that tests read.
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
}

# Runs every fuzz target for $1 seconds on a copy of its seed corpus, so
# that the checked-in corpus is never changed, and prints one line for
# each: "fuzz NAME: ok, …" or "fuzz NAME: FAILED, …".
run_fuzzers() {
  local seconds=$1 status=0 target name work runs speed finding report
  for target in _build-fuzz/tests/fuzz/fuzz-*; do
    [ -f "$target" ] && [ -x "$target" ] || continue
    name=${target##*/fuzz-}
    work=_build-fuzz/runs/$name
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/findings"
    cp tests/fuzz/corpus/"$name"/* "$work/corpus/"
    echo "Fuzzing $name for $seconds s (log: $work/log)"
    if "$target" -dict=tests/fuzz/"$name".dict -max_total_time="$seconds" -timeout=10 \
         -print_final_stats=1 -artifact_prefix="$work/findings/" "$work/corpus" >"$work/log" 2>&1; then
      runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
      speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")
      echo "fuzz $name: ok, ${runs:-?} runs in $seconds s (${speed:-?}/s)," \
        "corpus $(ls tests/fuzz/corpus/"$name" | wc -l) → $(ls "$work/corpus" | wc -l) inputs"
    else
      # What went wrong, from the input run again with whole allocation
      # stacks (too slow while fuzzing), or else from the fuzzer's log.
      # Bounded: an input that made the fuzzer time out hangs here too.
      finding=$(ls -d "$work"/findings/* 2>/dev/null | head -n 1 || true)
      report=$work/log
      if [ -n "$finding" ] &&
         ! ASAN_OPTIONS=fast_unwind_on_malloc=0 timeout 60 "$target" "$finding" \
           >"$work/replay.log" 2>&1; then
        report=$work/replay.log
      fi
      sed -n '/^==[0-9]*==\|^\*\*\|^Bail out\|^ERROR\|deadly signal/,$p' "$report" | head -n 150 ||
        true
      echo "fuzz $name: FAILED, input saved in ${finding:-(none)}"
      status=1
    fi
  done
  return "$status"
}

case "${1:-run}" in
  run)
    shift || true
    install_missing "${build_packages[@]}"
    build _build
    # The schema compiled in the build, so that settings are remembered
    # without installing.
    export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
    # strata-window and strata-hdf5-config, which reads .h5 files, from the build.
    export STRATA_LIBEXECDIR="$PWD/_build/src"
    # The message catalogs compiled in the build: the installed ones may be
    # missing or older, and without them LANG=de_DE.UTF-8 would switch the
    # numbers to German but leave every word in English.
    export STRATA_LOCALEDIR="$PWD/_build/po"
    exec ./_build/src/strata "$@"
    ;;
  test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    ensure_locales
    build _build-test -Dwerror=true
    # The window's tests need a display; everything else ignores it.
    xvfb-run -a -s "-screen 0 1600x1000x24" \
      meson test -C _build-test --print-errorlogs --num-processes 2
    ;;
  sanitize)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    ensure_locales
    build _build-sanitize -Db_sanitize=address,undefined
    export_leak_checks
    # GLib and GTK are built without frame pointers: only the slow unwinder
    # records whole allocation stacks, which a leak report needs to name the
    # code at fault and a suppression needs to match a library's frames.
    export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:strict_string_checks=1:detect_stack_use_after_return=1
    # The slow unwinder deadlocks in the code that Mesa's software OpenGL
    # compiles at run time, so GTK draws with cairo.
    export GDK_DEBUG=gl-disable
    xvfb-run -a -s "-screen 0 1600x1000x24" \
      meson test -C _build-sanitize --print-errorlogs --num-processes 2 --timeout-multiplier 5
    ;;
  fuzz)
    install_missing "${build_packages[@]}" "${fuzz_packages[@]}" fonts-dejavu-core
    CC=clang-14 build _build-fuzz -Dfuzzing=true
    export_leak_checks
    export LC_ALL=C.UTF-8
    run_fuzzers "${2:-120}"
    ;;
  *)
    echo "usage: $0 run [FILE…] | test | sanitize | fuzz [SECONDS]" >&2
    exit 2
    ;;
esac
