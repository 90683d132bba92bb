/* t_corpus.c -- the in-memory `kabar summarize` path end to end.
 *
 * 1. Golden: tests/golden/summarize/NNN.jsonl (articles written for kabar)
 *    -> corpus_stories -> JSON array of stories, compared structurally with
 *    NNN.json. KABAR_GOLDEN_UPDATE=1 rewrites the expected files.
 * 2. Properties of the same fixture that must hold whatever the language
 *    modules do: flood articles form one story, the exact copy is folded
 *    into its earliest article, unrelated news stays apart, an article with
 *    only page junk is dropped, ids are input positions.
 * 3. The founding seeds (../shared/data/seeds, skipped when absent): one
 *    story with all five articles; 3-7 summary sentences, none a heading or
 *    boilerplate; at least one sentence cited by seeds 000 and 003.
 * 4. Hostile input: empty corpus, NUL bytes, invalid UTF-8, a huge line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "article.h"
#include "corpus.h"
#include "mem.h"
#include "story.h"
#include "testutil.h"

#define GOLDEN_DIR "tests/golden/summarize"

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Load a JSONL fixture (url, site, title, published, text) into c. */
static size_t load_jsonl(struct corpus *c, const char *path)
{
    size_t len = 0, n = 0;
    char *data = slurp(path, &len), *line, *save = NULL;

    assert_non_null(data);
    for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_error_t e;
        json_t *o = json_loads(line, 0, &e);
        struct article *a = article_new();
        const char *t;
        assert_non_null(o);
        a->url = kb_strdup(jstr(o, "url"));
        a->site = kb_strdup(jstr(o, "site"));
        a->title = kb_strdup(jstr(o, "title"));
        a->published = kb_strdup(jstr(o, "published"));
        t = jstr(o, "text");
        a->text = kb_strdup(t ? t : "");
        a->text_len = strlen(a->text);
        corpus_add(c, a);
        json_decref(o);
        n++;
    }
    free(data);
    return n;
}

static json_t *stories_json(struct story *v, size_t n)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < n; i++) json_array_append_new(a, story_to_json(&v[i]));
    return a;
}

static const struct story *story_with(const struct story *v, size_t n, int64_t article)
{
    size_t i, k;

    for (i = 0; i < n; i++)
        for (k = 0; k < v[i].n_articles; k++)
            if (v[i].articles[k].id == article) return &v[i];
    return NULL;
}

static void test_golden(void **state)
{
    static const char *const cases[] = {"001"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char in[256], exp_path[256];
        struct corpus *c = corpus_new();
        struct story *v = NULL;
        size_t n = 0, elen = 0;
        json_t *got, *want;
        char *exp;

        snprintf(in, sizeof in, "%s/%s.jsonl", GOLDEN_DIR, cases[i]);
        snprintf(exp_path, sizeof exp_path, "%s/%s.json", GOLDEN_DIR, cases[i]);
        load_jsonl(c, in);
        assert_int_equal(corpus_stories(c, &v, &n, NULL), 0);
        got = stories_json(v, n);
        if (getenv("KABAR_GOLDEN_UPDATE")) {
            assert_int_equal(json_dump_file(got, exp_path, JSON_INDENT(2)), 0);
        }
        exp = slurp(exp_path, &elen);
        if (!exp) fail_msg("%s missing (run with KABAR_GOLDEN_UPDATE=1 to create)", exp_path);
        want = json_loads(exp, 0, NULL);
        assert_non_null(want);
        if (!json_equal(got, want)) {
            char *g = json_dumps(got, JSON_INDENT(2));
            print_message("# got for %s:\n%s\n", cases[i], g);
            free(g);
            fail_msg("%s: output differs from %s", in, exp_path);
        }
        json_decref(got);
        json_decref(want);
        free(exp);
        corpus_stories_free(v, n);
        corpus_free(c);
    }
}

/* The 001 fixture: 1 flood, 2 flood (shares a wire text with 4),
 * 3 football, 4 flood, 5 exact copy of 1 (later), 6 tech, 7 junk only. */
