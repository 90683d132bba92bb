# lib.sh -- helpers for the CLI tests (sourced). Each check prints one TAP line.
KABAR=${KABAR:-./kabar}
case $KABAR in /*) ;; *) KABAR="$PWD/$KABAR" ;; esac
SHARED=${KABAR_SHARED:-../shared/data}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export KABAR_DB="$TMP/test.db"

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }
skip() { echo "ok - $* # SKIP"; }
# check NAME CONDITION-COMMAND...
check() { name=$1; shift; if "$@"; then ok "$name"; else notok "$name"; fi; }
have_shared() { [ -d "$SHARED/seeds" ]; }
