#!/bin/sh
# seeds_sentences.sh -- `kabar sentences` on the founding seeds: one
# sentence per line, glued sentences of 003 cut apart.
. tests/cli/lib.sh

if ! have_shared; then
    skip "seeds_sentences: $SHARED/seeds absent"
    exit 0
fi
f003=$(ls "$SHARED"/seeds/003_*.txt | head -n 1)
f004=$(ls "$SHARED"/seeds/004_*.txt | head -n 1)
dom=$(head -n 1 "$f004" | awk '{print $1}') # 004's outlet domain, read from the seed

"$KABAR" sentences "$f003" >"$TMP/003.out" 2>"$TMP/003.err"
check "sentences 003 exits 0" test $? -eq 0
check "sentences 003: stderr empty" test ! -s "$TMP/003.err"

line() { sed -n "$1p" "$TMP/003.out"; }
check "heading alone" test "$(line 1)" = "Poin-Poin Penting"
check "glued sentence 1" test "$(line 2)" = "Ukraina dan Korea Selatan menuduh Korea Utara mengirimkan ribuan tentara untuk membantu perang Rusia di Ukraina."
check "glued sentence 2" test "$(line 3)" = "Rusia dan Korea Utara membantah tuduhan tersebut, dan AS mengatakan pihaknya masih menyelidiki laporan tersebut."
check "glued sentence 3" sh -c "sed -n 4p '$TMP/003.out' | grep -q '^Sebuah perjanjian yang ditandatangani pada bulan Juni .*Korea Utara\.\$'"
check "question on its own line" grep -qx 'Apa yang kita ketahui?' "$TMP/003.out"
check "quote and attribution together" grep -q '^“Kami sangat mengutuk .*,” kata kementerian tersebut\.' "$TMP/003.out"
check "Hong-kyun.Kremlin cut" grep -q '^Kremlin menolak menjawab' "$TMP/003.out"
check "stray dot removed" grep -q '^Kapal Armada Pasifik Rusia' "$TMP/003.out"
check "US\$540 not split" grep -qF 'sekitar US$540 juta ($811 juta) tahun lalu' "$TMP/003.out"
check "no empty lines" sh -c "! grep -q '^\$' '$TMP/003.out'"
check "no leading or trailing blanks" sh -c "! grep -q '^ \\| \$' '$TMP/003.out'"

"$KABAR" sentences "$f004" >"$TMP/004.out" 2>/dev/null
check "2.000.000 not split" grep -qF 'sekitar 2.000.000 peluru artileri roket, termasuk beberapa rudal balistik.' "$TMP/004.out"
check "2,5 not split" grep -qF 'hampir 2,5 tahun tersebut.' "$TMP/004.out"
check "domain not split" grep -qF "diterbitkan $dom" "$TMP/004.out"

"$KABAR" sentences - <"$f003" >"$TMP/stdin.out" 2>/dev/null
check "sentences - reads stdin" cmp -s "$TMP/stdin.out" "$TMP/003.out"