static void test_fixture_properties(void **state)
{
    static const struct {
        int64_t a, b;
        int together;
    } pairs[] = {
        {1, 2, 1}, {1, 4, 1}, {2, 4, 1}, {1, 5, 1}, {1, 3, 0}, {1, 6, 0}, {3, 6, 0},
    };
    struct corpus *c = corpus_new();
    struct story *v = NULL;
    const struct story *flood;
    size_t n = 0, i, k, multi = 0;

    (void)state;
    assert_int_equal(load_jsonl(c, GOLDEN_DIR "/001.jsonl"), 7);
    assert_int_equal(corpus_stories(c, &v, &n, NULL), 0);
    assert_int_equal(n, 3);
    for (i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        const struct story *x = story_with(v, n, pairs[i].a), *y = story_with(v, n, pairs[i].b);
        assert_non_null(x);
        assert_non_null(y);
        if (pairs[i].together) assert_ptr_equal(x, y);
        else assert_ptr_not_equal(x, y);
    }
    assert_null(story_with(v, n, 7)); /* nothing left after cleaning */
    flood = story_with(v, n, 1);
    assert_ptr_equal(flood, &v[0]); /* most sites first */
    assert_int_equal(flood->id, 1);
    assert_int_equal(flood->n_articles, 4);
    assert_int_equal(flood->n_sites, 4);
    assert_string_equal(flood->first_published, "2025-03-10");
    assert_string_equal(flood->last_published, "2025-03-11");
    for (k = 0; k < flood->n_articles; k++) {
        const struct story_article *a = &flood->articles[k];
        if (k) assert_true(a->id > flood->articles[k - 1].id);
        assert_int_equal(a->duplicate_of, a->id == 5 ? 1 : 0);
    }
    assert_non_null(flood->title);
    assert_in_range(flood->n_summary, 3, 7);
    for (k = 0; k < flood->n_summary; k++) {
        const struct story_sentence *x = &flood->summary[k];
        size_t j;
        int cites_1 = 0, cites_5 = 0;
        assert_null(strstr(x->text, "Reporter"));
        assert_null(strstr(x->text, "Baca Juga"));
        for (j = 0; j < x->n_sources; j++) {
            cites_1 |= x->sources[j] == 1;
            cites_5 |= x->sources[j] == 5;
        }
        assert_int_equal(cites_1, cites_5); /* a copy is cited with its original */
        if (x->n_sources - (size_t)cites_5 >= 2) multi++;
    }
    assert_true(multi >= 1);
    corpus_stories_free(v, n);
    corpus_free(c);
}

/* Read the seeds as the text format does: first non-empty line = title. */
static void add_seed(const char *path, char *data, size_t len, void *ctx)
{
    struct article *a = article_new();
    char *p, *nl;

    (void)len;
    for (p = data; *p == '\n' || *p == '\r' || *p == ' '; p++) {}
    nl = strchr(p, '\n');
    a->url = kb_strdup(path);
    a->title = nl ? kb_strndup(p, (size_t)(nl - p)) : kb_strdup(p);
    a->text = kb_strdup(nl ? nl + 1 : "");
    a->text_len = strlen(a->text);
    corpus_add(ctx, a);
}

static size_t load_seeds(struct corpus *c, const char *dir)
{
    int n = each_file(dir, ".txt", add_seed, c);
    return n < 0 ? 0 : (size_t)n;
}

static void test_seeds(void **state)
{
    struct corpus *c = corpus_new();
    struct story *v = NULL;
    size_t n = 0, k, j, both = 0;
    char dir[4096];

    (void)state;
    snprintf(dir, sizeof dir, "%s/seeds", shared_dir());
    if (load_seeds(c, dir) != 5) {
        corpus_free(c);
        print_message("# %s not found: seeds acceptance test skipped\n", dir);
        skip();
    }
    assert_int_equal(corpus_stories(c, &v, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].n_articles, 5);
    assert_in_range(v[0].n_summary, 3, 7);
    assert_non_null(v[0].title);
    for (k = 0; k < v[0].n_summary; k++) {
        const struct story_sentence *x = &v[0].summary[k];
        int has1 = 0, has4 = 0;
        /* never a heading, question, byline or page prompt */
        assert_true(x->text[strlen(x->text) - 1] != '?');
        assert_null(strstr(x->text, "Baca Juga"));
        assert_null(strstr(x->text, "Reporter:"));
        assert_null(strstr(x->text, "Tonton:"));
        assert_null(strstr(x->text, "Leave a Reply"));
        assert_null(strstr(x->text, "BACA SELENGKAPNYA"));
        for (j = 0; j < x->n_sources; j++) {
            has1 |= x->sources[j] == 1; /* seed 000 */
            has4 |= x->sources[j] == 4; /* seed 003 */
            if (j) assert_true(x->sources[j] > x->sources[j - 1]);
        }
        /* the sentence's own article is always among its sources */
        for (j = 0; j < x->n_sources && x->sources[j] != x->article; j++) {}
        assert_true(j < x->n_sources);
        both += (size_t)(has1 && has4);
    }
    assert_true(both >= 1);
    corpus_stories_free(v, n);
    corpus_free(c);
}

struct rejects {
    size_t n;
    char all[512]; /* "origin|why\n" each */
};

static void on_reject(void *ctx, const char *origin, const char *why)
{
    struct rejects *r = ctx;
    size_t l = strlen(r->all);
    r->n++;
    snprintf(r->all + l, sizeof r->all - l, "%s|%s\n", origin, why);
}

/* Articles left out are reported and counted (review finding C: summarize
 * used to drop them silently), and the www./m./amp. pages of one article
 * are one story of three articles, not nothing. */
