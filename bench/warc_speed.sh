#!/bin/sh
# warc_speed.sh -- speed of the WARC reader alone next to `zcat` on the same
# gzip WARC files. `kabar ingest` would mostly time the extractor and the
# store, so bench/warc_read.c (built by the Makefile's build/bench/% rule)
# times warc_next + warc_payload only: every record read, every HTTP payload
# de-chunked and decoded. Each input is copied COPIES times into one temp
# file (at least 25 MB) for stable timings; the best of 3 runs counts.
# The ratio is zcat's time over the reader's: >= 1 means the reader, which
# also parses records and decodes payloads, is faster than plain gunzip.
#
# usage: bench/warc_speed.sh [WARC_READ] [COPIES]
#   WARC_READ  default build/bench/warc_read (made when missing)
#   COPIES     default 20
set -u
cd "$(dirname "$0")/.."
BIN=${1:-build/bench/warc_read}
COPIES=${2:-20}
SRC=../shared/data/warc
if [ ! -d "$SRC" ]; then
    echo "warc_speed: $SRC not found; nothing to measure" >&2
    exit 0
fi
[ -x "$BIN" ] || make -s "$BIN" >&2 || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
best3() { # command... -> best wall seconds of 3 runs
    b=""
    for _ in 1 2 3; do
        s=$(now); "$@" >/dev/null 2>&1; e=$(now)
        t=$(echo "$e - $s" | bc -l)
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
    done
    echo "$b"
}

printf '%-34s %9s %8s %11s %9s %9s %7s\n' file MB records records/s "MB/s" "zcat MB/s" ratio
for f in resiliparse/warcfile.warc.gz copycat/snapshot-wayback-topic-02.warc.gz; do
    [ -f "$SRC/$f" ] || continue
    big="$tmp/$(basename "$f")"
    # at least COPIES copies and at least 25 MB, so that small files time well
    copies=$(( 25000000 / $(wc -c <"$SRC/$f") + 1 ))
    [ "$copies" -lt "$COPIES" ] && copies=$COPIES
    i=0
    while [ $i -lt "$copies" ]; do cat "$SRC/$f"; i=$((i + 1)); done >"$big"
    mb=$(echo "$(wc -c <"$big") / 1000000" | bc -l)
    n=$("$BIN" "$big" | sed -n 's/.*: \([0-9]*\) records.*/\1/p')
    t_r=$(best3 "$BIN" "$big")
    t_z=$(best3 sh -c 'zcat "$1" >/dev/null' _ "$big")
    printf '%-34s %9.1f %8d %11.0f %9.1f %9.1f %7.2f\n' "$(basename "$f") x$copies" "$mb" "$n" \
        "$(echo "$n / $t_r" | bc -l)" "$(echo "$mb / $t_r" | bc -l)" "$(echo "$mb / $t_z" | bc -l)" \
        "$(echo "$t_z / $t_r" | bc -l)"
done
