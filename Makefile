# kabar -- the one build entry point. See README.md.
#
#   make            build ./kabar (release, -O2)
#   make check      build with ASan+UBSan and run every test; last line "N passed, N failed"
#   make asan       build the sanitizer binary build/asan/kabar
#   make debug      -O0 -g build in build/debug
#   make bench      quality and speed tables against ../shared/data (see bench/)
#   make fuzz       libFuzzer targets (clang) in build/fuzz
#   make deps       check for (and install) the Debian packages kabar needs
#   make install    install kabar to $(PREFIX)/bin
#
# CC, CFLAGS, LDFLAGS may be overridden; WERROR=1 turns warnings into errors (CI).

CC      ?= cc
PREFIX  ?= /usr/local
O       ?= build/release
PKGS    := sqlite3 libutf8proc libxml-2.0 zlib jansson libxxhash hunspell libexttextcat libmicrohttpd

WARN    := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wpointer-arith \
           -Wformat=2 -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN    += -Werror
endif
OPT     ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lm -lpthread
ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) $(PKG_CFLAGS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)

LIB_SRC  := $(filter-out src/main.c src/cmd_%.c,$(wildcard src/*.c))
CLI_SRC  := src/main.c $(wildcard src/cmd_*.c)
TEST_SRC := $(wildcard tests/t_*.c)

LIB_OBJ  = $(LIB_SRC:src/%.c=$(O)/%.o)
CLI_OBJ  = $(CLI_SRC:src/%.c=$(O)/%.o)
TEST_BIN = $(TEST_SRC:tests/%.c=$(O)/tests/%)

.PHONY: all check asan debug bench fuzz deps deps-check deps-bench install clean unit

all: kabar

# The release binary lives in the repository root.
kabar: $(O)/kabar
	cp $< $@

$(O)/kabar: $(CLI_OBJ) $(O)/libkabar.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

$(O)/libkabar.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(O)/%.o: src/%.c | $(O)/.dir
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(O)/tests/%: tests/%.c $(O)/libkabar.a | $(O)/tests/.dir
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(O)/libkabar.a $(ALL_LDFLAGS) $(PKG_LIBS) -lcmocka

%/.dir:
	@mkdir -p $* && touch $@

# directory stamps are not intermediates: keep them, or make deletes them
.PRECIOUS: %/.dir

unit: $(TEST_BIN)

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

asan:
	$(MAKE) O=build/asan OPT="-O1 -g $(SAN)" LDFLAGS="$(LDFLAGS) $(SAN)" build/asan/kabar unit

debug:
	$(MAKE) O=build/debug OPT="-O0 -g" build/debug/kabar unit

check: deps-check asan
	@KABAR=build/asan/kabar TESTBIN=build/asan/tests sh tests/run.sh

# Benchmark programs: standalone, linked against the release library. ICU
# links only into the sentence benchmark (the reference), never into kabar.
BENCH_BIN := build/bench/sent_bench build/bench/lang_bench build/bench/stem_bench build/bench/warc_read

build/bench/sent_bench: bench/sent_bench.c bench/icu_sent.c $(O)/libkabar.a | build/bench/.dir
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags icu-uc) -Isrc -o $@ bench/sent_bench.c \
	    bench/icu_sent.c $(O)/libkabar.a $(PKG_LIBS) $(shell pkg-config --libs icu-uc)

build/bench/%: bench/%.c $(O)/libkabar.a | build/bench/.dir
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(O)/libkabar.a $(PKG_LIBS)

bench: deps-bench kabar $(BENCH_BIN)
	@sh bench/run.sh

deps-bench:
	@sh scripts/deps.sh --install --bench
	@if command -v npm >/dev/null 2>&1 && [ ! -d bench/readability_js/node_modules/@mozilla/readability ]; then \
	    (cd bench/readability_js && npm install --no-audit --no-fund --silent) || \
	    echo "bench: npm install failed; Readability.js will be skipped" >&2; fi

fuzz:
	@sh tests/fuzz/build.sh

deps:
	@sh scripts/deps.sh --install

deps-check:
	@sh scripts/deps.sh --check

install: kabar
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 kabar $(DESTDIR)$(PREFIX)/bin/kabar

clean:
	rm -rf build kabar

-include $(wildcard build/*/*.d build/*/tests/*.d build/bench/*.d)
