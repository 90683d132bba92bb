/* t_stem.c -- the stemmer interface: Snowball behind it, reduplication,
 * clitics, numbers, bad input, the word cache, and accuracy on the UD
 * Indonesian-GSD lemma pairs from ../shared/data (skipped when absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stem.h"

struct stem_case {
    const char *in;
    const char *want;
};

static const struct stem_case id_cases[] = {
    /* clitics and particles */
    {"bukunya", "buku"},
    {"bukumu", "buku"},
    {"rumahku", "rumah"},
    {"pergilah", "pergi"},
    {"siapakah", "siapa"},
    /* proclitic pronouns, only when the rest is a known word */
    {"kubaca", "baca"},
    {"kauambil", "ambil"},
    {"kuat", "kuat"},
    {"kaum", "kaum"},
    {"siapapun", "siapa"},
    /* affixes, with the dropped first letter restored by the confix
     * stripper (Snowball alone gives "ulis" for menulis) */
    {"menulis", "tulis"},
    {"pengerahan", "kerah"},
    {"menandatangani", "tandatangan"},
    {"mengatakan", "kata"},
    {"memperhatikan", "hati"},
    {"menteri", "menteri"},
    {"pembangunan", "bangun"},
    {"kebijakan", "bijak"},
    {"ditandatangani", "tandatangan"},
    {"membaca", "baca"},
    {"bermain", "main"},
    {"perjalanan", "jalan"},
    /* reduplication */
    {"buku-buku", "buku"},
    {"anak-anaknya", "anak"},
    {"berlari-lari", "lari"},
    {"sebaik-baiknya", "baik"},
    {"kemerah-merahan", "merah"},
    {"tarik-menarik", "tarik"},
    {"tolong-menolong", "tolong"},
    {"surat-menyurat", "surat"},
    {"tanya-bertanya", "tanya"},
    /* different halves stay one joined term */
    {"sayur-mayur", "sayur-mayur"},
    {"bolak-balik", "bolak-balik"},
    {"lauk-pauk", "lauk-pauk"},
    {"warna-warni", "warna-warni"},
    {"jong-un", "jong-un"},
    {"kn-23", "kn-23"},
    {"covid-19", "covid-19"},
    /* stray hyphens */
    {"hamba-", "hamba"},
    {"-buku-buku", "buku"},
    {"-", "-"},
    {"---", "---"},
    /* unchanged */
    {"2.000.000", "2.000.000"},
    {"1,5", "1,5"},
    {"10.20", "10.20"},
    {"rudal", "rudal"},
    {"tentara", "tentara"},
    {"", ""},
    {"buku\xFF" "nya", "buku\xFF" "nya"}, /* invalid UTF-8: not stemmed */
    {"\xC3", "\xC3"},
};

static const struct stem_case en_cases[] = {
    {"running", "run"},     {"stories", "stori"}, {"troops", "troop"},
    {"cats", "cat"},        {"generously", "generous"},
    {"well-known", "well-known"}, {"2024", "2024"}, {"", ""},
};

static void run_table(enum kb_lang lang, const struct stem_case *c, size_t n)
{
    struct stemmer *st = stem_new(lang);
    size_t i, pass, len;

    assert_non_null(st);
    /* the second pass is answered from the cache and must agree */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < n; i++) {
            const char *got = stem_word(st, c[i].in, strlen(c[i].in), &len);
            assert_non_null(got);
            if (len != strlen(c[i].want) || memcmp(got, c[i].want, len) != 0)
                fail_msg("pass %zu row %zu: stem(\"%s\") = \"%.*s\", want \"%s\"", pass, i, c[i].in,
                         (int)len, got, c[i].want);
        }
    }
    stem_free(st);
}

static void test_indonesian(void **state)
{
    (void)state;
    run_table(KB_LANG_ID, id_cases, sizeof id_cases / sizeof id_cases[0]);
}

static void test_english(void **state)
{
    (void)state;
    run_table(KB_LANG_EN, en_cases, sizeof en_cases / sizeof en_cases[0]);
}

static void test_lifecycle(void **state)
{
    struct stemmer *st;
    size_t len = 99, hits, misses;
    const char *r;

    (void)state;
    stem_free(NULL);
    assert_null(stem_new((enum kb_lang)42));
    st = stem_new(KB_LANG_ID);
    assert_non_null(st);
    r = stem_word(NULL, "buku", 4, &len);
    assert_int_equal(len, 0);
    assert_string_equal(r, "");
    /* a word containing NUL is stemmed as bytes, never a crash */
    r = stem_word(st, "buku\0nya", 8, &len);
    assert_non_null(r);
    assert_true(len <= 8);
    /* cache counters: one miss, then hits */
    stem_stats(st, &hits, &misses);
    stem_word(st, "pasukannya", 10, &len);
    stem_word(st, "pasukannya", 10, &len);
    stem_word(st, "pasukannya", 10, &len);
    {
        size_t h2, m2;
        stem_stats(st, &h2, &m2);
        assert_int_equal(m2, misses + 1);
        assert_int_equal(h2, hits + 2);
    }
    stem_stats(NULL, &hits, NULL);
    assert_int_equal(hits, 0);
    stem_free(st);
}

