#!/bin/sh
# bench/run.sh -- `make bench`: throughput and quality figures against
# ../shared/data, printed as tables. Each figure comes from a command shown
# beside it so anyone can rerun it.
set -u
cd "$(dirname "$0")/.."
SHARED=${KABAR_SHARED:-../shared/data}
if [ ! -d "$SHARED" ]; then
    echo "bench: $SHARED not found; nothing to measure" >&2
    exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== ingest throughput: ./kabar ingest $SHARED/news-id (fresh database)"
bytes=$(find "$SHARED/news-id" -type f -name '*.csv' -exec cat {} + | wc -c)
/usr/bin/time -v ./kabar --db "$out/b.db" -q ingest "$SHARED/news-id" >"$out/ingest.out" 2>"$out/time.txt"
secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
added=$(sed -n 's/^added \([0-9]*\),.*/\1/p' "$out/ingest.out")
dups=$(sed -n 's/^added [0-9]*, duplicate \([0-9]*\).*/\1/p' "$out/ingest.out")
recs=$((added + dups))
printf '%-28s %12s\n' "records read" "$recs"
printf '%-28s %12s\n' "articles stored (unique)" "$added"
printf '%-28s %12s\n' "wall time (s)" "$secs"
awk -v r="$recs" -v b="$bytes" -v s="$secs" -v m="$rss" 'BEGIN {
    if (s <= 0) s = 0.001
    printf "%-28s %12.0f\n", "records/s", r / s
    printf "%-28s %12.2f\n", "MB/s", b / 1e6 / s
    printf "%-28s %12.1f\n", "peak RSS (MiB)", m / 1024 }'
echo

echo "== search latency: ./kabar search inflasi (10 runs)"
start=$(date +%s.%N)
for i in 1 2 3 4 5 6 7 8 9 10; do ./kabar --db "$out/b.db" search inflasi --limit 20 >/dev/null; done
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "%-28s %12.1f\n", "ms per query (incl. start-up)", (b - a) * 100 }'
echo

echo "== seeds: ./kabar summarize --json $SHARED/seeds/*.txt"
./kabar summarize --json "$SHARED"/seeds/*.txt | python3 -c '
import json, sys
v = json.load(sys.stdin)
print("%-28s %12d   (goal: 1)" % ("stories", len(v)))
print("%-28s %12d   (goal: 5)" % ("articles in story 1", len(v[0]["articles"])))
print("%-28s %12d   (goal: 3-7)" % ("summary sentences", len(v[0]["summary"])))
print("%-28s %12d   (goal: >= 1)" % ("sentences citing >= 2", sum(len(s["sources"]) >= 2 for s in v[0]["summary"])))
'
echo

echo "== language: stemming (build/bench/stem_bench)"
build/bench/stem_bench "$SHARED/lang/ud-id-gsd/ud-gsd-devtest-lemma-pairs.tsv" \
    "$SHARED/news-id/detik1000/data_berita.csv" | tee "$out/stem.txt"
echo

echo "== language: sentence boundaries (build/bench/sent_bench)"
build/bench/sent_bench "$SHARED" | tee "$out/sent.txt"
echo

echo "== language: identification (build/bench/lang_bench)"
build/bench/lang_bench "$SHARED" | tee "$out/lang.txt"
echo

# One table: each language-layer figure beside its reference (measured in
# this run where the reference runs here, else the published figure) and
# the goal of the language-layer issue.
echo "== language layer: kabar vs references (this run)"
awk -v stem="$out/stem.txt" -v sent="$out/sent.txt" -v lang="$out/lang.txt" 'BEGIN {
    while ((getline l < stem) > 0) {
        if (l ~ /^kabar stem \(as shipped, stem.h\)/) { n = split(l, f, " "); st_k = f[n] }
        if (l ~ /^Snowball indonesian  /) { n = split(l, f, " "); st_s = f[n] }
        if (l ~ /^hunspell-id/) { n = split(l, f, " "); st_h = f[n] }
        if (l ~ /^kabar stem \(as shipped\), warm cache/) { n = split(l, f, " "); sp_k = f[n - 1] }
        if (l ~ /^Snowball indonesian \(no cache\)/) { n = split(l, f, " "); sp_s = f[n - 1] }
    }
    while ((getline l < sent) > 0) {
        split(l, f, " ")
        if (f[1] == "ud-id-gsd" && f[2] == "kabar") g_k = f[8]
        if (f[1] == "ud-id-gsd" && f[2] == "icu") g_i = f[8]
        if (f[1] == "news" && f[2] == "kabar") n_k = f[8]
        if (f[1] == "news" && f[2] == "icu") n_i = f[8]
    }
    while ((getline l < lang) > 0) {
        split(l, f, " ")
        if (f[1] == "all") { l_k = f[4]; l_t = f[5] }
    }
    fmt = "%-36s %12s %22s %10s\n"
    printf fmt, "measure", "kabar", "reference", "goal"
    printf fmt, "stem accuracy, GSD lemma pairs", st_k, "Snowball " st_s, ">= 92%"
    printf fmt, "", "", "hunspell-id " st_h, ""
    printf fmt, "stem speed (words/s, one core)", sprintf("%.1fM", sp_k / 1e6), sprintf("Snowball %.1fM", sp_s / 1e6), ">= 1M"
    printf fmt, "sentence F1, UD GSD", g_k, "ICU " g_i, "> ICU"
    printf fmt, "sentence F1, clean news", n_k, "ICU " n_i, ">= 0.99"
    printf fmt, "language id, documents right", l_k, "textcat alone " l_t, ">= 99%"
}'
echo

echo "== extraction quality: bench/extract_eval.py (kabar vs readability-lxml, same run)"
if /usr/bin/python3 -c 'import readability' 2>/dev/null; then
    /usr/bin/python3 bench/extract_eval.py --kabar ./kabar --data "$SHARED/extraction"
else
    echo "   python3-readability missing: run 'make deps-bench'"
fi
echo "   published: trafilatura 0.924, jusText 0.862, readability-lxml 0.826; goal >= 0.93"
echo

echo "== extraction speed: bench/extract_speed.sh (same pages, one process per tool)"
sh bench/extract_speed.sh ./kabar "$SHARED/extraction/trafilatura-eval"
echo "   goal: >= 50x readability-lxml"
echo

echo "== WARC reader speed: bench/warc_speed.sh (reader alone vs zcat, same files)"
sh bench/warc_speed.sh build/bench/warc_read
echo "   goal: >= 0.8x zcat on gzip WARCs"
