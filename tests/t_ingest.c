/* t_ingest.c -- the write path: batching, idempotent reruns, copies,
 * rejections, derived titles, clustering across batches, crash safety
 * (kill -9 mid-ingest, then rerun), the same store whatever the thread
 * count, and runs over real data when ../shared/data is present. Fixture
 * texts are written for this test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "article.h"
#include "buf.h"
#include "err.h"
#include "ingest.h"
#include "read.h"
#include "store.h"
#include "story.h"
#include "testutil.h"

/* --- fixtures: two invented events, five outlets ------------------------------------ */

struct fx {
    const char *url, *site, *title, *published, *text;
};

static const struct fx flood[] = {
    {"https://warta-satu.id/banjir-lembah-hijau", "warta-satu.id", "Banjir rendam Lembah Hijau",
     "2024-02-12",
     "Banjir merendam ratusan rumah di Kecamatan Lembah Hijau setelah hujan deras mengguyur sejak "
     "Minggu malam.\nAir sungai Cibening meluap dan ketinggian banjir mencapai satu meter di "
     "permukiman warga.\nBadan penanggulangan bencana daerah mengevakuasi warga lansia dan "
     "anak-anak ke balai desa."},
    {"https://kabar-dua.id/sungai-cibening-meluap", "kabar-dua.id", "Sungai Cibening meluap",
     "2024-02-13",
     "Sungai Cibening meluap dan banjir merendam permukiman di Lembah Hijau.\nBadan "
     "penanggulangan bencana daerah mencatat ratusan rumah terendam banjir setinggi satu meter.\n"
     "Warga lansia dan anak-anak dievakuasi ke balai desa sejak Senin pagi."},
    {"https://berita-tiga.id/pengungsi-banjir", "berita-tiga.id", "Pengungsi banjir bertambah",
     "2024-02-14",
     "Jumlah pengungsi banjir di Lembah Hijau bertambah karena hujan deras belum berhenti.\n"
     "Balai desa penuh oleh warga yang rumahnya terendam banjir dari luapan sungai Cibening.\n"
     "Badan penanggulangan bencana daerah menyiapkan dapur umum bagi pengungsi."},
};

static const struct fx festival[] = {
    {"https://warta-satu.id/festival-layang", "warta-satu.id", "Festival layang-layang dibuka",
     "2024-02-13",
     "Festival layang-layang internasional dibuka di Pantai Pasir Putih dengan peserta dari "
     "sebelas negara.\nLayang-layang raksasa berbentuk naga dan ikan paus menghiasi langit "
     "pantai.\nPanitia festival menyiapkan lomba layang-layang hias untuk pelajar."},
    {"https://kabar-dua.id/layang-raksasa", "kabar-dua.id", "Layang-layang raksasa di pantai",
     "2024-02-14",
     "Ribuan pengunjung memadati Pantai Pasir Putih untuk menyaksikan festival layang-layang.\n"
     "Peserta dari sebelas negara menerbangkan layang-layang raksasa berbentuk naga.\n"
     "Panitia festival juga menggelar lomba layang-layang hias bagi pelajar."},
};

static struct article *fx_article(const struct fx *f)
{
    return mk_article("fixture:", f->url, f->site, f->title, f->published, f->text);
}

/* Ingest flood + festival interleaved, in the given batch size. */
static void ingest_fixtures(struct store *s, size_t batch, struct ingest_counts *c)
{
    struct ingest_opts o;
    struct ingest *in;
    struct kb_err err;
    size_t i;

    memset(&o, 0, sizeof o);
    o.batch = batch;
    in = ingest_new(s, &o, &err);
    assert_non_null(in);
    for (i = 0; i < 3; i++) {
        assert_int_equal(ingest_add(in, fx_article(&flood[i]), &err), 0);
        if (i < 2) assert_int_equal(ingest_add(in, fx_article(&festival[i]), &err), 0);
    }
    assert_int_equal(ingest_flush(in, &err), 0);
    ingest_get_counts(in, c);
    ingest_free(in);
}

/* --- tests ------------------------------------------------------------------------ */

static const size_t batch_rows[] = {1, 2, 3, 500};

/* Whatever the batch size, the same five articles make the same two
 * stories: clustering state is restored from the store between batches. */
static void test_batches_cluster_alike(void **state)
{
    size_t r, i;
    for (r = 0; r < sizeof batch_rows / sizeof batch_rows[0]; r++) {
        struct tmpdb t;
        struct store *s;
        struct ingest_counts c;
        struct kb_err err;
        struct story *v = NULL;
        size_t n = 0;
        int64_t arts, copies, stories;

        tmpdb_make(&t, "t_ingest");
        s = open_ok(t.path);
        ingest_fixtures(s, batch_rows[r], &c);
        assert_int_equal(c.added, 5);
        assert_int_equal(c.duplicate, 0);
        assert_int_equal(c.copies, 0);
        assert_int_equal(c.rejected, 0);
        assert_int_equal(store_counts(s, &arts, &copies, &stories, &err), 0);
        assert_int_equal(arts, 5);
        assert_int_equal(stories, 2);
        assert_int_equal(store_stories_list(s, 0, &v, &n, &err), 0);
        assert_int_equal(n, 2);
        /* most sites first: the flood (3 outlets), titled by its earliest article */
        assert_int_equal(v[0].n_articles, 3);
        assert_int_equal(v[0].n_sites, 3);
        assert_string_equal(v[0].title, flood[0].title);
        for (i = 0; i < 3; i++) assert_string_equal(v[0].articles[i].url, flood[i].url);
        assert_int_equal(v[1].n_articles, 2);
        assert_string_equal(v[1].title, festival[0].title);
        store_stories_free(v, n);
        assert_int_equal(store_check(s, &err), 0);
        store_close(s);
        tmpdb_remove(&t);
    }
}

