#!/bin/sh
# store.sh -- the store as the commands see it: read commands open without
# creating or writing, a search index built with another stemmer is
# reported (read) and rebuilt (write), and "--" ends option parsing.
# Fixture texts are invented for this test.
. tests/cli/lib.sh

cat >"$TMP/a.jsonl" <<'EOF'
{"url": "https://kabar-uji.example/a1", "site": "kabar-uji.example", "title": "Jembatan gantung baru dikembangkan di Lembah Sari", "published": "2024-03-04", "text": "Pemerintah Kabupaten Lembah Sari mengumumkan jembatan gantung baru yang dikembangkan bersama warga desa. Jembatan itu menghubungkan dua dusun yang selama ini terpisah sungai. Kepala dinas mengatakan pekerjaan selesai sebelum musim hujan."}
{"url": "https://warta-uji.example/b1", "site": "warta-uji.example", "title": "Warga Lembah Sari sambut jembatan gantung", "published": "2024-03-05", "text": "Warga dua dusun di Lembah Sari menyambut jembatan gantung yang dikembangkan pemerintah kabupaten. Anak sekolah kini tidak perlu menyeberang sungai dengan rakit. Kepala desa berterima kasih kepada para pekerja."}
EOF

# --- read commands never create a database --------------------------------------
for cmd in "stories" "story 1" "search jembatan"; do
    # shellcheck disable=SC2086
    "$KABAR" --db "$TMP/typo.db" $cmd >/dev/null 2>"$TMP/err"; rc=$?
    check "$cmd on a missing database exits 1" [ $rc -eq 1 ]
    check "$cmd on a missing database says so" grep -q "no database at $TMP/typo.db (create one with 'kabar ingest')" "$TMP/err"
    check "$cmd does not create the file" [ ! -e "$TMP/typo.db" ]
done

"$KABAR" ingest "$TMP/a.jsonl" >/dev/null 2>"$TMP/err"; rc=$?
check "ingest the fixture exits 0" [ $rc -eq 0 ]
check "a first ingest rebuilds nothing" sh -c '! grep -q "rebuilt" "$1"' _ "$TMP/err"

out=$("$KABAR" search dikembangkan 2>"$TMP/err")
check "search finds the word" sh -c 'echo "$1" | grep -q "kabar-uji.example/a1"' _ "$out"
check "search warns of nothing" [ ! -s "$TMP/err" ]

# --- another stemmer: here the same rules without the hunspell-id lexicon ------
if [ -r "${KABAR_ID_DIC:-/usr/share/hunspell/id_ID.dic}" ]; then
    out=$(KABAR_ID_DIC=/nonexistent "$KABAR" search dikembangkan 2>"$TMP/err"); rc=$?
    check "a read with another stemmer exits 0" [ $rc -eq 0 ]
    check "a read with another stemmer warns" grep -q "warning: search index built with another stemmer" "$TMP/err"
    KABAR_ID_DIC=/nonexistent "$KABAR" ingest "$TMP/a.jsonl" >/dev/null 2>"$TMP/err"
    check "a write with another stemmer rebuilds the index" grep -q "^kabar: search index rebuilt for a new stemmer (2 articles)" "$TMP/err"
    out=$(KABAR_ID_DIC=/nonexistent "$KABAR" search dikembangkan 2>"$TMP/err")
    check "after the rebuild that stemmer finds the word" sh -c 'echo "$1" | grep -q "kabar-uji.example/a1"' _ "$out"
    check "after the rebuild there is no warning" [ ! -s "$TMP/err" ]
    "$KABAR" search dikembangkan >/dev/null 2>"$TMP/err"
    check "the default stemmer now warns" grep -q "another stemmer" "$TMP/err"
    "$KABAR" -q ingest "$TMP/a.jsonl" >/dev/null 2>"$TMP/err"
    check "a write with the default stemmer rebuilds back" grep -q "rebuilt for a new stemmer (2 articles)" "$TMP/err"
    out=$("$KABAR" search dikembangkan 2>"$TMP/err")
    check "and finds the word again" sh -c 'echo "$1" | grep -q "kabar-uji.example/a1"' _ "$out"
    "$KABAR" ingest "$TMP/a.jsonl" >/dev/null 2>"$TMP/err"
    check "a second write rebuilds nothing" sh -c '! grep -q "rebuilt" "$1"' _ "$TMP/err"
