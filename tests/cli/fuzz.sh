#!/bin/sh
# fuzz.sh -- a short libFuzzer run of every target (tests/fuzz), so CI
# catches crashes on arbitrary input. FUZZ_SECONDS per target (default 10).
. tests/cli/lib.sh
if ! command -v clang >/dev/null 2>&1; then skip "fuzz targets (clang not installed)"; exit 0; fi
if FUZZ_SECONDS=${FUZZ_SECONDS:-10} sh tests/fuzz/build.sh >"$TMP/log" 2>&1; then
    for t in tests/fuzz/fuzz_*.c; do ok "fuzz $(basename "$t" .c): no crash in ${FUZZ_SECONDS:-10}s"; done
else
    cat "$TMP/log"
    notok "fuzz targets: a crash or build failure (see above)"
fi