/* A full batch commits on its own: with batch 2, four adds store four. */
static void test_batch_commits(void **state)
{
    struct tmpdb t;
    struct store *s, *reader;
    struct ingest *in;
    struct ingest_opts o;
    struct kb_err err;
    int64_t arts;

    tmpdb_make(&t, "t_ingest");
    s = open_ok(t.path);
    reader = open_ok(t.path); /* a second connection sees only committed data */
    memset(&o, 0, sizeof o);
    o.batch = 2;
    in = ingest_new(s, &o, &err);
    assert_non_null(in);
    assert_int_equal(ingest_add(in, fx_article(&flood[0]), &err), 0);
    assert_int_equal(store_counts(reader, &arts, NULL, NULL, &err), 0);
    assert_int_equal(arts, 0);
    assert_int_equal(ingest_add(in, fx_article(&flood[1]), &err), 0);
    assert_int_equal(store_counts(reader, &arts, NULL, NULL, &err), 0);
    assert_int_equal(arts, 2);
    assert_int_equal(ingest_add(in, fx_article(&flood[2]), &err), 0);
    assert_int_equal(store_counts(reader, &arts, NULL, NULL, &err), 0);
    assert_int_equal(arts, 2);
    assert_int_equal(ingest_flush(in, &err), 0);
    assert_int_equal(store_counts(reader, &arts, NULL, NULL, &err), 0);
    assert_int_equal(arts, 3);
    assert_int_equal(ingest_flush(in, &err), 0); /* nothing queued: no-op */
    ingest_free(in);
    store_close(reader);
    store_close(s);
    tmpdb_remove(&t);
}

static void test_rerun_idempotent(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct ingest_counts c;
    struct kb_err err;
    int64_t arts1, cop1, st1, arts2, cop2, st2;

    tmpdb_make(&t, "t_ingest");
    s = open_ok(t.path);
    ingest_fixtures(s, 2, &c);
    assert_int_equal(c.added, 5);
    assert_int_equal(store_counts(s, &arts1, &cop1, &st1, &err), 0);
    store_close(s);

    s = open_ok(t.path); /* a second run, as after a restart */
    ingest_fixtures(s, 3, &c);
    assert_int_equal(c.added, 0);
    assert_int_equal(c.duplicate, 5);
    assert_int_equal(c.copies, 0);
    assert_int_equal(store_counts(s, &arts2, &cop2, &st2, &err), 0);
    assert_int_equal(arts1, arts2);
    assert_int_equal(cop1, cop2);
    assert_int_equal(st1, st2);
    assert_int_equal(store_check(s, &err), 0);
    store_close(s);
    tmpdb_remove(&t);
}

/* Syndicated copies: a new url with the same cleaned content is stored as a
 * copy and joins its canonical article's story, in the same batch or later. */
static void test_copies(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct ingest *in;
    struct ingest_opts o;
    struct ingest_counts c;
    struct kb_err err;
    struct story one;
    struct story *v = NULL;
    size_t n = 0, i;
    int64_t arts, copies;
    /* same text, different case/spacing/punctuation, plus page junk */
    struct fx same_batch = {"https://agregator.id/a/1", "agregator.id", "BANJIR RENDAM LEMBAH HIJAU",
                            "2024-02-12", NULL};
    struct fx later = {"https://portal-lain.id/x", NULL, NULL, "2024-02-15", NULL};

    tmpdb_make(&t, "t_ingest");
    s = open_ok(t.path);
    memset(&o, 0, sizeof o);
    o.batch = 10;
    in = ingest_new(s, &o, &err);
    assert_non_null(in);
    assert_int_equal(ingest_add(in, fx_article(&flood[0]), &err), 0);
    same_batch.text = flood[0].text;
    assert_int_equal(ingest_add(in, fx_article(&same_batch), &err), 0);
    assert_int_equal(ingest_add(in, fx_article(&festival[0]), &err), 0);
    assert_int_equal(ingest_flush(in, &err), 0);
    later.text = "BANJIR merendam ratusan rumah di Kecamatan Lembah Hijau, setelah hujan deras "
                 "mengguyur sejak Minggu malam!\n\nAir sungai Cibening meluap dan ketinggian banjir "
                 "mencapai satu meter di permukiman warga\nBadan penanggulangan bencana daerah "
                 "mengevakuasi warga lansia dan anak-anak ke balai desa.";
    assert_int_equal(ingest_add(in, fx_article(&later), &err), 0);
    assert_int_equal(ingest_flush(in, &err), 0);
    ingest_get_counts(in, &c);
    ingest_free(in);

    assert_int_equal(c.added, 2);
    assert_int_equal(c.copies, 2);
    assert_int_equal(c.duplicate, 2);
    assert_int_equal(store_counts(s, &arts, &copies, NULL, &err), 0);
    assert_int_equal(arts, 2);
    assert_int_equal(copies, 2);

    assert_int_equal(store_stories_list(s, 0, &v, &n, &err), 0);
    assert_int_equal(n, 2);
    /* flood story: canonical first, then both copies, 3 outlets in all */
    assert_int_equal(v[0].n_articles, 3);
    assert_int_equal(v[0].n_sites, 3);
    assert_string_equal(v[0].articles[0].url, flood[0].url);
    assert_int_equal(v[0].articles[0].duplicate_of, 0);
    for (i = 1; i < 3; i++) assert_int_equal(v[0].articles[i].duplicate_of, v[0].articles[0].id);
    assert_int_equal(store_story_load(s, v[0].id, &one, &err), 0);
    assert_int_equal(one.n_articles, 3);
    story_release(&one);
    store_stories_free(v, n);
    store_close(s);
    tmpdb_remove(&t);
}

