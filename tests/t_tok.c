/* t_tok.c -- tok_split, tok_next and tok_fold: table-driven cases written for
 * kabar, guard-page over-read checks, 10 MB single lines built at run time,
 * and the founding articles from ../shared/data (skipped when absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "span.h"
#include "tok.h"
#include "testutil.h"

/* Render the tokens of s as "W:text|N:text|..." so a table row reads like
 * what a person expects. */
static char *render(const char *s, size_t len)
{
    struct spans sp = SPANS_INIT;
    struct buf out = BUF_INIT;
    size_t i;

    tok_split(s, len, &sp);
    for (i = 0; i < sp.n; i++) {
        assert_true(sp.v[i].off + sp.v[i].len <= len);
        assert_true(sp.v[i].len > 0);
        if (i && buf_putc(&out, '|')) fail();
        if (buf_puts(&out, sp.v[i].flags == TOK_WORD ? "W:" : sp.v[i].flags == TOK_NUM ? "N:" : "?:"))
            fail();
        if (buf_append(&out, s + sp.v[i].off, sp.v[i].len)) fail();
    }
    spans_release(&sp);
    return buf_take(&out);
}

struct split_case {
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *want;
};

static const struct split_case split_cases[] = {
    {"", 0, ""},
    {"   \t\n ", 0, ""},
    {"...,,,--''", 0, ""},
    {"Buku-buku itu", 0, "W:Buku-buku|W:itu"},
    {"Kim Jong-un dan Hong-kyun", 0, "W:Kim|W:Jong-un|W:dan|W:Hong-kyun"},
    {"rudal KN-23.", 0, "W:rudal|W:KN-23"},
    {"COVID-19 melanda", 0, "W:COVID-19|W:melanda"},
    {"don't stop", 0, "W:don't|W:stop"},
    {"Jum\xE2\x80\x99" "at lalu", 0, "W:Jum\xE2\x80\x99" "at|W:lalu"},
    {"so\xE2\x80\x90" "called", 0, "W:so\xE2\x80\x90" "called"},
    {"buku- -pena --x-- a-", 0, "W:buku|W:pena|W:x|W:a"},
    {"2.000.000 peluru.", 0, "N:2.000.000|W:peluru"},
    {"naik 1,5 persen", 0, "W:naik|N:1,5|W:persen"},
    {"pukul 10.20 WIB", 0, "W:pukul|N:10.20|W:WIB"},
    {"tahun 2024.", 0, "W:tahun|N:2024"},
    {"sebanyak 1,5, lalu", 0, "W:sebanyak|N:1,5|W:lalu"},
    {"Rp1.000,50", 0, "W:Rp|N:1.000,50"},
    {"US$540 juta", 0, "W:US|N:540|W:juta"},
    {"Rp2.000 dan Rp 3,5 triliun", 0, "W:Rp|N:2.000|W:dan|W:Rp|N:3,5|W:triliun"},
    {"KN-23.5", 0, "W:KN|N:23.5"},
    {"G20 v2", 0, "W:G20|W:v2"},
    {"8-13 Oktober", 0, "N:8|N:13|W:Oktober"},
    {"skor 2-1", 0, "W:skor|N:2|N:1"},
    {"tahun 2000-an", 0, "W:tahun|W:2000-an"},
    {"3.14.abc", 0, "N:3.14|W:abc"},
    {"kompas.com/berita", 0, "W:kompas|W:com|W:berita"},
    {".5 dan 5.", 0, "N:5|W:dan|N:5"},
    {"Café Zelenskyy", 0, "W:Café|W:Zelenskyy"},
    {"Cafe\xCC\x81 ok", 0, "W:Cafe\xCC\x81|W:ok"},           /* combining acute */
    {"\xCC\x81kata", 0, "W:kata"},                          /* a mark cannot start */
    {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3", 0, "W:\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"}, /* ＡＢＣ */
    {"\xE6\x97\xA5\xE6\x9C\xAC", 0, "W:\xE6\x97\xA5\xE6\x9C\xAC"}, /* CJK letters */
    {"so\xC2\xAD" "cial", 0, "W:so\xC2\xAD" "cial"},              /* soft hyphen */
    {"emoji \xF0\x9F\x98\x80kata", 0, "W:emoji|W:kata"},
    {"kata\xFF\xFEkunci", 0, "W:kata|W:kunci"},            /* invalid bytes */
    {"kata\xC3", 0, "W:kata"},                               /* truncated sequence */
    {"\xE2\x80", 0, ""},
    {"\xC0\xAF" "a\xED\xA0\x80" "b", 0, "W:a|W:b"},          /* overlong, surrogate */
    {"buku\0pena", 9, "W:buku|W:pena"},                   /* NUL is a separator */
    {"\0\0\0", 3, ""},
};

static void test_split_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof split_cases / sizeof split_cases[0]; i++) {
        const struct split_case *c = &split_cases[i];
        size_t len = c->len ? c->len : strlen(c->in);
        const char *want = c->want;
        char *got = render(c->in, len);

        if (strcmp(got, want) != 0) fail_msg("row %zu: tok_split(\"%s\") = \"%s\", want \"%s\"", i, c->in, got, want);
        free(got);
    }
}

