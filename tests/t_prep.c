/* t_prep.c -- article preparation shared by ingest and summarize.
 *
 * Table rows {article in, prepared article out}: cleaned text, refusals
 * with their reason, derived titles, declared versus detected language,
 * content hash and day; the learner's scope (copies of one article from
 * www./m./amp. pages are learned once and all three stay readable);
 * prep_terms (sorted, merged, over-long terms dropped, entity terms, reuse);
 * hostile input (NUL bytes, invalid UTF-8, a huge line, no text); worker
 * contexts on several threads giving the parent's results, workers not
 * learning, and summarize's stories independent of the thread count.
 * Fixture texts are written for this test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "corpus.h"
#include "lang.h"
#include "mem.h"
#include "pool.h"
#include "prep.h"
#include "story.h"

static void on_corpus_reject(void *ctx, const char *origin, const char *why)
{
    struct buf *b = ctx;
    assert_int_equal(buf_append(b, origin, strlen(origin)), 0);
    assert_int_equal(buf_append(b, why, strlen(why)), 0);
    assert_int_equal(buf_putc(b, '\n'), 0);
}

static struct article *mk(const char *url, const char *site, const char *title,
                          const char *published, const char *lang, const char *text, size_t len)
{
    struct article *a = article_new();
    if (url) article_set(&a->url, url, strlen(url));
    if (site) article_set(&a->site, site, strlen(site));
    if (title) article_set(&a->title, title, strlen(title));
    if (published) article_set(&a->published, published, strlen(published));
    if (lang) article_set(&a->lang, lang, strlen(lang));
    if (text) {
        a->text = kb_malloc(len + 1);
        memcpy(a->text, text, len);
        a->text[len] = '\0';
        a->text_len = len;
    }
    article_set(&a->origin, "uji.jsonl:7", 11);
    return a;
}

static struct prep *prep_ok(void)
{
    struct kb_err err;
    struct prep *p;
    kb_err_clear(&err);
    p = prep_new(PREP_LANG, &err);
    if (!p) fail_msg("prep_new: %s", err.msg);
    return p;
}

#define BANJIR                                                                                     \
    "Banjir merendam puluhan rumah di Kecamatan Lembah Sari pada Minggu malam setelah hujan "     \
    "deras mengguyur sejak sore.\nWarga mengungsi ke balai desa sambil menunggu air surut, kata " \
    "kepala desa setempat."

static const struct {
    const char *title;     /* input title (NULL: none) */
    const char *published; /* input date */
    const char *text;      /* NULL: the article has no text at all */
    const char *why;       /* NULL: prepared; else the reason it is refused */
    const char *want_text; /* cleaned text */
    const char *want_title;
    int64_t want_day;      /* CLUSTER_NO_DAY when undated */
} rows[] = {
    {"Banjir di Lembah Sari", "2025-03-10", BANJIR, NULL, BANJIR, "Banjir di Lembah Sari", 20157},
    /* junk goes before the title is derived from what is left */
    {NULL, "2025-03-10T08:30:00", "Baca juga: Harga Cabai Naik Lagi\nJalan Desa Putus Diterjang Longsor\n"
     "Longsor memutus jalan desa di Lembah Sari pada Senin pagi.\nReporter: Sari | Editor: Budi",
     NULL, "Jalan Desa Putus Diterjang Longsor\nLongsor memutus jalan desa di Lembah Sari pada Senin pagi.",
     "Jalan Desa Putus Diterjang Longsor", 20157},
    {NULL, "bukan tanggal", "Longsor memutus jalan desa.", NULL, "Longsor memutus jalan desa.",
     "Longsor memutus jalan desa.", CLUSTER_NO_DAY},
    /* refused, with the reason both callers report */
    {"Judul", NULL, "Baca juga:\nADVERTISEMENT\nReporter: Sari", PREP_WHY_EMPTY, "", "Judul",
     CLUSTER_NO_DAY},
    {"Judul", NULL, " \t\n\r\n", PREP_WHY_EMPTY, "", "Judul", CLUSTER_NO_DAY},
    {"Judul", NULL, "\x01\x02\x7f", PREP_WHY_EMPTY, "", "Judul", CLUSTER_NO_DAY},
    {NULL, NULL, NULL, PREP_WHY_EMPTY, "", NULL, CLUSTER_NO_DAY},
    /* bad bytes become U+FFFD, NUL a space: never refused for them */
    {NULL, NULL, "Data \xff rusak tetap dibaca.", NULL, "Data \xef\xbf\xbd rusak tetap dibaca.",
     "Data \xef\xbf\xbd rusak tetap dibaca.", CLUSTER_NO_DAY},
};

