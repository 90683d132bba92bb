/* t_store.c -- the SQLite store: schema and migration, article outcomes,
 * FTS5 search with the kabar tokenizer, stories, clustering state, errors.
 * stemmer fingerprint and reindex, read-only opens.
 * Every fixture text is written for this test (Indonesian, invented events). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "article.h"
#include "cluster.h"
#include "dedup.h"
#include "err.h"
#include "ingest.h"
#include "mem.h"
#include "stem.h"
#include "store.h"
#include "story.h"
#include "testutil.h"

/* --- helpers ------------------------------------------------------------------ */

/* Store one article with clean == text; returns its id. */
static int64_t put(struct store *s, const char *url, const char *site, const char *title,
                   const char *published, const char *text, enum store_outcome want)
{
    struct article *a = mk_article("", url, site, title, published, text);
    char hash[DEDUP_HASH_HEX];
    enum store_outcome got;
    struct kb_err err;
    int64_t id = -1;

    kb_err_clear(&err);
    dedup_hash(text, strlen(text), hash);
    assert_int_equal(store_article_put(s, a, text, strlen(text), hash, &id, &got, &err), 0);
    assert_int_equal(got, want);
    article_free(a);
    return id;
}

/* --- schema -------------------------------------------------------------------- */

static void test_schema_from_empty_file(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    int v = -1;
    int64_t a = -1, c = -1, n = -1;
    FILE *f;

    tmpdb_make(&t, "t_store");
    f = fopen(t.path, "wb"); /* an empty file is a valid empty database */
    assert_non_null(f);
    fclose(f);
    s = open_ok(t.path);
    assert_int_equal(store_schema_version(s, &v, &err), 0);
    assert_int_equal(v, STORE_SCHEMA_VERSION);
    assert_int_equal(store_counts(s, &a, &c, &n, &err), 0);
    assert_int_equal(a, 0);
    assert_int_equal(c, 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_check(s, &err), 0);
    store_close(s);
    /* reopening migrates nothing and keeps the version */
    s = open_ok(t.path);
    assert_int_equal(store_schema_version(s, &v, &err), 0);
    assert_int_equal(v, STORE_SCHEMA_VERSION);
    store_close(s);
    tmpdb_remove(&t);
}

/* Write a big-endian user_version into the database header (offset 60). */
static void poke_user_version(const char *path, unsigned v)
{
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, 60, SEEK_SET), 0);
    assert_int_equal(fwrite(b, 1, 4, f), 4);
    fclose(f);
}

enum bad_kind { BAD_NO_DIR, BAD_GARBAGE, BAD_NEWER, BAD_EMPTY_PATH };

static const struct {
    enum bad_kind kind;
    int code;          /* expected error code */
    const char *words; /* expected in the message */
} bad_rows[] = {
    {BAD_NO_DIR, KB_EDB, "unable to open"},
    {BAD_GARBAGE, KB_EDB, "not a database"},
    {BAD_NEWER, KB_EDB, "newer"},
    {BAD_EMPTY_PATH, KB_EINVAL, "no database path"},
};

static void test_bad_paths(void **state)
{
    size_t i;
    for (i = 0; i < sizeof bad_rows / sizeof bad_rows[0]; i++) {
        struct tmpdb t;
        struct kb_err err;
        struct store *s;
        const char *path;
        char nodir[128];

        tmpdb_make(&t, "t_store");
        path = t.path;
        if (bad_rows[i].kind == BAD_NO_DIR) {
            snprintf(nodir, sizeof nodir, "%s/missing/dir/k.db", t.dir);
            path = nodir;
        } else if (bad_rows[i].kind == BAD_GARBAGE) {
            FILE *f = fopen(t.path, "wb");
            int k;
            assert_non_null(f);
            for (k = 0; k < 200; k++) fputs("bukan basis data, hanya teks biasa\n", f);
            fclose(f);
        } else if (bad_rows[i].kind == BAD_NEWER) {
            store_close(open_ok(t.path));
            poke_user_version(t.path, 999);
        } else {
            path = "";
        }
        kb_err_clear(&err);
        s = store_open(path, &err);
        if (s) fail_msg("row %zu: store_open succeeded", i);
        assert_int_equal(err.code, bad_rows[i].code);
        if (!strstr(err.msg, bad_rows[i].words))
            fail_msg("row %zu: message '%s' lacks '%s'", i, err.msg, bad_rows[i].words);
        tmpdb_remove(&t);
    }
}

/* --- articles ------------------------------------------------------------------ */

static const char TXT_A[] =
    "Pemerintah kota meresmikan jembatan baru di atas sungai pada Senin pagi.\n"
    "Jembatan sepanjang 120 meter itu dibangun selama dua tahun.";
/* the same text with other case, spacing and punctuation: same hash */
static const char TXT_A2[] =
    "PEMERINTAH KOTA meresmikan jembatan baru di atas sungai, pada Senin pagi!\n\n"
    "Jembatan sepanjang 120 meter itu   dibangun selama dua tahun";
static const char TXT_B[] =
    "Nelayan di pesisir utara mengeluhkan harga solar yang naik sejak awal bulan.\n"
    "Mereka berharap pelabuhan menyediakan bahan bakar bersubsidi.";

