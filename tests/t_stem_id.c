/* t_stem_id.c -- lexicon and the Indonesian confix stripper.
 *
 * Rule tests run against a small lexicon built here (roots written for
 * kabar), so they pass on any machine and each row isolates one rule; the
 * issue's examples also run against the system hunspell-id dictionary
 * (skipped when it is absent), and the accuracy test reads the UD GSD
 * lemma pairs from ../shared/data (skipped when absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lexicon.h"
#include "mem.h"
#include "stem_id.h"

#define PAIRS "../shared/data/lang/ud-id-gsd/ud-gsd-devtest-lemma-pairs.tsv"

/* Roots for the rule table. "gera", "sa", "pakan" and "meni" are traps: real
 * dictionary words that a careless split would reach (gerakan, bersalah). */
static const char *const roots[] = {
    "tulis", "kerah", "tandatangan", "kata", "hati", "menteri", "tentara", "lari", "buku",
    "anak", "ajar", "sapu", "pukul", "tanam", "kirim", "baca", "dengar", "beri", "main",
    "rasa", "ambil", "kerja", "tani", "bom", "cat", "besar", "makan", "masuk", "tahu",
    "perintah", "gerak", "gera", "salah", "sa", "tarik", "sayur", "mayur", "lihat",
    "rawat", "dua", "hasil", "satu", "nikah", "meni", "pertama", "tama", "guna",
};

static struct lexicon *small_lex(void)
{
    struct lexicon *lex = lexicon_new();
    size_t i;

    for (i = 0; i < sizeof roots / sizeof *roots; i++)
        assert_int_equal(lexicon_add(lex, roots[i], strlen(roots[i])), 0);
    return lex;
}

struct row {
    const char *in;
    const char *want;
};

static const struct row rule_rows[] = {
    /* roots stay roots */
    {"menteri", "menteri"}, {"tentara", "tentara"}, {"kata", "kata"}, {"perintah", "perintah"},
    /* me- and its nasal variants, with the swallowed letter restored */
    {"menulis", "tulis"}, {"mengatakan", "kata"}, {"menandatangani", "tandatangan"},
    {"memukul", "pukul"}, {"menanam", "tanam"}, {"menyapu", "sapu"}, {"mengambil", "ambil"},
    {"mengirim", "kirim"}, {"mengebom", "bom"}, {"mendengar", "dengar"}, {"melihat", "lihat"},
    {"membaca", "baca"}, {"merawat", "rawat"}, {"memakan", "makan"}, {"menikah", "nikah"},
    /* pe- variants */
    {"pengerahan", "kerah"}, {"pemerintah", "perintah"}, {"penulis", "tulis"},
    {"penyapu", "sapu"}, {"pembaca", "baca"}, {"pengirim", "kirim"}, {"pengecatan", "cat"},
    {"pekerja", "kerja"}, {"petani", "tani"}, {"pelari", "lari"},
    /* per-, and stacked prefixes */
    {"permainan", "main"}, {"perasaan", "rasa"}, {"pertanian", "tani"},
    {"memperhatikan", "hati"}, {"diperkerjakan", "kerja"}, {"keberhasilan", "hasil"},
    /* ber-, ter-, di-, ke- */
    {"berlari", "lari"}, {"bermain", "main"}, {"bekerja", "kerja"}, {"belajar", "ajar"},
    {"tertulis", "tulis"}, {"terbesar", "besar"}, {"ditulis", "tulis"}, {"diberikan", "beri"},
    {"dimasukkan", "masuk"}, {"diketahui", "tahu"}, {"kebesaran", "besar"},
    /* derivational suffixes; -kan read as k + -an when that gives a longer root */
    {"tulisan", "tulis"}, {"bacakan", "baca"}, {"gerakan", "gerak"}, {"masukan", "masuk"},
    /* particles and possessives */
    {"bacalah", "baca"}, {"tahukah", "tahu"}, {"anakpun", "anak"}, {"bukuku", "buku"},
    {"bukumu", "buku"}, {"bukunya", "buku"}, {"tulisannya", "tulis"},
    /* fewest affixes wins over a short root: ber+salah, not ber+sa+lah */
    {"bersalah", "salah"},
    /* disallowed prefix-suffix pairs leave the word alone */
    {"dibacaan", "dibacaan"}, {"menulisan", "menulisan"}, {"bermaini", "bermaini"},
    {"kebesarkan", "kebesarkan"}, {"tertulisan", "tertulisan"}, {"kelarii", "kelarii"},
    /* reduplication */
    {"kata-kata", "kata"}, {"berlari-lari", "lari"}, {"tarik-menarik", "tarik"},
    {"anak-anaknya", "anak"}, {"buku-buku", "buku"}, {"besar-besaran", "besar"},
    {"pertama-tama", "pertama"}, {"sayur-mayur", "sayur-mayur"}, {"buku-", "buku"},
    {"-buku", "buku"}, {"--", "--"}, {"jong-un", "jong-un"},
    /* se- is kept; ordinals and -nya sentence adverbs are words of their own */
    {"sebuku", "sebuku"}, {"kedua", "kedua"}, {"akhirnya", "akhirnya"},
    {"misalnya", "misalnya"},
    /* unknown words are not guessed at */
    {"pasukan", "pasukan"}, {"komputer", "komputer"},
    /* short words and bare affixes */
    {"di", "di"}, {"me", "me"}, {"kan", "kan"}, {"peng", "peng"}, {"menge", "menge"},
    {"nya", "nya"}, {"a", "a"},
    /* not folded, not a-z: unchanged */
    {"Menulis", "Menulis"}, {"2024", "2024"}, {"caf\xC3\xA9", "caf\xC3\xA9"},
    {"\xFF\xFE\xFD", "\xFF\xFE\xFD"}, {"men\xE2\x80\x99ulis", "men\xE2\x80\x99ulis"},
    {"", ""},
};

