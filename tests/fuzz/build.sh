#!/bin/sh
# build.sh -- build the libFuzzer targets with clang (ASan+UBSan) into
# build/fuzz and, when FUZZ_SECONDS is set, run each for that long on a
# corpus seeded from the project's own fixtures. `make fuzz` calls this.
set -eu
cd "$(dirname "$0")/../.."
CC=${FUZZ_CC:-clang}
OUT=build/fuzz
mkdir -p "$OUT"
PKGS="sqlite3 libutf8proc libxml-2.0 zlib jansson libxxhash hunspell libexttextcat"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(pkg-config --cflags $PKGS) -Isrc"
LIBS="$(pkg-config --libs $PKGS) -lstemmer -lm -lpthread"
LIB_SRC=$(ls src/*.c | grep -v -e 'src/main.c' -e 'src/cmd_')
for t in tests/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    $CC $CFLAGS -o "$OUT/$name" "$t" $LIB_SRC $LIBS
done
[ -n "${FUZZ_SECONDS:-}" ] || exit 0
for t in tests/fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    corpus="$OUT/corpus-$name"
    mkdir -p "$corpus"
    # seed with our own fixtures so the fuzzer starts from realistic input
    find tests/golden tests/data examples -type f -size -64k 2>/dev/null | head -200 |
        while read -r f; do cp "$f" "$corpus/" 2>/dev/null || true; done
    "$OUT/$name" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=0 "$corpus" >"$OUT/$name.log" 2>&1 || {
        echo "fuzz: $name found a problem; see $OUT/$name.log" >&2
        tail -40 "$OUT/$name.log" >&2
        exit 1
    }
done
