#!/bin/sh
# run.sh -- run every test and print the totals as the last line.
#
# Unit tests (cmocka, one binary per module in $TESTBIN) report in TAP; CLI
# tests (tests/cli/*.sh) print TAP-style "ok"/"not ok" lines themselves.
# Lines with "# SKIP" (cmocka prints "not ok N # SKIP") count as skipped. Exit status: 0 when nothing failed.
set -u
KABAR=${KABAR:-./kabar}
TESTBIN=${TESTBIN:-build/asan/tests}
export KABAR
# LeakSanitizer needs ptrace-like rights some sandboxes lack; ASan+UBSan stay on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CMOCKA_MESSAGE_OUTPUT=TAP
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_one() { # name command...
    name=$1; shift
    out=$(mktemp)
    "$@" >"$out" 2>&1
    rc=$?
    # a crash or sanitizer abort with no "not ok" still counts as a failure
    if [ $rc -ne 0 ] && ! grep '^not ok' "$out" | grep -vq '# SKIP'; then
        echo "not ok - $name exited with status $rc" >>"$out"
    fi
    grep -E '^(not )?ok' "$out" | sed "s|^|[$name] |" >>"$log"
    if grep '^not ok' "$out" | grep -vq '# SKIP'; then
        echo "--- $name failed:"; cat "$out"
    fi
    rm -f "$out"
}

for t in "$TESTBIN"/t_*; do
    [ -x "$t" ] || continue
    run_one "$(basename "$t")" "$t"
done
for t in tests/cli/*.sh; do
    [ -f "$t" ] || continue
    run_one "$(basename "$t" .sh)" sh "$t"
done

skipped=$(grep -c '# SKIP' "$log")
failed=$(grep '^\[[^]]*\] not ok' "$log" | grep -vc '# SKIP')
passed=$(grep -E '^\[[^]]*\] ok' "$log" | grep -vc '# SKIP')
grep '# SKIP' "$log" | sed 's/^/skipped: /'
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