struct rejects {
    size_t n;
    char last[256];
};

static void on_reject(void *ctx, const char *origin, const char *why)
{
    struct rejects *r = ctx;
    r->n++;
    snprintf(r->last, sizeof r->last, "%s: %s", origin, why);
}

static const struct {
    const char *text;
    int rejected;
} reject_rows[] = {
    {"   \n\t \n  ", 1},
    {"\n\n\n", 1},
    {"Baca juga:", 1},
    {"Banjir surut pada Selasa sore dan warga mulai membersihkan rumah.", 0},
    {"\xff\xfe\xfd", 1}, /* nothing readable: invalid bytes only */
};

static void test_reject_empty(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct ingest *in;
    struct ingest_opts o;
    struct ingest_counts c;
    struct kb_err err;
    struct rejects rj;
    size_t i, want_rej = 0, want_add = 0;
    int rc;

    tmpdb_make(&t, "t_ingest");
    s = open_ok(t.path);
    memset(&rj, 0, sizeof rj);
    memset(&o, 0, sizeof o);
    o.batch = 100;
    o.reject = on_reject;
    o.ctx = &rj;
    in = ingest_new(s, &o, &err);
    assert_non_null(in);
    for (i = 0; i < sizeof reject_rows / sizeof reject_rows[0]; i++) {
        char url[64];
        snprintf(url, sizeof url, "https://kosong.id/%zu", i);
        assert_int_equal(ingest_add(in, mk_article("fixture:", url, NULL, NULL, NULL, reject_rows[i].text), &err), 0);
        want_rej += (size_t)reject_rows[i].rejected;
        want_add += (size_t)!reject_rows[i].rejected;
    }
    kb_err_clear(&err);
    rc = ingest_flush(in, &err);
    assert_int_equal(rc, KB_EPARSE); /* not fatal: the good one is stored */
    assert_non_null(strstr(err.msg, "fixture:https://kosong.id/0: no text left after cleaning"));
    assert_non_null(strstr(err.msg, "more in this batch"));
    assert_int_equal(rj.n, want_rej);
    assert_non_null(strstr(rj.last, "no text left after cleaning"));
    ingest_get_counts(in, &c);
    assert_int_equal(c.rejected, want_rej);
    assert_int_equal(c.added, want_add);
    /* the session goes on after a rejection */
    assert_int_equal(ingest_add(in, fx_article(&flood[0]), &err), 0);
    assert_int_equal(ingest_flush(in, &err), 0);
    ingest_get_counts(in, &c);
    assert_int_equal(c.added, want_add + 1);
    ingest_free(in);
    store_close(s);
    tmpdb_remove(&t);
}

static const struct {
    const char *text;
    const char *title;
} title_rows[] = {
    {"Jalan Tol Baru Dibuka untuk Umum\nKendaraan mulai melintas sejak pukul enam pagi.",
     "Jalan Tol Baru Dibuka untuk Umum"},
    {"Kendaraan mulai melintas di jalan tol baru sejak pukul enam pagi tadi menurut petugas "
     "pengelola jalan.",
     "Kendaraan mulai melintas di jalan tol baru sejak pukul enam pagi tadi\xe2\x80\xa6"},
    {"Petugas menutup jalan.\nWarga memutar lewat desa sebelah.", "Petugas menutup jalan. Warga "
                                                                   "memutar lewat desa sebelah."},
    {"Warga memutar lewat desa", "Warga memutar lewat desa"},
};

static void test_derived_titles(void **state)
{
    size_t i;
    for (i = 0; i < sizeof title_rows / sizeof title_rows[0]; i++) {
        struct tmpdb t;
        struct store *s;
        struct ingest *in;
        struct kb_err err;
        struct story one;

        tmpdb_make(&t, "t_ingest");
        s = open_ok(t.path);
        in = ingest_new(s, NULL, &err);
        assert_non_null(in);
        assert_int_equal(ingest_add(in, mk_article("fixture:", "https://judul.id/1", NULL, NULL, "2024-01-01",
                                           title_rows[i].text), &err), 0);
        assert_int_equal(ingest_flush(in, &err), 0);
        ingest_free(in);
        assert_int_equal(store_story_load(s, 1, &one, &err), 0);
        assert_int_equal(one.n_articles, 1);
        if (!one.articles[0].title || strcmp(one.articles[0].title, title_rows[i].title) != 0)
            fail_msg("row %zu: title '%s', want '%s'", i,
                     one.articles[0].title ? one.articles[0].title : "(null)", title_rows[i].title);
        story_release(&one);
        store_close(s);
        tmpdb_remove(&t);
    }
}

