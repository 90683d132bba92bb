#!/bin/sh
# demo.sh -- a newcomer's first run: install what is missing, build, ingest the
# bundled sample corpus (examples/) into build/demo.db, list its stories and
# show the most covered one with its cited summary.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh --install
make -s kabar
db=build/demo.db
rm -f "$db" "$db-wal" "$db-shm"
echo "== kabar ingest examples/corpus"
./kabar --db "$db" -q ingest examples/corpus
echo
echo "== kabar stories"
./kabar --db "$db" stories
top=$(./kabar --db "$db" stories --limit 1 | awk 'NR == 1 {print $1}')
echo
echo "== kabar story $top"
./kabar --db "$db" story "$top"