static void test_article_rows(void **state)
{
    struct prep *p = prep_ok();
    struct prep_doc d;
    size_t r;
    (void)state;
    prep_doc_init(&d);
    for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        struct article *a = mk("https://contoh.id/x", "contoh.id", rows[r].title, rows[r].published,
                               NULL, rows[r].text, rows[r].text ? strlen(rows[r].text) : 0);
        struct kb_err err;
        int rc;
        kb_err_clear(&err);
        prep_learn(p, a);
        rc = prep_article(p, a, &d, &err);
        if (rows[r].why) {
            char want[128];
            assert_int_equal(rc, KB_EPARSE);
            assert_non_null(d.why);
            assert_string_equal(d.why, rows[r].why);
            snprintf(want, sizeof want, "uji.jsonl:7: %s", rows[r].why);
            assert_string_equal(err.msg, want);
            assert_string_equal(d.hash, "");
        } else {
            if (rc != 0) fail_msg("row %zu refused: %s", r, err.msg);
            assert_null(d.why);
            assert_int_equal(strlen(d.hash), DEDUP_HASH_HEX - 1);
        }
        if (strcmp(buf_cstr(&d.text), rows[r].want_text) != 0)
            fail_msg("row %zu text:\n%s\nwant:\n%s", r, buf_cstr(&d.text), rows[r].want_text);
        if (rows[r].want_title) {
            assert_non_null(a->title);
            assert_string_equal(a->title, rows[r].want_title);
        } else {
            assert_null(a->title);
        }
        assert_int_equal(d.day, rows[r].want_day);
        article_free(a);
    }
    prep_doc_release(&d);
    prep_free(p);
}

/* The language is detected from the cleaned text when none is declared,
 * and a declared one is kept. */
static void test_language(void **state)
{
    static const struct {
        const char *declared, *text, *want; /* want NULL: left unset */
    } lrows[] = {
        {NULL, BANJIR, "id"},
        {"ms", BANJIR, "ms"},
        {NULL,
         "Floods swept through dozens of homes in the valley on Sunday night after heavy rain, and "
         "residents took shelter in the village hall while they waited for the water to recede.",
         "en"},
        {NULL, "Banjir.", NULL}, /* too short to tell: "und" is not stored */
    };
    struct kb_err err;
    struct lang_ctx *probe = lang_new(&err);
    struct prep *p;
    struct prep_doc d;
    size_t r;
    (void)state;
    if (!probe) {
        print_message("skip: libexttextcat models unavailable (%s)\n", err.msg);
        skip();
    }
    lang_free(probe);
    p = prep_ok();
    prep_doc_init(&d);
    for (r = 0; r < sizeof lrows / sizeof lrows[0]; r++) {
        struct article *a = mk("https://contoh.id/l", NULL, "Judul", NULL, lrows[r].declared,
                               lrows[r].text, strlen(lrows[r].text));
        assert_int_equal(prep_article(p, a, &d, NULL), 0);
        if (lrows[r].want) {
            if (!a->lang || strcmp(a->lang, lrows[r].want) != 0)
                fail_msg("row %zu: lang %s, want %s", r, a->lang ? a->lang : "(null)", lrows[r].want);
        } else {
            assert_null(a->lang);
        }
        article_free(a);
    }
    prep_doc_release(&d);
    prep_free(p);
    /* without PREP_LANG the language is left as declared */
    p = prep_new(0, NULL);
    assert_non_null(p);
    prep_doc_init(&d);
    {
        struct article *a = mk("https://contoh.id/l", NULL, "Judul", NULL, NULL, BANJIR, strlen(BANJIR));
        assert_int_equal(prep_article(p, a, &d, NULL), 0);
        assert_null(a->lang);
        article_free(a);
    }
    prep_doc_release(&d);
    prep_free(p);
}

