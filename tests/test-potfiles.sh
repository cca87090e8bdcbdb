#!/usr/bin/env bash
# test-potfiles.sh: every source, template and data file in which xgettext
# finds translatable strings is listed in po/POTFILES.in, and every listed
# file exists.
# Usage: test-potfiles.sh SOURCE_DIR
set -u
cd "$1" || exit 1

raw=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
listed=$(echo "$raw" | sort)
# A file has strings when xgettext, with the keywords meson's glib preset
# gives it, finds any; without xgettext, a search for the markers.
has_strings() {
  if command -v xgettext >/dev/null; then
    xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
      --keyword=g_dngettext:2,3 --flag=g_dngettext:2:pass-c-format --add-comments \
      --output=- "$1" 2>/dev/null | grep -q '^msgid "[^"]'
  else
    grep -qE '(^|[^A-Za-z0-9_])N?_ ?\("|translatable="yes"' "$1"
  fi
}
found=$( {
  for f in $(find src -name '*.c' -o -name '*.ui' | sort); do
    has_strings "$f" && echo "$f"
  done
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
} | sort -u)

n=0
status=0
echo "1..2"

n=$((n + 1))
missing=$(comm -13 <(echo "$listed") <(echo "$found"))
if [ -z "$missing" ]; then
  echo "ok $n every file with strings is in POTFILES.in"
else
  echo "not ok $n files with strings missing from POTFILES.in"
  echo "$missing" | sed 's/^/# /'
  status=1
fi

n=$((n + 1))
gone=""
for f in $listed; do
  [ -f "$f" ] || gone="$gone $f"
done
if [ -z "$gone" ] && [ "$raw" = "$(echo "$raw" | LC_ALL=C sort)" ]; then
  echo "ok $n POTFILES.in lists existing files, alphabetically"
else
  echo "not ok $n POTFILES.in names missing files or is out of order:$gone"
  status=1
fi
exit $status
