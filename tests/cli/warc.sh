#!/bin/sh
# warc.sh -- web archives, feeds and HTML through `kabar ingest`: every file
# of ../shared/data/warc read without a crash (the test binary is the ASan
# build, so a sanitizer report fails the run), the broken and truncated ones
# reporting a byte offset, the Wayback capture stored with urls and dates;
# then our own fixtures, including a directory of formats recognised by
# content alone.
. tests/cli/lib.sh

WARC="$SHARED/warc"
if [ -d "$WARC" ]; then
    for f in $(find "$WARC" -type f ! -name LICENSE | sort); do
        name=${f#"$WARC"/}
        "$KABAR" --db "$TMP/all.db" ingest "$f" >"$TMP/out" 2>"$TMP/err"; rc=$?
        check "ingest $name: exit 0 or 1 ($rc)" [ $rc -eq 0 -o $rc -eq 1 ]
        check "ingest $name: no sanitizer report" sh -c '! grep -q -e "Sanitizer" -e "runtime error" "$1"' _ "$TMP/err"
        check "ingest $name: counts printed" grep -q '^added [0-9]*, duplicate' "$TMP/out"
        case $name in
        resiliparse/clipped.warc.gz | warcio/example-space-in-url.arc | warcio/bad.arc)
            check "ingest $name: the damage is named with a byte offset" grep -q ':@[0-9][0-9]*: ' "$TMP/err"
            check "ingest $name: exit 1" [ $rc -eq 1 ] ;;
        esac
    done

    cap="$WARC/copycat/snapshot-wayback-topic-02.warc.gz"
    out=$("$KABAR" --db "$TMP/cap.db" ingest "$cap" 2>"$TMP/err")
    added=$(echo "$out" | sed -n 's/^added \([0-9]*\),.*/\1/p')
    check "Wayback capture: HTML articles stored ($added)" [ "${added:-0}" -ge 100 ]
    "$KABAR" --db "$TMP/cap.db" stories --json --limit 1000 >"$TMP/cap.json"
    check "Wayback capture: original urls and capture dates" python3 - "$TMP/cap.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
urls = [a["url"] for s in v for a in s["articles"]]
assert len(urls) >= 100, len(urls)
assert all(u.startswith("http") and "web.archive.org" not in u for u in urls), [u for u in urls if "archive.org" in u][:3]
dated = [s for s in v if s["first_published"] and s["first_published"][:2] in ("19", "20")]
assert len(dated) >= 0.9 * len(v), (len(dated), len(v))
PY
    "$KABAR" --db "$TMP/cap.db" search casino --json >"$TMP/search.json"; rc=$?
    check "Wayback capture: searchable" sh -c '[ $1 -eq 0 ] && grep -q "http" "$2"' _ $rc "$TMP/search.json"
else
    skip "../shared/data/warc is absent: shared WARC files not tested"
fi

# our fixtures: a mixed directory recognised by content, not by name
out=$("$KABAR" --db "$TMP/mix.db" ingest tests/data/warc/campur 2>"$TMP/err"); rc=$?
check "mixed directory: exit 0" [ $rc -eq 0 ]
check "mixed directory: stderr empty" [ ! -s "$TMP/err" ]
check "mixed directory: warc.gz, html, feed and text all read" sh -c 'echo "$1" | grep -q "^added 6,"' _ "$out"

out=$("$KABAR" --db "$TMP/f.db" ingest --format feed tests/data/feed/rss.xml 2>"$TMP/err"); rc=$?
check "feed: exit 1 for the item without content" [ $rc -eq 1 ]
check "feed: the item is named by its line" grep -q 'rss.xml:24: feed item without content or summary' "$TMP/err"
check "feed: three articles" sh -c 'echo "$1" | grep -q "^added 3,"' _ "$out"

"$KABAR" --db "$TMP/t.db" ingest tests/data/warc/terpotong.warc.gz >"$TMP/out" 2>"$TMP/err"; rc=$?
check "truncated gzip WARC: exit 1" [ $rc -eq 1 ]
check "truncated gzip WARC: whole records kept" grep -q '^added 2,' "$TMP/out"
check "truncated gzip WARC: offset of the cut record" grep -q 'terpotong.warc.gz:@2233: truncated' "$TMP/err"

out=$(cat tests/data/warc/berita.warc.gz | "$KABAR" --db "$TMP/s.db" ingest - 2>"$TMP/err"); rc=$?
check "gzip WARC on stdin: exit 0" [ $rc -eq 0 ]
check "gzip WARC on stdin: three articles" sh -c 'echo "$1" | grep -q "^added 3,"' _ "$out"