static void test_rules(void **state)
{
    struct lexicon *lex = small_lex();
    struct stem_id *s = stem_id_new(lex);
    size_t i, pass;
    char out[STEM_ID_MAX_WORD + 1];

    (void)state;
    for (pass = 0; pass < 2; pass++) { /* the second pass is answered by the cache */
        for (i = 0; i < sizeof rule_rows / sizeof *rule_rows; i++) {
            size_t n = stem_id_word(s, rule_rows[i].in, strlen(rule_rows[i].in), out, sizeof out);
            if (n != strlen(rule_rows[i].want) || memcmp(out, rule_rows[i].want, n) != 0) {
                print_error("stem_id(%s) = %.*s, want %s\n", rule_rows[i].in, (int)n, out,
                            rule_rows[i].want);
                fail();
            }
            assert_int_equal(out[n], '\0');
        }
    }
    {
        size_t hits, misses;
        stem_id_stats(s, &hits, &misses);
        assert_true(hits >= misses - 1); /* "" is neither */
        assert_true(hits > 0);
    }
    stem_id_free(s);
    lexicon_free(lex);
}

static void test_how(void **state)
{
    struct lexicon *lex = small_lex();
    struct stem_id *s = stem_id_new(lex);
    char out[64];

    (void)state;
    stem_id_word(s, "menteri", 7, out, sizeof out);
    assert_int_equal(stem_id_last_how(s), STEM_ID_ROOT);
    stem_id_word(s, "menulis", 7, out, sizeof out);
    assert_int_equal(stem_id_last_how(s), STEM_ID_RULES);
    stem_id_word(s, "menulis", 7, out, sizeof out); /* cached: same answer */
    assert_int_equal(stem_id_last_how(s), STEM_ID_RULES);
    stem_id_word(s, "pasukan", 7, out, sizeof out);
    assert_int_equal(stem_id_last_how(s), STEM_ID_UNCHANGED);
    stem_id_free(s);
    lexicon_free(lex);
}

/* Fallback that keeps the first three bytes, or declines words with 'x'. */
static size_t fake_fallback(void *ctx, const char *w, size_t len, char *out, size_t cap)
{
    int *calls = ctx;

    (*calls)++;
    if (memchr(w, 'x', len)) return (size_t)-1;
    memcpy(out, w, 3);
    return 3;
}