/* One article fetched as its www., m. and amp. pages: learned once, so all
 * three keep their text and hash alike (review finding C), while a line
 * that really is on every page of the site still goes. */
static void test_url_variants(void **state)
{
    static const char *const hosts[] = {"www", "m", "amp", "www", "www"};
    static const char *const texts[] = {
        BANJIR "\nDapatkan kabar terbaru dari Kabarku setiap pagi",
        BANJIR "\nDapatkan kabar terbaru dari Kabarku setiap pagi",
        BANJIR "\nDapatkan kabar terbaru dari Kabarku setiap pagi",
        "Harga cabai di pasar induk naik dua kali lipat pekan ini.\n"
        "Dapatkan kabar terbaru dari Kabarku setiap pagi",
        "Kapal feri kembali berlayar setelah gelombang tinggi reda.\n"
        "Dapatkan kabar terbaru dari Kabarku setiap pagi",
    };
    struct article *a[5];
    struct prep *p = prep_ok();
    struct prep_doc d;
    char first[DEDUP_HASH_HEX] = "";
    size_t i;
    (void)state;
    prep_doc_init(&d);
    for (i = 0; i < 5; i++) {
        char url[64];
        snprintf(url, sizeof url, "https://%s.kabarku.co.id/%zu", hosts[i], i < 3 ? (size_t)1 : i);
        a[i] = mk(url, "kabarku.co.id", NULL, "2025-03-10", NULL, texts[i], strlen(texts[i]));
        prep_learn(p, a[i]);
    }
    for (i = 0; i < 5; i++) {
        struct kb_err err;
        kb_err_clear(&err);
        if (prep_article(p, a[i], &d, &err) != 0) fail_msg("article %zu: %s", i, err.msg);
        /* the site's line is in 3 distinct articles: template */
        assert_null(strstr(buf_cstr(&d.text), "Dapatkan kabar"));
        if (i < 3) {
            assert_string_equal(buf_cstr(&d.text), BANJIR);
            if (i == 0) memcpy(first, d.hash, sizeof first);
            else assert_string_equal(d.hash, first);
        } else {
            assert_string_not_equal(d.hash, first);
        }
        article_free(a[i]);
    }
    prep_doc_release(&d);
    prep_free(p);
}

/* prep_terms: distinct terms in byte order with counts; entity terms from
 * capitalised names; a term over PREP_MAX_TERM bytes is dropped; numbers
 * are not terms; the struct is reusable. */
static void test_terms(void **state)
{
    struct prep *p = prep_ok();
    struct prep_terms t;
    struct buf text = BUF_INIT;
    size_t i, k, total = 0;
    int found_banjir = 0, found_entity = 0, found_long = 0;
    (void)state;
    prep_terms_init(&t);
    assert_int_equal(buf_puts(&text, "Banjir merendam Lembah Sari. Banjir datang lagi pada 2025 "
                                     "dan banjir surut. "), 0);
    for (i = 0; i < 80; i++) assert_int_equal(buf_putc(&text, 'x'), 0);
    assert_int_equal(buf_puts(&text, " selesai."), 0);
    for (k = 0; k < 2; k++) { /* twice: reuse gives the same answer */
        found_banjir = found_entity = found_long = 0;
        total = 0;
        assert_int_equal(prep_terms(p, "Banjir Lembah Sari", text.ptr, text.len, &t), 0);
        assert_true(t.n > 3);
        for (i = 0; i < t.n; i++) {
            const struct cluster_term *c = &t.v[i];
            if (i) { /* strictly increasing: sorted and merged */
                size_t m = c->len < t.v[i - 1].len ? c->len : t.v[i - 1].len;
                int cmp = memcmp(t.v[i - 1].term, c->term, m);
                assert_true(cmp < 0 || (cmp == 0 && t.v[i - 1].len < c->len));
            }
            assert_true(c->len > 0 && c->len <= PREP_MAX_TERM);
            assert_true(c->count >= 1);
            total += c->count;
            if (c->len == 6 && memcmp(c->term, "banjir", 6) == 0) {
                found_banjir = 1;
                assert_int_equal(c->count, 4); /* 3 in the text, 1 in the title */
            }
            if (c->len >= CLUSTER_ENTITY_PREFIX_LEN &&
                memcmp(c->term, CLUSTER_ENTITY_PREFIX, CLUSTER_ENTITY_PREFIX_LEN) == 0)
                found_entity = 1;
            if (c->len >= 4 && memcmp(c->term, "2025", 4) == 0) fail_msg("a number became a term");
            if (c->len > 64) found_long = 1;
        }
        assert_true(found_banjir);
        assert_true(found_entity);
        assert_false(found_long);
        assert_true(total >= t.n);
    }
    /* an empty document has no terms */
    assert_int_equal(prep_terms(p, NULL, "", 0, &t), 0);
    assert_int_equal(t.n, 0);
    assert_int_equal(prep_terms(p, NULL, NULL, 0, &t), 0);
    assert_int_equal(t.n, 0);
    prep_terms_release(&t);
    prep_terms_release(&t); /* release twice is harmless */
    buf_release(&text);
    prep_free(p);
    prep_free(NULL);
}

