#!/bin/sh
# extract_speed.sh -- pages per second of `kabar extract` against
# readability-lxml (Debian python3-readability) and Mozilla Readability.js
# (npm @mozilla/readability + jsdom, installed in bench/readability_js), on
# the same pages in one run. Pages are decompressed to a temporary directory
# first so every tool reads the same plain HTML files, and each tool works in
# one process (kabar: all files on one command line, in chunks of 500).
#
# usage: bench/extract_speed.sh [KABAR] [PAGES_DIR]
#   KABAR      default ./kabar
#   PAGES_DIR  default ../shared/data/extraction/trafilatura-eval (all *.html.gz below it)
set -u
cd "$(dirname "$0")/.."
KABAR=${1:-./kabar}
SRC=${2:-../shared/data/extraction/trafilatura-eval}
PY=${PYTHON:-/usr/bin/python3}
if [ ! -d "$SRC" ]; then
    echo "extract_speed: $SRC not found; nothing to measure" >&2
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
find "$SRC" -name '*.html.gz' | sort | while read -r f; do
    i=$((i + 1))
    gzip -dc "$f" >"$tmp/$i.html"
done
n=$(ls "$tmp" | wc -l)
mb=$(du -sm "$tmp" | cut -f1)
ls "$tmp"/*.html >"$tmp.list"

now() { date +%s.%N; }

t0=$(now)
xargs -n 500 "$KABAR" extract --json <"$tmp.list" >/dev/null 2>&1
t1=$(now)
kabar_s=$(echo "$t1 - $t0" | bc -l)

t0=$(now)
"$PY" - "$tmp.list" <<'PYEOF'
import sys, lxml.html
from readability import Document
for path in open(sys.argv[1]).read().split():
    try:
        with open(path, "rb") as f:
            lxml.html.fromstring(Document(f.read()).summary()).text_content()
    except Exception:
        pass
PYEOF
t1=$(now)
rl_s=$(echo "$t1 - $t0" | bc -l)

js_s=""
if [ -d bench/readability_js/node_modules/@mozilla/readability ]; then
    t0=$(now)
    xargs node bench/readability_js/run.js <"$tmp.list" >/dev/null 2>&1
    t1=$(now)
    js_s=$(echo "$t1 - $t0" | bc -l)
else
    echo "(Readability.js skipped: run 'npm install' in bench/readability_js)"
fi
rm -f "$tmp.list"

echo "== extraction speed: $n pages, $mb MB of HTML, one process per tool (wall clock)"
awk -v n="$n" -v k="$kabar_s" -v r="$rl_s" -v j="$js_s" 'BEGIN {
    printf "%-22s %10s %10s %14s\n", "tool", "seconds", "pages/s", "kabar is x faster"
    printf "%-22s %10.2f %10.1f %14s\n", "kabar extract", k, n / k, "1.0"
    printf "%-22s %10.2f %10.1f %14.1f\n", "readability-lxml", r, n / r, r / k
    if (j != "") printf "%-22s %10.2f %10.1f %14.1f\n", "Readability.js", j, n / j, j / k
}'