/* Stemming a stem works even though the input points into the stemmer's
 * own storage (cache pool or result buffer). */
static void test_restem_own_result(void **state)
{
    struct stemmer *st = stem_new(KB_LANG_ID);
    char longw[STEM_MAX_WORD + 10];
    const char *r;
    size_t len, len2;

    (void)state;
    r = stem_word(st, "bukunya", 7, &len); /* cached: r points into the pool */
    r = stem_word(st, r, len, &len2);
    assert_int_equal(len2, 4);
    assert_memory_equal(r, "buku", 4);
    memset(longw, 'a', sizeof longw); /* too long: comes back unchanged, from res */
    r = stem_word(st, longw, sizeof longw, &len);
    assert_int_equal(len, sizeof longw);
    r = stem_word(st, r, len, &len2);
    assert_int_equal(len2, sizeof longw);
    assert_memory_equal(r, longw, sizeof longw);
    /* hyphenated, longer than the cache key limit: result in res */
    {
        static const char hy[] = "pertanggungjawaban-pertanggungjawaban-pertanggungjawabannya-x";
        r = stem_word(st, hy, sizeof hy - 1, &len);
    }
    r = stem_word(st, r, len, &len2);
    assert_non_null(r);
    stem_free(st);
}

/* Far more distinct words than the cache holds: it clears and refills, and
 * every answer equals what a fresh stemmer gives. */
static void test_cache_overflow(void **state)
{
    static const char *const affix[] = {"me", "ber", "di", "pe", "ke", ""};
    static const char *const suffix[] = {"kan", "an", "nya", "lah", "i", ""};
    struct stemmer *a = stem_new(KB_LANG_ID), *b;
    char w[64], first[64];
    size_t i, len, first_len = 0;
    const char *r;

    (void)state;
    assert_non_null(a);
    for (i = 0; i < 300000; i++) {
        int n = snprintf(w, sizeof w, "%sbaca%zux%s", affix[i % 6], i / 36, suffix[(i / 6) % 6]);
        r = stem_word(a, w, (size_t)n, &len);
        assert_true(len > 0);
        if (i == 7) {
            memcpy(first, r, len);
            first_len = len;
        }
    }
    b = stem_new(KB_LANG_ID);
    for (i = 0; i < 3000; i += 7) {
        int n = snprintf(w, sizeof w, "%sbaca%zux%s", affix[i % 6], i / 36, suffix[(i / 6) % 6]);
        size_t la, lb;
        const char *ra = stem_word(a, w, (size_t)n, &la);
        char copy[64];
        memcpy(copy, ra, la);
        r = stem_word(b, w, (size_t)n, &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(copy, r, la);
    }
    snprintf(w, sizeof w, "%sbaca%zux%s", affix[7 % 6], (size_t)7 / 36, suffix[(7 / 6) % 6]);
    r = stem_word(b, w, strlen(w), &len);
    assert_int_equal(len, first_len);
    assert_memory_equal(r, first, len);
    stem_free(a);
    stem_free(b);
}

/* Exact-match accuracy on UD Indonesian-GSD dev+test form -> lemma pairs.
 * Published reference: Snowball "indonesian" 78.6%; the reduplication
 * handling adds to it. */
static void test_lemma_accuracy(void **state)
{
    const char *path = "../shared/data/lang/ud-id-gsd/ud-gsd-devtest-lemma-pairs.tsv";
    FILE *f = fopen(path, "r");
    struct stemmer *st;
    char line[1024];
    size_t total = 0, ok = 0;

    (void)state;
    if (!f) {
        print_message("# %s absent: skipping the lemma accuracy check\n", path);
        skip();
    }
    st = stem_new(KB_LANG_ID);
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        size_t llen, slen;
        const char *s;

        if (!tab) continue;
        line[strcspn(line, "\r\n")] = '\0';
        llen = strlen(tab + 1);
        s = stem_word(st, line, (size_t)(tab - line), &slen);
        total++;
        if (slen == llen && memcmp(s, tab + 1, llen) == 0) ok++;
    }
    fclose(f);
    stem_free(st);
    print_message("# lemma pairs: %zu/%zu exact = %.2f%%\n", ok, total, total ? 100.0 * ok / total : 0.0);
    assert_true(total > 3000);
    assert_true(ok * 100 >= total * 75);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_indonesian),       cmocka_unit_test(test_english),
        cmocka_unit_test(test_lifecycle),        cmocka_unit_test(test_restem_own_result),
        cmocka_unit_test(test_cache_overflow),   cmocka_unit_test(test_lemma_accuracy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