/* Hostile input: NUL bytes, a huge single line, invalid UTF-8 everywhere. */
static void test_hostile(void **state)
{
    static const char nul[] = "Warga\0mengungsi ke balai desa.\0\0";
    struct prep *p = prep_ok();
    struct prep_doc d;
    struct prep_terms t;
    struct article *a;
    char *huge;
    size_t n = 8u << 20, i;
    (void)state;
    prep_doc_init(&d);
    prep_terms_init(&t);

    a = mk("https://contoh.id/nul", NULL, NULL, NULL, NULL, nul, sizeof nul - 1);
    prep_learn(p, a);
    assert_int_equal(prep_article(p, a, &d, NULL), 0);
    assert_string_equal(buf_cstr(&d.text), "Warga mengungsi ke balai desa.");
    assert_int_equal(strlen(buf_cstr(&d.text)), d.text.len);
    article_free(a);

    huge = kb_malloc(n);
    for (i = 0; i < n; i++) huge[i] = (char)(i % 7 == 6 ? ' ' : (i % 13 == 0 ? '\xc3' : 'a'));
    a = mk("https://contoh.id/besar", NULL, NULL, NULL, NULL, huge, n);
    prep_learn(p, a);
    assert_int_equal(prep_article(p, a, &d, NULL), 0);
    assert_true(d.text.len > n / 2);
    assert_non_null(a->title);
    assert_true(strlen(a->title) <= 204);
    assert_int_equal(prep_terms(p, a->title, d.text.ptr, d.text.len, &t), 0);
    article_free(a);
    free(huge);

    prep_terms_release(&t);
    prep_doc_release(&d);
    prep_free(p);
}

/* --- worker contexts: several threads, the same results ------------------------- */

static const char *const par_lines[] = {
    "Hujan deras sejak Senin malam membuat sungai di Kecamatan Sukamaju meluap.",
    "Tim penyelamat mengevakuasi warga lansia dengan perahu karet ke balai desa.",
    "Harga cabai rawit di pasar tradisional naik dua kali lipat dalam sepekan.",
    "Pedagang mengeluhkan pasokan dari petani berkurang karena gagal panen.",
    "Panitia festival kuliner membuka ratusan lapak makanan khas daerah di alun-alun.",
    "Tim sepak bola pelajar kabupaten menjuarai turnamen antarsekolah tingkat provinsi.",
    "The committee said the festival would return next year with more food stalls.",
};

#define PAR_N 96

/* Article i of the concurrency tests: three sites, each with a line every
 * article of the site repeats, undeclared languages, junk, undated ones and
 * texts that clean to nothing. */
static struct article *par_article(size_t i)
{
    static const char *const sites[] = {"satu.id", "dua.id", "tiga.id"};
    char text[1024], date[16];
    size_t len = 0, k;