/* A text that is one giant word gets a title cut at a character boundary. */
static void test_derived_title_giant_word(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct ingest *in;
    struct kb_err err;
    struct story one;
    struct buf text = BUF_INIT, want = BUF_INIT;
    size_t i;

    for (i = 0; i < 3000; i++) assert_int_equal(buf_puts(&text, "\xe1\xb9\xad"), 0); /* 3 bytes */
    assert_int_equal(buf_puts(&text, " akhir."), 0);
    for (i = 0; i < 66; i++) assert_int_equal(buf_puts(&want, "\xe1\xb9\xad"), 0); /* 198 <= 200 */
    assert_int_equal(buf_puts(&want, "\xe2\x80\xa6"), 0);
    tmpdb_make(&t, "t_ingest");
    s = open_ok(t.path);
    in = ingest_new(s, NULL, &err);
    assert_non_null(in);
    assert_int_equal(ingest_add(in, mk_article("fixture:", "https://judul.id/raksasa", NULL, NULL, NULL, buf_cstr(&text)),
                                &err), 0);
    assert_int_equal(ingest_flush(in, &err), 0);
    ingest_free(in);
    assert_int_equal(store_story_load(s, 1, &one, &err), 0);
    assert_string_equal(one.articles[0].title, buf_cstr(&want));
    assert_string_equal(one.title, buf_cstr(&want));
    story_release(&one);
    store_close(s);
    tmpdb_remove(&t);
    buf_release(&text);
    buf_release(&want);
}

/* --- inputs without urls ------------------------------------------------------------- */

/* Read data as the CLI does (read_buffer, the file name as given) into one
 * ingest session, and return its counts. */
struct read_into {
    struct ingest *in;
    int fatal;
};

static int read_into_emit(void *ctx, struct article *a)
{
    struct read_into *r = ctx;
    struct kb_err err;
    int rc = ingest_add(r->in, a, &err);
    if (rc && rc != KB_EPARSE) r->fatal = 1;
    return rc == KB_EPARSE ? 0 : rc;
}

static void ingest_buffer(struct store *s, const char *name, enum read_format fmt, const char *data,
                          size_t batch, struct ingest_counts *c)
{
    struct ingest_opts o;
    struct read_opts ro;
    struct read_into r;
    struct kb_err err;
    int rc;

    memset(&o, 0, sizeof o);
    o.batch = batch;
    memset(&ro, 0, sizeof ro);
    memset(&r, 0, sizeof r);
    kb_err_clear(&err);
    r.in = ingest_new(s, &o, &err);
    assert_non_null(r.in);
    ro.emit = read_into_emit;
    ro.ctx = &r;
    assert_int_equal(read_buffer(&ro, name, data, strlen(data), fmt, &err), 0);
    rc = ingest_flush(r.in, &err);
    assert_true(rc == 0 || rc == KB_EPARSE);
    assert_false(r.fatal);
    ingest_get_counts(r.in, c);
    ingest_free(r.in);
}

static const char *const teks_a =
    "Jembatan Bambu Baru\n\nWarga desa membangun jembatan bambu baru pada Senin pagi setelah banjir.";
static const char *const teks_b =
    "Pasar Tradisional Diresmikan\n\nPemerintah kota meresmikan pasar tradisional yang baru direnovasi.";

/* One ingest run of a sequence: input, then the counts it must give. */
static const struct {
    const char *name;       /* file name as given ("stdin" for -) */
    enum read_format fmt;
    const char *data;       /* NULL: teks_a; "B": teks_b */
    size_t added, duplicate, copies;
} synth_rows[] = {
    /* `printf A | kabar ingest -`, then B, then both again */
    {"stdin", READ_TEXT, NULL, 1, 0, 0},
    {"stdin", READ_TEXT, "B", 1, 0, 0},
    {"stdin", READ_TEXT, "B", 0, 1, 0},
    {"stdin", READ_TEXT, NULL, 0, 1, 0},
    /* two different a1.jsonl files, given from different directories */
    {"a1.jsonl", READ_JSONL,
     "{\"title\":\"Padi\",\"text\":\"Petani di lembah mulai menanam padi varietas baru yang tahan "
     "kekeringan.\"}\n",
     1, 0, 0},
    {"a1.jsonl", READ_JSONL,
     "{\"title\":\"Solar\",\"text\":\"Nelayan di pesisir utara mengeluhkan harga solar yang naik "
     "dua kali sebulan.\"}\n",
     1, 0, 0},
    /* one file whose rows say the same: the second row is the same content */
    {"b.jsonl", READ_JSONL,
     "{\"text\":\"Sekolah darurat dibuka di tenda pengungsian bagi anak-anak korban banjir.\"}\n"
     "{\"text\":\"Sekolah darurat dibuka di tenda pengungsian bagi anak-anak korban banjir.\"}\n"
     "{\"text\":\"Relawan membagikan buku tulis dan seragam kepada murid sekolah darurat.\"}\n",
     2, 1, 0},
};

static int is_hex12_suffix(const char *url, const char *base)
{
    size_t n = strlen(base), i;
    if (strncmp(url, base, n) != 0 || url[n] != '#' || strlen(url) != n + 1 + 12) return 0;
    for (i = n + 1; url[i]; i++)
        if (!((url[i] >= '0' && url[i] <= '9') || (url[i] >= 'a' && url[i] <= 'f'))) return 0;
    return 1;
}

/* A url the input did not give (the path, PATH:LINE, "stdin") is not an
 * identity: a different article under it is stored as URL#<hash prefix>,
 * the same content again is a duplicate. (Review finding B: the second
 * article used to be counted "duplicate 1" and lost.) */
