#!/usr/bin/env bash
# test-install.sh: installs into a temporary prefix and checks every file is
# where the desktop looks for it. Usage: test-install.sh BUILD_DIR
set -u

build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

option() {
  meson introspect --buildoptions "$build" |
    python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]==sys.argv[1]))' "$1"
}
prefix=$(option prefix)
libexecdir=$(option libexecdir)

n=0
failed=0
check() {
  n=$((n + 1))
  if [ -e "$dest$prefix/$1" ]; then
    echo "ok $n $1"
  else
    echo "not ok $n $1 is not installed"
    failed=1
  fi
}

if ! meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$dest.log" 2>&1; then
  echo "1..1"
  echo "not ok 1 meson install failed"
  sed 's/^/# /' "$dest.log"
  rm -f "$dest.log"
  exit 1
fi
rm -f "$dest.log"

app=io.github.strata.Strata
files=(
  bin/strata
  "$libexecdir/strata-draw"
  "$libexecdir/strata-window"
  "$libexecdir/strata-hdf5-config"
  share/applications/$app.desktop
  share/metainfo/$app.metainfo.xml
  share/glib-2.0/schemas/$app.gschema.xml
  share/mime/packages/$app.xml
  share/thumbnailers/$app.thumbnailer
  share/icons/hicolor/scalable/apps/$app.svg
  share/icons/hicolor/symbolic/apps/$app-symbolic.svg
)
for lang in $(grep -v '^#' "$(dirname "$0")/../po/LINGUAS" 2>/dev/null); do
  files+=("share/locale/$lang/LC_MESSAGES/strata.mo")
done

echo "1..$(( ${#files[@]} + 8 ))"
for f in "${files[@]}"; do
  check "$f"
done

# The installed program runs from its prefix.
n=$((n + 1))
if "$dest$prefix/bin/strata" --version | grep -q '^strata '; then
  echo "ok $n installed strata runs"
else
  echo "not ok $n installed strata does not run"
  failed=1
fi

# The installed strata reads .h5 files with the installed reader. It looks
# for it in the prefix, not under the staging folder, hence the variable.
n=$((n + 1))
h5="$(dirname "$0")/data/keras/lenet5.h5"
if STRATA_LIBEXECDIR="$dest$prefix/$libexecdir" "$dest$prefix/bin/strata" summary "$h5" |
     grep -q '^Total params: 61706 '; then
  echo "ok $n installed strata reads .h5 files with the installed strata-hdf5-config"
else
  echo "not ok $n installed strata cannot read an .h5 file"
  failed=1
fi

# The installed strata draws and opens the window with the installed
# programs of libexecdir (found as the .h5 reader is, above).
n=$((n + 1))
png="$dest/lecture.png"
if STRATA_LIBEXECDIR="$dest$prefix/$libexecdir" "$dest$prefix/bin/strata" export \
     "$(dirname "$0")/../data/examples/lecture.strata" -o "$png" &&
   [ "$(head -c 4 "$png" | tail -c 3)" = PNG ]; then
  echo "ok $n installed strata exports with the installed strata-draw"
else
  echo "not ok $n installed strata cannot export"
  failed=1
fi
n=$((n + 1))
if STRATA_LIBEXECDIR="$dest$prefix/$libexecdir" "$dest$prefix/bin/strata" --help-all |
     grep -q -- '--gapplication-service'; then
  echo "ok $n installed strata starts the installed strata-window"
else
  echo "not ok $n installed strata does not start strata-window"
  failed=1
fi

# What a summary loads: neither GTK nor cairo (main.c says why).
n=$((n + 1))
if ! command -v ldd >/dev/null; then
  echo "ok $n # SKIP ldd is missing"
elif libs=$(ldd "$dest$prefix/bin/strata") && ! echo "$libs" | grep -q 'libgtk\|libadwaita\|libcairo\|libpango'; then
  echo "ok $n installed strata links $(echo "$libs" | wc -l) libraries, not GTK, cairo or Pango"
else
  echo "not ok $n installed strata links GTK, cairo or Pango"
  failed=1
fi

# A file manager runs the thumbnailer's Exec line with %s, %i and %o
# replaced, from a PATH with the installed strata, and without a display;
# the PNG it writes has the size asked for as its longer side.
n=$((n + 1))
thumbnailer="$dest$prefix/share/thumbnailers/$app.thumbnailer"
exec_line=$(sed -n 's/^Exec=//p' "$thumbnailer")
mime_line=$(sed -n 's/^MimeType=//p' "$thumbnailer")
out="$dest/thumbnail.png"
command=${exec_line//%s/128}
command=${command//%i/$(dirname "$0")/../data/examples/lecture.strata}
command=${command//%o/$out}
# shellcheck disable=SC2086 # the Exec line is split on spaces, as a file manager does
if [ "$mime_line" = "application/x-strata+json;" ] &&
   env -u DISPLAY -u WAYLAND_DISPLAY PATH="$dest$prefix/bin:$PATH" \
       STRATA_LIBEXECDIR="$dest$prefix/$libexecdir" $command &&
   size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print("%dx%d" % struct.unpack(">II", d[16:24]))' "$out") &&
   python3 -c 'import sys; w,h=map(int,sys.argv[1].split("x")); sys.exit(0 if max(w,h)==128 and min(w,h)>=16 else 1)' "$size"; then
  echo "ok $n the thumbnailer draws a .strata file as a PNG of $size"
else
  echo "not ok $n the thumbnailer's Exec line “$exec_line” wrote no 128-pixel PNG (${size:-none})"
  failed=1
fi

# The desktop file opens .strata files: its MimeType names the type the
# shared-mime-info entry declares for *.strata.
n=$((n + 1))
if grep -q '^MimeType=application/x-strata+json;' "$dest$prefix/share/applications/$app.desktop" &&
   grep -q 'type="application/x-strata+json"' "$dest$prefix/share/mime/packages/$app.xml" &&
   grep -q 'pattern="\*.strata"' "$dest$prefix/share/mime/packages/$app.xml"; then
  echo "ok $n .strata files open with Strata"
else
  echo "not ok $n the desktop file and the MIME type do not match"
  failed=1
fi

# What a file manager asks: the type of a .strata file, and the application
# for that type, with the caches the post-install step would have made.
n=$((n + 1))
share="$dest$prefix/share"
example="$(dirname "$0")/../data/examples/lecture.strata"
if command -v gio >/dev/null && command -v update-mime-database >/dev/null &&
   command -v update-desktop-database >/dev/null; then
  update-mime-database "$share/mime" >/dev/null 2>&1
  update-desktop-database "$share/applications" >/dev/null 2>&1
  home=$(mktemp -d)
  type=$(env XDG_DATA_DIRS="$share:/usr/share" XDG_DATA_HOME="$home" \
         gio info -a standard::content-type "$example" | sed -n 's/.*content-type: //p')
  opener=$(env PATH="$dest$prefix/bin:$PATH" XDG_DATA_DIRS="$share:/usr/share" XDG_DATA_HOME="$home" \
        XDG_CONFIG_HOME="$home" gio mime application/x-strata+json | sed -n 's/^Default application.*: //p')
  rm -rf "$home"
  if [ "$type" = "application/x-strata+json" ] && [ "$opener" = "$app.desktop" ]; then
    echo "ok $n the desktop sees .strata files as $type, opened by $opener"
  else
    echo "not ok $n .strata files are “$type”, opened by “$opener”"
    failed=1
  fi
else
  echo "ok $n # SKIP gio or the MIME and desktop database tools are missing"
fi

exit $failed
