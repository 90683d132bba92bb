#!/bin/sh
# seeds_summarize.sh -- the founding acceptance test: the five seed articles
# are one story, summarised in 3-7 sentences, each citing only articles that
# say it (checked here independently, by word overlap with the cited text).
. tests/cli/lib.sh
if ! have_shared; then skip "seeds summary (../shared/data absent)"; exit 0; fi

"$KABAR" summarize --json "$SHARED"/seeds/*.txt >"$TMP/s.json" 2>"$TMP/err"; rc=$?
check "summarize seeds exits 0" [ $rc -eq 0 ]
check "summarize seeds is silent on stderr" [ ! -s "$TMP/err" ]
check "the seeds are one story with all five articles, cited correctly" python3 - "$TMP/s.json" "$SHARED"/seeds/*.txt <<'PY'
import json, re, sys
stories = json.load(open(sys.argv[1]))
files = sys.argv[2:]
assert len(stories) == 1, [len(s["articles"]) for s in stories]
s = stories[0]
assert len(s["articles"]) == 5, len(s["articles"])
byid = {a["id"]: a for a in s["articles"]}
texts = {a["id"]: open(a["url"], encoding="utf-8").read() for a in s["articles"]}
assert 3 <= len(s["summary"]) <= 7, len(s["summary"])
def words(t):
    return set(re.findall(r"\w+", t.lower()))
def sents(t):
    return [x for x in re.split(r"(?<=[.!?\u201d\"])\s+|\n|(?<=[a-z])\.(?=[A-Z])", t) if x.strip()]
junk = re.compile(r"(Baca Juga|Tonton|Reporter:|Editor:|BACA SELENGKAPNYA|Leave a Reply|Sumber:|\(\*\)|VIA AFP|AGENCE FRANCE)")
multi = 0
for x in s["summary"]:
    t = x["text"]
    assert not junk.search(t), t
    assert t.rstrip()[-1] in '.!"\u201d)', "not a sentence: " + t
    assert len(t.split()) >= 6, t
    w = words(t)
    for src in x["sources"]:
        best = max(len(w & words(y)) / max(1, min(len(w), len(words(y)))) for y in sents(texts[src]))
        assert best >= 0.5, (t, src, best)
    if len(x["sources"]) >= 2:
        multi += 1
assert multi >= 1, "no sentence cites two articles"
PY