static void test_fallback(void **state)
{
    struct lexicon *lex = small_lex();
    struct stem_id *s = stem_id_new(lex);
    char out[64];
    int calls = 0;
    size_t n;

    (void)state;
    stem_id_set_fallback(s, fake_fallback, &calls);
    n = stem_id_word(s, "pasukan", 7, out, sizeof out);
    assert_int_equal(n, 3);
    assert_string_equal(out, "pas");
    assert_int_equal(stem_id_last_how(s), STEM_ID_FALLBACK);
    n = stem_id_word(s, "menulis", 7, out, sizeof out); /* validated: no fallback */
    assert_string_equal(out, "tulis");
    assert_int_equal(calls, 1);
    n = stem_id_word(s, "xenon", 5, out, sizeof out);
    assert_string_equal(out, "xenon");
    assert_int_equal(stem_id_last_how(s), STEM_ID_UNCHANGED);
    stem_id_set_fallback(s, NULL, NULL); /* clears the cache */
    stem_id_word(s, "pasukan", 7, out, sizeof out);
    assert_string_equal(out, "pasukan");
    stem_id_free(s);
    lexicon_free(lex);
}

static const struct row guess_rows[] = {
    {"menulis", "tulis"}, {"memukul", "pukul"}, {"menyapu", "sapu"}, {"ditulis", "tulis"},
    {"bukunya", "buku"}, {"bacalah", "baca"}, {"berlari", "lari"}, {"kata-kata", "kata"},
    {"kedua", "kedua"}, {"akan", "akan"}, {"di", "di"}, {"", ""},
};

static void test_no_lexicon(void **state)
{
    struct lexicon *empty = lexicon_new();
    struct stem_id *a = stem_id_new(NULL), *b = stem_id_new(empty);
    size_t i;
    char out[64];

    (void)state;
    assert_int_equal(lexicon_available(empty), 0);
    for (i = 0; i < sizeof guess_rows / sizeof *guess_rows; i++) {
        size_t n = stem_id_word(a, guess_rows[i].in, strlen(guess_rows[i].in), out, sizeof out);
        if (n != strlen(guess_rows[i].want) || memcmp(out, guess_rows[i].want, n) != 0) {
            print_error("no lexicon: %s = %.*s, want %s\n", guess_rows[i].in, (int)n, out,
                        guess_rows[i].want);
            fail();
        }
        assert_int_equal(stem_id_word(b, guess_rows[i].in, strlen(guess_rows[i].in), out,
                                      sizeof out),
                         n);
    }
    stem_id_word(a, "menulis", 7, out, sizeof out);
    assert_int_equal(stem_id_last_how(a), STEM_ID_UNVALIDATED);
    stem_id_free(a);
    stem_id_free(b);
    lexicon_free(empty);
}

