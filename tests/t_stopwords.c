/* t_stopwords.c -- the built-in stopword list: membership, the words that
 * must stay out (dates, quotes, numbers, Indonesian acronyms), and the order
 * the binary search depends on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "stopwords.h"

struct sw_case {
    const char *w;
    size_t len; /* 0: strlen(w) */
    int want;
};

static const struct sw_case cases[] = {
    /* Indonesian function words */
    {"yang", 0, 1},   {"dan", 0, 1},      {"di", 0, 1},       {"ke", 0, 1},
    {"dari", 0, 1},   {"ini", 0, 1},      {"itu", 0, 1},      {"dengan", 0, 1},
    {"untuk", 0, 1},  {"pada", 0, 1},     {"adalah", 0, 1},   {"dalam", 0, 1},
    {"tidak", 0, 1},  {"akan", 0, 1},     {"juga", 0, 1},     {"atau", 0, 1},
    {"oleh", 0, 1},   {"sebagai", 0, 1},  {"karena", 0, 1},   {"bahwa", 0, 1},
    {"telah", 0, 1},  {"sudah", 0, 1},    {"tersebut", 0, 1}, {"masing-masing", 0, 1},
    {"yg", 0, 1},     {"pun", 0, 1},
    /* English */
    {"the", 0, 1},    {"and", 0, 1},      {"of", 0, 1},       {"which", 0, 1},
    {"don't", 0, 1},  {"a", 0, 1},
    /* deliberately NOT stopwords: dates, quote verbs, numbers, content */
    {"tahun", 0, 0},  {"bulan", 0, 0},    {"hari", 0, 0},     {"pekan", 0, 0},
    {"lalu", 0, 0},   {"kata", 0, 0},     {"mengatakan", 0, 0}, {"ujar", 0, 0},
    {"baru", 0, 0},   {"ribuan", 0, 0},   {"satu", 0, 0},     {"dua", 0, 0},
    {"banyak", 0, 0}, {"menjadi", 0, 0},  {"pihak", 0, 0},    {"korea", 0, 0},
    /* English words that are Indonesian acronyms or months once folded */
    {"as", 0, 0},     {"us", 0, 0},       {"who", 0, 0},      {"may", 0, 0},
    /* near misses and bad input */
    {"", 0, 0},       {"yan", 0, 0},      {"yangg", 0, 0},    {"Yang", 0, 0},
    {"dan\0", 4, 0},  {"\xFF", 0, 0},     {"zzzz", 0, 0},     {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0},
};

static void test_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].w);
        if (stopword_is(cases[i].w, len) != cases[i].want)
            fail_msg("row %zu: stopword_is(\"%s\") = %d, want %d", i, cases[i].w, !cases[i].want,
                     cases[i].want);
    }
    assert_int_equal(stopword_is(NULL, 0), 0);
}

/* strictly ascending in byte order (binary search), folded ASCII, each
 * entry found by stopword_is, and the size the design asks for */
static void test_list_invariants(void **state)
{
    size_t i, n = stopword_count();

    (void)state;
    assert_true(n >= 150 && n <= 260);
    for (i = 0; i < n; i++) {
        const char *w = stopword_at(i);
        const char *p;

        assert_non_null(w);
        assert_true(strlen(w) >= 1 && strlen(w) <= 16);
        for (p = w; *p; p++) assert_true((*p >= 'a' && *p <= 'z') || *p == '-' || *p == '\'');
        if (i > 0 && strcmp(stopword_at(i - 1), w) >= 0)
            fail_msg("not sorted: \"%s\" before \"%s\"", stopword_at(i - 1), w);
        assert_int_equal(stopword_is(w, strlen(w)), 1);
        /* a proper prefix of a stopword is found only if it is one itself */
        if (strlen(w) > 1) {
            size_t j;
            int listed = 0;
            for (j = 0; j < n; j++)
                if (strlen(stopword_at(j)) == strlen(w) - 1 && memcmp(stopword_at(j), w, strlen(w) - 1) == 0)
                    listed = 1;
            assert_int_equal(stopword_is(w, strlen(w) - 1), listed);
        }
    }
    assert_null(stopword_at(n));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_list_invariants),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
