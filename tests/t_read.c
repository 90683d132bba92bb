/* t_read.c -- the readers: fixtures under tests/data/read, tests/data/warc
 * and tests/data/feed (written for kabar), in-memory edge cases, the url -> site rule, and a run over the
 * real corpus in ../shared/data/news-id (skipped when absent). Run from the
 * repository root, as tests/run.sh does. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "article.h"
#include "buf.h"
#include "mem.h"
#include "read.h"

#define FIX "tests/data/read/"
#define NEWS_ID "../shared/data/news-id"

/* ---- a collector for emitted articles and rejects ------------------------ */

struct got {
    struct article **a; /* owned, freed by got_release */
    size_t n, cap;
    struct buf rejects; /* "where|why\n" per reject */
    size_t n_rejects;
    size_t stop_after;  /* emit returns 7 after this many articles (0: never) */
};

static int got_emit(void *ctx, struct article *a)
{
    struct got *g = ctx;
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 16;
        g->a = kb_realloc(g->a, g->cap * sizeof *g->a);
    }
    g->a[g->n++] = a;
    return g->stop_after && g->n >= g->stop_after ? 7 : 0;
}

static void got_reject(void *ctx, const char *where, const char *why)
{
    struct got *g = ctx;
    g->n_rejects++;
    assert_int_equal(buf_printf(&g->rejects, "%s|%s\n", where, why), 0);
}

static void got_init(struct got *g, struct read_opts *o)
{
    memset(g, 0, sizeof *g);
    buf_init(&g->rejects, 0);
    memset(o, 0, sizeof *o);
    o->emit = got_emit;
    o->reject = got_reject;
    o->ctx = g;
}

static void got_release(struct got *g)
{
    size_t i;
    for (i = 0; i < g->n; i++) article_free(g->a[i]);
    free(g->a);
    buf_release(&g->rejects);
}

/* NULL in an expectation means the field must be NULL; "*" means any. */
static void check_str(const char *what, const char *got, const char *want, const char *ctx)
{
    if (want && strcmp(want, "*") == 0) return;
    if (!want && !got) return;
    if (!want || !got || strcmp(want, got) != 0)
        fail_msg("%s: %s is \"%s\", want \"%s\"", ctx, what, got ? got : "(null)", want ? want : "(null)");
}

/* ---- fixture files ---------------------------------------------------------- */

struct want_article {
    const char *origin, *url, *site, *title, *published;
    const char *text; /* exact text */
};