static const struct {
    const char *url;
    const char *text;
    enum store_outcome want;
    int same_id_as; /* row whose id must come back, -1 for a fresh id */
} put_rows[] = {
    {"https://contoh.id/a", TXT_A, STORE_ADDED, -1},
    {"https://lain.id/salinan-a", TXT_A, STORE_COPY, -1},
    {"https://contoh.id/a", TXT_B, STORE_DUP, 0}, /* url decides, content ignored */
    {"https://ketiga.id/a-diformat-ulang", TXT_A2, STORE_COPY, -1},
    {"https://contoh.id/b", TXT_B, STORE_ADDED, -1},
    {"https://lain.id/salinan-a", TXT_A, STORE_DUP, 1},
};

static void test_put_outcomes(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    int64_t ids[sizeof put_rows / sizeof put_rows[0]], a, c, n, story;
    size_t i, j;

    tmpdb_make(&t, "t_store");
    s = open_ok(t.path);
    assert_int_equal(store_begin(s, &err), 0);
    for (i = 0; i < sizeof put_rows / sizeof put_rows[0]; i++) {
        ids[i] = put(s, put_rows[i].url, NULL, NULL, NULL, put_rows[i].text, put_rows[i].want);
        if (put_rows[i].same_id_as >= 0) {
            assert_int_equal(ids[i], ids[put_rows[i].same_id_as]);
        } else {
            for (j = 0; j < i; j++) assert_int_not_equal(ids[i], ids[j]);
        }
    }
    /* the copy joins its canonical's story */
    assert_int_equal(store_story_assign(s, ids[0], 7, &err), 0);
    assert_int_equal(store_article_story(s, ids[1], &story, &err), 0);
    assert_int_equal(story, 7);
    assert_int_equal(store_article_story(s, ids[4], &story, &err), 0);
    assert_int_equal(story, 0);
    assert_int_equal(store_article_story(s, 9999, &story, &err), KB_ENOTFOUND);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(store_counts(s, &a, &c, &n, &err), 0);
    assert_int_equal(a, 2);
    assert_int_equal(c, 2);
    assert_int_equal(n, 1);
    assert_int_equal(store_check(s, &err), 0);

    /* a rolled-back transaction leaves nothing behind */
    assert_int_equal(store_begin(s, &err), 0);
    put(s, "https://contoh.id/c", NULL, NULL, NULL, "Teks yang tidak akan disimpan.", STORE_ADDED);
    store_rollback(s);
    assert_int_equal(store_counts(s, &a, &c, NULL, &err), 0);
    assert_int_equal(a, 2);
    assert_int_equal(c, 2);
    /* nested begin is refused */
    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_begin(s, &err), KB_EINVAL);
    store_rollback(s);
    store_close(s);
    tmpdb_remove(&t);
}

/* --- search --------------------------------------------------------------------- */

static const char *const search_docs[][4] = { /* url, title, published, text */
    {"https://contoh.id/jembatan", "Jembatan baru diresmikan", "2024-03-04", TXT_A},
    {"https://contoh.id/solar", "Harga solar naik", "2024-03-05", TXT_B},
    {"https://contoh.id/pelabuhan", "Pelabuhan ikan diperluas", "2024-03-06",
     "Dinas kelautan memperluas dermaga agar kapal besar dapat bersandar.\n"
     "Proyek ini ditargetkan selesai akhir tahun."},
    {"https://contoh.id/pasar", "Pasar pagi ramai", "2024-03-07",
     "Pedagang sayur di pasar pagi melayani pembeli sejak subuh.\n"
     "Sebagian pembeli datang dari pelabuhan setelah kapal bersandar."},
};

static const struct {
    const char *query;
    size_t n_hits;      /* expected hit count */
    int first;          /* index in search_docs of the best hit, -1 none */
    const char *marked; /* expected inside the first snippet, NULL to skip */
} search_rows[] = {
    /* "bangun" and "dibangun" share the stem "bangun" under both Snowball
     * and confix stripping, so this holds whichever stemmer is in use */
    {"bangun", 1, 0, "[dibangun]"},
    {"pembangunan", 1, 0, "[dibangun]"},
    {"JEMBATAN", 1, 0, "[Jembatan]"},
    {"harga solar", 1, 1, "[solar]"},
    {"solar jembatan", 0, -1, NULL}, /* words are ANDed */
    /* title weighs double: the article titled "Pelabuhan..." beats the one
     * that mentions it once in its body */
    {"pelabuhan", 3, 2, NULL},
    {"kapal bersandar", 2, -1, NULL},
    /* FTS5 syntax in user input is plain text, never a syntax error */
    {"solar OR jembatan", 0, -1, NULL},
    {"\"solar", 1, 1, NULL},
    {"NEAR(solar harga)", 0, -1, NULL}, /* "near solar" is no phrase of any text */
    {"harga* ^solar col:x", 0, -1, NULL},
    {"!!! ... ---", 0, -1, NULL},
    {"", 0, -1, NULL},
    {"kata-yang-tidak-ada-dimanapun", 0, -1, NULL},
};