    for (k = 0; k < 3; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s\n",
                                par_lines[(i * 3 + k * 5) % (sizeof par_lines / sizeof par_lines[0])]);
    len += (size_t)snprintf(text + len, sizeof text - len,
                            "Baca juga: Berita %zu lainnya\nLaporan warga nomor %zu diterima redaksi.\n"
                            "Ikuti saluran %s untuk kabar terkini",
                            i, i * 13, sites[i % 3]);
    if (i % 11 == 10) len = (size_t)snprintf(text, sizeof text, "Reporter: Sari | Editor: Budi");
    snprintf(date, sizeof date, "2025-04-%02zu", 1 + i % 28);
    return mk("https://contoh.id/p", sites[i % 3], i % 3 == 0 ? NULL : "Judul berita",
              i % 7 == 6 ? NULL : date, i % 2 ? NULL : "id", text, len);
}

/* Everything prep_article and prep_terms produce for one article, as text. */
static void describe(struct prep *p, struct article *a, struct buf *out)
{
    struct prep_doc d;
    struct prep_terms t;
    char line[256];
    size_t k;
    int rc;

    prep_doc_init(&d);
    prep_terms_init(&t);
    rc = prep_article(p, a, &d, NULL);
    snprintf(line, sizeof line, "rc=%d why=%s hash=%s day=%lld title=%s lang=%s\n", rc,
             d.why ? d.why : "-", d.hash, (long long)d.day, a->title ? a->title : "-",
             a->lang ? a->lang : "-");
    assert_int_equal(buf_append(out, line, strlen(line)), 0);
    assert_int_equal(buf_append(out, d.text.ptr ? d.text.ptr : "", d.text.len), 0);
    if (rc == 0) {
        assert_int_equal(prep_terms(p, a->title, d.text.ptr, d.text.len, &t), 0);
        for (k = 0; k < t.n; k++) {
            snprintf(line, sizeof line, " %.*s:%u", (int)t.v[k].len, t.v[k].term, t.v[k].count);
            assert_int_equal(buf_append(out, line, strlen(line)), 0);
        }
    }
    assert_int_equal(buf_putc(out, '\n'), 0);
    prep_terms_release(&t);
    prep_doc_release(&d);
}

struct par_run {
    struct prep **ws;              /* one context per worker */
    struct article *a[PAR_N];      /* owned */
    struct buf out[PAR_N];         /* per article */
};

static void par_work(void *ctx, size_t w, size_t i)
{
    struct par_run *r = ctx;
    describe(r->ws[w], r->a[i], &r->out[i]);
}

/* Articles prepared by four threads (the parent and three prep_worker
 * contexts, at once) come out exactly as the parent alone prepares them. */
static void test_workers_concurrent(void **state)
{
    struct prep *p = prep_ok();
    struct pool *pool = pool_new(4);
    struct par_run *r = kb_calloc(1, sizeof *r);
    struct buf want;
    size_t i, w, n_w = pool_size(pool), refused = 0, detected = 0;
    struct kb_err err;

    buf_init(&want, 0);
    r->ws = kb_calloc(n_w, sizeof *r->ws);
    r->ws[0] = p;
    for (i = 1; i < n_w; i++) {
        kb_err_clear(&err);
        r->ws[i] = prep_worker(p, &err);
        if (!r->ws[i]) fail_msg("prep_worker: %s", err.msg);
    }
    for (i = 0; i < PAR_N; i++) {
        struct article *a = par_article(i);
        prep_learn(p, a);
        article_free(a);
    }
    for (i = 0; i < PAR_N; i++) {
        struct article *a = par_article(i);
        size_t from = want.len;
        describe(p, a, &want);
        if (strncmp(want.ptr + from, "rc=0", 4) != 0) refused++;
        if (i % 2 && a->lang) detected++;
        article_free(a);
    }
    /* the fixture exercises refusals and detection */
    assert_true(refused >= PAR_N / 11);
    assert_true(detected > PAR_N / 4);
    for (w = 0; w < 3; w++) { /* a few rounds: thread timing differs each time */
        struct buf got;
        buf_init(&got, 0);
        for (i = 0; i < PAR_N; i++) {
            r->a[i] = par_article(i);
            buf_init(&r->out[i], 0);
        }
        assert_int_equal(pool_run(pool, PAR_N, 0, par_work, NULL, r), 0);
        for (i = 0; i < PAR_N; i++) {
            assert_int_equal(buf_append(&got, r->out[i].ptr, r->out[i].len), 0);
            buf_release(&r->out[i]);
            article_free(r->a[i]);
        }
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.ptr, want.ptr, want.len);
        buf_release(&got);
    }
    pool_free(pool);
    for (i = 1; i < n_w; i++) prep_free(r->ws[i]);
    free(r->ws);
    free(r);
    buf_release(&want);
    prep_free(p);
}