static const struct {
    const char *path;
    enum read_format fmt;
    size_t n;                    /* articles expected */
    struct want_article a[6];    /* the first ones, in order */
    const char *rejects;         /* all rejects, "where|why\n" each */
} files[] = {
    {FIX "quoted.csv", READ_AUTO, 3,
     {{FIX "quoted.csv:2", "https://ekonomi.contoh.co.id/berita/1", "contoh.co.id",
       "Harga Cabai Naik, Pedagang Mengeluh", "2025-10-18",
       "Harga cabai rawit di Pasar Induk naik menjadi Rp60.000 per kilogram.\n"
       "Pedagang menyebut pasokan dari Jawa Tengah berkurang."},
      {FIX "quoted.csv:4", "https://www.contoh.com/b/2", "contoh.com", "Gubernur: \"Stok beras aman\"",
       "2025-10-18", "Gubernur mengatakan, \"stok beras aman sampai akhir tahun.\""},
      {FIX "quoted.csv:9", FIX "quoted.csv:9", NULL, NULL, "2025-10-18", "Berita tanpa tautan tetap dibaca."}},
     FIX "quoted.csv:6|expected 5 fields, found 4\n" FIX "quoted.csv:7|no text\n" FIX
         "quoted.csv:8|expected 5 fields, found 6\n"},
    {FIX "semicolon.csv", READ_AUTO, 3,
     {{FIX "semicolon.csv:2", FIX "semicolon.csv:2", NULL, NULL, NULL,
       "Banjir merendam tiga desa di Kabupaten Contoh; warga mengungsi.\r\nBPBD membuka dapur umum."},
      {FIX "semicolon.csv:4", "*", NULL, NULL, NULL, "Pesan berantai soal vaksin palsu beredar di grup percakapan."},
      {FIX "semicolon.csv:5", "*", NULL, NULL, NULL, "\"Kami siaga,\" kata kepala BPBD."}},
     ""},
    {FIX "tabs.tsv", READ_AUTO, 2,
     {{FIX "tabs.tsv:2", "https://news.contoh.com/berita/d-1", "contoh.com", "Inflasi Oktober Terkendali",
       "2025-10-05T09:07:00", "*"},
      {FIX "tabs.tsv:3", "*", "contoh.com", "*", "2025-10-21T20:43:00", "*"}},
     ""},
    {FIX "unterminated.csv", READ_AUTO, 1,
     {{FIX "unterminated.csv:2", "*", NULL, "Pertama", NULL, "Isi berita pertama."}},
     FIX "unterminated.csv:3|unterminated quoted field\n"},
    {FIX "notext.csv", READ_AUTO, 0, {{NULL, NULL, NULL, NULL, NULL, NULL}},
     FIX "notext.csv:1|no text column in the CSV header (expected one of: text, maintext, content, "
         "isi_berita, clean_text, berita, isi, body, article)\n"},
    {FIX "articles.jsonl", READ_AUTO, 5,
     {{FIX "articles.jsonl:1", "https://www.contoh.com/1", "contoh.com", "Rupiah Menguat", "2025-10-18T16:05:00",
       "Rupiah ditutup menguat 20 poin."},
      {FIX "articles.jsonl:3", "https://pusatdata.contoh.co.id/2", "contoh.co.id", "Emas Turun",
       "2025-10-17T08:00:00", "Harga emas turun Rp5.000 per gram."},
      /* only an html field: the extractor gives the text */
      {FIX "articles.jsonl:7", "https://www.contoh.com/5", "contoh.com", NULL, NULL, "Hanya HTML"},
      {FIX "articles.jsonl:8", "https://www.contoh.com/6", "Contoh News", NULL, NULL, "Isi dengan NUL."},
      {FIX "articles.jsonl:9", FIX "articles.jsonl:9", NULL, NULL, NULL, "Tanpa url dan tanpa judul."}},
     FIX "articles.jsonl:4|invalid JSON: unexpected token near end of file\n" FIX
         "articles.jsonl:5|not a JSON object\n" FIX "articles.jsonl:6|no text\n" FIX
         "articles.jsonl:10|invalid JSON: unable to decode byte 0xff near '\"Teks '\n"},
    {FIX "array.json", READ_AUTO, 2,
     {{FIX "array.json:2", "https://contoh.com/a", "contoh.com", NULL, NULL, "Artikel pertama dalam larik."},
      {FIX "array.json:3", "https://contoh.com/b", "contoh.com", NULL, NULL, "Artikel kedua dalam larik."}},
     FIX "array.json:5|no text\n"},
    {FIX "berita.txt", READ_AUTO, 1,
     {{FIX "berita.txt:1", FIX "berita.txt", NULL, "Pemerintah Tambah Kuota Pupuk Bersubsidi", NULL,
       "Kementerian Pertanian menambah kuota pupuk bersubsidi untuk musim tanam berikutnya.\n"
       "Tambahan itu diharapkan menjaga produksi padi.\n"}},
     ""},
    {FIX "tanpa-judul.txt", READ_AUTO, 1,
     {{FIX "tanpa-judul.txt:1", FIX "tanpa-judul.txt", NULL, NULL, NULL,
       "Kementerian Pertanian menambah kuota pupuk bersubsidi untuk musim tanam berikutnya.\n"
       "Tambahan itu diharapkan menjaga produksi padi.\n"}},
     ""},
    {FIX "kosong.txt", READ_AUTO, 0, {{NULL, NULL, NULL, NULL, NULL, NULL}}, FIX "kosong.txt:1|no text\n"},
    /* a directory: name order, dot files skipped, html read by the
     * extractor, binary rejected, unknown extensions sniffed (data.dat is
     * CSV, ekspor is JSONL); the seventh article is sub/z.txt */
    {FIX "tree", READ_AUTO, 7,
     {{FIX "tree/a.jsonl:1", "https://contoh.com/a1", "*", NULL, NULL, "Isi A1."},
      {FIX "tree/a.jsonl:2", "https://contoh.com/a2", "*", NULL, NULL, "Isi A2."},
      {FIX "tree/b.txt:1", FIX "tree/b.txt", NULL, "Judul B", NULL, "Isi artikel B.\n"},
      {FIX "tree/halaman.html", FIX "tree/halaman.html", NULL, NULL, NULL, "Belum didukung."},
      {FIX "tree/sub/data.dat:2", "https://contoh.com/s1", "contoh.com", "Satu", NULL, "Isi satu."},
      {FIX "tree/sub/ekspor:1", "https://contoh.com/e1", "*", NULL, NULL, "Isi ekspor."}},
     FIX "tree/sub/gambar.bin|binary content: not a text, JSONL, CSV, HTML, WARC or feed file\n"},
    /* an explicit format overrides the extension */
    {FIX "tree/b.txt", READ_JSONL, 0, {{NULL, NULL, NULL, NULL, NULL, NULL}},
     FIX "tree/b.txt:1|invalid JSON: '[' or '{' expected near 'Judul'\n" FIX
         "tree/b.txt:2|invalid JSON: '[' or '{' expected near 'Isi'\n"},
};

