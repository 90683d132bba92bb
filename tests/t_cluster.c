/* t_cluster.c -- story assignment: similarity, time window, undated docs.
 *
 * Documents are written as "term:count ..." strings; each row says which
 * earlier row's story the document must join (or 0 for a new story). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cluster.h"

/* Parse "a:2 b c:3" into t (terms point into buf). Returns the count. */
static size_t parse(char *buf, struct cluster_term *t, size_t max)
{
    size_t n = 0;
    char *p = buf;

    while (*p && n < max) {
        char *e, *colon;
        while (*p == ' ') p++;
        if (!*p) break;
        e = p + strcspn(p, " ");
        colon = memchr(p, ':', (size_t)(e - p));
        t[n].term = p;
        t[n].len = (size_t)((colon ? colon : e) - p);
        t[n].count = colon ? (uint32_t)strtoul(colon + 1, NULL, 10) : 1;
        n++;
        p = *e ? e + 1 : e;
    }
    return n;
}

#define NODAY CLUSTER_NO_DAY

static void test_assign(void **state)
{
    static const struct {
        int64_t day;
        const char *terms;
        int joins; /* 1-based row whose story it joins, 0 = new story */
    } rows[] = {
        /* 1 */ {100, "banjir:3 sukamaju:3 bpbd:2 warga:2 ungsi:2 cilaras:1 rumah:1", 0},
        /* 2 */ {100, "banjir:2 sukamaju:2 ungsi:2 perahu:1 karet:1 cilaras:2 warga:1", 1},
        /* 3 */ {101, "persija:3 persib:2 gol:2 liga:1 stadion:1 menit:1", 0},
        /* 4 */ {102, "sukamaju:2 banjir:1 dapur:2 umum:2 ungsi:1 kecamat:1", 1},
        /* 5 */ {101, "persija:2 persib:3 pelatih:1 klasemen:1 gol:1", 3},
        /* 6: same words as the flood, a month later: a new story */
        {140, "banjir:3 sukamaju:3 bpbd:2 warga:2 ungsi:2 cilaras:1 rumah:1", 0},
        /* 7: undated: matches any time, joins the best (6 is identical to 1;
         * 6 is newer but 1's story is larger) */
        {NODAY, "banjir:2 sukamaju:2 bpbd:1 ungsi:1 perahu:1", 1},
        /* 8: unrelated */
        {103, "aplikasi:3 petani:2 sensor:2 sawah:1 startup:1", 0},
        /* 9: empty document */
        {103, "", 0},
        /* 10: terms never seen: no candidates */
        {103, "gempa:2 magnitudo:2 tsunami:1", 0},
    };
    struct cluster *c = cluster_new(NULL);
    int64_t got[sizeof rows / sizeof *rows];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        char buf[256];
        struct cluster_term t[32];
        size_t n;
        int64_t want;
        strcpy(buf, rows[i].terms);
        n = parse(buf, t, 32);
        got[i] = cluster_assign(c, rows[i].day, t, n, 1000 + (int64_t)i);
        want = rows[i].joins ? got[rows[i].joins - 1] : 1000 + (int64_t)i;
        print_message("# row %zu score %.3f story %lld\n", i + 1, cluster_last_score(c),
                      (long long)got[i]);
        assert_int_equal(got[i], want);
        assert_true(cluster_last_score(c) <= 1.0001);
    }
    cluster_free(c);
}

static void test_window_and_threshold(void **state)
{
    static const struct {
        double threshold;
        int window;
        int64_t day2;
        int same; /* second document joins the first's story */
    } rows[] = {
        {0.25, 7, 107, 1},   /* within the window */
        {0.25, 7, 108, 0},   /* one day past it */
        {0.25, 7, 93, 1},    /* before the story, within the window */
        {0.25, 0, 5000, 1},  /* 0 = no limit */
        {0.99, 0, 100, 0},   /* a high threshold keeps them apart */
        {0.0, 0, 100, 1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        struct cluster_opts o;
        struct cluster *c;
        char a[] = "banjir:3 sukamaju:2 ungsi:1 bpbd:1";
        char b[] = "banjir:2 sukamaju:2 ungsi:2 dapur:1";
        struct cluster_term ta[8], tb[8];
        size_t na = parse(a, ta, 8), nb = parse(b, tb, 8);
        int64_t s1, s2;
        cluster_opts_default(&o);
        o.threshold = rows[i].threshold;
        o.window_days = rows[i].window;
        c = cluster_new(&o);
        s1 = cluster_assign(c, 100, ta, na, 1);
        s2 = cluster_assign(c, rows[i].day2, tb, nb, 2);
        assert_int_equal(s1, 1);
        assert_int_equal(s2, rows[i].same ? 1 : 2);
        cluster_free(c);
    }
}

static void test_restore(void **state)
{
    struct cluster *c = cluster_new(NULL);
    char a[] = "banjir:3 sukamaju:2 ungsi:1 bpbd:1", b[] = "banjir:1 sukamaju:2 ungsi:2 bpbd:1";
    char x[] = "persija:2 persib:2 gol:1";
    struct cluster_term ta[8], tb[8], tx[8];
    size_t na = parse(a, ta, 8), nb = parse(b, tb, 8), nx = parse(x, tx, 8);

    (void)state;
    cluster_set_ndocs(c, 1000);
    cluster_set_df(c, "banjir", 6, 40);
    cluster_set_df(c, "sukamaju", 8, 3);
    cluster_set_df(c, "gol", 3, 5000); /* inconsistent counts must not break idf */
    cluster_restore(c, 77, 200, ta, na);
    cluster_restore(c, 78, 200, tx, nx);
    assert_int_equal(cluster_assign(c, 201, tb, nb, 79), 77);
    assert_int_equal(cluster_assign(c, 201, tx, nx, 80), 78);
    cluster_free(c);
    cluster_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assign),
        cmocka_unit_test(test_window_and_threshold),
        cmocka_unit_test(test_restore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
