#!/bin/sh
# extract_speed.sh -- pages per second of `kabar extract` against
# readability-lxml (Debian python3-readability) and Mozilla Readability.js
# (npm @mozilla/readability + jsdom, installed in bench/readability_js), on
# the same pages in one run. Pages are decompressed to a temporary directory
# first so every tool reads the same plain HTML files, and each tool works in
# one process (kabar: all files on one command line, in chunks of 500).
# Also timed: libxml2 alone (htmlReadMemory + xmlFreeDoc with kabar's
# options, and a SAX parse with empty callbacks), the ceiling for any
# extractor built on libxml2's HTML parser.
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

cat >"$tmp.c" <<'CEOF'
#include <stdio.h>
#include <string.h>
#include <libxml/HTMLparser.h>
static void nop_chars(void *c, const xmlChar *s, int n) { (void)c; (void)s; (void)n; }
static void nop_start(void *c, const xmlChar *n, const xmlChar **a) { (void)c; (void)n; (void)a; }
static void nop_end(void *c, const xmlChar *n) { (void)c; (void)n; }
int main(int argc, char **argv)
{
    static char buf[64 << 20];
    int sax = strcmp(argv[1], "sax") == 0, i;
    int opt = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC |
              HTML_PARSE_COMPACT;
    htmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.characters = nop_chars;
    h.startElement = nop_start;
    h.endElement = nop_end;
    for (i = 2; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        size_t n;
        if (!f) continue;
        n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        if (sax) {
            htmlParserCtxtPtr c = htmlCreateMemoryParserCtxt(buf, (int)n);
            if (!c) continue;
            htmlCtxtUseOptions(c, opt);
            memcpy(c->sax, &h, sizeof h);
            htmlParseDocument(c);
            htmlFreeParserCtxt(c);
        } else {
            htmlDocPtr d = htmlReadMemory(buf, (int)n, NULL, "UTF-8", opt);
            if (d) xmlFreeDoc(d);
        }
    }
    return 0;
}
CEOF
tree_s="" sax_s=""
if cc -O2 $(pkg-config --cflags libxml-2.0) -o "$tmp.bare" "$tmp.c" $(pkg-config --libs libxml-2.0) 2>/dev/null; then
    t0=$(now)
    xargs -n 500 "$tmp.bare" tree <"$tmp.list"
    t1=$(now)
    tree_s=$(echo "$t1 - $t0" | bc -l)
    t0=$(now)
    xargs -n 500 "$tmp.bare" sax <"$tmp.list"
    t1=$(now)
    sax_s=$(echo "$t1 - $t0" | bc -l)
fi
rm -f "$tmp.c" "$tmp.bare"

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
awk -v n="$n" -v mb="$mb" -v k="$kabar_s" -v r="$rl_s" -v j="$js_s" -v t="$tree_s" -v s="$sax_s" 'BEGIN {
    printf "%-30s %9s %9s %9s %18s\n", "tool", "seconds", "pages/s", "MB/s", "x readability-lxml"
    printf "%-30s %9.2f %9.1f %9.1f %18.1f\n", "kabar extract", k, n / k, mb / k, r / k
    printf "%-30s %9.2f %9.1f %9.1f %18.1f\n", "readability-lxml", r, n / r, mb / r, 1
    if (j != "") printf "%-30s %9.2f %9.1f %9.1f %18.1f\n", "Readability.js", j, n / j, mb / j, r / j
    if (t != "") printf "%-30s %9.2f %9.1f %9.1f %18.1f\n", "libxml2 tree parse only", t, n / t, mb / t, r / t
    if (s != "") printf "%-30s %9.2f %9.1f %9.1f %18.1f\n", "libxml2 SAX parse only", s, n / s, mb / s, r / s
}'