static void test_synthetic_urls(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct kb_err err;
    struct story *v = NULL;
    size_t n = 0, r, i, k, batch;
    int64_t arts;

    for (batch = 1; batch <= 500; batch += 499) {
        size_t want_arts = 0;
        int plain_stdin = 0, hashed_stdin = 0, plain_a1 = 0, hashed_a1 = 0;
        tmpdb_make(&t, "t_ingest");
        s = open_ok(t.path);
        for (r = 0; r < sizeof synth_rows / sizeof synth_rows[0]; r++) {
            struct ingest_counts c;
            const char *data = synth_rows[r].data ? synth_rows[r].data : teks_a;
            if (synth_rows[r].data && strcmp(synth_rows[r].data, "B") == 0) data = teks_b;
            ingest_buffer(s, synth_rows[r].name, synth_rows[r].fmt, data, batch, &c);
            if (c.added != synth_rows[r].added || c.duplicate != synth_rows[r].duplicate ||
                c.copies != synth_rows[r].copies || c.rejected != 0)
                fail_msg("batch %zu row %zu: added %zu duplicate %zu copies %zu rejected %zu", batch,
                         r, c.added, c.duplicate, c.copies, c.rejected);
            want_arts += c.added;
        }
        assert_int_equal(store_counts(s, &arts, NULL, NULL, &err), 0);
        assert_int_equal(arts, (int64_t)want_arts);
        assert_int_equal(store_stories_list(s, 0, &v, &n, &err), 0);
        for (i = 0; i < n; i++) {
            for (k = 0; k < v[i].n_articles; k++) {
                const char *u = v[i].articles[k].url;
                plain_stdin += strcmp(u, "stdin") == 0;
                hashed_stdin += is_hex12_suffix(u, "stdin");
                plain_a1 += strcmp(u, "a1.jsonl:1") == 0;
                hashed_a1 += is_hex12_suffix(u, "a1.jsonl:1");
            }
        }
        assert_int_equal(plain_stdin, 1);
        assert_int_equal(hashed_stdin, 1);
        assert_int_equal(plain_a1, 1);
        assert_int_equal(hashed_a1, 1);
        store_stories_free(v, n);
        assert_int_equal(store_check(s, &err), 0);
        store_close(s);
        tmpdb_remove(&t);
    }
}

/* One article under three urls of one site (www., m., amp.): the first is
 * stored, the others are its copies, none is rejected. (Review finding C:
 * all three used to be rejected as "no text left after cleaning".) */
static void test_url_variants(void **state)
{
    static const char *const hosts[] = {"www", "m", "amp"};
    static const size_t batches[] = {1, 3};
    size_t b, i;

    for (b = 0; b < sizeof batches / sizeof batches[0]; b++) {
        struct tmpdb t;
        struct store *s;
        struct ingest *in;
        struct ingest_opts o;
        struct ingest_counts c;
        struct kb_err err;
        int64_t arts, copies;

        tmpdb_make(&t, "t_ingest");
        s = open_ok(t.path);
        memset(&o, 0, sizeof o);
        o.batch = batches[b];
        in = ingest_new(s, &o, &err);
        assert_non_null(in);
        for (i = 0; i < 3; i++) {
            char url[64];
            snprintf(url, sizeof url, "https://%s.kabarku.co.id/banjir-lembah-hijau", hosts[i]);
            assert_int_equal(ingest_add(in, mk_article("fixture:", url, "kabarku.co.id", flood[0].title, flood[0].published,
                                               flood[0].text), &err), 0);
        }
        assert_int_equal(ingest_flush(in, &err), 0);
        ingest_get_counts(in, &c);
        ingest_free(in);
        assert_int_equal(c.rejected, 0);
        assert_int_equal(c.added, 1);
        assert_int_equal(c.copies, 2);
        assert_int_equal(store_counts(s, &arts, &copies, NULL, &err), 0);
        assert_int_equal(arts, 1);
        assert_int_equal(copies, 2);
        store_close(s);
        tmpdb_remove(&t);
    }
}

/* --- crash safety ------------------------------------------------------------------ */

#define CRASH_N 600
#define CRASH_BATCH 20

static const char *const places[] = {"Sukamaju", "Cibening", "Karanganyar", "Tanjungsari",
                                     "Mekarjaya", "Sidomulyo"};

static struct article *crash_article(size_t i)
{
    char url[64], text[512], title[64], pub[16];
    snprintf(url, sizeof url, "https://uji-crash.id/%zu", i);
    snprintf(title, sizeof title, "Laporan warga %zu", i);
    snprintf(pub, sizeof pub, "2023-%02zu-%02zu", 1 + i % 12, 1 + i % 28);
    snprintf(text, sizeof text,
             "Warga Desa %s melaporkan kerusakan jalan nomor %zu kepada pemerintah kabupaten.\n"
             "Perbaikan jalan sepanjang %zu meter dijadwalkan bulan depan, kata kepala desa.\n"
             "Anggaran perbaikan berasal dari dana desa tahun %zu.",
             places[i % 6], i, 100 + i * 7, 2020 + i % 5);
    return mk_article("fixture:", url, "uji-crash.id", title, pub, text);
}

static int ingest_crash_set(const char *path, struct ingest_counts *c)
{
    struct kb_err err;
    struct store *s = store_open(path, &err);
    struct ingest_opts o;
    struct ingest *in;
    size_t i;

    if (!s) return -1;
    memset(&o, 0, sizeof o);
    o.batch = CRASH_BATCH;
    in = ingest_new(s, &o, &err);
    if (!in) {
        store_close(s);
        return -1;
    }
    for (i = 0; i < CRASH_N; i++)
        if (ingest_add(in, crash_article(i), &err)) break;
    if (i == CRASH_N && ingest_flush(in, &err) == 0) {
        if (c) ingest_get_counts(in, c);
        ingest_free(in);
        store_close(s);
        return 0;
    }
    ingest_free(in);
    store_close(s);
    return -1;
}

