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
    "$SHARED/news-id/detik1000/data_berita.csv"
echo "   references: Snowball 78.6%, hunspell-id 87.8% (published); goal >= 92%, >= 1M words/s"
echo

echo "== language: sentence boundaries (build/bench/sent_bench)"
build/bench/sent_bench "$SHARED"
echo "   reference: ICU ~0.93 on GSD (published); goal: above ICU, >= 0.99 on clean news"
echo

echo "== language: identification (build/bench/lang_bench)"
build/bench/lang_bench "$SHARED"
echo "   goal: >= 99% of documents right"