static void test_files(void **state)
{
    size_t r, i;
    struct stat st;
    (void)state;
    if (stat(FIX "quoted.csv", &st) != 0) fail_msg("run from the repository root: %s missing", FIX "quoted.csv");
    for (r = 0; r < sizeof files / sizeof files[0]; r++) {
        struct got g;
        struct read_opts o;
        struct kb_err err = {0, ""};
        char ctx[256];

        got_init(&g, &o);
        o.format = files[r].fmt;
        if (read_path(&o, files[r].path, &err) != 0) fail_msg("%s: %s", files[r].path, err.msg);
        if (strcmp(buf_cstr(&g.rejects), files[r].rejects) != 0)
            fail_msg("%s rejects:\n%s\nwant:\n%s", files[r].path, buf_cstr(&g.rejects), files[r].rejects);
        if (g.n != files[r].n) fail_msg("%s: %zu articles, want %zu", files[r].path, g.n, files[r].n);
        for (i = 0; i < g.n && i < 6 && files[r].a[i].origin; i++) {
            const struct want_article *w = &files[r].a[i];
            struct article *a = g.a[i];
            snprintf(ctx, sizeof ctx, "%s article %zu", files[r].path, i);
            check_str("origin", a->origin, w->origin, ctx);
            check_str("url", a->url, w->url, ctx);
            check_str("site", a->site, w->site, ctx);
            check_str("title", a->title, w->title, ctx);
            check_str("published", a->published, w->published, ctx);
            check_str("text", a->text, w->text, ctx);
            assert_int_equal(a->text_len, strlen(a->text));
            /* a url the input did not give (path, PATH:LINE) is marked, so
             * ingest never takes it for an article's identity */
            if (strcmp(w->url, "*") != 0 && a->url_synthetic != (strncmp(w->url, "http", 4) != 0))
                fail_msg("%s: url_synthetic is %d for url %s", ctx, a->url_synthetic, a->url);
        }
        if (strstr(files[r].path, ".jsonl")) { /* "lang" and news-please's "language" */
            check_str("lang", g.a[0]->lang, "id", files[r].path);
            check_str("lang", g.a[1]->lang, "id", files[r].path);
            check_str("lang", g.a[2]->lang, NULL, files[r].path);
        }
        got_release(&g);
    }
}

/* ---- titles of text files ------------------------------------------------- */

static const struct {
    const char *in;
    const char *title; /* NULL: no title taken */
} title_rows[] = {
    {"Mengapa Korea Utara membantu Rusia?\nIsi.", "Mengapa Korea Utara membantu Rusia?"},
    {"Harga Beras Turun Jelang Panen\n\n\nIsi.", "Harga Beras Turun Jelang Panen"},
    {"  Judul Berspasi  \r\nIsi.", "Judul Berspasi"},
    {"\n\n\nJudul Setelah Baris Kosong\nIsi.", "Judul Setelah Baris Kosong"},
    {"Awas! Penipuan Berkedok Undian\nIsi.", "Awas! Penipuan Berkedok Undian"},
    {"BI Tahan Suku Bunga 4,75 Persen\nIsi.", "BI Tahan Suku Bunga 4,75 Persen"},
    {"\"Kami Tidak Menyerah\"\nIsi.", "\"Kami Tidak Menyerah\""},
    /* a full sentence is body text */
    {"Presiden meresmikan bendungan di Jawa Tengah pada Senin.\nIsi.", NULL},
    {"Kata menteri, \"harga akan turun.\"\nIsi.", NULL},
    /* a long opening question is body text */
    {"Lantas, apa sebenarnya keuntungan yang didapat Korea Utara dengan mengirimkan tentaranya ke Rusia?\nIsi.",
     NULL},
    /* bylines and furniture */
    {"Reporter: Budi Santoso | Editor: Sari Dewi\nIsi.", NULL},
    {"Oleh Budi Santoso\nIsi.", NULL},
    {"Baca juga: Harga Emas Hari Ini\nIsi.", NULL},
    {"https://contoh.com/berita/1\nIsi.", NULL},
    /* lower-case start: a dateline or a lower-cased corpus */
    {"contoh.net \xE2\x80\x93 Banyak personel tiba di pelabuhan\nIsi.", NULL},
    {"harga cabai naik\nIsi.", NULL},
    /* too long to be a headline (more than 20 words) */
    {"Satu Dua Tiga Empat Lima Enam Tujuh Delapan Sembilan Sepuluh Sebelas Dua Belas Tiga Belas Empat Belas "
     "Lima Belas Enam Tujuh\nIsi.",
     NULL},
    {"Harga Naik Terus\xE2\x80\xA6\nIsi.", NULL}, /* a teaser ending in an ellipsis */
    /* nothing after the line: the line is the text */
    {"Judul Tanpa Isi\n\n", NULL},
};

static void test_titles(void **state)
{
    size_t r;
    (void)state;
    for (r = 0; r < sizeof title_rows / sizeof title_rows[0]; r++) {
        struct got g;
        struct read_opts o;
        got_init(&g, &o);
        assert_int_equal(read_buffer(&o, "t.txt", title_rows[r].in, strlen(title_rows[r].in), READ_TEXT, NULL), 0);
        assert_int_equal(g.n, 1);
        check_str("title", g.a[0]->title, title_rows[r].title, title_rows[r].in);
        if (!g.a[0]->title) check_str("text", g.a[0]->text, title_rows[r].in, title_rows[r].in);
        else assert_string_equal(g.a[0]->text + g.a[0]->text_len - 4, "Isi.");
        got_release(&g);

        got_init(&g, &o);
        o.no_title = 1;
        assert_int_equal(read_buffer(&o, "t.txt", title_rows[r].in, strlen(title_rows[r].in), READ_TEXT, NULL), 0);
        assert_null(g.a[0]->title);
        got_release(&g);
    }
}