static void test_kill9_rerun(void **state)
{
    struct tmpdb t;
    struct store *s;
    struct ingest_counts c;
    struct kb_err err;
    char wal[128];
    int64_t before, after, copies, stories;
    int status, k;
    pid_t pid;

    tmpdb_make(&t, "t_ingest");
    store_close(open_ok(t.path)); /* schema first, so the child only ingests */
    snprintf(wal, sizeof wal, "%s-wal", t.path);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) _exit(ingest_crash_set(t.path, NULL) ? 3 : 0);
    /* wait until the child has written something, then kill it mid-run */
    for (k = 0; k < 1000; k++) {
        struct stat sb;
        if (stat(wal, &sb) == 0 && sb.st_size > 64 * 1024) break;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            pid = 0;
            break;
        }
        usleep(5000);
    }
    if (pid) {
        usleep((useconds_t)(1000 * (time(NULL) % 20)));
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }

    s = open_ok(t.path);
    assert_int_equal(store_check(s, &err), 0);
    assert_int_equal(store_counts(s, &before, NULL, NULL, &err), 0);
    /* only whole batches survive a crash */
    if (before % CRASH_BATCH != 0)
        fail_msg("%lld articles after kill -9: not whole batches of %d", (long long)before,
                 CRASH_BATCH);
    store_close(s);
    print_message("# kill -9 %s: %lld of %d articles committed\n", pid ? "mid-run" : "after the end",
                  (long long)before, CRASH_N);

    assert_int_equal(ingest_crash_set(t.path, &c), 0);
    assert_int_equal((int64_t)c.added, CRASH_N - before);
    assert_int_equal((int64_t)c.duplicate, before);
    s = open_ok(t.path);
    assert_int_equal(store_counts(s, &after, &copies, &stories, &err), 0);
    assert_int_equal(after, CRASH_N);
    assert_int_equal(copies, 0);
    assert_true(stories >= 1);
    assert_int_equal(store_check(s, &err), 0);
    store_close(s);
    tmpdb_remove(&t);
}

/* --- threads: the same store whatever the thread count ----------------------------- */

/* Sentences for generated articles, four invented topics. */
static const char *const topic_lines[4][4] = {
    {"Hujan deras sejak Senin malam membuat sungai di Kecamatan Sukamaju meluap.",
     "Tim penyelamat mengevakuasi warga lansia dengan perahu karet ke balai desa.",
     "Petugas dinas sosial membagikan selimut dan makanan siap saji kepada pengungsi.",
     "Ketinggian air di jalan utama desa mencapai satu meter pada Selasa pagi."},
    {"Panitia festival kuliner membuka ratusan lapak makanan khas daerah di alun-alun.",
     "Pengunjung antre panjang untuk mencicipi sate bandeng dan kerak telor.",
     "Wali kota berharap festival menambah pendapatan pedagang kecil di kota itu.",
     "Lomba memasak rendang untuk pelajar digelar pada hari kedua festival."},
    {"Harga cabai rawit di pasar tradisional naik dua kali lipat dalam sepekan.",
     "Pedagang mengeluhkan pasokan dari petani berkurang karena gagal panen.",
     "Dinas perdagangan menggelar operasi pasar untuk menekan harga cabai.",
     "Ibu rumah tangga mengurangi belanja cabai dan beralih ke sambal kemasan."},
    {"Tim sepak bola pelajar kabupaten menjuarai turnamen antarsekolah tingkat provinsi.",
     "Gol tunggal pada menit terakhir memastikan kemenangan tim di partai final.",
     "Bupati menjanjikan beasiswa bagi seluruh pemain yang masih bersekolah.",
     "Para pemain disambut arak-arakan warga saat tiba di kampung halaman."},
};

static const char *const gen_sites[] = {"warta-satu.id", "kabar-dua.id", "berita-tiga.id",
                                        "suara-empat.id", "harian-lima.id"};

/* Generated article i: topics, sites, dates, undated and undeclared-language
 * articles, real urls repeated within and across batches, copies under new
 * urls, texts that clean to nothing, articles without a url, and synthetic
 * urls shared by different contents (renamed) and by the same content
 * (duplicates). Deterministic in i. */
static struct article *gen_article(size_t i)
{
    const char *site;
    size_t topic, k, src = i;
    char url[128], date[32], text[2048], title[128];
    struct article *a;
    size_t len = 0;

    if (i % 13 == 12) src = i - 2; /* a copy of article i-2 under its own url */
    site = gen_sites[src % 5]; /* a copy from the same site: cleaned alike */
    topic = (src / 3) % 4;
    for (k = 0; k < 3; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s\n",
                                topic_lines[topic][(src + k) % 4]);
    len += (size_t)snprintf(text + len, sizeof text - len,
                            "Menurut catatan redaksi, peristiwa ini adalah laporan nomor %zu tahun ini.\n",
                            src * 7 + 1);
    /* a line every article of the site carries: learned as boilerplate */
    len += (size_t)snprintf(text + len, sizeof text - len, "Ikuti kanal berita %s di aplikasi kami",
                            gen_sites[src % 5]);
    if (i % 17 == 16) snprintf(text, sizeof text, " \n\t\n ");
    if (i % 11 == 10) snprintf(url, sizeof url, "https://%s/berita-%zu", gen_sites[(i - 1) % 5], i - 1);
    else snprintf(url, sizeof url, "https://%s/berita-%zu", site, i);
    snprintf(date, sizeof date, "2024-03-%02zu", 1 + (i * 5) % 27);
    snprintf(title, sizeof title, "Laporan %zu", i);
    a = mk_article("gen:", url, site, i % 4 == 1 ? NULL : title, i % 9 == 8 ? NULL : date, text);
    if (i % 2 == 0) article_set(&a->lang, "id", 2);
    if (i % 19 == 18) article_set(&a->url, "", 0); /* no url */
    if (i % 23 == 22 || i % 23 == 5) {
        /* synthetic urls: one url, different texts (all but the first renamed) */
        article_set(&a->url, "masukan.txt", 11);
        a->url_synthetic = 1;
    }
    return a;
}