else
    skip "stemmer change (no hunspell-id dictionary)"
fi

# --- "--" ends option parsing -----------------------------------------------------
"$KABAR" search -- -x >/dev/null 2>"$TMP/err"; rc=$?
check "search -- -x searches for -x" sh -c '[ $1 -eq 0 ] && ! grep -q "unknown option" "$2"' _ $rc "$TMP/err"
out=$("$KABAR" search --json -- --json dikembangkan 2>/dev/null)
check "search --json -- --json takes the second as a word" sh -c 'echo "$1" | grep -q "^\["' _ "$out"
"$KABAR" stories -- >/dev/null 2>&1; rc=$?
check "stories -- exits 0" [ $rc -eq 0 ]
"$KABAR" story -- 1 >/dev/null 2>&1; rc=$?
check "story -- 1 exits 0" [ $rc -eq 0 ]
"$KABAR" story -- -1 >/dev/null 2>"$TMP/err"; rc=$?
check "story -- -1 is not a story id" sh -c '[ $1 -eq 2 ] && grep -q "not a story id" "$2"' _ $rc "$TMP/err"

# --- read commands write nothing ------------------------------------------------
if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$KABAR_DB" "PRAGMA journal_mode = DELETE" >/dev/null
    "$KABAR" stories >/dev/null 2>&1
    "$KABAR" search jembatan >/dev/null 2>&1
    check "read commands leave the journal mode alone" [ "$(sqlite3 "$KABAR_DB" "PRAGMA journal_mode")" = delete ]
    cp "$KABAR_DB" "$TMP/new.db"
    sqlite3 "$TMP/new.db" "PRAGMA user_version = 99"
    "$KABAR" --db "$TMP/new.db" stories >/dev/null 2>"$TMP/err"; rc=$?
    check "a newer schema is refused" sh -c '[ $1 -eq 1 ] && grep -q "is newer than this kabar" "$2"' _ $rc "$TMP/err"
    : >"$TMP/empty.db"
    "$KABAR" --db "$TMP/empty.db" stories >/dev/null 2>"$TMP/err"; rc=$?
    check "an empty file is not a kabar database" sh -c '[ $1 -eq 1 ] && grep -q "not a kabar database" "$2"' _ $rc "$TMP/err"
    check "and stays empty" [ ! -s "$TMP/empty.db" ]
    sqlite3 "$KABAR_DB" "PRAGMA journal_mode = WAL" >/dev/null
else
    skip "journal mode and schema checks (no sqlite3 shell)"
fi

# --- another user's read-only archive ---------------------------------------------
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
    mkdir "$TMP/ro"
    "$KABAR" --db "$TMP/ro/k.db" ingest "$TMP/a.jsonl" >/dev/null 2>&1
    chmod 755 "$TMP" "$TMP/ro"
    chmod 644 "$TMP/ro/k.db"
    asnobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    out=$(asnobody "$KABAR" --db "$TMP/ro/k.db" stories 2>"$TMP/err"); rc=$?
    check "stories on another user's database exits 0" [ $rc -eq 0 ]
    check "and lists its story" sh -c 'echo "$1" | grep -q "2 articles"' _ "$out"
    out=$(asnobody "$KABAR" --db "$TMP/ro/k.db" search dikembangkan 2>"$TMP/err"); rc=$?
    check "search on another user's database finds the word" sh -c '[ $1 -eq 0 ] && echo "$2" | grep -q a1' _ $rc "$out"
    check "nothing was created beside it" [ "$(ls "$TMP/ro")" = k.db ]
else
    skip "another user's read-only database (needs root and setpriv)"
fi
