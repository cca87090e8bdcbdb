#!/usr/bin/env bash
# Sets up a Debian 12 machine for Strata, builds it, and runs it or its tests.
#   build-aux/dev.sh run [FILE…]   install what is missing, build, open Strata
#   build-aux/dev.sh test          install what is missing, build, run every test
set -euo pipefail

cd "$(dirname "$0")/.."

build_packages=(
  gcc meson ninja-build pkg-config gettext libxml2-utils
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev zlib1g-dev
)
test_packages=(
  xvfb xauth xfonts-base fonts-dejavu-core locales
  librsvg2-bin poppler-utils desktop-file-utils appstream
)

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

case "${1:-run}" in
  run)
    shift || true
    install_missing "${build_packages[@]}"
    build _build
    # The schema compiled in the build, so that settings are remembered
    # without installing.
    export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
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
  *)
    echo "usage: $0 run [FILE…] | test" >&2
    exit 2
    ;;
esac