#define GEN_N 160

struct msgs {
    struct buf b; /* every rejection, "origin: why\n", in order */
};

static void on_reject_log(void *ctx, const char *origin, const char *why)
{
    struct msgs *m = ctx;
    assert_int_equal(buf_append(&m->b, origin, strlen(origin)), 0);
    assert_int_equal(buf_append(&m->b, ": ", 2), 0);
    assert_int_equal(buf_append(&m->b, why, strlen(why)), 0);
    assert_int_equal(buf_putc(&m->b, '\n'), 0);
}

/* Every row of every ordinary table (virtual FTS tables through their
 * shadow tables), in rowid order, columns named *_at (wall-clock times)
 * left out, appended to out as text. */
static void dump_store(const char *path, struct buf *out)
{
    sqlite3 *db;
    sqlite3_stmt *tables, *rows;
    int rc;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                        "sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    while ((rc = sqlite3_step(tables)) == SQLITE_ROW) {
        char q[256];
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        int c, n;
        assert_int_equal(buf_append(out, name, strlen(name)), 0);
        assert_int_equal(buf_putc(out, '\n'), 0);
        /* tables WITHOUT ROWID have no rowid: order by every column */
        snprintf(q, sizeof q, "SELECT * FROM \"%s\" ORDER BY 1, 2", name);
        assert_int_equal(sqlite3_prepare_v2(db, q, -1, &rows, NULL), SQLITE_OK);
        n = sqlite3_column_count(rows);
        while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
            for (c = 0; c < n; c++) {
                const char *col = sqlite3_column_name(rows, c);
                size_t cl = strlen(col);
                const void *v;
                if (cl > 3 && strcmp(col + cl - 3, "_at") == 0) continue;
                v = sqlite3_column_blob(rows, c);
                assert_int_equal(buf_append(out, v ? v : "", (size_t)sqlite3_column_bytes(rows, c)), 0);
                assert_int_equal(buf_putc(out, c + 1 < n ? '\t' : '\n'), 0);
            }
        }
        assert_int_equal(rc, SQLITE_DONE);
        sqlite3_finalize(rows);
    }
    assert_int_equal(rc, SQLITE_DONE);
    sqlite3_finalize(tables);
    sqlite3_close(db);
}

static void gen_ingest(const char *path, size_t threads, size_t batch, struct ingest_counts *c,
                       struct msgs *m)
{
    struct store *s = open_ok(path);
    struct ingest_opts o;
    struct ingest *in;
    struct kb_err err;
    size_t i;
    int rc;

    memset(&o, 0, sizeof o);
    o.batch = batch;
    o.threads = threads;
    o.reject = on_reject_log;
    o.ctx = m;
    in = ingest_new(s, &o, &err);
    assert_non_null(in);
    for (i = 0; i < GEN_N; i++) {
        rc = ingest_add(in, gen_article(i), &err);
        assert_true(rc == 0 || rc == KB_EPARSE);
    }
    rc = ingest_flush(in, &err);
    assert_true(rc == 0 || rc == KB_EPARSE);
    ingest_get_counts(in, c);
    ingest_free(in);
    assert_int_equal(store_check(s, &err), 0);
    store_close(s);
}

static const struct {
    size_t threads; /* compared with the one-thread run */
    size_t batch;
} thread_rows[] = {{2, 500}, {3, 7}, {4, 1}, {8, 40}, {1, 13}};

/* Preparing on N threads stores exactly what one thread stores: the same
 * rows with the same ids in every table, the same counts, and the same
 * rejections in the same order. Every generated article goes in twice
 * (the second pass is all duplicates, as a rerun). */
static void test_threads_identical(void **state)
{
    size_t r;
    for (r = 0; r < sizeof thread_rows / sizeof thread_rows[0]; r++) {
        struct tmpdb t1, tn;
        struct ingest_counts c1, cn, c1b, cnb;
        struct msgs m1, mn;
        struct buf d1, dn;

        buf_init(&m1.b, 0);
        buf_init(&mn.b, 0);
        buf_init(&d1, 0);
        buf_init(&dn, 0);
        tmpdb_make(&t1, "t_ingest");
        tmpdb_make(&tn, "t_ingest");
        gen_ingest(t1.path, 1, thread_rows[r].batch, &c1, &m1);
        gen_ingest(tn.path, thread_rows[r].threads, thread_rows[r].batch, &cn, &mn);
        /* the fixture covers what it means to */
        if (r == 0)
            print_message("# generated: added %zu, duplicate %zu (copies %zu), rejected %zu\n",
                          c1.added, c1.duplicate, c1.copies, c1.rejected);
        assert_true(c1.added > GEN_N / 2);
        assert_true(c1.duplicate > 10);
        assert_true(c1.copies > 3);
        assert_true(c1.rejected > 10);
        assert_memory_equal(&c1, &cn, sizeof c1);
        assert_int_equal(m1.b.len, mn.b.len);
        assert_memory_equal(m1.b.ptr, mn.b.ptr, m1.b.len);
        gen_ingest(t1.path, 1, thread_rows[r].batch, &c1b, &m1);
        gen_ingest(tn.path, thread_rows[r].threads, thread_rows[r].batch, &cnb, &mn);
        assert_int_equal(c1b.added, 0);
        assert_memory_equal(&c1b, &cnb, sizeof c1b);
        dump_store(t1.path, &d1);
        dump_store(tn.path, &dn);
        assert_true(d1.len > 10000);
        assert_int_equal(d1.len, dn.len);
        assert_memory_equal(d1.ptr, dn.ptr, d1.len);
        buf_release(&m1.b);
        buf_release(&mn.b);
        buf_release(&d1);
        buf_release(&dn);
        tmpdb_remove(&t1);
        tmpdb_remove(&tn);
    }
}

