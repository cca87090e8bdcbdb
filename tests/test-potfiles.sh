#!/usr/bin/env bash
# test-potfiles.sh: every source, template and data file with translatable
# strings is listed in po/POTFILES.in, and every listed file exists.
# Usage: test-potfiles.sh SOURCE_DIR
set -u
cd "$1" || exit 1

raw=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
listed=$(echo "$raw" | sort)
found=$( {
  grep -rlE '(^|[^A-Za-z0-9_])N?_ ?\("' src --include='*.c' ;
  grep -rl 'translatable="yes"' src --include='*.ui' ;
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null ;
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
