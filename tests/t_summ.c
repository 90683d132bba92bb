/* t_summ.c -- paraphrase similarity, citations and selection rules.
 *
 * Fixtures are kabar's own Indonesian sentences about an invented flood. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "stem.h"
#include "story.h"
#include "summ.h"

/* Sentences on the same topic as the pairs, so that the idf behaves as in a
 * real story: "banjir", "Sukamaju", "warga" are everywhere. */
static const char *const context[] = {
    "Banjir merendam ratusan rumah warga di Kecamatan Sukamaju sejak Senin pagi.",
    "Warga Sukamaju mengungsi ke balai desa setelah banjir datang.",
    "BPBD Lembah Hijau mengirim bantuan untuk korban banjir di Sukamaju.",
    "Hujan deras membuat banjir di Sukamaju semakin tinggi pada malam hari.",
    "Warga berharap banjir di Sukamaju cepat surut agar bisa pulang.",
};

static void test_paraphrase(void **state)
{
    static const struct {
        const char *a, *b;
        int same; /* a near-paraphrase (1) or a different statement (0) */
    } rows[] = {
        {"Sekitar 1.200 warga Kecamatan Sukamaju mengungsi setelah banjir merendam ratusan rumah pada Senin, menurut BPBD Lembah Hijau.",
         "Sekitar 1.200 warga di Kecamatan Sukamaju harus mengungsi karena banjir merendam ratusan rumah pada hari Senin, kata BPBD Lembah Hijau.",
         1},
        {"Pemerintah kabupaten menyiapkan dapur umum di halaman kantor kecamatan untuk memenuhi kebutuhan makan para pengungsi.",
         "Pemerintah kabupaten mendirikan dapur umum di halaman kantor kecamatan guna mencukupi kebutuhan makan pengungsi.",
         1},
        {"Curah hujan yang tinggi sejak Minggu malam menyebabkan Sungai Cilaras meluap dan menggenangi jalan utama kecamatan.",
         "Sungai Cilaras meluap dan menggenangi jalan utama kecamatan akibat curah hujan tinggi yang turun sejak Minggu malam.",
         1},
        {"Tim gabungan mengerahkan enam perahu karet untuk mengevakuasi warga lanjut usia.",
         "TIM GABUNGAN mengerahkan enam perahu karet untuk mengevakuasi warga lanjut usia!",
         1},
        /* share the topic words only */
        {"Banjir di Kecamatan Sukamaju menggenangi jalan utama menuju pasar kecamatan.",
         "Warga Kecamatan Sukamaju membersihkan lumpur dari rumah setelah banjir surut.",
         0},
        {"BPBD Lembah Hijau mengerahkan enam perahu karet ke permukiman warga.",
         "BPBD Lembah Hijau mencatat dua jembatan desa rusak berat akibat banjir.",
         0},
        {"Warga Sukamaju mengungsi ke masjid terdekat setelah rumah mereka terendam.",
         "Dinas Kesehatan membuka posko kesehatan untuk mencegah diare dan penyakit kulit.",
         0},
        /* same words, contradicting facts: a source must not be cited for
         * the other's claim */
        {"Banjir merendam sedikitnya 450 rumah di Kecamatan Sukamaju pada Senin pagi.",
         "Banjir merendam sedikitnya 120 rumah di Kecamatan Sukamaju pada Senin pagi.",
         0},
        {"Tim gabungan mengerahkan dua perahu karet untuk mengevakuasi warga lanjut usia.",
         "Tim gabungan mengerahkan empat perahu karet untuk mengevakuasi warga lanjut usia.",
         0},
        {"Kepala desa menerima bantuan beras dari pemerintah kabupaten untuk pengungsi.",
         "Kepala desa belum menerima bantuan beras dari pemerintah kabupaten untuk pengungsi.",
         0},
        {"Sekitar 1,2 juta warga terdampak banjir di Lembah Hijau sejak Minggu malam.",
         "Sekitar 1.200.000 warga terdampak banjir di Lembah Hijau sejak Minggu malam.",
         1},
        /* leaving a figure out is not a contradiction */
        {"Banjir merendam sedikitnya 450 rumah di Kecamatan Sukamaju pada Senin pagi.",
         "Banjir merendam sedikitnya ratusan rumah di Kecamatan Sukamaju pada Senin pagi.",
         1},
    };
    struct summ_opts o;
    struct stemmer *st = stem_new(KB_LANG_ID);
    size_t i, k, nc = sizeof context / sizeof *context;

    (void)state;
    assert_non_null(st);
    summ_opts_default(&o);
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        const char *tx[16];
        size_t ln[16];
        double sim;
        for (k = 0; k < nc; k++) {
            tx[k] = context[k];
            ln[k] = strlen(context[k]);
        }
        tx[nc] = rows[i].a;
        ln[nc] = strlen(rows[i].a);
        tx[nc + 1] = rows[i].b;
        ln[nc + 1] = strlen(rows[i].b);
        sim = summ_pair_sim(st, tx, ln, nc + 2, nc, nc + 1);
        print_message("# row %zu sim %.3f\n", i, sim);
        if (rows[i].same) assert_true(sim >= o.paraphrase_sim);
        else assert_true(sim < o.paraphrase_sim);
    }
    assert_true(summ_pair_sim(st, context, NULL, 0, 0, 1) == 0); /* out of range */
    stem_free(st);
}

