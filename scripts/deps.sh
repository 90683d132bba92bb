#!/bin/sh
# deps.sh -- check for the Debian packages kabar builds and tests with.
#   --check    exit 1 and name the missing packages (no changes)
#   --install  install the missing ones: apt-get as root, sudo when available,
#              otherwise print the apt-get command to run and exit 1
#   a second argument --bench adds the reference tools `make bench` compares with
set -u
PKGS="build-essential make pkg-config python3 clang libclang-rt-14-dev libsqlite3-dev libutf8proc-dev libxml2-dev zlib1g-dev \
libstemmer-dev hunspell-id libhunspell-dev libexttextcat-dev libmicrohttpd-dev \
libxxhash-dev libjansson-dev libcmocka-dev"
# references that `make bench` runs side by side with kabar
BENCH_PKGS="libicu-dev python3-readability time"
mode=${1:---check}
[ "${2:-}" = "--bench" ] && PKGS="$PKGS $BENCH_PKGS"

missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
    [ "$st" = "installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$mode" != "--install" ]; then
    echo "kabar: missing Debian packages:$missing" >&2
    echo "kabar: run 'make deps' (or: apt-get install$missing)" >&2
    exit 1
fi

if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "kabar: missing Debian packages:$missing" >&2
    echo "kabar: as root, run: apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "kabar: installing:$missing" >&2
$SUDO apt-get update -qq >/dev/null || exit 1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null || exit 1
