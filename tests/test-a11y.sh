#!/usr/bin/env bash
# test-a11y.sh: runs test-a11y.py in a D-Bus session of its own, with the
# accessibility bus a screen reader would use. Needs dbus-run-session,
# at-spi2-core and pyatspi; says SKIP without them.
set -u
here=$(dirname "$0")

python=
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import pyatspi' 2>/dev/null; then
    python=$candidate
    break
  fi
done
launcher=
for candidate in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher; do
  [ -x "$candidate" ] && launcher=$candidate && break
done
if [ -z "$python" ] || [ -z "$launcher" ] || ! command -v dbus-run-session >/dev/null; then
  echo "1..0 # SKIP needs pyatspi, at-spi2-core and dbus-run-session"
  exit 0
fi

# The window runs with the warnings the tests make fatal; the reader does
# not, since the accessibility library warns of objects that come and go.
export STRATA_G_DEBUG=${G_DEBUG:-}
unset G_DEBUG

# The launcher, without a display, is no client of the X server: one that
# connects and leaves just before the window opens makes Xvfb reset, and
# the window, opening then, finds no display. The window asks D-Bus for
# the accessibility bus instead.
exec dbus-run-session -- bash -c '
  env -u DISPLAY "$1" --launch-immediately >/dev/null 2>&1 &
  launcher=$!
  "$2" "$3"
  status=$?
  kill "$launcher" 2>/dev/null
  exit "$status"
' test-a11y "$launcher" "$python" "$here/test-a11y.py" 2>/dev/null
