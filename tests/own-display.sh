#!/usr/bin/env bash
# Runs a test program on an X server of its own: a window test that owns
# the clipboard or the keyboard would otherwise disturb every other test's
# windows on a shared display (they start reading its clipboard, and
# LeakSanitizer reports the reads still pending at their exit), so it
# could only run alone. On its own display it runs beside the others.
#   own-display.sh PROGRAM [ARGS…]
set -uo pipefail

ready=$(mktemp)
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$ready"' EXIT

# The server picks a free display itself and writes its number when it
# accepts connections, so that tests started together never race for one.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$ready" 2>/dev/null &
server=$!

for _ in $(seq 300); do
  [ -s "$ready" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "own-display.sh: Xvfb did not start" >&2
    exit 99
  fi
  sleep 0.1
done
if [ ! -s "$ready" ]; then
  echo "own-display.sh: Xvfb did not open a display in 30 s" >&2
  exit 99
fi

DISPLAY=:$(tr -d '\n' <"$ready") "$@"
status=$?
exit "$status"
