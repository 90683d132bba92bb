#!/bin/sh
# usage.sh -- the command-line contract: help, usage errors, exit codes.
. tests/cli/lib.sh

out=$("$KABAR" --help); rc=$?
check "--help exits 0" [ $rc -eq 0 ]
check "--help lists the commands" sh -c 'echo "$1" | grep -q "^  summarize"' _ "$out"

"$KABAR" >/dev/null 2>&1; rc=$?
check "no command exits 2" [ $rc -eq 2 ]

err=$("$KABAR" frobnicate 2>&1 >/dev/null); rc=$?
check "unknown command exits 2" [ $rc -eq 2 ]
check "unknown command is named on stderr" sh -c 'echo "$1" | grep -q "unknown command .frobnicate."' _ "$err"

for c in ingest stories story search summarize clean sentences stem extract dupes analyze serve; do
    out=$("$KABAR" "$c" --help 2>/dev/null); rc=$?
    check "$c --help exits 0 with a usage line" sh -c '[ $1 -eq 0 ] && echo "$2" | grep -q "^usage: kabar '"$c"'"' _ $rc "$out"
done

"$KABAR" story >/dev/null 2>&1; rc=$?
check "story without an id exits 2" [ $rc -eq 2 ]
"$KABAR" story abc >/dev/null 2>&1; rc=$?
check "story with a bad id exits 2" [ $rc -eq 2 ]
"$KABAR" stories --limit 0 >/dev/null 2>&1; rc=$?
check "stories --limit 0 exits 2" [ $rc -eq 2 ]
"$KABAR" ingest --format xml x >/dev/null 2>&1; rc=$?
check "ingest with an unknown format exits 2" [ $rc -eq 2 ]

for c in dupes analyze serve; do
    err=$(echo x | "$KABAR" "$c" - 2>&1 >/dev/null); rc=$?
    check "$c says not implemented and exits 2" sh -c '[ $1 -eq 2 ] && echo "$2" | grep -q "not implemented yet"' _ $rc "$err"
done

out=$(printf 'menulis\n\nRumah-rumah\nmakanan\n' | "$KABAR" stem); rc=$?
check "stem keeps the line count" [ $rc -eq 0 -a "$(printf '%s\n' "$out" | wc -l)" -eq 4 ]
check "stem keeps empty lines in place" [ "$(printf '%s\n' "$out" | sed -n 2p)" = "" ]
out=$(printf 'running\n' | "$KABAR" stem --lang en)
check "stem --lang en uses the English stemmer" [ "$out" = "run" ]
"$KABAR" stem --lang xx </dev/null >/dev/null 2>&1; rc=$?
check "stem with an unknown language exits 2" [ $rc -eq 2 ]

"$KABAR" clean "$TMP/missing.txt" >/dev/null 2>&1; rc=$?
check "clean of a missing file exits 1" [ $rc -eq 1 ]
out=$(printf '' | "$KABAR" sentences -); rc=$?
check "sentences of empty input prints nothing" [ $rc -eq 0 -a -z "$out" ]