/* --- real data ----------------------------------------------------------------------- */

#define DETIK "../shared/data/news-id/detik1000/data_berita.csv"

struct real_run {
    struct ingest *in;
    size_t emitted;
    size_t refused; /* KB_EPARSE returns */
    int fatal;
    struct kb_err err;
};

static int real_emit(void *ctx, struct article *a)
{
    struct real_run *r = ctx;
    int rc;
    r->emitted++;
    rc = ingest_add(r->in, a, &r->err);
    if (rc == KB_EPARSE) return 0;
    if (rc) r->fatal = 1;
    return rc;
}

/* Ingest the detik file into db on threads threads (0: the default). */
static void real_ingest(const char *db, size_t threads, struct ingest_counts *c, size_t *emitted)
{
    struct store *s = open_ok(db);
    struct real_run r;
    struct read_opts ro;
    struct ingest_opts o;
    int rc;

    memset(&r, 0, sizeof r);
    memset(&ro, 0, sizeof ro);
    memset(&o, 0, sizeof o);
    o.threads = threads;
    r.in = ingest_new(s, &o, &r.err);
    assert_non_null(r.in);
    ro.emit = real_emit;
    ro.ctx = &r;
    rc = read_path(&ro, DETIK, &r.err);
    if (rc) fail_msg("read/ingest: %s", r.err.msg);
    rc = ingest_flush(r.in, &r.err);
    if (rc && rc != KB_EPARSE) fail_msg("flush: %s", r.err.msg);
    ingest_get_counts(r.in, c);
    *emitted = r.emitted;
    ingest_free(r.in);
    store_close(s);
}

static void test_real_detik(void **state)
{
    struct tmpdb t;
    struct ingest_counts c1, c2;
    struct store *s;
    struct kb_err err;
    struct search_hit *h = NULL;
    size_t e1, e2, n = 0;
    int64_t arts, copies, stories;

    if (access(DETIK, R_OK) != 0) {
        print_message("skip: %s absent (real data lives beside the repository)\n", DETIK);
        skip();
    }
    tmpdb_make(&t, "t_ingest");
    real_ingest(t.path, 0, &c1, &e1);
    assert_true(e1 >= 900);
    assert_int_equal(c1.added + c1.duplicate + c1.rejected, e1);
    assert_true(c1.added >= e1 * 9 / 10);
    real_ingest(t.path, 0, &c2, &e2);
    assert_int_equal(e2, e1);
    assert_int_equal(c2.added, 0);
    assert_int_equal(c2.duplicate, c1.added + c1.duplicate);
    s = open_ok(t.path);
    assert_int_equal(store_counts(s, &arts, &copies, &stories, &err), 0);
    assert_int_equal(arts, (int64_t)c1.added);
    assert_int_equal(copies, (int64_t)c1.copies);
    /* stories group articles: far fewer stories than articles, more than one */
    assert_true(stories > 1 && stories < arts);
    assert_int_equal(store_search(s, "presiden", 5, &h, &n, &err), 0);
    assert_int_equal(n, 5);
    assert_non_null(strchr(h[0].snippet, '['));
    store_hits_free(h, n);
    assert_int_equal(store_check(s, &err), 0);
    store_close(s);
    tmpdb_remove(&t);
}

/* The real file on one thread and on three: the same store. */
static void test_real_threads_identical(void **state)
{
    struct tmpdb t1, t3;
    struct ingest_counts c1, c3;
    struct buf d1, d3;
    size_t e1, e3;

    if (access(DETIK, R_OK) != 0) {
        print_message("skip: %s absent (real data lives beside the repository)\n", DETIK);
        skip();
    }
    buf_init(&d1, 0);
    buf_init(&d3, 0);
    tmpdb_make(&t1, "t_ingest");
    tmpdb_make(&t3, "t_ingest");
    real_ingest(t1.path, 1, &c1, &e1);
    real_ingest(t3.path, 3, &c3, &e3);
    assert_int_equal(e1, e3);
    assert_memory_equal(&c1, &c3, sizeof c1);
    dump_store(t1.path, &d1);
    dump_store(t3.path, &d3);
    assert_true(d1.len > 100000);
    assert_int_equal(d1.len, d3.len);
    assert_memory_equal(d1.ptr, d3.ptr, d1.len);
    buf_release(&d1);
    buf_release(&d3);
    tmpdb_remove(&t1);
    tmpdb_remove(&t3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batches_cluster_alike),
        cmocka_unit_test(test_batch_commits),
        cmocka_unit_test(test_rerun_idempotent),
        cmocka_unit_test(test_copies),
        cmocka_unit_test(test_reject_empty),
        cmocka_unit_test(test_derived_titles),
        cmocka_unit_test(test_derived_title_giant_word),
        cmocka_unit_test(test_synthetic_urls),
        cmocka_unit_test(test_url_variants),
        cmocka_unit_test(test_kill9_rerun),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_real_detik),
        cmocka_unit_test(test_real_threads_identical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