struct art {
    int64_t id;
    const char *site, *published;
    int64_t duplicate_of;
    const char *text;
};

static const struct art flood[] = {
    {1, "a.id", "2025-03-10", 0,
     "Banjir Sukamaju\n"
     "Banjir setinggi satu meter merendam sedikitnya 450 rumah di Kecamatan Sukamaju pada Senin pagi.\n"
     "Apa penyebab banjir kali ini?\n"
     "Sekitar 1.200 warga Kecamatan Sukamaju mengungsi setelah banjir merendam ratusan rumah, menurut BPBD Lembah Hijau.\n"
     "Kepala BPBD Lembah Hijau mengatakan tim gabungan mengerahkan enam perahu karet untuk evakuasi.\n"
     "Baca juga: Harga cabai naik menjelang Ramadan di pasar induk kota.\n"},
    {2, "b.id", "2025-03-11", 0,
     "Sekitar 1.200 warga di Kecamatan Sukamaju harus mengungsi karena banjir merendam ratusan rumah, kata BPBD Lembah Hijau.\n"
     "Pemerintah kabupaten menyiapkan dapur umum di halaman kantor kecamatan untuk para pengungsi.\n"
     "Air mulai surut pada Selasa sore dan warga membersihkan lumpur dari rumah mereka.\n"
     "Ok.\n"},
    {3, "c.id", "2025-03-11", 0,
     "Dinas Kesehatan membuka posko kesehatan untuk mengantisipasi diare dan penyakit kulit setelah banjir.\n"
     "Pemerintah kabupaten mendirikan dapur umum di halaman kantor kecamatan bagi para pengungsi.\n"
     "WAJAH WARGA Sukamaju yang mengungsi di balai desa pada Senin malam.\n"},
    {4, "d.id", "2025-03-12", 1,
     "Banjir Sukamaju\n"
     "Banjir setinggi satu meter merendam sedikitnya 450 rumah di Kecamatan Sukamaju pada Senin pagi.\n"
     "Apa penyebab banjir kali ini?\n"
     "Sekitar 1.200 warga Kecamatan Sukamaju mengungsi setelah banjir merendam ratusan rumah, menurut BPBD Lembah Hijau.\n"
     "Kepala BPBD Lembah Hijau mengatakan tim gabungan mengerahkan enam perahu karet untuk evakuasi.\n"
     "Baca juga: Harga cabai naik menjelang Ramadan di pasar induk kota.\n"},
};

static void load(struct story *s, const struct art *v, size_t n)
{
    size_t i;

    story_init(s);
    for (i = 0; i < n; i++)
        story_add_article(s, v[i].id, "https://example.id/x", v[i].site, NULL, v[i].published,
                          v[i].duplicate_of, v[i].text, strlen(v[i].text));
    story_update_meta(s);
}

static int has(const struct story_sentence *x, int64_t id)
{
    size_t i;
    for (i = 0; i < x->n_sources; i++)
        if (x->sources[i] == id) return 1;
    return 0;
}

/* Which articles each statement must be cited by, when it is picked. */
static void test_citations(void **state)
{
    static const struct {
        const char *needle;     /* substring identifying the statement */
        int64_t sources[4];     /* exactly these, ascending, 0-terminated */
    } rows[] = {
        {"1.200 warga", {1, 2, 4, 0}},
        {"dapur umum", {2, 3, 0, 0}},
        {"setinggi satu meter", {1, 4, 0, 0}},
        {"perahu karet", {1, 4, 0, 0}},
        {"posko kesehatan", {3, 0, 0, 0}},
        {"mulai surut", {2, 0, 0, 0}},
    };
    struct story s;
    struct stemmer *st = stem_new(KB_LANG_ID);
    size_t i, k, matched = 0, multi = 0;

    (void)state;
    load(&s, flood, sizeof flood / sizeof *flood);
    assert_int_equal(summ_story(&s, st, NULL), 0);
    assert_in_range(s.n_summary, 3, 7);
    assert_non_null(s.title); /* no article title: cut from a sentence */
    for (k = 0; k < s.n_summary; k++) {
        const struct story_sentence *x = &s.summary[k];
        assert_true(has(x, x->article));
        assert_true(x->article != 4); /* a copy is never read, only cited */
        assert_null(strstr(x->text, "?"));
        assert_null(strstr(x->text, "Baca juga"));
        assert_null(strstr(x->text, "WAJAH WARGA"));
        assert_string_not_equal(x->text, "Ok.");
        assert_string_not_equal(x->text, "Banjir Sukamaju");
        multi += x->n_sources >= 2;
        for (i = 0; i < sizeof rows / sizeof *rows; i++) {
            size_t n = 0;
            if (!strstr(x->text, rows[i].needle)) continue;
            matched++;
            while (n < 4 && rows[i].sources[n]) n++;
            assert_int_equal(x->n_sources, n);
            for (n = 0; n < x->n_sources; n++) assert_int_equal(x->sources[n], rows[i].sources[n]);
        }
    }
    assert_int_equal(matched, s.n_summary); /* every pick is one of the statements */
    assert_true(multi >= 1);
    /* one statement is never picked twice through its paraphrase */
    for (k = 0; k < s.n_summary; k++)
        for (i = k + 1; i < s.n_summary; i++)
            assert_false(strstr(s.summary[k].text, "dapur umum") && strstr(s.summary[i].text, "dapur umum"));
    /* reading order: article date, then position */
    for (k = 1; k < s.n_summary; k++) {
        const char *pa = NULL, *pb = NULL;
        for (i = 0; i < s.n_articles; i++) {
            if (s.articles[i].id == s.summary[k - 1].article) pa = s.articles[i].published;
            if (s.articles[i].id == s.summary[k].article) pb = s.articles[i].published;
        }
        assert_true(strcmp(pa, pb) <= 0);
    }
    /* summarising again replaces the summary (no growth, same result) */
    k = s.n_summary;
    assert_int_equal(summ_story(&s, st, NULL), 0);
    assert_int_equal(s.n_summary, k);
    story_release(&s);
    stem_free(st);
}