/* ---- hostile and edge input ------------------------------------------------ */

static const struct {
    const char *name;
    enum read_format fmt;
    const char *in;
    size_t len; /* 0: strlen */
    size_t n;   /* articles */
    size_t n_rejects;
    const char *text0; /* text of the first article, or NULL */
} edge_rows[] = {
    {"x.txt", READ_TEXT, "", 0, 0, 1, NULL},
    {"x.jsonl", READ_JSONL, "", 0, 0, 0, NULL},
    {"x.csv", READ_CSV, "", 0, 0, 1, NULL},
    {"x.csv", READ_CSV, "text\n", 0, 0, 0, NULL},
    {"x.json", READ_JSONL, "[]", 0, 0, 0, NULL},
    {"x.json", READ_JSONL, "[", 0, 0, 1, NULL},
    {"x.json", READ_JSONL, "[{\"text\": \"a\"} {\"text\": \"b\"}]", 0, 1, 1, "a"},
    {"x.txt", READ_TEXT, "Isi\0dengan\0NUL", 14, 1, 0, "Isi dengan NUL"},
    {"x.csv", READ_CSV, "isi,judul\nA\0B,J\0K\n", 18, 1, 0, "A B"},
    {"x.txt", READ_TEXT, "\xff\xfe\xc3(\xe2\x82 rusak", 0, 1, 0, "\xff\xfe\xc3(\xe2\x82 rusak"},
    {"x.csv", READ_CSV, "text\n\xff\xfe\n", 0, 1, 0, "\xff\xfe"},
    {"x.jsonl", READ_JSONL, "{\"text\": \"\\u0000 \"}\n", 0, 0, 1, NULL}, /* NUL and space: blank */
    {"x.jsonl", READ_JSONL, "\"just a string\"\nnull\n42\n", 0, 0, 3, NULL},
    {"x.jsonl", READ_JSONL, "{\"text\": 42, \"content\": \"isi\"}\n", 0, 1, 0, "isi"},
    {"x.jsonl", READ_JSONL, "{\"TEXT\": \"besar\", \"Url\": \" https://a.b/c \"}\n", 0, 1, 0, "besar"},
    {"noext", READ_AUTO, "  {\"text\": \"sniffed\"}\n", 0, 1, 0, "sniffed"},
    {"noext", READ_AUTO, "Judul\nIsi biasa, a, b, c.\n", 0, 1, 0, "Isi biasa, a, b, c.\n"},
    {"noext", READ_AUTO, "a,b,isi\n1,2,3\n", 0, 1, 0, "3"},
    /* sniffed as HTML, WARC, feed; broken ones report and go on */
    {"noext", READ_AUTO, "<html><p>x</p></html>", 0, 1, 0, "x"},
    {"noext.txt", READ_AUTO, "<!DOCTYPE html><p>isi halaman</p>", 0, 1, 0, "isi halaman"},
    {"noext", READ_AUTO, "WARC/1.0\r\n", 0, 0, 1, NULL},
    {"noext", READ_AUTO, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 17\r\n\r\n"
                         "<p>arsip web</p>", 0, 0, 1, NULL}, /* the block is cut one byte short */
    {"noext", READ_AUTO, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 16\r\n\r\n"
                         "<p>arsip web</p>", 0, 1, 0, "arsip web"},
    {"noext", READ_AUTO, "<rss><channel><item><description>ringkas</description></item></channel></rss>", 0, 1, 0,
     "ringkas"},
    {"x.xml", READ_AUTO, "<rss><channel><item><title>t</title></item></channel></rss>", 0, 0, 1, NULL},
    {"x.xml", READ_AUTO, "<urlset></urlset>", 0, 0, 1, NULL},
    {"x.html", READ_HTML, "", 0, 0, 1, NULL},
    {"x.warc", READ_WARC, "", 0, 0, 0, NULL},
    {"x.warc", READ_WARC, "\x1f\x8b\x08", 3, 0, 1, NULL},
    {"x.rss", READ_FEED, "\xff\xfe<", 3, 0, 1, NULL},
};