static void test_hostile(void **state)
{
    struct lexicon *lex = small_lex();
    struct stem_id *s = stem_id_new(lex);
    char *big = kb_malloc(100000), out[STEM_ID_MAX_WORD + 1], tiny[3];
    size_t n, i;

    (void)state;
    /* longer than STEM_ID_MAX_WORD: unchanged, length reported, out capped */
    memset(big, 'a', 100000);
    memcpy(big, "meng", 4);
    n = stem_id_word(s, big, 100000, out, sizeof out);
    assert_int_equal(n, 100000);
    /* exactly the limit, all letters and hyphens: stemmed without overflow */
    for (i = 0; i < STEM_ID_MAX_WORD; i++) big[i] = (i % 7 == 6) ? '-' : "pemerin"[i % 7];
    n = stem_id_word(s, big, STEM_ID_MAX_WORD, out, sizeof out);
    assert_true(n <= STEM_ID_MAX_WORD);
    memset(big, '-', STEM_ID_MAX_WORD);
    n = stem_id_word(s, big, STEM_ID_MAX_WORD, out, sizeof out);
    assert_int_equal(n, STEM_ID_MAX_WORD);
    /* NUL inside the word */
    n = stem_id_word(s, "menu\0lis", 8, out, sizeof out);
    assert_int_equal(n, 8);
    assert_memory_equal(out, "menu\0lis", 8);
    /* small output buffers: full length returned, prefix copied */
    n = stem_id_word(s, "menulis", 7, tiny, sizeof tiny);
    assert_int_equal(n, 5);
    assert_memory_equal(tiny, "tul", 3);
    n = stem_id_word(s, "menulis", 7, NULL, 0);
    assert_int_equal(n, 5);
    /* NULL stemmer or word */
    assert_int_equal(stem_id_word(NULL, "x", 1, out, sizeof out), 0);
    assert_int_equal(stem_id_word(s, NULL, 3, out, sizeof out), 0);
    /* many distinct words: the cache clears and refills without harm */
    for (i = 0; i < 70000; i++) {
        char w[32];
        int len = snprintf(w, sizeof w, "menulis%c%c%c", 'a' + (int)(i % 26),
                           'a' + (int)(i / 26 % 26), 'a' + (int)(i / 676 % 26));
        stem_id_word(s, w, (size_t)len, out, sizeof out);
    }
    n = stem_id_word(s, "menulis", 7, out, sizeof out);
    assert_string_equal(out, "tulis");
    stem_id_free(NULL);
    free(big);
    stem_id_free(s);
    lexicon_free(lex);
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void test_lexicon_load(void **state)
{
    char dir[] = "/tmp/t_stem_id.XXXXXX", dic[128], aff[128];
    /* ISO-8859-1: "\xC9" is E-acute; flags: i0 (-i), B0 (ber-), Mk (me-...-kan) */
    static const char dic_text[] = "4\nAbad/i0\nJAKARTA\n\xC9lan/B0\ntulis/B0Mk\n";
    static const char aff_text[] = "FLAG long\nSFX i0 Y 1\nSFX i0 0 i .\n"
                                   "SFX Mk Y 1\nSFX Mk 0 kan/M1 .\nPFX B0 Y 1\nPFX B0 0 ber .\n";
    struct lexicon *lex;
    struct kb_err err;
    unsigned af;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(dic, sizeof dic, "%s/x.dic", dir);
    snprintf(aff, sizeof aff, "%s/x.aff", dir);
    write_file(dic, dic_text, sizeof dic_text - 1);
    write_file(aff, aff_text, sizeof aff_text - 1);
    lex = lexicon_load(dic, &err);
    assert_non_null(lex);
    assert_int_equal(lexicon_count(lex), 4);
    assert_true(lexicon_has(lex, "abad", 4));
    assert_true(lexicon_has(lex, "jakarta", 7));
    assert_true(lexicon_has(lex, "\xC3\xA9lan", 5));
    assert_false(lexicon_has(lex, "4", 1));
    assert_false(lexicon_has(lex, "Abad", 4));
    af = lexicon_affixes(lex, "abad", 4);
    assert_true(af & LEX_AF_I);
    assert_false(af & LEX_AF_BER);
    af = lexicon_affixes(lex, "tulis", 5);
    assert_true((af & (LEX_AF_BER | LEX_AF_ME | LEX_AF_KAN)) == (LEX_AF_BER | LEX_AF_ME | LEX_AF_KAN));
    assert_false(af & LEX_AF_PE);
    assert_int_equal(lexicon_affixes(lex, "jakarta", 7), LEX_AF_ROOT);
    assert_int_equal(lexicon_affixes(lex, "bogor", 5), 0);
    lexicon_free(lex);

    /* without the .aff every root takes every affix */
    unlink(aff);
    lex = lexicon_load(dic, NULL);
    assert_non_null(lex);
    assert_int_equal(lexicon_affixes(lex, "jakarta", 7), LEX_AF_ALL);
    lexicon_free(lex);

    /* empty and missing files */
    write_file(dic, "0\n", 2);
    assert_null(lexicon_load(dic, &err));
    assert_int_equal(err.code, KB_EPARSE);
    unlink(dic);
    assert_null(lexicon_load(dic, &err));
    assert_int_equal(err.code, KB_EIO);
    assert_null(lexicon_load(NULL, NULL));
    rmdir(dir);

    /* hand-built sets; duplicates count once; bounds */
    lex = lexicon_new();
    assert_int_equal(lexicon_add(lex, "kata", 4), 0);
    assert_int_equal(lexicon_add(lex, "kata", 4), 0);
    assert_int_equal(lexicon_add(lex, "", 0), 0);
    assert_int_equal(lexicon_count(lex), 1);
    assert_int_equal(lexicon_add(NULL, "kata", 4), KB_EINVAL);
    assert_false(lexicon_has(NULL, "kata", 4));
    assert_false(lexicon_has(lex, "kat", 3));
    lexicon_free(lex);
    lexicon_free(NULL);
}

/* The examples with the real hunspell-id dictionary. */
static const struct row dict_rows[] = {
    {"menulis", "tulis"}, {"pengerahan", "kerah"}, {"menandatangani", "tandatangan"},
    {"mengatakan", "kata"}, {"memperhatikan", "hati"}, {"menteri", "menteri"},
    {"tentara", "tentara"}, {"kata-kata", "kata"}, {"berlari-lari", "lari"},
    {"pemerintah", "perintah"}, {"bertahan", "tahan"}, {"dibeli", "beli"},
    {"mencapai", "capai"}, {"pengeringan", "kering"}, {"gerakan", "gerak"},
};

static void test_dictionary(void **state)
{
    const struct lexicon *lex;
    struct stem_id *s;
    size_t i;
    char out[64];

    (void)state;
    if (access(LEXICON_DEFAULT_DIC, R_OK) != 0 || getenv("KABAR_ID_DIC")) {
        print_message("skip: %s not found (install hunspell-id)\n", LEXICON_DEFAULT_DIC);
        skip();
    }
    lex = lexicon_default();
    assert_true(lexicon_available(lex));
    assert_true(lexicon_count(lex) > 20000);
    assert_ptr_equal(lex, lexicon_default()); /* loaded once */
    s = stem_id_new(lex);
    for (i = 0; i < sizeof dict_rows / sizeof *dict_rows; i++) {
        size_t n = stem_id_word(s, dict_rows[i].in, strlen(dict_rows[i].in), out, sizeof out);
        if (n != strlen(dict_rows[i].want) || memcmp(out, dict_rows[i].want, n) != 0) {
            print_error("stem_id(%s) = %.*s, want %s\n", dict_rows[i].in, (int)n, out,
                        dict_rows[i].want);
            fail();
        }
    }
    stem_id_free(s);
}

/* Accuracy on the UD Indonesian-GSD dev+test lemma pairs: the goal
 * is >= 92% (Snowball 78.6%, hunspell-id 87.8%). */
static void test_accuracy(void **state)
{
    FILE *f;
    struct lexicon *lex;
    struct stem_id *s;
    char line[1024], out[512];
    size_t total = 0, ok = 0;

    (void)state;
    f = fopen(PAIRS, "r");
    if (!f) {
        print_message("skip: %s not found (../shared/data is absent)\n", PAIRS);
        skip();
    }
    lex = lexicon_load(LEXICON_DEFAULT_DIC, NULL);
    if (!lex) {
        fclose(f);
        print_message("skip: %s not found (install hunspell-id)\n", LEXICON_DEFAULT_DIC);
        skip();
    }
    s = stem_id_new(lex);
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t'), *lemma;
        size_t n, ll;
        if (!tab) continue;
        *tab = '\0';
        lemma = tab + 1;
        ll = strcspn(lemma, "\r\n");
        n = stem_id_word(s, line, strlen(line), out, sizeof out);
        ok += n == ll && memcmp(out, lemma, ll) == 0;
        total++;
    }
    fclose(f);
    print_message("# stem_id accuracy on GSD pairs: %zu/%zu = %.1f%%\n", ok, total,
                  100.0 * (double)ok / (double)total);
    assert_true(total > 3000);
    assert_true(ok * 100 >= total * 92);
    stem_id_free(s);
    lexicon_free(lex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),     cmocka_unit_test(test_how),
        cmocka_unit_test(test_fallback),  cmocka_unit_test(test_no_lexicon),
        cmocka_unit_test(test_hostile),   cmocka_unit_test(test_lexicon_load),
        cmocka_unit_test(test_dictionary), cmocka_unit_test(test_accuracy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
