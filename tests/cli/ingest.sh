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

# Inputs without urls: the file path / PATH:LINE / "stdin" is a stand-in,
# not an identity. A different article under it is added, never lost as a
# duplicate; the same content again is a duplicate.
db="$TMP/synthetic.db"
out=$(printf 'Jembatan Bambu\n\nWarga desa membangun jembatan bambu baru pada Senin pagi.\n' | "$KABAR" --db "$db" ingest - 2>"$TMP/err"); rc=$?
check "ingest - stores an article from stdin" sh -c '[ $1 -eq 0 ] && echo "$2" | grep -q "^added 1,"' _ $rc "$out"
out=$(printf 'Pasar Baru\n\nPemerintah kota meresmikan pasar tradisional yang baru direnovasi.\n' | "$KABAR" --db "$db" ingest - 2>"$TMP/err"); rc=$?
check "a different article through ingest - is added, not a duplicate" sh -c '[ $1 -eq 0 ] && echo "$2" | grep -q "^added 1, duplicate 0"' _ $rc "$out"
out=$(printf 'Pasar Baru\n\nPemerintah kota meresmikan pasar tradisional yang baru direnovasi.\n' | "$KABAR" --db "$db" ingest - 2>"$TMP/err"); rc=$?
check "the same stdin article again is a duplicate" sh -c '[ $1 -eq 0 ] && echo "$2" | grep -q "^added 0, duplicate 1"' _ $rc "$out"
mkdir -p "$TMP/d1" "$TMP/d2"
echo '{"title":"Padi","text":"Petani di lembah mulai menanam padi varietas baru yang tahan kekeringan."}' >"$TMP/d1/a1.jsonl"
echo '{"title":"Solar","text":"Nelayan di pesisir utara mengeluhkan harga solar yang naik dua kali sebulan."}' >"$TMP/d2/a1.jsonl"
out1=$(cd "$TMP/d1" && "$KABAR" --db "$db" ingest a1.jsonl 2>&1)
out2=$(cd "$TMP/d2" && "$KABAR" --db "$db" ingest a1.jsonl 2>&1)
check "two different a1.jsonl files from different directories are both added" sh -c 'echo "$1" | grep -q "^added 1," && echo "$2" | grep -q "^added 1,"' _ "$out1" "$out2"
"$KABAR" --db "$db" stories --json >"$TMP/syn.json"
check "the second article under a taken url is stored as URL#hash" python3 - "$TMP/syn.json" <<'PY'
import json, re, sys
urls = sorted(a["url"] for s in json.load(open(sys.argv[1])) for a in s["articles"])
assert len(urls) == 4, urls
for base in ("stdin", "a1.jsonl:1"):
    assert base in urls, urls
    assert any(re.fullmatch(re.escape(base) + "#[0-9a-f]{12}", u) for u in urls), urls
PY

# One article under its www., m. and amp. urls: one article and two copies,
# not three rejections; summarize keeps it too.
for h in www m amp; do
  printf '{"url":"https://%s.kabarku.co.id/banjir","title":"Banjir Lembah Sari","text":"Banjir merendam puluhan rumah di Kecamatan Lembah Sari pada Minggu malam.\\nWarga mengungsi ke balai desa sambil menunggu air surut."}\n' $h
done >"$TMP/variants.jsonl"
out=$("$KABAR" --db "$TMP/variants.db" ingest "$TMP/variants.jsonl" 2>"$TMP/err"); rc=$?
check "url variants of one article: added 1, copies 2, exit 0, silent" sh -c '[ $1 -eq 0 ] && [ ! -s "$3" ] && echo "$2" | grep -q "^added 1, duplicate 2 (copies 2), rejected 0"' _ $rc "$out" "$TMP/err"
"$KABAR" summarize --json "$TMP/variants.jsonl" >"$TMP/variants.json" 2>"$TMP/err"; rc=$?
check "summarize of url variants: one story of three articles" sh -c '[ $1 -eq 0 ] && python3 -c "import json,sys; v=json.load(open(sys.argv[1])); assert len(v)==1 and len(v[0][\"articles\"])==3, v" "$2"' _ $rc "$TMP/variants.json"

# summarize reports an article with nothing left, counts it, exits 1
cp "$TMP/variants.jsonl" "$TMP/junk.jsonl"
printf '%s\n' '{"url":"https://kosong.test/1","text":"Baca juga: Harga Cabai Naik\nADVERTISEMENT"}' >>"$TMP/junk.jsonl"
"$KABAR" summarize --json "$TMP/junk.jsonl" >"$TMP/junk.json" 2>"$TMP/err"; rc=$?
check "summarize: an emptied article makes the exit status 1" [ $rc -eq 1 ]
check "summarize: the emptied article is reported with file and line" grep -q "junk.jsonl:4: no text left after cleaning" "$TMP/err"
check "summarize: the other stories are still printed" python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))) == 1' "$TMP/junk.json"

# clean keeps news that opens with a prompt word, drops the prompt itself
out=$(printf 'Hak cipta atas lagu daerah kini dilindungi undang-undang yang baru disahkan DPR.\nKlik di sini untuk berlangganan.\nKlik Indonesia, perusahaan rintisan asal Bandung, meraih pendanaan baru.\n' | "$KABAR" clean -)
check "clean keeps 'Hak cipta atas ...' and 'Klik Indonesia ...', drops 'Klik di sini ...'" sh -c 'echo "$1" | grep -q "^Hak cipta atas" && echo "$1" | grep -q "^Klik Indonesia" && ! echo "$1" | grep -q "Klik di sini"' _ "$out"
