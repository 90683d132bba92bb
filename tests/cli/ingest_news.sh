#!/bin/sh
# ingest_news.sh -- real data: ingest ../shared/data/news-id, rerun (adds 0),
# and a kill -9 in the middle followed by a rerun ends with the same articles.
. tests/cli/lib.sh
if ! have_shared; then skip "news-id ingest (../shared/data absent)"; exit 0; fi
NEWS="$SHARED/news-id"

"$KABAR" --db "$TMP/a.db" ingest "$NEWS" >"$TMP/out1" 2>"$TMP/err1"; rc=$?
check "ingest news-id completes (exit 0 or 1 for rejected rows)" [ $rc -le 1 ]
added=$(sed -n 's/^added \([0-9]*\),.*/\1/p' "$TMP/out1")
check "ingest news-id stores thousands of articles ($added)" [ "${added:-0}" -ge 3500 ]
if [ $rc -eq 1 ]; then
    check "every rejected row is reported with file and line" sh -c '! grep -v "^kabar: .*:[0-9][0-9]*: " "$1" | grep -q .' _ "$TMP/err1"
fi
"$KABAR" --db "$TMP/a.db" ingest "$NEWS" >"$TMP/out2" 2>/dev/null
check "a second ingest adds 0" grep -q "^added 0," "$TMP/out2"

"$KABAR" --db "$TMP/a.db" stories --limit 5 >"$TMP/stories"; rc=$?
check "stories lists stories" sh -c '[ $1 -eq 0 ] && [ $(wc -l <"$2") -ge 5 ]' _ $rc "$TMP/stories"
"$KABAR" --db "$TMP/a.db" search inflasi --limit 5 >"$TMP/search"; rc=$?
check "search inflasi returns results with snippets" sh -c '[ $1 -eq 0 ] && grep -qi "\[inflasi\]" "$2"' _ $rc "$TMP/search"

# kill -9 midway, then rerun: same articles, no duplicates
"$KABAR" --db "$TMP/k.db" -q ingest "$NEWS" >/dev/null 2>&1 &
pid=$!
sleep 2
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
"$KABAR" --db "$TMP/k.db" ingest "$NEWS" >/dev/null 2>&1
a=$("$KABAR" --db "$TMP/a.db" stories --json --limit 1000000 | python3 -c 'import json,sys; print(sum(len(s["articles"]) for s in json.load(sys.stdin)))')
k=$("$KABAR" --db "$TMP/k.db" stories --json --limit 1000000 | python3 -c 'import json,sys; v=json.load(sys.stdin); u=[a["url"] for s in v for a in s["articles"]]; print(len(u) if len(u)==len(set(u)) else -1)')
check "after kill -9 and a rerun: same articles ($k vs $a), no duplicates" [ "$a" = "$k" ]
