/* t_cluster.c -- story assignment: similarity, time window, undated docs,
 * time decay, the span cap that stops chaining, entity terms and their
 * overlap, and restore.
 *
 * Documents are written as "term:count ..." strings; each row says which
 * earlier row's story the document must join (or 0 for a new story). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
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
        for (colon = e; colon > p && colon[-1] != ':'; colon--) continue;
        colon = colon > p ? colon - 1 : NULL; /* the last ':' ("E:name:2") */
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
        /* 4: the next day (a day later the score keeps 71%; see test_decay) */
        {101, "sukamaju:2 banjir:1 dapur:2 umum:2 ungsi:1 kecamat:1", 1},
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
        o.half_life_days = 0; /* the window alone; decay has its own test */
        o.max_span_days = 0;
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


/* One document, the same terms every time, so the word cosine is fixed and
 * only the decay changes the score. */
static void test_decay(void **state)
{
    static const struct {
        double half_life;
        int64_t gap;   /* days after the story's last member */
        double factor; /* expected score / score at gap 0 */
    } rows[] = {
        {2, 0, 1.0}, {2, 1, 0.70711}, {2, 2, 0.5}, {2, 4, 0.25}, {7, 7, 0.5}, {0, 5, 1.0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        struct cluster_opts o;
        double score[2];
        int k;
        cluster_opts_default(&o);
        o.half_life_days = rows[i].half_life;
        o.window_days = 30;
        o.max_span_days = 0;
        /* the same two documents, the second at gap 0 and at the row's gap */
        for (k = 0; k < 2; k++) {
            char a[] = "banjir:3 sukamaju:2 ungsi:1 bpbd:1";
            char b[] = "banjir:2 sukamaju:2 ungsi:2 dapur:1";
            struct cluster_term ta[8], tb[8];
            size_t na = parse(a, ta, 8), nb = parse(b, tb, 8);
            struct cluster *c = cluster_new(&o);
            (void)cluster_assign(c, 100, ta, na, 1);
            (void)cluster_assign(c, 100 + (k ? rows[i].gap : 0), tb, nb, 2);
            score[k] = cluster_last_score(c);
            cluster_free(c);
        }
        print_message("# half-life %.0f gap %lld: %.4f -> %.4f\n", rows[i].half_life,
                      (long long)rows[i].gap, score[0], score[1]);
        assert_true(score[0] > 0.3);
        assert_true(fabs(score[1] - score[0] * rows[i].factor) < 1e-3);
    }
}

/* A recurring topic: the same kind of article every day for 60 days. The
 * old design (window moving with last_day, no decay, no span cap) made it
 * one story; a story must stay one event. */
static void test_no_chaining(void **state)
{
    static const struct {
        int max_span;
        double half_life;
        int max_story_days; /* longest story span allowed */
        int min_stories;
    } rows[] = {
        {0, 0, 59, 1},  /* the old behaviour: one 60-day chain */
        {14, 0, 14, 4}, /* the span cap cuts it into fortnights */
        {14, 2, 14, 4},
        {7, 2, 7, 8},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        struct cluster_opts o;
        struct cluster *c;
        int64_t first[256], last[256], day, id, next = 1;
        int n_st = 0;
        cluster_opts_default(&o);
        o.max_span_days = rows[i].max_span;
        o.half_life_days = rows[i].half_life;
        c = cluster_new(&o);
        for (day = 0; day < 60; day++) {
            char buf[] = "inflasi:3 harga:2 bps:2 persen:1 pangan:1 beras:1";
            struct cluster_term t[8];
            size_t n = parse(buf, t, 8);
            id = cluster_assign(c, 1000 + day, t, n, next);
            if (id == next) {
                assert_true(next < 256);
                first[next] = last[next] = day;
                next++;
                n_st++;
            } else {
                last[id] = day;
            }
        }
        for (id = 1; id < next; id++) assert_true(last[id] - first[id] <= rows[i].max_story_days);
        if (rows[i].max_span == 0) assert_int_equal(n_st, 1);
        assert_true(n_st >= rows[i].min_stories);
        cluster_free(c);
    }
}

struct collected {
    char terms[64][CLUSTER_ENTITY_MAX + 1];
    size_t n;
    size_t n_words;
};

static int collect(void *ctx, const char *term, size_t len, size_t off, size_t tok_len)
{
    struct collected *c = ctx;
    (void)off;
    (void)tok_len;
    assert_true(len > 0);
    if (len > CLUSTER_ENTITY_PREFIX_LEN && memcmp(term, CLUSTER_ENTITY_PREFIX, CLUSTER_ENTITY_PREFIX_LEN) == 0) {
        assert_true(len <= CLUSTER_ENTITY_MAX);
        if (c->n < 64) {
            memcpy(c->terms[c->n], term, len);
            c->terms[c->n][len] = 0;
            c->n++;
        }
    } else {
        assert_null(memchr(term, ':', len)); /* word terms can never look like entities */
        c->n_words++;
    }
    return 0;
}

static int has(const struct collected *c, const char *t)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        if (strcmp(c->terms[i], t) == 0) return 1;
    return 0;
}

