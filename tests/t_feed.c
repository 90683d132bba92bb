/* t_feed.c -- the RSS/Atom reader on fixtures written for kabar
 * (tests/data/feed): the fields picked per item, entity safety (a "billion
 * laughs" feed and an external entity stay unexpanded), non-feeds refused,
 * sniffing, and HTML fragments to text. Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "feed.h"
#include "testutil.h"

#define FIX "tests/data/feed/"

/* An item as the test sees it: "url|title|published|author|H|S" where H/S
 * say whether html/summary are present, then the site url. */
struct items {
    struct buf lines;
    size_t n;
    size_t longest;  /* bytes of the longest field seen */
};

static void add(struct buf *b, const char *s)
{
    assert_int_equal(buf_puts(b, s ? s : "-"), 0);
}

static int on_item(void *ctx, const struct feed_item *it)
{
    struct items *x = ctx;
    x->n++;
    assert_int_equal(it->index, x->n);
    add(&x->lines, it->url);
    add(&x->lines, "|");
    add(&x->lines, it->title);
    add(&x->lines, "|");
    add(&x->lines, it->published);
    add(&x->lines, "|");
    add(&x->lines, it->author);
    add(&x->lines, it->html ? "|H" : "|-");
    add(&x->lines, it->summary ? "S|" : "-|");
    add(&x->lines, it->site_url);
    add(&x->lines, "|");
    add(&x->lines, it->lang);
    add(&x->lines, "\n");
    if (it->html && it->html_len > x->longest) x->longest = it->html_len;
    if (it->summary && it->summary_len > x->longest) x->longest = it->summary_len;
    if (it->title && strlen(it->title) > x->longest) x->longest = strlen(it->title);
    assert_true(it->line > 0);
    return 0;
}

static void test_fixtures(void **state)
{
    static const struct {
        const char *file;
        int rc;
        const char *want;
    } rows[] = {
        {FIX "rss.xml", 0,
         "https://www.kabarcontoh.co.id/daerah/pasar-tani|Pasar Tani Dibuka di Sleman|Sat, 02 Nov 2024 08:30:00 "
         "+0700|Rina Wulandari|HS|https://www.kabarcontoh.co.id/|id\n"
         "https://www.kabarcontoh.co.id/ekonomi/cabai|Harga Cabai & Bawang Turun|Mon, 04 Nov 2024 10:00:00 GMT|-|"
         "-S|https://www.kabarcontoh.co.id/|id\n"
         "https://www.kabarcontoh.co.id/kosong|Tanpa Isi|-|-|--|https://www.kabarcontoh.co.id/|id\n"
         "https://www.kabarcontoh.co.id/daerah/banjir|Banjir di Bandung|2024-11-05T07:15:00+07:00|-|H-|"
         "https://www.kabarcontoh.co.id/|id\n"},
        {FIX "atom.xml", 0,
         "https://warta.contoh.id/2024/11/jembatan|Jembatan Baru Diresmikan|2024-11-03T09:00:00+07:00|Agus Salim|"
         "H-|https://warta.contoh.id/|id\n"
         "https://warta.contoh.id/2024/11/kuliner|Festival Kuliner Nusantara|2024-11-04T15:30:00Z|-|H-|"
         "https://warta.contoh.id/|id\n"
         "https://warta.contoh.id/2024/11/ringkas|Ringkasan Saja|2024-11-05T01:00:00Z|-|-S|https://warta.contoh.id/|"
         "id\n"},
        {FIX "rdf.xml", 0, "https://lama.contoh.id/1|Panen Raya Padi|2010-04-12|-|-S|https://lama.contoh.id/|-\n"},
        {FIX "bukan.xml", KB_EPARSE, ""},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct items x;
        struct kb_err err;
        size_t len;
        char *d = slurp(rows[i].file, &len);
        int rc;
        assert_non_null(d);
        memset(&x, 0, sizeof x);
        buf_init(&x.lines, 0);
        rc = feed_parse(d, len, on_item, &x, &err);
        if (rc != rows[i].rc || strcmp(buf_cstr(&x.lines), rows[i].want) != 0)
            fail_msg("%s: rc %d, items:\n%s\nwant rc %d:\n%s", rows[i].file, rc, buf_cstr(&x.lines), rows[i].rc,
                     rows[i].want);
        buf_release(&x.lines);
        free(d);
    }
}