static void test_edges(void **state)
{
    size_t r;
    (void)state;
    for (r = 0; r < sizeof edge_rows / sizeof edge_rows[0]; r++) {
        struct got g;
        struct read_opts o;
        size_t len = edge_rows[r].len ? edge_rows[r].len : strlen(edge_rows[r].in);
        char *copy = kb_malloc(len ? len : 1); /* exact size, so ASan catches over-reads */
        memcpy(copy, edge_rows[r].in, len);
        got_init(&g, &o);
        assert_int_equal(read_buffer(&o, edge_rows[r].name, copy, len, edge_rows[r].fmt, NULL), 0);
        if (g.n != edge_rows[r].n || g.n_rejects != edge_rows[r].n_rejects)
            fail_msg("row %zu: %zu articles %zu rejects (%s)", r, g.n, g.n_rejects, buf_cstr(&g.rejects));
        if (edge_rows[r].text0) {
            assert_string_equal(g.a[0]->text, edge_rows[r].text0);
            assert_int_equal(g.a[0]->text_len, strlen(edge_rows[r].text0));
        }
        got_release(&g);
        free(copy);
    }
}

static void test_limits(void **state)
{
    size_t big = 3u << 20, i;
    char *s = kb_malloc(big + 64);
    struct got g;
    struct read_opts o;
    (void)state;

    /* a 3 MiB single-line CSV field and JSON string are fine by default... */
    memcpy(s, "text\n", 5);
    for (i = 5; i < big; i++) s[i] = 'a' + (char)(i % 26);
    s[big] = '\n';
    got_init(&g, &o);
    assert_int_equal(read_buffer(&o, "big.csv", s, big + 1, READ_CSV, NULL), 0);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.a[0]->text_len, big - 5);
    got_release(&g);

    /* ...and rejected, naming the size, under a 1 MiB cap; the next record still reads */
    memcpy(s + big + 1, "kecil\n", 6);
    got_init(&g, &o);
    o.max_record = 1u << 20;
    assert_int_equal(read_buffer(&o, "big.csv", s, big + 7, READ_CSV, NULL), 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.a[0]->text, "kecil");
    assert_non_null(strstr(buf_cstr(&g.rejects), "big.csv:2|record too large ("));
    got_release(&g);

    memcpy(s, "{\"text\":\"", 9);
    memcpy(s + big - 2, "\"}", 2);
    s[big] = '\n';
    got_init(&g, &o);
    o.max_record = 1u << 20;
    assert_int_equal(read_buffer(&o, "big.jsonl", s, big + 1, READ_JSONL, NULL), 0);
    assert_int_equal(g.n, 0);
    assert_non_null(strstr(buf_cstr(&g.rejects), "big.jsonl:1|record too large (3145728 bytes)"));
    got_release(&g);

    got_init(&g, &o);
    o.max_record = 10;
    assert_int_equal(read_buffer(&o, "t.txt", "Judul\nIsi yang panjang sekali.", 30, READ_TEXT, NULL), 0);
    assert_int_equal(g.n, 0);
    assert_string_equal(buf_cstr(&g.rejects), "t.txt:1|record too large (30 bytes)\n");
    got_release(&g);
    free(s);
}

static void test_errors_and_stop(void **state)
{
    struct got g;
    struct read_opts o;
    struct kb_err err = {0, ""};
    (void)state;

    got_init(&g, &o);
    assert_int_equal(read_path(&o, FIX "no-such-file.txt", &err), KB_EIO);
    assert_non_null(strstr(err.msg, "no-such-file.txt"));
    /* a format that does not fit is reported, not fatal */
    o.format = READ_WARC;
    assert_int_equal(read_path(&o, FIX "berita.txt", &err), 0);
    assert_int_equal(read_buffer(&o, "x.warc", "WARC/1.0", 8, READ_WARC, &err), 0);
    o.format = READ_FEED;
    assert_int_equal(read_path(&o, FIX "berita.txt", &err), 0);
    assert_int_equal(g.n, 0);
    assert_int_equal(g.n_rejects, 3);
    assert_non_null(strstr(buf_cstr(&g.rejects), FIX "berita.txt:@0|not a WARC record header"));
    o.emit = NULL;
    assert_int_equal(read_buffer(&o, "x", "a", 1, READ_TEXT, NULL), KB_EINVAL);
    got_release(&g);

    /* emit's non-zero value stops the walk and is returned */
    got_init(&g, &o);
    g.stop_after = 3;
    assert_int_equal(read_path(&o, FIX "tree", NULL), 7);
    assert_int_equal(g.n, 3);
    got_release(&g);
}

static void test_stdin(void **state)
{
    struct got g;
    struct read_opts o;
    int saved = dup(STDIN_FILENO), fd = open(FIX "semicolon.csv", O_RDONLY);
    (void)state;
    assert_true(saved >= 0 && fd >= 0);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    got_init(&g, &o);
    assert_int_equal(read_path(&o, "-", NULL), 0);
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    assert_int_equal(g.n, 3); /* sniffed as CSV: the header names a text column */
    assert_string_equal(g.a[0]->origin, "stdin:2");
    assert_string_equal(g.a[0]->url, "stdin:2");
    assert_int_equal(g.a[0]->url_synthetic, 1);
    got_release(&g);
}

static size_t progress_calls, progress_last;
static void on_progress(void *ctx, const char *path, size_t done)
{
    (void)ctx;
    (void)path;
    assert_true(done >= progress_last);
    progress_calls++;
    progress_last = done;
}