static void test_entities(void **state)
{
    static const struct {
        const char *title;
        const char *text;
        const char *want[6];    /* entity terms that must appear */
        const char *notwant[6]; /* and that must not */
    } rows[] = {
        {NULL, "Banjir merendam Kabupaten Lembah Sari pada Senin pagi.",
         {"E:kabupaten lembah", "E:lembah sari"},
         {"E:banjir", "E:senin", "E:merendam"}},
        /* a function word capitalised by position is not part of the name */
        {NULL, "Di Lembah Sari, warga mengungsi. Warga lain bertahan.",
         {"E:lembah sari"},
         {"E:di lembah", "E:di", "E:warga"}},
        /* acronyms count alone and inside runs; a mid-sentence name counts */
        {NULL, "Data itu dirilis BPBD Jawa Tengah, kata Hendra kepada wartawan.",
         {"E:bpbd", "E:bpbd jawa", "E:jawa tengah", "E:hendra"},
         {"E:data", "E:kata"}},
        /* a caption in capitals is shouting, not acronyms */
        {NULL, "WARGA MENGEVAKUASI BARANG DARI RUMAH. Banjir surut.",
         {NULL},
         {"E:warga", "E:mengevakuasi", "E:barang", "E:rumah"}},
        /* titles are Title Case: only their acronyms count */
        {"Banjir Rendam Desa, BPBD Dirikan Posko", "",
         {"E:bpbd"},
         {"E:banjir rendam", "E:dirikan posko", "E:banjir"}},
        /* months, days and times are not names */
        {NULL, "Kejadian pada Rabu, 11 Maret 2026 pukul 08.00 WIB itu dilaporkan ke KPU.",
         {"E:kpu"},
         {"E:rabu", "E:maret", "E:wib"}},
        /* a long Title Case heading: acronyms only */
        {NULL, "Berikut Daftar Lengkap Harga Emas Antam Hari Ini Di Seluruh Butik BRI Indonesia",
         {"E:bri"},
         {"E:harga emas", "E:emas antam"}},
        /* names with non-ASCII letters and hyphens fold like terms */
        {NULL, "menurut Kim Jong-un dan Émile Zola",
         {"E:kim jong-un", "E:emile zola"},
         {NULL}},
    };
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        struct collected c;
        memset(&c, 0, sizeof c);
        assert_int_equal(cluster_doc_terms(NULL, rows[i].title, rows[i].text, strlen(rows[i].text),
                                           collect, &c), 0);
        for (j = 0; j < c.n; j++) print_message("# row %zu: %s\n", i + 1, c.terms[j]);
        for (j = 0; j < 6 && rows[i].want[j]; j++) {
            if (!has(&c, rows[i].want[j])) print_message("# row %zu misses %s\n", i + 1, rows[i].want[j]);
            assert_true(has(&c, rows[i].want[j]));
        }
        for (j = 0; j < 6 && rows[i].notwant[j]; j++) {
            if (has(&c, rows[i].notwant[j])) print_message("# row %zu has %s\n", i + 1, rows[i].notwant[j]);
            assert_false(has(&c, rows[i].notwant[j]));
        }
        assert_true(c.n_words > 0 || !*rows[i].text);
    }
}