/* A worker does not learn: prep_learn on it leaves the shared learner as
 * it was, so a line repeated across the site's articles stays. */
static void test_worker_does_not_learn(void **state)
{
    static const char *const bodies[] = {
        "Banjir merendam sawah warga di Desa Sukamaju pada Senin.",
        "Harga beras di pasar kota turun setelah panen raya.",
        "Sekolah dasar di kecamatan itu mendapat bantuan buku baru.",
        "Jembatan gantung desa akhirnya diperbaiki oleh warga.",
    };
    static const char *const tail = "\nDapatkan kabar pilihan redaksi setiap pagi lewat surel";
    struct prep *p = prep_ok(), *w;
    struct prep_doc d;
    struct kb_err err;
    size_t i, round;

    kb_err_clear(&err);
    w = prep_worker(p, &err);
    if (!w) fail_msg("prep_worker: %s", err.msg);
    prep_doc_init(&d);
    /* round 0: taught through the worker, the tail stays; round 1: taught
     * through the parent, the tail is learned as the site's boilerplate */
    for (round = 0; round < 2; round++) {
        for (i = 0; i < 4; i++) {
            char text[256];
            struct article *a;
            snprintf(text, sizeof text, "%s%s", bodies[i], tail);
            a = mk("https://contoh.id/x", "contoh.id", "Judul", NULL, "id", text, strlen(text));
            prep_learn(round == 0 ? w : p, a);
            article_free(a);
        }
        for (i = 0; i < 4; i++) {
            char text[256];
            struct article *a;
            snprintf(text, sizeof text, "%s%s", bodies[i], tail);
            a = mk("https://contoh.id/x", "contoh.id", "Judul", NULL, "id", text, strlen(text));
            assert_int_equal(prep_article(i % 2 ? w : p, a, &d, NULL), 0);
            if (round == 0) assert_non_null(strstr(buf_cstr(&d.text), "surel"));
            else assert_string_equal(buf_cstr(&d.text), bodies[i]);
            article_free(a);
        }
    }
    prep_doc_release(&d);
    prep_free(w);
    prep_free(p);
}

/* summarize (corpus.c) prepares and summarises on the pool: the stories
 * and the rejections are the same with one thread and with four. */
static void summarize_with(const char *threads, struct buf *out, struct buf *rej)
{
    struct corpus *c = corpus_new();
    struct story *v = NULL;
    struct kb_err err;
    size_t n = 0, i;

    setenv("KABAR_THREADS", threads, 1);
    corpus_set_reject(c, on_corpus_reject, rej);
    for (i = 0; i < PAR_N; i++) corpus_add(c, par_article(i));
    kb_err_clear(&err);
    assert_int_equal(corpus_stories(c, &v, &n, &err), 0);
    assert_true(n > 1);
    for (i = 0; i < n; i++) assert_int_equal(story_to_text(&v[i], out), 0);
    corpus_stories_free(v, n);
    corpus_free(c);
    unsetenv("KABAR_THREADS");
}

static void test_summarize_threads(void **state)
{
    struct buf o1, o4, r1, r4;

    buf_init(&o1, 0);
    buf_init(&o4, 0);
    buf_init(&r1, 0);
    buf_init(&r4, 0);
    summarize_with("1", &o1, &r1);
    summarize_with("4", &o4, &r4);
    assert_true(o1.len > 1000);
    assert_true(r1.len > 0);
    assert_int_equal(o1.len, o4.len);
    assert_memory_equal(o1.ptr, o4.ptr, o1.len);
    assert_int_equal(r1.len, r4.len);
    assert_memory_equal(r1.ptr, r4.ptr, r1.len);
    buf_release(&o1);
    buf_release(&o4);
    buf_release(&r1);
    buf_release(&r4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_rows),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_url_variants),
        cmocka_unit_test(test_terms),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_workers_concurrent),
        cmocka_unit_test(test_worker_does_not_learn),
        cmocka_unit_test(test_summarize_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
