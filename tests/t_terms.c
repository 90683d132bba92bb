/* t_terms.c -- terms_each: the term pipeline (tokenize, fold, stopwords,
 * stem), its flags, source offsets, early stop, bad input, 10 MB lines, and
 * the founding articles from ../shared/data (skipped when absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "stem.h"
#include "stopwords.h"
#include "terms.h"
#include "testutil.h"

struct collect {
    struct buf out;  /* terms joined by ' ' */
    size_t n;        /* terms seen */
    size_t stop_at;  /* return 7 on this term (1-based), 0: never */
    const char *src; /* text given to terms_each, to check offsets */
    size_t src_len;
};

static int collect_fn(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct collect *c = ctx;

    assert_true(len > 0);
    assert_true(tok_len > 0);
    assert_true(off + tok_len <= c->src_len);
    if (c->n && buf_putc(&c->out, ' ')) fail();
    if (buf_append(&c->out, term, len)) fail();
    c->n++;
    return c->stop_at && c->n == c->stop_at ? 7 : 0;
}

static char *terms_of(struct stemmer *st, const char *s, size_t len, unsigned flags)
{
    struct collect c;

    memset(&c, 0, sizeof c);
    buf_init(&c.out, 0);
    c.src = s;
    c.src_len = len;
    assert_int_equal(terms_each(st, s, len, flags, collect_fn, &c), 0);
    return buf_take(&c.out);
}

struct terms_case {
    const char *in;
    size_t len; /* 0: strlen(in) */
    unsigned flags;
    const char *want;
};

static const struct terms_case cases[] = {
    {"", 0, 0, ""},
    {"Buku-buku itu dibaca oleh para siswa.", 0, 0, "buku baca siswa"},
    {"Buku-buku itu dibaca oleh para siswa.", 0, TERMS_KEEP_STOP, "buku itu baca oleh para siswa"},
    {"Harga naik 2.000.000 rupiah, atau 1,5 persen.", 0, 0, "harga naik 2.000.000 rupiah 1,5 persen"},
    {"Harga naik 2.000.000 rupiah, atau 1,5 persen.", 0, TERMS_NO_NUM, "harga naik rupiah persen"},
    {"Harga naik 2.000.000 rupiah, atau 1,5 persen.", 0, TERMS_NO_NUM | TERMS_KEEP_STOP,
     "harga naik rupiah atau persen"},
    {"pukul 10.20 WIB", 0, 0, "pukul 10.20 wib"},
    {"US$540 juta", 0, 0, "us 540 juta"},
    {"Rp2.000", 0, 0, "rp 2.000"},
    {"Kim Jong-un meluncurkan rudal KN-23", 0, 0, "kim jong-un luncur rudal kn-23"},
    {"BUKUNYA hilang, pergilah!", 0, 0, "buku hilang pergi"},
    {"Apakah siapapun tahu?", 0, 0, "siapa tahu"},
    {"A. Yani di Jalan M. H. Thamrin", 0, 0, "yani jalan thamrin"},
    {"CAF\xC3\x89 Zelenskyy", 0, 0, "cafe zelenskyy"},
    {"tahun lalu pada hari Senin, kata dia", 0, 0, "tahun lalu hari senin kata"},
    {"kata\xFF\xFEkunci", 0, 0, "kata kunci"},
    {"buku\0pena", 9, 0, "buku pena"},
    {"\xE2\x80\x9CKami siap,\xE2\x80\x9D ujar Jum\xE2\x80\x99" "at", 0, 0, "siap ujar jum'at"},
    {"5 x 7", 0, 0, "5 7"},
};

static void test_table(void **state)
{
    struct stemmer *st = stem_new(KB_LANG_ID);
    size_t i;

    (void)state;
    assert_non_null(st);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct terms_case *c = &cases[i];
        char *got = terms_of(st, c->in, c->len ? c->len : strlen(c->in), c->flags);
        if (strcmp(got, c->want) != 0)
            fail_msg("row %zu: terms(\"%s\", %u) = \"%s\", want \"%s\"", i, c->in, c->flags, got, c->want);
        free(got);
    }
    stem_free(st);
}

/* Query and document agree whatever the case, accents or reduplication. */
static void test_variants_agree(void **state)
{
    static const char *const groups[][3] = {
        {"PRESIDEN ZELENSKYY", "Presiden Zelenskyy", "presiden zelenskyy"},
        {"Caf\xC3\xA9", "CAFE\xCC\x81", "cafe"},
        {"buku-buku", "BUKU-BUKU", "buku"},
        {"anak-anaknya", "anaknya", "anak"},
    };
    struct stemmer *st = stem_new(KB_LANG_ID);
    size_t g, k;

    (void)state;
    for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        char *ref = terms_of(st, groups[g][0], strlen(groups[g][0]), TERMS_KEEP_STOP);
        for (k = 1; k < 3; k++) {
            char *t = terms_of(st, groups[g][k], strlen(groups[g][k]), TERMS_KEEP_STOP);
            if (strcmp(ref, t) != 0) fail_msg("\"%s\" -> \"%s\" but \"%s\" -> \"%s\"", groups[g][0], ref, groups[g][k], t);
            free(t);
        }
        free(ref);
    }
    stem_free(st);
}

struct where {
    size_t off[8], len[8], n;
};

static int where_fn(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct where *w = ctx;

    if (w->n < 8) {
        w->off[w->n] = off;
        w->len[w->n] = tok_len;
    }
    w->n++;
    return 0;
}