static void test_total_bytes(void **state)
{
    struct got g;
    struct read_opts o;
    (void)state;
    /* the visible files of tree/: 104+23+49+61+56+16+28 (dot files excluded) */
    assert_int_equal(read_total_bytes(FIX "tree"), 337);
    assert_int_equal(read_total_bytes(FIX "berita.txt"), 176);
    assert_int_equal(read_total_bytes("-"), 0);
    assert_int_equal(read_total_bytes(FIX "nothing-here"), 0);
    got_init(&g, &o);
    o.progress = on_progress;
    progress_calls = progress_last = 0;
    assert_int_equal(read_path(&o, FIX "tree", NULL), 0);
    /* every file reports (html and binary included) */
    assert_int_equal(progress_calls, 7);
    assert_int_equal(progress_last, 337);
    got_release(&g);
}

/* ---- web archives, HTML pages and feeds ------------------------------------ */

#define WFIX "tests/data/warc/"
#define FFIX "tests/data/feed/"

static const struct {
    const char *path;
    enum read_format fmt;
    size_t n;                 /* articles expected */
    struct want_article a[4]; /* the first ones, in order */
    int partial[4];           /* article.partial of those */
    const char *reject;       /* a substring of the rejects, or "" for none */
} web_rows[] = {
    {WFIX "berita.warc", READ_AUTO, 3,
     {{WFIX "berita.warc:@549", "https://berita.contoh.id/sleman", "contoh.id", "Pasar Tani Baru Dibuka di Sleman",
       "2024-11-01T08:00:00", "*"},
      /* no date in the page: the capture date */
      {WFIX "berita.warc:@2135", "https://kabar.contoh.co.id/banjir", "contoh.co.id",
       "Banjir Genangi Jalan Pasteur Bandung", "2024-11-04T10:00:00", "*"},
      /* a Wayback address stands for the page it archived */
      {WFIX "berita.warc:@3437", "https://pasar.contoh.id/cabai", "contoh.id", "Harga Cabai Turun",
       "2024-01-05T01:02:03", "*"}},
     {0, 0, 0, 0}, ""},
    /* gzip per record: offsets are those of the members in the file */
    {WFIX "berita.warc.gz", READ_AUTO, 3,
     {{WFIX "berita.warc.gz:@410", "https://berita.contoh.id/sleman", "*", "*", "2024-11-01T08:00:00", "*"},
      {WFIX "berita.warc.gz:@1382", "*", "*", "*", "*", "*"},
      {WFIX "berita.warc.gz:@2461", "*", "*", "*", "*", "*"}},
     {0, 0, 0, 0}, ""},
    {WFIX "terpotong.warc.gz", READ_AUTO, 2,
     {{WFIX "terpotong.warc.gz:@410", "*", "*", "*", "*", "*"}, {WFIX "terpotong.warc.gz:@1382", "*", "*", "*", "*", "*"}},
     {0, 0, 0, 0}, WFIX "terpotong.warc.gz:@2233|truncated WARC header block"},
    {WFIX "berita.arc", READ_AUTO, 1,
     {{WFIX "berita.arc:@128", "https://berita.contoh.id/sleman", "contoh.id", "Pasar Tani Baru Dibuka di Sleman",
       "2024-11-02T03:04:05", "*"}},
     {0, 0, 0, 0}, ""},
    {FFIX "rss.xml", READ_AUTO, 3,
     {{FFIX "rss.xml:8", "https://www.kabarcontoh.co.id/daerah/pasar-tani", "kabarcontoh.co.id",
       "Pasar Tani Dibuka di Sleman", "2024-11-02T08:30:00", "*"},
      /* only a description: a partial article */
      {FFIX "rss.xml:18", "https://www.kabarcontoh.co.id/ekonomi/cabai", "kabarcontoh.co.id",
       "Harga Cabai & Bawang Turun", "2024-11-04T10:00:00",
       "Harga cabai rawit di pasar induk turun menjadi Rp40.000 per kilogram pada awal pekan."},
      {FFIX "rss.xml:28", "https://www.kabarcontoh.co.id/daerah/banjir", "*", "Banjir di Bandung",
       "2024-11-05T07:15:00", "Hujan deras membuat beberapa ruas jalan di kawasan Pasteur tergenang setinggi lutut."}},
     {0, 1, 0, 0}, FFIX "rss.xml:24|feed item without content or summary"},
    {FFIX "atom.xml", READ_AUTO, 3,
     {{FFIX "atom.xml:8", "https://warta.contoh.id/2024/11/jembatan", "contoh.id", "Jembatan Baru Diresmikan",
       "2024-11-03T09:00:00", "*"},
      {FFIX "atom.xml:18", "*", "*", "Festival Kuliner Nusantara", "2024-11-04T15:30:00",
       "Ratusan pengunjung memadati festival kuliner Nusantara di alun-alun kota sejak Jumat malam."},
      {FFIX "atom.xml:25", "https://warta.contoh.id/2024/11/ringkas", "*", "Ringkasan Saja", "2024-11-05T01:00:00",
       "Hanya ringkasan singkat tentang rapat dewan kota yang membahas anggaran tahun depan."}},
     {0, 0, 1, 0}, ""},
    {FFIX "bukan.xml", READ_AUTO, 0, {{NULL, NULL, NULL, NULL, NULL, NULL}}, {0, 0, 0, 0},
     FFIX "bukan.xml|not an RSS or Atom feed"},
    /* a directory of formats known only by their content */
    {WFIX "campur", READ_AUTO, 6,
     {{WFIX "campur/arsip.dat:@549", "https://berita.contoh.id/sleman", "*", "*", "*", "*"},
      {WFIX "campur/arsip.dat:@2135", "*", "*", "*", "*", "*"},
      {WFIX "campur/arsip.dat:@3437", "*", "*", "*", "*", "*"},
      {WFIX "campur/catatan.txt:1", "*", NULL, "Catatan Redaksi", NULL, "*"}},
     {0, 0, 0, 0}, ""},
};

