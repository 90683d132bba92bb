#!/bin/sh
# check.sh -- install what is missing, then build and run every test under
# ASan+UBSan. The last line is "N passed, N failed, N skipped".
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh --install
exec make -s check WERROR=1