static void test_rejects_reported(void **state)
{
    static const char *const variant_text =
        "Banjir merendam puluhan rumah di Kecamatan Lembah Sari pada Minggu malam.\n"
        "Warga mengungsi ke balai desa sambil menunggu air surut.\n"
        "Badan Penanggulangan Bencana Daerah mengirim perahu karet dan makanan siap saji.";
    static const struct {
        const char *texts[4]; /* up to 3 articles of kabarku.co.id; NULL ends */
        size_t stories, articles_in_first, rejected;
        const char *rejects;
    } rows[] = {
        {{variant_text, variant_text, variant_text, NULL}, 1, 3, 0, ""},
        {{variant_text, "Baca juga: Harga Cabai Naik\nADVERTISEMENT", variant_text, NULL}, 1, 2, 1,
         "uji:2|no text left after cleaning\n"},
        {{"\n \n", "Reporter: Sari | Editor: Budi", NULL, NULL}, 0, 0, 2,
         "uji:1|no text left after cleaning\nuji:2|no text left after cleaning\n"},
    };
    static const char *const hosts[] = {"www", "m", "amp"};
    size_t r, i;
    (void)state;
    for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        struct corpus *c = corpus_new();
        struct rejects rj;
        struct story *v = NULL;
        size_t n = 0;
        memset(&rj, 0, sizeof rj);
        corpus_set_reject(c, on_reject, &rj);
        for (i = 0; rows[r].texts[i]; i++) {
            struct article *a = article_new();
            char buf[64];
            snprintf(buf, sizeof buf, "https://%s.kabarku.co.id/banjir", hosts[i]);
            a->url = kb_strdup(buf);
            snprintf(buf, sizeof buf, "uji:%zu", i + 1);
            a->origin = kb_strdup(buf);
            a->site = kb_strdup("kabarku.co.id");
            a->title = kb_strdup("Banjir Lembah Sari");
            a->text = kb_strdup(rows[r].texts[i]);
            a->text_len = strlen(a->text);
            corpus_add(c, a);
        }
        assert_int_equal(corpus_stories(c, &v, &n, NULL), 0);
        assert_int_equal(n, rows[r].stories);
        if (n) assert_int_equal(v[0].n_articles, rows[r].articles_in_first);
        assert_int_equal(corpus_rejected(c), rows[r].rejected);
        assert_int_equal(rj.n, rows[r].rejected);
        assert_string_equal(rj.all, rows[r].rejects);
        corpus_stories_free(v, n);
        corpus_free(c);
    }
    /* without a callback they are still counted */
    {
        struct corpus *c = corpus_new();
        struct story *v = NULL;
        size_t n = 0;
        assert_int_equal(load_jsonl(c, GOLDEN_DIR "/001.jsonl"), 7);
        assert_int_equal(corpus_stories(c, &v, &n, NULL), 0);
        assert_int_equal(corpus_rejected(c), 1); /* article 7: page junk only */
        corpus_stories_free(v, n);
        corpus_free(c);
    }
}

static void test_hostile(void **state)
{
    static const struct {
        const char *text;
        size_t len;
    } rows[] = {
#define ROW(s) {s, sizeof(s) - 1}
        ROW(""),
        ROW("\0\0\0"),
        ROW("\xff\xfe Banjir \xc3\x28 melanda\n\xe2\x82"),
        ROW("Kalimat pertama tanpa titik\nKalimat kedua juga tanpa titik"),
#undef ROW
    };
    struct corpus *c = corpus_new();
    struct story *v = NULL;
    size_t n = 0, i;
    struct article *a;
    char *huge;

    (void)state;
    assert_int_equal(corpus_stories(c, &v, &n, NULL), 0); /* empty corpus */
    assert_int_equal(n, 0);
    corpus_stories_free(v, n);
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        a = article_new();
        a->url = kb_strdup("mem:hostile");
        a->text = kb_malloc(rows[i].len + 1);
        memcpy(a->text, rows[i].text, rows[i].len);
        a->text[rows[i].len] = '\0';
        a->text_len = rows[i].len;
        corpus_add(c, a);
    }
    /* one 2 MB line of repeated words: no sentence end, no crash */
    huge = kb_malloc(2u << 20);
    for (i = 0; i + 8 < (2u << 20); i += 8) memcpy(huge + i, "banjir  ", 8);
    huge[i] = '\0';
    a = article_new();
    a->url = kb_strdup("mem:huge");
    a->published = kb_strdup("not a date");
    a->text = huge;
    a->text_len = i;
    corpus_add(c, a);
    assert_int_equal(corpus_stories(c, &v, &n, NULL), 0);
    for (i = 0; i < n; i++) {
        json_t *j = story_to_json(&v[i]);
        char *s = json_dumps(j, 0);
        assert_non_null(s); /* valid UTF-8 JSON whatever the input bytes */
        free(s);
        json_decref(j);
    }
    corpus_stories_free(v, n);
    corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_fixture_properties),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_rejects_reported),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