static void test_split_offsets(void **state)
{
    const char *s = "  Buku-buku\xE2\x80\x99 2.000,";
    struct spans sp = SPANS_INIT;

    (void)state;
    tok_split(s, strlen(s), &sp);
    assert_int_equal(sp.n, 2);
    assert_int_equal(sp.v[0].off, 2);
    assert_int_equal(sp.v[0].len, 9);
    assert_int_equal(sp.v[0].flags, TOK_WORD);
    assert_int_equal(sp.v[1].off, 15);
    assert_int_equal(sp.v[1].len, 5);
    assert_int_equal(sp.v[1].flags, TOK_NUM);
    /* tok_split appends: a second call adds to what is there */
    tok_split("lagi", 4, &sp);
    assert_int_equal(sp.n, 3);
    spans_release(&sp);
    tok_split(NULL, 0, &sp);
    assert_int_equal(sp.n, 0);
    spans_release(&sp);
}

/* Each input sits at the very end of a readable page followed by a
 * PROT_NONE page: any read past len faults. */
static void test_split_guard_page(void **state)
{
    static const char *const tails[] = {"buku-", "2.", "1,", "kata\xE2\x80", "\xF0\x9F\x98",
                                        "Rp2.", "don'", "a\xCC", "x"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t len = strlen(tails[i]);
        struct guarded g;
        char *s = guard(&g, tails[i], len);
        struct spans sp = SPANS_INIT;
        struct buf b = BUF_INIT;

        tok_split(s, len, &sp);
        assert_true(sp.n >= 1 || tails[i][0] == '\xF0');
        if (sp.n) assert_int_equal(tok_fold(s + sp.v[0].off, sp.v[0].len, &b), 0);
        assert_int_equal(tok_fold(s, len, &b), 0);
        spans_release(&sp);
        buf_release(&b);
        unguard(&g);
    }
}

static void check_next_matches_split(const char *s, size_t len)
{
    struct spans sp = SPANS_INIT;
    struct span t;
    size_t pos = 0, k = 0;

    tok_split(s, len, &sp);
    while (tok_next(s, len, &pos, &t)) {
        assert_true(k < sp.n);
        assert_int_equal(t.off, sp.v[k].off);
        assert_int_equal(t.len, sp.v[k].len);
        assert_int_equal(t.flags, sp.v[k].flags);
        k++;
    }
    assert_int_equal(k, sp.n);
    assert_int_equal(pos, len);
    assert_int_equal(tok_next(s, len, &pos, &t), 0); /* stays finished */
    spans_release(&sp);
}

static void test_next_matches_split(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof split_cases / sizeof split_cases[0]; i++) {
        const struct split_case *c = &split_cases[i];
        check_next_matches_split(c->in, c->len ? c->len : strlen(c->in));
    }
}

#define BIG (10u * 1024 * 1024)

/* 10 MB on one line: a repeated phrase, one giant word, invalid bytes, NULs */
static void test_split_huge_line(void **state)
{
    static const char unit[] = "Buku-buku 2.000.000 Rp1,5 kata\xFF ";
    const size_t ulen = sizeof unit - 1;
    size_t reps = BIG / ulen, i;
    char *s = malloc(BIG);
    struct spans sp = SPANS_INIT;

    (void)state;
    assert_non_null(s);
    for (i = 0; i < reps; i++) memcpy(s + i * ulen, unit, ulen);
    tok_split(s, reps * ulen, &sp);
    /* per unit: Buku-buku, 2.000.000, Rp, 1,5, kata */
    assert_int_equal(sp.n, reps * 5);
    assert_int_equal(sp.v[sp.n - 1].len, 4);
    assert_int_equal(sp.v[3].flags, TOK_NUM);
    spans_reset(&sp);

    memset(s, 'a', BIG);
    tok_split(s, BIG, &sp);
    assert_int_equal(sp.n, 1);
    assert_int_equal(sp.v[0].len, BIG);
    spans_reset(&sp);

    for (i = 0; i < BIG; i++) s[i] = (i & 1) ? '-' : '7'; /* 7-7-7-...: digit hyphens split */
    tok_split(s, BIG, &sp);
    assert_int_equal(sp.n, BIG / 2);
    spans_reset(&sp);

    memset(s, 0xFF, BIG);
    tok_split(s, BIG, &sp);
    assert_int_equal(sp.n, 0);
    memset(s, 0, BIG);
    tok_split(s, BIG, &sp);
    assert_int_equal(sp.n, 0);
    spans_release(&sp);
    free(s);
}

struct fold_case {
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *want;
    size_t want_len; /* 0: strlen(want) */
};