/* The entity bomb stays small: no field grows past what the file holds,
 * the external entity is not fetched, and the safe text survives. */
static int on_laugh(void *ctx, const struct feed_item *it)
{
    struct items *x = ctx;
    x->n++;
    assert_non_null(it->summary);
    assert_non_null(strstr(it->summary, "Isi yang aman tetap terbaca."));
    assert_null(strstr(it->summary, "hahaha"));
    assert_null(strstr(it->summary, "root:"));
    assert_true(it->summary_len < 200);
    return 0;
}

static void test_laughs(void **state)
{
    struct items x;
    size_t len;
    char *d = slurp(FIX "laughs.xml", &len);
    (void)state;
    memset(&x, 0, sizeof x);
    assert_int_equal(feed_parse(d, len, on_laugh, &x, NULL), 0);
    assert_int_equal(x.n, 1);
    free(d);
}

static int stop_at_two(void *ctx, const struct feed_item *it)
{
    size_t *n = ctx;
    (void)it;
    return ++*n == 2 ? 9 : 0;
}

static void test_errors(void **state)
{
    static const char *const bad[] = {"", "bukan xml sama sekali", "<html><body>halaman</body></html>",
                                      "<?xml version=\"1.0\"?><feed><entry/></feed>" /* no Atom namespace */};
    size_t i, n = 0, len;
    struct kb_err err;
    char *d;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (feed_parse(bad[i], strlen(bad[i]), stop_at_two, &n, &err) != KB_EPARSE) fail_msg("row %zu", i);
    assert_int_equal(n, 0);
    /* the callback's value stops the walk and comes back */
    d = slurp(FIX "rss.xml", &len);
    assert_int_equal(feed_parse(d, len, stop_at_two, &n, NULL), 9);
    assert_int_equal(n, 2);
    /* a truncated feed is recovered up to the cut */
    n = 0;
    assert_int_equal(feed_parse(d, len * 2 / 3, stop_at_two, &n, NULL), 9);
    free(d);
}

static void test_sniff(void **state)
{
    static const struct {
        const char *in;
        enum feed_kind want;
    } rows[] = {
        {"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", FEED_RSS},
        {"<feed xmlns=\"http://www.w3.org/2005/Atom\">", FEED_ATOM},
        {"<feed><entry/></feed>", FEED_NONE},
        {"<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\">", FEED_RDF},
        {"<!DOCTYPE html><html>", FEED_NONE},
        {"", FEED_NONE},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (feed_sniff(rows[i].in, strlen(rows[i].in)) != rows[i].want) fail_msg("row %zu", i);
}

static void test_html_text(void **state)
{
    static const struct {
        const char *in, *want;
    } rows[] = {
        {"<p>Satu.</p><p>Dua.</p>", "Satu.\n\nDua."},
        {"Teks <b>tebal</b> dan   <i>miring</i>", "Teks tebal dan miring"},
        {"baris<br>baru", "baris\n\nbaru"},
        {"<script>var x=1;</script><p>Isi &amp; berita</p>", "Isi & berita"},
        {"<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
        {"", ""},
        {"3 < 5 dan 7 > 2", "3 < 5 dan 7 > 2"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct buf b;
        buf_init(&b, 0);
        assert_int_equal(feed_html_text(rows[i].in, strlen(rows[i].in), &b), 0);
        if (strcmp(buf_cstr(&b), rows[i].want) != 0) fail_msg("row %zu: \"%s\"", i, buf_cstr(&b));
        buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures), cmocka_unit_test(test_laughs),    cmocka_unit_test(test_errors),
        cmocka_unit_test(test_sniff),    cmocka_unit_test(test_html_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