static void test_search(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    int64_t ids[4];
    size_t i, r;

    tmpdb_make(&t, "t_store");
    s = open_ok(t.path);
    assert_int_equal(store_begin(s, &err), 0);
    for (i = 0; i < 4; i++)
        ids[i] = put(s, search_docs[i][0], "contoh.id", search_docs[i][1], search_docs[i][2],
                     search_docs[i][3], STORE_ADDED);
    /* a copy of the bridge article must never show up in results */
    put(s, "https://lain.id/jembatan-salinan", "lain.id", "Salinan", NULL, TXT_A2, STORE_COPY);
    assert_int_equal(store_story_assign(s, ids[0], 3, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(store_check(s, &err), 0);

    for (r = 0; r < sizeof search_rows / sizeof search_rows[0]; r++) {
        struct search_hit *h = NULL;
        size_t n = 99;
        kb_err_clear(&err);
        if (store_search(s, search_rows[r].query, 10, &h, &n, &err))
            fail_msg("row %zu (%s): %s", r, search_rows[r].query, err.msg);
        if (n != search_rows[r].n_hits)
            fail_msg("row %zu (%s): %zu hits, want %zu", r, search_rows[r].query, n,
                     search_rows[r].n_hits);
        for (i = 0; i < n; i++) {
            assert_true(h[i].article != 0);
            assert_non_null(h[i].url);
            assert_non_null(strstr(h[i].url, "https://contoh.id/"));
            if (i) assert_true(h[i - 1].score >= h[i].score);
        }
        if (search_rows[r].first >= 0) {
            assert_int_equal(h[0].article, ids[search_rows[r].first]);
            assert_string_equal(h[0].title, search_docs[search_rows[r].first][1]);
            assert_string_equal(h[0].published, search_docs[search_rows[r].first][2]);
            assert_string_equal(h[0].site, "contoh.id");
            assert_int_equal(h[0].story, search_rows[r].first == 0 ? 3 : 0);
        }
        if (search_rows[r].marked && !strstr(h[0].snippet, search_rows[r].marked))
            fail_msg("row %zu: snippet '%s' lacks '%s'", r, h[0].snippet, search_rows[r].marked);
        store_hits_free(h, n);
    }
    {   /* limit */
        struct search_hit *h = NULL;
        size_t n = 0;
        assert_int_equal(store_search(s, "pelabuhan", 1, &h, &n, &err), 0);
        assert_int_equal(n, 1);
        assert_int_equal(h[0].article, ids[2]);
        store_hits_free(h, n);
    }
    store_close(s);
    tmpdb_remove(&t);
}

/* Long bodies get "…" around a snippet of about a dozen tokens. */
static void test_snippet_window(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    struct buf b = BUF_INIT;
    struct search_hit *h = NULL;
    size_t n = 0, i, words = 0;
    const char *p;

    tmpdb_make(&t, "t_store");
    s = open_ok(t.path);
    for (i = 0; i < 40; i++) assert_int_equal(buf_puts(&b, "warga menanam pohon di taman kota. "), 0);
    assert_int_equal(buf_puts(&b, "Wali kota memberi penghargaan kepada relawan lingkungan. "), 0);
    for (i = 0; i < 40; i++) assert_int_equal(buf_puts(&b, "anak sekolah ikut menyiram bibit. "), 0);
    assert_int_equal(store_begin(s, &err), 0);
    put(s, "https://contoh.id/taman", NULL, "Taman kota", NULL, buf_cstr(&b), STORE_ADDED);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(store_search(s, "penghargaan", 5, &h, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_non_null(strstr(h[0].snippet, "[penghargaan]"));
    assert_non_null(strstr(h[0].snippet, "\xe2\x80\xa6"));
    for (p = h[0].snippet; *p;) { /* count words: about 12 */
        while (*p == ' ') p++;
        if (!*p) break;
        words++;
        while (*p && *p != ' ') p++;
    }
    assert_in_range(words, 6, 16);
    store_hits_free(h, n);
    buf_release(&b);
    store_close(s);
    tmpdb_remove(&t);
}

/* --- stories ------------------------------------------------------------------ */

static const struct {
    const char *url;
    const char *site;
    const char *title; /* NULL: none */
    const char *published;
    int story;
    int copy_of; /* row index, -1 when canonical */
} story_rows[] = {
    /* story 1: one site */
    {"https://satu.id/1", "satu.id", "Banjir di desa", "2024-05-01", 1, -1},
    {"https://satu.id/2", "satu.id", "Banjir surut", "2024-05-03", 1, -1},
    /* story 2: three sites, older; its earliest canonical has no title */
    {"https://dua.id/1", "dua.id", NULL, "2024-04-01", 2, -1},
    {"https://tiga.id/1", "tiga.id", "Gempa kecil di pesisir", "2024-04-02", 2, -1},
    {"https://empat.id/1", "empat.id", NULL, "2024-04-03", 2, 3},
    /* story 3: three sites (one via a copy), newest: first */
    {"https://lima.id/1", "lima.id", "Festival layang-layang", "2024-06-10", 3, -1},
    {"https://enam.id/1", "enam.id", "Layang-layang raksasa", "2024-06-11", 3, 5},
    {"https://tujuh.id/1", "tujuh.id", "Festival ditutup", "2024-06-12", 3, -1},
};

static void test_stories(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    struct story *v = NULL, one;
    size_t n = 0, i;
    int64_t ids[sizeof story_rows / sizeof story_rows[0]];
    static const int64_t want_order[] = {3, 2, 1};
    char text[256];

    tmpdb_make(&t, "t_store");
    s = open_ok(t.path);
    assert_int_equal(store_begin(s, &err), 0);
    for (i = 0; i < sizeof story_rows / sizeof story_rows[0]; i++) {
        /* a copy repeats its canonical's text; others get their own */
        int src = story_rows[i].copy_of >= 0 ? story_rows[i].copy_of : (int)i;
        snprintf(text, sizeof text,
                 "Berita nomor %d dari kabupaten contoh tentang peristiwa yang terjadi kemarin"
                 " sore di alun-alun ketika warga berkumpul.\nParagraf kedua.", src);
        ids[i] = put(s, story_rows[i].url, story_rows[i].site, story_rows[i].title,
                     story_rows[i].published, text,
                     story_rows[i].copy_of >= 0 ? STORE_COPY : STORE_ADDED);
        assert_int_equal(store_story_assign(s, ids[i], story_rows[i].story, &err), 0);
    }
    assert_int_equal(store_commit(s, &err), 0);

    assert_int_equal(store_stories_list(s, 0, &v, &n, &err), 0);
    assert_int_equal(n, 3);
    for (i = 0; i < n; i++) assert_int_equal(v[i].id, want_order[i]);
    /* story 3: sites 3, title from the earliest canonical, copies last */
    assert_int_equal(v[0].n_sites, 3);
    assert_string_equal(v[0].title, "Festival layang-layang");
    assert_string_equal(v[0].first_published, "2024-06-10");
    assert_string_equal(v[0].last_published, "2024-06-12");
    assert_int_equal(v[0].n_articles, 3);
    assert_int_equal(v[0].articles[0].id, ids[5]);
    assert_int_equal(v[0].articles[1].id, ids[7]);
    assert_int_equal(v[0].articles[2].id, ids[6]);
    assert_int_equal(v[0].articles[2].duplicate_of, ids[5]);
    assert_null(v[0].articles[0].text); /* lists carry no text */
    /* story 2: earliest canonical has no title, the next one does */
    assert_string_equal(v[1].title, "Gempa kecil di pesisir");
    assert_int_equal(v[2].n_sites, 1);
    store_stories_free(v, n);

    assert_int_equal(store_stories_list(s, 2, &v, &n, &err), 0);
    assert_int_equal(n, 2);
    store_stories_free(v, n);

    assert_int_equal(store_story_load(s, 2, &one, &err), 0);
    assert_int_equal(one.id, 2);
    assert_int_equal(one.n_articles, 3);
    for (i = 0; i < one.n_articles; i++) {
        assert_non_null(one.articles[i].text);
        assert_non_null(strstr(one.articles[i].text, "Paragraf kedua."));
        assert_int_equal(strlen(one.articles[i].text), one.articles[i].text_len);
    }
    assert_string_equal(one.first_published, "2024-04-01");
    story_release(&one);

    kb_err_clear(&err);
    assert_int_equal(store_story_load(s, 42, &one, &err), KB_ENOTFOUND);
    assert_non_null(strstr(err.msg, "42"));
    story_release(&one);
    store_close(s);
    tmpdb_remove(&t);
}

/* A story whose articles have no title gets the first words of the text. */
static void test_story_derived_title(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    struct story *v = NULL;
    size_t n = 0;
    int64_t id;

    tmpdb_make(&t, "t_store");
    s = open_ok(t.path);
    assert_int_equal(store_begin(s, &err), 0);
    id = put(s, "https://x.id/1", NULL, NULL, NULL,
             "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas dua-belas"
             " tiga-belas empat-belas.", STORE_ADDED);
    assert_int_equal(store_story_assign(s, id, 1, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(store_stories_list(s, 10, &v, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_string_equal(v[0].title, "Satu dua tiga empat lima enam tujuh delapan sembilan"
                                    " sepuluh sebelas dua-belas\xe2\x80\xa6");
    /* site was derived from the url */
    assert_string_equal(v[0].articles[0].site, "x.id");
    store_stories_free(v, n);
    store_close(s);
    tmpdb_remove(&t);
}

/* --- clustering state ------------------------------------------------------------- */

static void test_cluster_state(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    struct cluster *c;
    struct cluster_opts o;
    static const struct cluster_term doc1[] = {
        {"banjir", 6, 3}, {"desa", 4, 2}, {"sungai", 6, 2}, {"warga", 5, 1}};
    static const struct cluster_term doc2[] = {
        {"festival", 8, 2}, {"layang", 6, 3}, {"pantai", 6, 1}};
    static const struct cluster_term doc3[] = {{"banjir", 6, 2}, {"sungai", 6, 1}, {"desa", 4, 1}};
    int64_t id1, id2, next, got;

    tmpdb_make(&t, "t_store");
    s = open_ok(t.path);
    assert_int_equal(store_next_story_id(s, &next, &err), 0);
    assert_int_equal(next, 1);
    assert_int_equal(store_terms_put(s, 1, doc1, 4, &err), KB_EINVAL); /* no transaction */
    assert_int_equal(store_begin(s, &err), 0);
    id1 = put(s, "https://a.id/banjir", NULL, "Banjir", "2024-05-01", "Banjir melanda desa.", STORE_ADDED);
    id2 = put(s, "https://a.id/festival", NULL, "Festival", "2024-08-01", "Festival layang-layang.", STORE_ADDED);
    assert_int_equal(store_terms_put(s, id1, doc1, 4, &err), 0);
    assert_int_equal(store_terms_put(s, id1, doc1, 4, &err), KB_EINVAL); /* once per article */
    assert_int_equal(store_terms_put(s, id2, doc2, 3, &err), 0);
    assert_int_equal(store_story_assign(s, id1, 1, &err), 0);
    assert_int_equal(store_story_assign(s, id2, 2, &err), 0);
    assert_int_equal(store_story_assign(s, 12345, 2, &err), KB_ENOTFOUND);
    assert_int_equal(store_story_assign(s, id2, 0, &err), KB_EINVAL);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(store_next_story_id(s, &next, &err), 0);
    assert_int_equal(next, 3);

    cluster_opts_default(&o);
    /* a flood article two days later joins story 1 when story 1 is loaded */
    c = cluster_new(&o);
    assert_int_equal(store_cluster_load(s, c, 19844 - 7, 19844 + 7, &err), 0); /* around 2024-05-01 */
    got = cluster_assign(c, 19846, doc3, 3, next);
    assert_int_equal(got, 1);
    cluster_free(c);
    /* a range that holds only the festival story: the flood article opens a new one */
    c = cluster_new(&o);
    assert_int_equal(store_cluster_load(s, c, 19936 - 3, 19936 + 3, &err), 0); /* 2024-08-01 */
    got = cluster_assign(c, 19846, doc3, 3, next);
    assert_int_equal(got, next);
    cluster_free(c);
    /* everything */
    c = cluster_new(&o);
    assert_int_equal(store_cluster_load(s, c, CLUSTER_NO_DAY, CLUSTER_NO_DAY, &err), 0);
    got = cluster_assign(c, CLUSTER_NO_DAY, doc3, 3, next);
    assert_int_equal(got, 1);
    cluster_free(c);
    store_close(s);
    tmpdb_remove(&t);
}

/* --- hostile text ---------------------------------------------------------------- */

static void test_hostile_text(void **state)
{
    static const char bad[] = "Kalimat \xff\xfe dengan byte rusak \xc3 dan \0 NUL di tengah banjir.";
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    struct article *a;
    struct search_hit *h = NULL;
    struct story one;
    size_t n = 0;
    char hash[DEDUP_HASH_HEX];
    enum store_outcome out;
    int64_t id;

    tmpdb_make(&t, "t_store");
    s = open_ok(t.path);
    a = mk_article("", "https://rusak.id/1", NULL, NULL, "bukan tanggal", "x");
    free(a->text);
    a->text = kb_malloc(sizeof bad);
    memcpy(a->text, bad, sizeof bad);
    a->text_len = sizeof bad - 1;
    dedup_hash(bad, sizeof bad - 1, hash);
    assert_int_equal(store_begin(s, &err), 0);
    assert_int_equal(store_article_put(s, a, bad, sizeof bad - 1, hash, &id, &out, &err), 0);
    assert_int_equal(out, STORE_ADDED);
    assert_int_equal(store_story_assign(s, id, 1, &err), 0);
    assert_int_equal(store_commit(s, &err), 0);
    assert_int_equal(store_search(s, "banjir", 5, &h, &n, &err), 0);
    assert_int_equal(n, 1);
    store_hits_free(h, n);
    assert_int_equal(store_story_load(s, 1, &one, &err), 0);
    assert_int_equal(one.articles[0].text_len, sizeof bad - 1); /* NUL kept, length exact */
    assert_memory_equal(one.articles[0].text, bad, sizeof bad - 1);
    story_release(&one);
    article_free(a);
    store_close(s);
    tmpdb_remove(&t);
}

/* --- stemmer fingerprint and reindex ----------------------------------------------- */

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_msg("raw open %s: %s", path, db ? sqlite3_errmsg(db) : "no memory");
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static void raw_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", sql, msg);
}

/* The first column of the first row as a new string ("" for no row/NULL). */
static char *raw_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *r;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        r = kb_strdup((const char *)sqlite3_column_text(st, 0));
    else
        r = kb_strdup("");
    sqlite3_finalize(st);
    return r;
}

static char *path_text(const char *path, const char *sql)
{
    sqlite3 *db = raw_open(path);
    char *r = raw_text(db, sql);
    sqlite3_close(db);
    return r;
}

/* Everything a rebuild recomputes, as comparable text. */
#define SQL_TERMS "SELECT group_concat(article_id || ':' || hex(terms), ',') FROM" \
                  " (SELECT * FROM article_terms ORDER BY article_id)"
#define SQL_DF "SELECT group_concat(term || '=' || df, ',') FROM (SELECT * FROM term_df ORDER BY term)"
#define SQL_NDOCS "SELECT value FROM meta WHERE key = 'n_docs'"
#define SQL_FP "SELECT value FROM meta WHERE key = 'stemmer'"

/* "Another stemmer" for the FTS index: a tokenizer also named kabar whose
 * terms are the whitespace-separated words with an 'x' in front, so none
 * of them is a term the real tokenizer makes. */
static int old_dummy;

static int old_create(void *ud, const char **args, int n_args, Fts5Tokenizer **out)
{
    *out = (Fts5Tokenizer *)&old_dummy;
    return SQLITE_OK;
}

static void old_delete(Fts5Tokenizer *p)
{
}

static int old_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                        int (*token)(void *, int, const char *, int, int, int))
{
    char term[80];
    int i = 0, j, rc = SQLITE_OK;
    while (i < n && rc == SQLITE_OK) {
        while (i < n && (text[i] == ' ' || text[i] == '\n')) i++;
        for (j = i; j < n && text[j] != ' ' && text[j] != '\n'; j++) {}
        if (j > i && j - i < 70) {
            term[0] = 'x';
            memcpy(term + 1, text + i, (size_t)(j - i));
            rc = token(ctx, 0, term, j - i + 1, i, j);
        }
        i = j;
    }
    return rc;
}

static void register_old_tokenizer(sqlite3 *db)
{
    static fts5_tokenizer tok = {old_create, old_delete, old_tokenize};
    sqlite3_stmt *st = NULL;
    fts5_api *api = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    assert_non_null(api);
    assert_int_equal(api->xCreateTokenizer(api, "kabar", NULL, &tok, NULL), SQLITE_OK);
}

static const char *const reindex_docs[][4] = { /* url, site, title, text */
    {"https://kabar-uji.id/jembatan", "kabar-uji.id", "Jembatan gantung dikembangkan warga",
     "Warga Desa Sukamaju di Kabupaten Lembah Sari mengembangkan jembatan gantung bersama "
     "pemerintah kabupaten. Jembatan yang dikembangkan sejak Januari itu menghubungkan dua "
     "dusun. Para pengungsi banjir tahun lalu kini bisa kembali ke rumah mereka."},
    {"https://warta-uji.id/pengungsi", "warta-uji.id", "Pengungsi banjir kembali ke rumah",
     "Ratusan pengungsi banjir di Lembah Sari kembali ke rumah setelah air surut. Badan "
     "Penanggulangan Bencana Daerah mencatat tiga ratus keluarga telah meninggalkan tenda "
     "pengungsian pada Minggu."},
    {"https://berita-uji.id/pasar", "berita-uji.id", "Harga cabai di pasar naik",
     "Pedagang Pasar Induk Sukamaju menyebut harga cabai rawit naik dua kali lipat dalam "
     "sepekan. Pembeli mengurangi belanja, sementara pedagang menunggu pasokan dari "
     "kabupaten tetangga."},
};
#define N_REINDEX_DOCS (sizeof reindex_docs / sizeof reindex_docs[0])

static const struct {
    const char *query;
    size_t n_hits; /* with an index made by the current stemmer */
} reindex_rows[] = {
    {"dikembangkan", 1},
    {"pengungsi", 2},  /* pengungsian stems alike */
    {"Sukamaju", 2},
    {"cabai rawit", 1},
    {"jembatan pengungsi", 1},
};

/* A store filled through ingest, so the terms are the ones ingest records. */
static void ingest_fixture(const char *path)
{
    struct store *s = open_ok(path);
    struct kb_err err;
    struct ingest *in;
    size_t i;

    kb_err_clear(&err);
    in = ingest_new(s, NULL, &err);
    if (!in) fail_msg("ingest_new: %s", err.msg);
    for (i = 0; i < N_REINDEX_DOCS; i++) {
        struct article *a = mk_article("", reindex_docs[i][0], reindex_docs[i][1], reindex_docs[i][2],
                               "2024-05-06", reindex_docs[i][3]);
        if (ingest_add(in, a, &err)) fail_msg("ingest_add: %s", err.msg);
    }
    if (ingest_flush(in, &err)) fail_msg("ingest_flush: %s", err.msg);
    ingest_free(in);
    store_close(s);
}

static size_t hits_of(struct store *s, const char *query)
{
    struct search_hit *h = NULL;
    size_t n = 0;
    struct kb_err err;
    kb_err_clear(&err);
    if (store_search(s, query, 20, &h, &n, &err)) fail_msg("search %s: %s", query, err.msg);
    store_hits_free(h, n);
    return n;
}

static void expected_fp(char *out, size_t cap)
{
    struct stemmer *st = stem_new(KB_LANG_ID);
    assert_non_null(st);
    snprintf(out, cap, "%s terms/%d", stem_fingerprint(st), STORE_TERMS_VERSION);
    stem_free(st);
}

static void test_stem_fingerprint(void **state)
{
    struct stemmer *a = stem_new(KB_LANG_ID), *b = stem_new(KB_LANG_ID), *en = stem_new(KB_LANG_EN);
    size_t n;
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(en);
    assert_true(strncmp(stem_fingerprint(a), "id:stem_id/", 11) == 0);
    assert_non_null(strstr(stem_fingerprint(a), ":lex"));
    assert_string_equal(stem_fingerprint(a), stem_fingerprint(b));
    assert_true(strcmp(stem_fingerprint(a), stem_fingerprint(en)) != 0);
    /* stemming does not change it (it is what decides stems, not state) */
    (void)stem_word(a, "dikembangkan", 12, &n);
    assert_string_equal(stem_fingerprint(a), stem_fingerprint(b));
    stem_free(a);
    stem_free(b);
    stem_free(en);
}

static void test_reindex_after_stemmer_change(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    char fp[200];
    char *terms0, *df0, *ndocs0, *v;
    sqlite3 *db;
    size_t r;

    tmpdb_make(&t, "t_store");
    ingest_fixture(t.path);
    expected_fp(fp, sizeof fp);
    v = path_text(t.path, SQL_FP);
    assert_string_equal(v, fp); /* recorded by the first open */
    free(v);
    terms0 = path_text(t.path, SQL_TERMS);
    df0 = path_text(t.path, SQL_DF);
    ndocs0 = path_text(t.path, SQL_NDOCS);
    assert_true(strlen(terms0) > 100 && strlen(df0) > 100);
    assert_string_equal(ndocs0, "3");

    /* what an older kabar with another stemmer would have left behind */
    db = raw_open(t.path);
    register_old_tokenizer(db);
    raw_exec(db, "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');"
                 "UPDATE article_terms SET terms = x'01780101';" /* one term "x", count 1 */
                 "DELETE FROM term_df; INSERT INTO term_df VALUES ('x', 3);"
                 "UPDATE meta SET value = 1 WHERE key = 'n_docs';"
                 "UPDATE meta SET value = 'id:kuno/0:lex5 terms/0' WHERE key = 'stemmer';");
    sqlite3_close(db);

    /* a read open sees it, cannot repair it, and writes nothing */
    kb_err_clear(&err);
    s = store_open_mode(t.path, STORE_OPEN_READ, &err);
    if (!s) fail_msg("read open: %s", err.msg);
    assert_int_equal(store_index_stale(s), 1);
    assert_int_equal(store_reindexed(s), 0);
    for (r = 0; r < sizeof reindex_rows / sizeof reindex_rows[0]; r++)
        if (hits_of(s, reindex_rows[r].query) != 0)
            fail_msg("row %zu: the stale index matched %s", r, reindex_rows[r].query);
    store_close(s);
    v = path_text(t.path, SQL_FP);
    assert_string_equal(v, "id:kuno/0:lex5 terms/0");
    free(v);

    /* a write open rebuilds index, terms, df and n_docs, then records the
     * fingerprint */
    kb_err_clear(&err);
    s = store_open(t.path, &err);
    if (!s) fail_msg("write open: %s", err.msg);
    assert_int_equal(store_reindexed(s), 3);
    assert_int_equal(store_index_stale(s), 0);
    for (r = 0; r < sizeof reindex_rows / sizeof reindex_rows[0]; r++) {
        size_t n = hits_of(s, reindex_rows[r].query);
        if (n != reindex_rows[r].n_hits)
            fail_msg("row %zu (%s): %zu hits, want %zu", r, reindex_rows[r].query, n,
                     reindex_rows[r].n_hits);
    }
    assert_int_equal(store_check(s, &err), 0);
    store_close(s);
    v = path_text(t.path, SQL_TERMS);
    assert_string_equal(v, terms0); /* exactly what ingest recorded */
    free(v);
    v = path_text(t.path, SQL_DF);
    assert_string_equal(v, df0);
    free(v);
    v = path_text(t.path, SQL_NDOCS);
    assert_string_equal(v, ndocs0);
    free(v);
    v = path_text(t.path, SQL_FP);
    assert_string_equal(v, fp);
    free(v);

    /* once is enough */
    s = open_ok(t.path);
    assert_int_equal(store_reindexed(s), 0);
    store_close(s);
    s = store_open_mode(t.path, STORE_OPEN_READ, &err);
    assert_non_null(s);
    assert_int_equal(store_index_stale(s), 0);
    store_close(s);
    free(terms0);
    free(df0);
    free(ndocs0);
    tmpdb_remove(&t);
}

/* The fingerprint row in other states: absent (a store from before
 * fingerprints), or stale on an empty store. */
static const struct {
    int with_articles; /* ingest the fixture first */
    const char *sql;   /* run on the raw file before opening */
    int64_t reindexed; /* by the write open */
    int stale;         /* as seen by a read open before it */
} fp_rows[] = {
    {1, "DELETE FROM meta WHERE key = 'stemmer'", 3, 1},
    {0, "DELETE FROM meta WHERE key = 'stemmer'", 0, 0},
    {0, "UPDATE meta SET value = 'lain' WHERE key = 'stemmer'", 0, 0},
    {1, "UPDATE meta SET value = 42 WHERE key = 'stemmer'", 3, 1},
    {1, "SELECT 1", 0, 0}, /* untouched */
};

static void test_fingerprint_states(void **state)
{
    size_t r;
    char fp[200];

    expected_fp(fp, sizeof fp);
    for (r = 0; r < sizeof fp_rows / sizeof fp_rows[0]; r++) {
        struct tmpdb t;
        struct store *s;
        struct kb_err err;
        sqlite3 *db;
        char *v;

        tmpdb_make(&t, "t_store");
        if (fp_rows[r].with_articles) ingest_fixture(t.path);
        else store_close(open_ok(t.path));
        db = raw_open(t.path);
        raw_exec(db, fp_rows[r].sql);
        sqlite3_close(db);
        kb_err_clear(&err);
        s = store_open_mode(t.path, STORE_OPEN_READ, &err);
        if (!s) fail_msg("row %zu: read open: %s", r, err.msg);
        if (store_index_stale(s) != fp_rows[r].stale) fail_msg("row %zu: stale", r);
        store_close(s);
        s = open_ok(t.path);
        if (store_reindexed(s) != fp_rows[r].reindexed)
            fail_msg("row %zu: reindexed %lld, want %lld", r, (long long)store_reindexed(s),
                     (long long)fp_rows[r].reindexed);
        if (fp_rows[r].with_articles && hits_of(s, "pengungsi") != 2)
            fail_msg("row %zu: search after the open", r);
        store_close(s);
        v = path_text(t.path, SQL_FP);
        if (strcmp(v, fp) != 0) fail_msg("row %zu: fingerprint '%s', want '%s'", r, v, fp);
        free(v);
        tmpdb_remove(&t);
    }
}

/* --- read-only opens ---------------------------------------------------------------- */

enum ro_kind { RO_MISSING, RO_MISSING_DIR, RO_DIR, RO_EMPTY, RO_GARBAGE, RO_NEWER, RO_OK };

static const struct {
    enum ro_kind kind;
    int code;          /* 0: opens */
    const char *words; /* in the message */
} ro_rows[] = {
    {RO_MISSING, KB_ENOTFOUND, "(create one with 'kabar ingest')"},
    {RO_MISSING_DIR, KB_ENOTFOUND, "no database at"},
    {RO_DIR, KB_EIO, "is a directory"},
    {RO_EMPTY, KB_EDB, "not a kabar database"},
    {RO_GARBAGE, KB_EDB, "not a database"},
    {RO_NEWER, KB_EDB, "newer than this kabar"},
    {RO_OK, 0, ""},
};

static off_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : -1;
}

static void test_read_mode(void **state)
{
    size_t r;
    for (r = 0; r < sizeof ro_rows / sizeof ro_rows[0]; r++) {
        struct tmpdb t;
        struct kb_err err;
        struct store *s;
        const char *path;
        char other[160], wal[160];
        off_t size0 = -1;

        tmpdb_make(&t, "t_store");
        path = t.path;
        snprintf(wal, sizeof wal, "%s-wal", t.path);
        if (ro_rows[r].kind == RO_MISSING_DIR) {
            snprintf(other, sizeof other, "%s/nope/k.db", t.dir);
            path = other;
        } else if (ro_rows[r].kind == RO_DIR) {
            path = t.dir;
        } else if (ro_rows[r].kind == RO_EMPTY || ro_rows[r].kind == RO_GARBAGE) {
            FILE *f = fopen(t.path, "wb");
            assert_non_null(f);
            if (ro_rows[r].kind == RO_GARBAGE)
                fputs("ini bukan basis data SQLite, hanya catatan rapat RT\n", f);
            fclose(f);
        } else if (ro_rows[r].kind == RO_NEWER) {
            store_close(open_ok(t.path));
            poke_user_version(t.path, 999);
        } else if (ro_rows[r].kind == RO_OK) {
            sqlite3 *db;
            ingest_fixture(t.path);
            db = raw_open(t.path);
            raw_exec(db, "PRAGMA journal_mode = DELETE");
            sqlite3_close(db);
        }
        if (ro_rows[r].kind != RO_DIR) size0 = file_size(path);
        kb_err_clear(&err);
        s = store_open_mode(path, STORE_OPEN_READ, &err);
        if (ro_rows[r].code) {
            if (s) fail_msg("row %zu: read open succeeded", r);
            if (err.code != ro_rows[r].code || !strstr(err.msg, ro_rows[r].words))
                fail_msg("row %zu: error %d '%s', want %d '%s'", r, err.code, err.msg,
                         ro_rows[r].code, ro_rows[r].words);
        } else {
            struct search_hit *h = NULL;
            size_t n = 0;
            struct article *a = mk_article("", "https://baru.id/x", NULL, "Baru", NULL, "Teks baru sekali.");
            enum store_outcome out;
            int64_t id, arts = 0;
            char *jm;
            if (!s) fail_msg("row %zu: %s", r, err.msg);
            assert_int_equal(store_counts(s, &arts, NULL, NULL, &err), 0);
            assert_int_equal(arts, 3);
            assert_int_equal(store_search(s, "jembatan", 5, &h, &n, &err), 0);
            assert_int_equal(n, 1);
            store_hits_free(h, n);
            /* nothing can be written through it */
            assert_int_equal(store_begin(s, &err), KB_EINVAL);
            assert_int_equal(store_article_put(s, a, a->text, a->text_len, "00", &id, &out, &err),
                             KB_EDB);
            article_free(a);
            store_close(s);
            jm = path_text(t.path, "PRAGMA journal_mode");
            assert_string_equal(jm, "delete"); /* not switched to WAL */
            free(jm);
        }
        if (ro_rows[r].kind != RO_DIR && file_size(path) != size0)
            fail_msg("row %zu: the file changed size (%lld -> %lld)", r, (long long)size0,
                     (long long)file_size(path));
        if (file_size(wal) >= 0) fail_msg("row %zu: a WAL file was left", r);
        tmpdb_remove(&t);
    }
}

/* Open path read-only and check the fixture is there; 0 when all is well. */
static int read_fixture(const char *path)
{
    struct kb_err err;
    struct store *s;
    int64_t arts = 0;
    size_t n;

    kb_err_clear(&err);
    s = store_open_mode(path, STORE_OPEN_READ, &err);
    if (!s) {
        fprintf(stderr, "# read open: %s\n", err.msg);
        return 1;
    }
    n = hits_of(s, "pengungsi");
    if (store_counts(s, &arts, NULL, NULL, &err) || arts != 3 || n != 2) {
        fprintf(stderr, "# counts %lld, hits %zu: %s\n", (long long)arts, n, err.msg);
        store_close(s);
        return 1;
    }
    store_close(s);
    return 0;
}

/* Another user's archive: a WAL database in a directory the reader may not
 * write, so SQLite can create neither -shm nor -wal. As root the reader is
 * a child that drops to nobody; otherwise permissions are taken away. */
static void test_read_others_archive(void **state)
{
    struct tmpdb t;
    char shm[160];
    int rc;

    tmpdb_make(&t, "t_store");
    ingest_fixture(t.path);
    snprintf(shm, sizeof shm, "%s-shm", t.path);
    assert_true(file_size(shm) < 0); /* the writer's close removed it */
    if (geteuid() == 0) {
        pid_t pid;
        int status = 0;
        assert_int_equal(chmod(t.dir, 0755), 0);
        assert_int_equal(chmod(t.path, 0644), 0);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (setgid(65534) || setuid(65534)) _exit(77);
            _exit(read_fixture(t.path));
        }
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 77) {
            tmpdb_remove(&t);
            skip(); /* no way to drop privileges here */
        }
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    } else {
        assert_int_equal(chmod(t.path, 0444), 0);
        assert_int_equal(chmod(t.dir, 0555), 0);
        rc = read_fixture(t.path);
        chmod(t.dir, 0755);
        assert_int_equal(rc, 0);
    }
    assert_true(file_size(shm) < 0);
    tmpdb_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_from_empty_file),
        cmocka_unit_test(test_bad_paths),
        cmocka_unit_test(test_put_outcomes),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_snippet_window),
        cmocka_unit_test(test_stories),
        cmocka_unit_test(test_story_derived_title),
        cmocka_unit_test(test_cluster_state),
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_stem_fingerprint),
        cmocka_unit_test(test_reindex_after_stemmer_change),
        cmocka_unit_test(test_fingerprint_states),
        cmocka_unit_test(test_read_mode),
        cmocka_unit_test(test_read_others_archive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