static const struct fold_case fold_cases[] = {
    {"", 0, "", 0},
    {"BUKU", 0, "buku", 0},
    {"PRESIDEN", 0, "presiden", 0},
    {"Zelenskyy", 0, "zelenskyy", 0},
    {"Caf\xC3\xA9", 0, "cafe", 0},                 /* café, composed */
    {"CAFE\xCC\x81", 0, "cafe", 0},                /* CAFÉ, combining accent */
    {"\xC3\x89LYS\xC3\x89" "E", 0, "elysee", 0},     /* ÉLYSÉE */
    {"\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\x91\xEF\xBC\x92", 0, "abc12", 0}, /* full width */
    {"\xEF\xAC\x81sh", 0, "fish", 0},              /* fi ligature */
    {"Stra\xC3\x9F" "e", 0, "strasse", 0},          /* full case folding */
    {"\xC4\xB0stanbul", 0, "istanbul", 0},         /* dotted capital I */
    {"Jum\xE2\x80\x99" "at", 0, "jum'at", 0},       /* U+2019 lumped to ' */
    {"so\xE2\x80\x90" "called", 0, "so-called", 0}, /* U+2010 lumped to - */
    {"so\xC2\xAD" "cial", 0, "social", 0},          /* soft hyphen dropped */
    {"Mu\xC3\xB1oz", 0, "munoz", 0},
    {"kata\xFFx", 0, "kata\xEF\xBF\xBDx", 0},      /* bad byte -> U+FFFD */
    {"\xC3", 0, "\xEF\xBF\xBD", 0},
    {"\xC3\x89\xFF", 0, "e\xEF\xBF\xBD", 0},
    {"A\0B", 3, "a\0b", 3},
    {"2.000.000", 0, "2.000.000", 0},
    {"\xEF\xBC\x91,5", 0, "1,5", 0},               /* full-width digit */
};

static void test_fold_table(void **state)
{
    struct buf b = BUF_INIT;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof fold_cases / sizeof fold_cases[0]; i++) {
        const struct fold_case *c = &fold_cases[i];
        size_t len = c->len ? c->len : strlen(c->in);
        size_t wl = c->want_len ? c->want_len : strlen(c->want);

        assert_int_equal(tok_fold(c->in, len, &b), 0);
        if (b.len != wl || memcmp(buf_cstr(&b), c->want, wl) != 0)
            fail_msg("row %zu: tok_fold(\"%s\") = \"%s\" (%zu bytes), want \"%s\"", i, c->in,
                     buf_cstr(&b), b.len, c->want);
    }
    buf_release(&b);
}

static void test_fold_limits(void **state)
{
    struct buf b;
    char *s;
    size_t i;

    (void)state;
    buf_init(&b, 3);
    assert_int_equal(tok_fold("BUKU", 4, &b), KB_ETOOBIG);
    assert_int_equal(tok_fold("Caf\xC3\xA9", 5, &b), KB_ETOOBIG);
    assert_int_equal(tok_fold("CAF", 3, &b), 0);
    assert_string_equal(buf_cstr(&b), "caf");
    buf_release(&b);

    /* 10 MB tokens, ASCII and not: folded whole, no crash */
    buf_init(&b, 0);
    s = malloc(BIG);
    assert_non_null(s);
    memset(s, 'A', BIG);
    assert_int_equal(tok_fold(s, BIG, &b), 0);
    assert_int_equal(b.len, BIG);
    assert_true(b.ptr[0] == 'a' && b.ptr[BIG - 1] == 'a');
    for (i = 0; i + 1 < BIG; i += 2) {
        s[i] = '\xC3';
        s[i + 1] = '\x89'; /* É */
    }
    assert_int_equal(tok_fold(s, BIG, &b), 0);
    assert_int_equal(b.len, BIG / 2);
    assert_true(b.ptr[0] == 'e');
    memset(s, 0xFF, BIG / 10);
    assert_int_equal(tok_fold(s, BIG / 10, &b), 0);
    assert_int_equal(b.len, BIG / 10 * 3);
    free(s);
    buf_release(&b);
}

/* The founding articles: tok_next agrees with tok_split and tokens never
 * cross a space or a line break. */
static void seed_file(const char *path, char *text, size_t len, void *ctx)
{
    struct spans sp = SPANS_INIT;
    size_t i;

    (void)path;
    check_next_matches_split(text, len);
    tok_split(text, len, &sp);
    assert_true(sp.n > 100);
    for (i = 0; i < sp.n; i++) {
        assert_null(memchr(text + sp.v[i].off, ' ', sp.v[i].len));
        assert_null(memchr(text + sp.v[i].off, '\n', sp.v[i].len));
    }
    spans_release(&sp);
    ++*(int *)ctx;
}

static void test_seeds(void **state)
{
    char dir[4096];
    int n_files = 0;

    (void)state;
    snprintf(dir, sizeof dir, "%s/seeds", shared_dir());
    if (each_file(dir, ".txt", seed_file, &n_files) < 0) {
        print_message("# %s absent: skipping the seed check\n", dir);
        skip();
    }
    assert_true(n_files >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_table),     cmocka_unit_test(test_split_offsets),
        cmocka_unit_test(test_split_guard_page), cmocka_unit_test(test_next_matches_split),
        cmocka_unit_test(test_split_huge_line), cmocka_unit_test(test_fold_table),
        cmocka_unit_test(test_fold_limits),     cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