static void test_web_formats(void **state)
{
    size_t r, i;
    (void)state;
    for (r = 0; r < sizeof web_rows / sizeof web_rows[0]; r++) {
        struct got g;
        struct read_opts o;
        struct kb_err err = {0, ""};
        char ctx[256];

        got_init(&g, &o);
        o.format = web_rows[r].fmt;
        if (read_path(&o, web_rows[r].path, &err) != 0) fail_msg("%s: %s", web_rows[r].path, err.msg);
        if (g.n != web_rows[r].n)
            fail_msg("%s: %zu articles, want %zu (rejects: %s)", web_rows[r].path, g.n, web_rows[r].n,
                     buf_cstr(&g.rejects));
        if (web_rows[r].reject[0] ? !strstr(buf_cstr(&g.rejects), web_rows[r].reject) : g.n_rejects != 0)
            fail_msg("%s rejects:\n%s\nwant: %s", web_rows[r].path, buf_cstr(&g.rejects), web_rows[r].reject);
        for (i = 0; i < g.n && i < 4 && web_rows[r].a[i].origin; i++) {
            const struct want_article *w = &web_rows[r].a[i];
            struct article *a = g.a[i];
            snprintf(ctx, sizeof ctx, "%s article %zu", web_rows[r].path, i);
            check_str("origin", a->origin, w->origin, ctx);
            check_str("url", a->url, w->url, ctx);
            check_str("site", a->site, w->site, ctx);
            check_str("title", a->title, w->title, ctx);
            check_str("published", a->published, w->published, ctx);
            check_str("text", a->text, w->text, ctx);
            assert_int_equal(a->text_len, strlen(a->text));
            assert_true(a->text_len > 0);
            if (a->partial != web_rows[r].partial[i]) fail_msg("%s: partial %d", ctx, a->partial);
        }
        got_release(&g);
    }
}

/* The same archive read from a file (streamed) and from memory (stdin's
 * path) gives the same articles. */
static void test_warc_mem(void **state)
{
    struct got g1, g2;
    struct read_opts o1, o2;
    int fd = open(WFIX "berita-satu.warc.gz", O_RDONLY);
    char data[8192];
    ssize_t len;
    size_t i;
    (void)state;

    assert_true(fd >= 0);
    len = read(fd, data, sizeof data);
    close(fd);
    assert_true(len > 0 && (size_t)len < sizeof data);
    got_init(&g1, &o1);
    got_init(&g2, &o2);
    assert_int_equal(read_path(&o1, WFIX "berita-satu.warc.gz", NULL), 0);
    assert_int_equal(read_buffer(&o2, WFIX "berita-satu.warc.gz", data, (size_t)len, READ_AUTO, NULL), 0);
    assert_int_equal(g1.n, 3);
    assert_int_equal(g2.n, 3);
    for (i = 0; i < 3; i++) {
        assert_string_equal(g1.a[i]->origin, g2.a[i]->origin);
        assert_string_equal(g1.a[i]->url, g2.a[i]->url);
        assert_string_equal(g1.a[i]->text, g2.a[i]->text);
    }
    got_release(&g1);
    got_release(&g2);
}

/* ---- url -> site ------------------------------------------------------------ */

static const struct {
    const char *url;
    const char *site; /* NULL: KB_EINVAL */
} site_rows[] = {
    {"https://www.kompas.com/x", "kompas.com"},
    {"https://news.detik.com/berita/d-1", "detik.com"},
    {"https://m.detik.com/", "detik.com"},
    {"https://www.antaranews.com/berita/1", "antaranews.com"},
    {"https://pusatdata.kontan.co.id/news/a", "kontan.co.id"},
    {"https://kontan.co.id", "kontan.co.id"},
    {"http://bps.go.id/x", "bps.go.id"},
    {"https://www.ui.ac.id/", "ui.ac.id"},
    {"https://a.b.contoh.or.id", "contoh.or.id"},
    {"https://www.bbc.co.uk/news", "bbc.co.uk"},
    {"https://www.abc.com.au/x", "abc.com.au"},
    {"https://www.thestar.com.my/x", "thestar.com.my"},
    {"https://EKONOMI.Republika.CO.ID/berita?x=1", "republika.co.id"},
    {"https://user:pw@www.tempo.co:8443/x#y", "tempo.co"},
    {"https://tempo.co./x", "tempo.co"},
    {"//cdn.contoh.com/a.js", "contoh.com"},
    {"http://127.0.0.1:8080/x", "127.0.0.1"},
    {"http://[::1]:8080/x", "[::1]"},
    {"https://localhost/x", "localhost"},
    {"https:///x", NULL},
    {"tests/data/read/x.csv:3", NULL},
    {"https://bad host.com/", NULL},
    {"https://a..b.com/", NULL},
};

