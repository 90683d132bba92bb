#!/bin/sh
# ingest.sh -- ingest the bundled sample corpus, then list, show and search.
. tests/cli/lib.sh

out=$("$KABAR" ingest examples/corpus 2>"$TMP/err"); rc=$?
check "ingest examples/corpus exits 0" [ $rc -eq 0 ]
check "ingest examples is silent on stderr" [ ! -s "$TMP/err" ]
added=$(echo "$out" | sed -n 's/^added \([0-9]*\),.*/\1/p')
check "ingest examples adds articles ($added)" [ "${added:-0}" -ge 15 ]
check "the syndicated copy is recorded as a copy" sh -c 'echo "$1" | grep -q "(copies [1-9]"' _ "$out"

out=$("$KABAR" ingest examples/corpus 2>"$TMP/err"); rc=$?
check "a second ingest adds nothing" sh -c '[ $1 -eq 0 ] && echo "$2" | grep -q "^added 0,"' _ $rc "$out"

"$KABAR" stories --json >"$TMP/stories.json"; rc=$?
check "stories --json exits 0" [ $rc -eq 0 ]
check "stories --json has the DESIGN fields and multi-site stories" python3 - "$TMP/stories.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
assert isinstance(v, list) and len(v) >= 3, len(v)
for s in v:
    assert set(["id", "title", "articles", "sites", "first_published", "last_published"]) <= set(s), s.keys()
    assert all(set(["id", "url"]) <= set(a) for a in s["articles"])
big = [s for s in v if s["sites"] >= 3]
assert len(big) >= 3, [(s["title"], s["sites"]) for s in v]
# most covered first
assert [s["sites"] for s in v] == sorted([s["sites"] for s in v], reverse=True)
PY

first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$TMP/stories.json")
"$KABAR" story "$first" --json >"$TMP/story.json"; rc=$?
check "story --json exits 0" [ $rc -eq 0 ]
check "story --json has a cited summary" python3 - "$TMP/story.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
ids = {a["id"] for a in s["articles"]}
assert 3 <= len(s["summary"]) <= 7, len(s["summary"])
for x in s["summary"]:
    assert x["article"] in x["sources"], x
    assert set(x["sources"]) <= ids, x
assert any(len(x["sources"]) >= 2 for x in s["summary"])
for k in ("facts", "disagreements", "timeline"):
    assert k in s
PY
out=$("$KABAR" story "$first"); rc=$?
check "story text output exits 0 and shows citations" sh -c '[ $1 -eq 0 ] && echo "$2" | grep -q "\[[0-9]"' _ $rc "$out"
out=$("$KABAR" story "$first" --md); rc=$?
check "story --md starts with a heading" sh -c '[ $1 -eq 0 ] && echo "$2" | head -1 | grep -q "^# "' _ $rc "$out"
"$KABAR" story 999999 >/dev/null 2>"$TMP/err"; rc=$?
check "story of a missing id exits 1 with a message" sh -c '[ $1 -eq 1 ] && grep -q "no story 999999" "$2"' _ $rc "$TMP/err"

"$KABAR" search --json banjir >"$TMP/search.json"; rc=$?
check "search --json exits 0" [ $rc -eq 0 ]
check "search finds the flood story, with snippets" python3 - "$TMP/search.json" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
assert v and v[0]["articles"], v
h = v[0]["articles"][0]
assert "[" in h["snippet"] and "]" in h["snippet"], h["snippet"]
PY
out=$("$KABAR" search 'AND OR "(' 2>&1); rc=$?
check "search with FTS operators in the query does not fail" [ $rc -eq 0 ]

printf '{"url":"http://x.test/1","title":"Satu","text":"Warga desa membangun jembatan bambu baru pada Senin pagi."}\n{"url": broken\n\n{"url":"http://x.test/2","text":""}\n' >"$TMP/bad.jsonl"
out=$("$KABAR" ingest "$TMP/bad.jsonl" 2>"$TMP/err"); rc=$?
check "a bad record makes ingest exit 1" [ $rc -eq 1 ]
check "the bad record is reported with file and line" grep -q "bad.jsonl:2:" "$TMP/err"
check "the empty record is reported with file and line" grep -q "bad.jsonl:4:" "$TMP/err"
check "the good record is stored" sh -c 'echo "$1" | grep -q "^added 1,.*rejected 2"' _ "$out"