static void test_entities_bad_input(void **state)
{
    static const struct {
        const char *s;
        size_t len;
    } rows[] = {
#define LIT(x) {x, sizeof x - 1}
        LIT(""),
        LIT("Lembah\0Sari \xff\xfe BPBD \xc3"),
        LIT("\xe2\x80\x9cKami\xe2\x80\x9d kata Lembah Sari"),
        LIT("A B C D E F G H I J K L M N O P Q R S T U V W X Y Z"),
        LIT("KPU KPU KPU KPU. Rapat KPU\0KPU di Lembah"),
#undef LIT
    };
    char *big;
    size_t i, n = 1 << 20;
    struct collected c;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        memset(&c, 0, sizeof c);
        assert_int_equal(cluster_doc_terms(NULL, NULL, rows[i].s, rows[i].len, collect, &c), 0);
    }
    memset(&c, 0, sizeof c);
    assert_int_equal(cluster_doc_terms(NULL, NULL, NULL, 5, collect, &c), 0);
    assert_int_equal(cluster_doc_terms(NULL, "x", "y", 1, NULL, NULL), 0);
    /* a huge run of capitalised words with no separator but spaces, and
     * one giant word: bounded memory, no overlong terms */
    big = malloc(n);
    assert_non_null(big);
    for (i = 0; i < n; i++) big[i] = i % 4 == 3 ? ' ' : (i % 4 == 0 ? 'K' : 'a');
    memset(&c, 0, sizeof c);
    assert_int_equal(cluster_doc_terms(NULL, NULL, big, n, collect, &c), 0);
    memset(big, 'Q', n);
    memset(&c, 0, sizeof c);
    assert_int_equal(cluster_doc_terms(NULL, NULL, big, n, collect, &c), 0);
    assert_int_equal(c.n, 0);
    free(big);
}

/* Two reports of one event that share few words but the same names: the
 * entity overlap is what joins them. */
static void test_entity_overlap(void **state)
{
    static const struct {
        double entity_weight;
        int same;
    } rows[] = {
        {0.0, 0},
        {0.5, 1},
        {1.0, 1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        struct cluster_opts o;
        struct cluster *c;
        char a[] = "banjir:3 rendam:2 desa:2 ungsi:2 warga:1 E:lembah_sari:3 E:bpbd:2 E:desa_ngrancah:1";
        char b[] = "air:2 bersih:2 selimut:2 posko:2 keluh:1 banjir:1 E:lembah_sari:2 E:bpbd:1 E:desa_ngrancah:1";
        char x[] = "harga:3 beras:3 pasar:2 E:bandar_kencana:2 E:bulog:1";
        struct cluster_term ta[12], tb[12], tx[12];
        size_t na = parse(a, ta, 12), nb = parse(b, tb, 12), nx = parse(x, tx, 12);
        int64_t got;
        cluster_opts_default(&o);
        o.entity_weight = rows[i].entity_weight;
        c = cluster_new(&o);
        assert_int_equal(cluster_assign(c, 100, ta, na, 1), 1);
        assert_int_equal(cluster_assign(c, 100, tx, nx, 2), 2);
        got = cluster_assign(c, 101, tb, nb, 3);
        print_message("# entity weight %.1f: score %.3f\n", rows[i].entity_weight, cluster_last_score(c));
        assert_int_equal(got, rows[i].same ? 1 : 3);
        cluster_free(c);
    }
}

/* Restoring many members sorts each story lazily; the state afterwards must
 * be the same as if the centroid had been rebuilt after every member. */
static void test_restore_many(void **state)
{
    struct cluster *c = cluster_new(NULL), *d = cluster_new(NULL);
    char buf[64];
    struct cluster_term t[4];
    size_t i, n;
    char p[] = "gempa:3 magnitudo:2 term7:1 term8:1";
    struct cluster_term tp[8];
    size_t np = parse(p, tp, 8);

    (void)state;
    for (i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "gempa:2 magnitudo:1 term%zu:1", i % 50);
        n = parse(buf, t, 4);
        cluster_restore(c, 7, 300 + (int64_t)(i % 5), t, n);
        cluster_restore(d, 7, 300 + (int64_t)(i % 5), t, n);
        if (i % 100 == 0) { /* d compares now and then: its centroid is rebuilt midway */
            char q[] = "zzz:1";
            struct cluster_term tq[2];
            size_t nq = parse(q, tq, 2);
            (void)cluster_assign(d, 302, tq, nq, 1000 + (int64_t)i);
        }
    }
    assert_int_equal(cluster_assign(c, 303, tp, np, 9), 7);
    assert_int_equal(cluster_assign(d, 303, tp, np, 9), 7);
    cluster_free(c);
    cluster_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assign),
        cmocka_unit_test(test_window_and_threshold),
        cmocka_unit_test(test_restore),
        cmocka_unit_test(test_decay),
        cmocka_unit_test(test_no_chaining),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_entities_bad_input),
        cmocka_unit_test(test_entity_overlap),
        cmocka_unit_test(test_restore_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