/* Outlets that publish in lower case still get summaries; list rows and
 * figure tables are never summary sentences. */
static const struct art lower[] = {
    {1, "a.id", "2025-04-01", 0,
     "harga emas batangan di butik logam mulia naik rp12.000 per gram pada selasa pagi.\n"
     "kenaikan harga emas dipicu oleh melemahnya nilai tukar rupiah terhadap dolar amerika.\n"
     "berikut daftar harga emas batangan hari ini:\n"
     "- harga emas 1 gram: rp1.904.000.\n"
     "- harga emas 2 gram: rp3.748.000.\n"
     "0,5 gram 929.500 1 gram 1.904.000 2 gram 3.748.000 5 gram 9.295.000.\n"},
    {2, "b.id", "2025-04-01", 0,
     "harga emas batangan di butik logam mulia naik rp12.000 per gram pada hari selasa.\n"
     "analis pasar menilai kenaikan harga emas dipicu oleh melemahnya nilai tukar rupiah.\n"
     "pembeli emas batangan dikenakan pajak penghasilan pasal 22 sebesar 0,45 persen.\n"
     "- harga emas 1 gram: rp1.904.000.\n"},
};

static void test_lower_case_and_lists(void **state)
{
    struct story s;
    struct stemmer *st = stem_new(KB_LANG_ID);
    size_t k;

    (void)state;
    load(&s, lower, sizeof lower / sizeof *lower);
    assert_int_equal(summ_story(&s, st, NULL), 0);
    assert_in_range(s.n_summary, 3, 7);
    for (k = 0; k < s.n_summary; k++) {
        assert_false(s.summary[k].text[0] == '-');
        assert_null(strstr(s.summary[k].text, "929.500"));
    }
    story_release(&s);
    stem_free(st);
}

static void test_limits(void **state)
{
    static const struct {
        size_t min, max, budget;
        size_t lo, hi; /* expected n_summary range */
    } rows[] = {
        {3, 7, 120, 3, 7},
        {1, 1, 120, 1, 1},
        {2, 2, 5, 2, 2},   /* the minimum wins over the budget */
        {3, 7, 0, 3, 3},   /* no budget beyond the minimum */
        {0, 0, 120, 0, 0},
    };
    struct stemmer *st = stem_new(KB_LANG_ID);
    size_t i;

    (void)state;
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        struct story s;
        struct summ_opts o;
        summ_opts_default(&o);
        o.min_sentences = rows[i].min;
        o.max_sentences = rows[i].max;
        o.word_budget = rows[i].budget;
        load(&s, flood, 3);
        assert_int_equal(summ_story(&s, st, &o), 0);
        assert_in_range(s.n_summary, rows[i].lo, rows[i].hi);
        story_release(&s);
    }
    stem_free(st);
}

static void test_degenerate(void **state)
{
    static const struct art rows[] = {
        {1, NULL, NULL, 0, ""},
        {2, NULL, NULL, 0, "Judul saja tanpa titik"},
        {3, NULL, NULL, 9, "Salinan dari artikel yang tidak ada dalam cerita ini sama sekali ya."},
        {4, NULL, "bukan tanggal", 0, "\xff\xfe\x00 rusak \xc3 teks yang sangat rusak sekali di sini."},
    };
    struct stemmer *st = stem_new(KB_LANG_ID);
    struct story s;
    size_t i;

    (void)state;
    story_init(&s);
    assert_int_equal(summ_story(&s, st, NULL), 0); /* no articles */
    assert_int_equal(s.n_summary, 0);
    story_release(&s);
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        load(&s, &rows[i], 1);
        assert_int_equal(summ_story(&s, st, NULL), 0);
        assert_true(s.n_summary <= 1);
        story_release(&s);
    }
    stem_free(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paraphrase),
        cmocka_unit_test(test_citations),
        cmocka_unit_test(test_lower_case_and_lists),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