static void test_site(void **state)
{
    size_t r;
    char out[256];
    (void)state;
    for (r = 0; r < sizeof site_rows / sizeof site_rows[0]; r++) {
        int rc = article_site_from_url(site_rows[r].url, out, sizeof out);
        if (site_rows[r].site ? (rc != 0 || strcmp(out, site_rows[r].site) != 0) : rc != KB_EINVAL)
            fail_msg("%s: rc %d \"%s\"", site_rows[r].url, rc, rc == 0 ? out : "");
    }
    assert_int_equal(article_site_from_url("https://kompas.com/", out, 5), KB_EINVAL); /* too small */
}

/* ---- the real corpus -------------------------------------------------------- */

/* Expected record counts were cross-checked with Python's csv module (the
 * same record count and the same start line for every record). */
static const struct {
    const char *file;
    size_t n;
} news_rows[] = {
    {NEWS_ID "/detik1000/data_berita.csv", 1000},
    {NEWS_ID "/hoax-valid/500_berita_indonesia.csv", 500},
    {NEWS_ID "/inflation/bisnis_labeled.csv", 1615},
    {NEWS_ID "/inflation/df_antara_cleaned.csv", 880},
    {NEWS_ID "/inflation/df_cnn.csv", 866},
    {NEWS_ID "/inflation/df_kontan_cleaned.csv", 293},
    {NEWS_ID "/inflation/df_merdeka_cleaned.csv", 68},
    {NEWS_ID "/inflation/df_okezone_cleaned.csv", 365},
    {NEWS_ID "/inflation/df_republika_cleaned.csv", 302},
    {NEWS_ID "/inflation/df_tempo.csv", 38},
};

static void test_news_id(void **state)
{
    struct stat st;
    struct got g;
    struct read_opts o;
    size_t r, i, total = 0, dated = 0, detik_oct = 0;
    (void)state;
    if (stat(NEWS_ID, &st) != 0) {
        print_message("skipping: %s is absent (real test data lives beside the repository)\n", NEWS_ID);
        skip();
    }
    for (r = 0; r < sizeof news_rows / sizeof news_rows[0]; r++) {
        got_init(&g, &o);
        assert_int_equal(read_path(&o, news_rows[r].file, NULL), 0);
        if (g.n != news_rows[r].n || g.n_rejects)
            fail_msg("%s: %zu records, %zu rejects (%s)", news_rows[r].file, g.n, g.n_rejects,
                     buf_cstr(&g.rejects));
        for (i = 0; i < g.n; i++) {
            struct article *a = g.a[i];
            assert_true(a->text_len > 0 && a->url && a->origin);
            if (strstr(news_rows[r].file, "hoax-valid")) {
                assert_null(a->title); /* no title column: derived later */
                assert_string_equal(a->url, a->origin);
            } else {
                assert_non_null(a->title);
                assert_non_null(a->site);
                assert_null(strchr(a->url, ' ')); /* a real url, not PATH:LINE */
                assert_non_null(a->published);
                dated++;
            }
            /* Detik's export is month-first (10/21/2025); its articles run
             * from April to December 2025, 676 of them in October (counted
             * with Python reading the field as M/D) */
            if (strstr(news_rows[r].file, "detik1000")) {
                assert_string_equal(a->site, "detik.com");
                assert_memory_equal(a->published, "2025-", 5);
                detik_oct += strncmp(a->published, "2025-10-", 8) == 0;
            }
        }
        total += g.n;
        got_release(&g);
    }
    assert_int_equal(total, 5927);
    assert_int_equal(dated, 5427);
    assert_int_equal(detik_oct, 676);

    /* the whole folder in one walk gives the same total */
    got_init(&g, &o);
    assert_int_equal(read_path(&o, NEWS_ID, NULL), 0);
    assert_int_equal(g.n, 5927);
    assert_int_equal(g.n_rejects, 0);
    print_message("news-id: %zu records, %zu rejects\n", g.n, g.n_rejects);
    got_release(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_errors_and_stop),
        cmocka_unit_test(test_stdin),
        cmocka_unit_test(test_total_bytes),
        cmocka_unit_test(test_web_formats),
        cmocka_unit_test(test_warc_mem),
        cmocka_unit_test(test_site),
        cmocka_unit_test(test_news_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