static void test_offsets_and_stop(void **state)
{
    const char *s = "  Buku-buku\xE2\x80\x99 yang 2.000,";
    struct stemmer *st = stem_new(KB_LANG_ID);
    struct where w;
    struct collect c;

    (void)state;
    memset(&w, 0, sizeof w);
    assert_int_equal(terms_each(st, s, strlen(s), 0, where_fn, &w), 0);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.off[0], 2);
    assert_int_equal(w.len[0], 9);
    assert_int_equal(w.off[1], 20);
    assert_int_equal(w.len[1], 5);

    /* a non-zero return stops the walk and is passed back */
    memset(&c, 0, sizeof c);
    buf_init(&c.out, 0);
    c.src = "satu dua tiga empat lima";
    c.src_len = strlen(c.src);
    c.stop_at = 2;
    assert_int_equal(terms_each(st, c.src, c.src_len, 0, collect_fn, &c), 7);
    assert_int_equal(c.n, 2);
    assert_string_equal(buf_cstr(&c.out), "satu dua");
    buf_release(&c.out);

    /* no stemmer: folded, unstemmed; no callback or text: nothing */
    {
        char *t = terms_of(NULL, "Bukunya DIBACA", 14, 0);
        assert_string_equal(t, "bukunya dibaca");
        free(t);
    }
    assert_int_equal(terms_each(st, "buku", 4, 0, NULL, NULL), 0);
    assert_int_equal(terms_each(st, NULL, 10, 0, where_fn, &w), 0);
    stem_free(st);
}

static void test_long_tokens(void **state)
{
    struct stemmer *st = stem_new(KB_LANG_ID);
    char s[TERMS_MAX_TOKEN + 20];
    char *t;

    (void)state;
    memset(s, 'x', sizeof s);
    memcpy(s, "awal ", 5);
    memcpy(s + sizeof s - 6, " akhir", 6);
    /* the middle token is TERMS_MAX_TOKEN + 9 bytes: not a term */
    t = terms_of(st, s, sizeof s, 0);
    assert_string_equal(t, "awal akhir");
    free(t);
    /* exactly TERMS_MAX_TOKEN bytes is still a term */
    memset(s, 'x', TERMS_MAX_TOKEN);
    t = terms_of(st, s, TERMS_MAX_TOKEN, 0);
    assert_int_equal(strlen(t), TERMS_MAX_TOKEN);
    free(t);
    stem_free(st);
}

#define BIG (10u * 1024 * 1024)

static int count_fn(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    (void)term;
    (void)len;
    (void)off;
    (void)tok_len;
    ++*(size_t *)ctx;
    return 0;
}

static void test_huge_line(void **state)
{
    static const char unit[] = "Buku-buku yang 2.000 dibaca\xFF\0 ";
    const size_t ulen = sizeof unit - 1;
    size_t reps = BIG / ulen, i, n = 0;
    struct stemmer *st = stem_new(KB_LANG_ID);
    char *s = malloc(BIG);

    (void)state;
    assert_non_null(s);
    for (i = 0; i < reps; i++) memcpy(s + i * ulen, unit, ulen);
    assert_int_equal(terms_each(st, s, reps * ulen, 0, count_fn, &n), 0);
    assert_int_equal(n, reps * 3); /* buku, 2.000, baca */
    n = 0;
    assert_int_equal(terms_each(st, s, reps * ulen, TERMS_KEEP_STOP | TERMS_NO_NUM, count_fn, &n), 0);
    assert_int_equal(n, reps * 3); /* buku, yang, baca */
    memset(s, 'a', BIG);
    n = 0;
    assert_int_equal(terms_each(st, s, BIG, 0, count_fn, &n), 0);
    assert_int_equal(n, 0);
    memset(s, 0xC3, BIG); /* lead bytes with no continuation */
    assert_int_equal(terms_each(st, s, BIG, 0, count_fn, &n), 0);
    assert_int_equal(n, 0);
    free(s);
    stem_free(st);
}

/* Every seed article: non-empty terms of sane length; keeping stopwords
 * gives more terms, and stopwords among them. */
struct seed_check {
    size_t n;
    int stop_seen;
};

static int seed_fn(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct seed_check *c = ctx;

    assert_true(len > 0 && len <= TERMS_MAX_TOKEN * 18);
    if (stopword_is(term, len)) c->stop_seen = 1;
    c->n++;
    return 0;
}

struct seed_run {
    struct stemmer *st;
    int files;
};

static void seed_file(const char *path, char *text, size_t len, void *ctx)
{
    struct seed_run *r = ctx;
    struct seed_check with, without;

    (void)path;
    memset(&with, 0, sizeof with);
    memset(&without, 0, sizeof without);
    assert_int_equal(terms_each(r->st, text, len, TERMS_KEEP_STOP, seed_fn, &with), 0);
    assert_int_equal(terms_each(r->st, text, len, 0, seed_fn, &without), 0);
    assert_true(without.n > 50);
    assert_true(with.n > without.n);
    assert_true(with.stop_seen);
    r->files++;
}

static void test_seeds(void **state)
{
    char dir[4096];
    struct seed_run r = {NULL, 0};

    (void)state;
    snprintf(dir, sizeof dir, "%s/seeds", shared_dir());
    r.st = stem_new(KB_LANG_ID);
    if (each_file(dir, ".txt", seed_file, &r) < 0) {
        stem_free(r.st);
        print_message("# %s absent: skipping the seed check\n", dir);
        skip();
    }
    stem_free(r.st);
    assert_true(r.files >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),       cmocka_unit_test(test_variants_agree),
        cmocka_unit_test(test_offsets_and_stop), cmocka_unit_test(test_long_tokens),
        cmocka_unit_test(test_huge_line),   cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
