/* t_warc.c -- the WARC/ARC reader: fixtures in tests/data/warc (made by
 * tests/data/warc/gen.py, text written for kabar), the chunked and inflate
 * decoders, Wayback addresses, content sniffing, and every file of
 * ../shared/data/warc (skipped when absent). Memory input is placed right
 * before a PROT_NONE page so that any over-read crashes (picohttpparser's
 * guard-page trick). Run from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "buf.h"
#include "warc.h"
#include "testutil.h"

#define FIX "tests/data/warc/"
#define SHARED "../shared/data/warc/"

/* ---- one pass over a reader, summarised ------------------------------------ */

struct summary {
    size_t records, skipped, html;
    int fatal;          /* the negative code, 0 when none */
    uint64_t fatal_off; /* offset named by the fatal error */
    char msg[512];      /* the fatal message */
    char types[256];    /* first letter of each record's type */
};

static void run(struct warc_reader *w, struct summary *s)
{
    struct warc_record rec;
    struct kb_err err;
    int rc;

    memset(s, 0, sizeof *s);
    while ((rc = warc_next(w, &rec, &err)) != 0) {
        struct warc_payload p;
        if (rc < 0) {
            const char *why;
            s->fatal = rc;
            s->fatal_off = warc_reader_problem(w, &why);
            snprintf(s->msg, sizeof s->msg, "%s", err.msg);
            assert_true(why[0] != '\0');
            break;
        }
        if (rc == WARC_SKIPPED) {
            s->skipped++;
            assert_non_null(strstr(err.msg, ":@"));
            continue;
        }
        assert_int_equal(rc, 1);
        s->records++;
        if (strlen(s->types) + 1 < sizeof s->types) s->types[strlen(s->types)] = rec.type_name[0] ? rec.type_name[0] : '?';
        assert_int_equal(warc_payload(w, &rec, &p, NULL), 0);
        assert_true(p.body_len == 0 || p.body != NULL);
        if (p.content_type && strstr(p.content_type, "html") && (!p.http_status || p.http_status == 200)) s->html++;
    }
    /* after the end or a fatal error, the reader stays at the end */
    assert_int_equal(warc_next(w, &rec, &err), 0);
}

struct fixture_row {
    const char *file;
    size_t records, skipped, html;
    const char *types;  /* w=warcinfo q=request r=response/resource m=metadata */
    int fatal;
    uint64_t fatal_off;
};

static const struct fixture_row fixture_rows[] = {
    {FIX "berita.warc", 8, 0, 3, "wrrrrmrr", 0, 0},
    {FIX "berita.warc.gz", 8, 0, 3, "wrrrrmrr", 0, 0},
    {FIX "berita-satu.warc.gz", 8, 0, 3, "wrrrrmrr", 0, 0},
    /* cut inside the 7th member: six whole records, then the member's offset */
    {FIX "terpotong.warc.gz", 6, 0, 2, "wrrrrm", KB_EPARSE, 2233},
    /* cut inside the resource record's block */
    {FIX "terpotong.warc", 7, 0, 2, "wrrrrmr", KB_EPARSE, 3437},
    /* garbage between records, and a header without Content-Length */
    {FIX "rusak.warc", 2, 2, 2, "rr", 0, 0},
    /* a flipped byte in the 3rd member: two records, then its offset */
    {FIX "rusak.warc.gz", 2, 0, 0, "wr", KB_EPARSE, 410},
    {FIX "berita.arc", 2, 0, 1, "wr", 0, 0},
};

static void test_fixtures(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof fixture_rows / sizeof fixture_rows[0]; i++) {
        const struct fixture_row *t = &fixture_rows[i];
        struct summary fs, ms;
        struct guarded g;
        struct warc_reader *w;
        size_t len;
        char *data = slurp(t->file, &len);
        FILE *f = fopen(t->file, "rb");

        assert_non_null(data);
        assert_non_null(f);
        w = warc_reader_new_file(f, t->file, 0);
        run(w, &fs);
        warc_reader_free(w);
        fclose(f);
        guard(&g, data, len);
        w = warc_reader_new_mem(g.data, len, t->file, 0);
        run(w, &ms);
        warc_reader_free(w);
        unguard(&g);
        free(data);

        if (fs.records != t->records || fs.skipped != t->skipped || fs.html != t->html ||
            strcmp(fs.types, t->types) != 0 || fs.fatal != t->fatal || (t->fatal && fs.fatal_off != t->fatal_off))
            fail_msg("%s: %zu records (%s), %zu skipped, %zu html, fatal %d @%llu (%s); want %zu (%s), %zu, %zu, %d @%llu",
                     t->file, fs.records, fs.types, fs.skipped, fs.html, fs.fatal, (unsigned long long)fs.fatal_off,
                     fs.msg, t->records, t->types, t->skipped, t->html, t->fatal, (unsigned long long)t->fatal_off);
        /* memory and stream input agree */
        assert_int_equal(ms.records, fs.records);
        assert_int_equal(ms.skipped, fs.skipped);
        assert_string_equal(ms.types, fs.types);
        assert_int_equal(ms.fatal, fs.fatal);
        if (t->fatal) {
            char at[64];
            snprintf(at, sizeof at, ":@%llu: ", (unsigned long long)t->fatal_off);
            assert_non_null(strstr(fs.msg, at));
        }
    }
}

/* The fields and payloads of berita.warc, record by record. */
static void test_payloads(void **state)
{
    struct warc_reader *w;
    struct warc_record rec;
    struct warc_payload p;
    size_t len, n = 0;
    char *data = slurp(FIX "berita.warc", &len);
    (void)state;

    assert_non_null(data);
    w = warc_reader_new_mem(data, len, "berita.warc", 0);
    while (warc_next(w, &rec, NULL) == 1) {
        assert_int_equal(warc_payload(w, &rec, &p, NULL), 0);
        n++;
        if (n == 3) { /* chunked */
            assert_int_equal(rec.type, WARC_RESPONSE);
            assert_string_equal(rec.target_uri, "https://berita.contoh.id/sleman");
            assert_string_equal(rec.date, "2024-11-02T03:04:05Z");
            assert_string_equal(warc_field(&rec, "warc-record-id"), "<urn:uuid:00000000-0000-0000-0000-000000000003>");
            assert_int_equal(p.http_status, 200);
            assert_int_equal(p.decode_failed, 0);
            assert_string_equal(p.content_type, "text/html; charset=utf-8");
            assert_true(p.body_len > 500);
            assert_memory_equal(p.body, "<!DOCTYPE html>", 15);
            assert_memory_equal(p.body + p.body_len - 8, "</html>\n", 8);
            assert_null(memchr(p.body, '\r', p.body_len)); /* no chunk framing left */
        } else if (n == 4) {
            assert_int_equal(p.http_status, 301);
            assert_int_equal(p.body_len, 0);
        } else if (n == 5) { /* Content-Encoding: gzip */
            assert_int_equal(p.decode_failed, 0);
            assert_memory_equal(p.body, "<!DOCTYPE html>", 15);
            assert_non_null(strstr(p.body, "Pasteur"));
        } else if (n == 8) { /* resource: the block is the page */
            assert_int_equal(rec.type, WARC_RESOURCE);
            assert_int_equal(p.http_status, 0);
            assert_string_equal(p.content_type, "text/html");
            assert_ptr_equal(p.body, rec.block);
        }
    }
    assert_int_equal(n, 8);
    warc_reader_free(w);
    free(data);
}

/* A record over max_record is skipped (named by offset) and reading goes on. */
static void test_limit(void **state)
{
    struct warc_reader *w;
    struct warc_record rec;
    struct kb_err err;
    size_t len, n = 0, skipped = 0;
    char *data = slurp(FIX "berita.warc.gz", &len);
    int rc;
    (void)state;

    w = warc_reader_new_mem(data, len, "b.warc.gz", 500);
    while ((rc = warc_next(w, &rec, &err)) != 0) {
        assert_true(rc > 0);
        if (rc == WARC_SKIPPED) {
            skipped++;
            assert_non_null(strstr(err.msg, "record too large"));
        } else {
            assert_true(rec.block_len <= 500);
            n++;
        }
    }
    assert_int_equal(n, 6);
    assert_int_equal(skipped, 2);
    warc_reader_free(w);
    free(data);
}

static void test_dechunk(void **state)
{
    static const struct {
        const char *in;
        const char *out; /* NULL: error */
    } rows[] = {
        {"5\r\nhalo \r\n5\r\ndunia\r\n0\r\n\r\n", "halo dunia"},
        {"5;ext=1\r\nhalo \r\n0\r\n", "halo "},
        {"A\nsepuluh!!\n\n0\n\n", "sepuluh!!\n"}, /* bare LF, upper-case hex */
        {"0\r\n\r\n", ""},
        {"0\r\nTrailer: x\r\n\r\n", ""},
        {"zz\r\nhalo\r\n0\r\n", NULL},
        {"5\r\nhal", NULL},           /* cut inside a chunk */
        {"5\r\nhalo \r\n", NULL},     /* no last chunk */
        {"5 x\r\nhalo \r\n0\r\n", NULL},
        {"ffffffffffffffffff\r\n", NULL}, /* overflow */
        {"", NULL},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct buf b;
        struct guarded g;
        int rc;
        buf_init(&b, 0);
        guard(&g, rows[i].in, strlen(rows[i].in));
        rc = warc_dechunk(g.data, strlen(rows[i].in), &b);
        if (rows[i].out) {
            if (rc != 0) fail_msg("row %zu: rc %d", i, rc);
            assert_string_equal(buf_cstr(&b), rows[i].out);
        } else if (rc != KB_EPARSE) {
            fail_msg("row %zu: rc %d, want KB_EPARSE", i, rc);
        }
        unguard(&g);
        buf_release(&b);
    }
}

static size_t deflate_to(const char *in, int bits, unsigned char *out, size_t cap)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)(uintptr_t)in;
    z.avail_in = (uInt)strlen(in);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    deflateEnd(&z);
    return cap - z.avail_out;
}

static void test_inflate(void **state)
{
    static const char text[] = "Harga beras di Pasar Induk Cipinang stabil pada pekan ini.";
    static const int bits[] = {16 + MAX_WBITS, MAX_WBITS, -MAX_WBITS};
    unsigned char z[512], two[1024];
    size_t i, n;
    struct buf b;
    (void)state;

    for (i = 0; i < 3; i++) {
        n = deflate_to(text, bits[i], z, sizeof z);
        buf_init(&b, 0);
        assert_int_equal(warc_inflate((char *)z, n, &b), 0);
        assert_string_equal(buf_cstr(&b), text);
        buf_release(&b);
        /* truncated */
        buf_init(&b, 0);
        assert_int_equal(warc_inflate((char *)z, n / 2, &b), KB_EPARSE);
        buf_release(&b);
    }
    /* two gzip members are read as one body */
    n = deflate_to(text, 16 + MAX_WBITS, z, sizeof z);
    memcpy(two, z, n);
    memcpy(two + n, z, n);
    buf_init(&b, 0);
    assert_int_equal(warc_inflate((char *)two, 2 * n, &b), 0);
    assert_int_equal(b.len, 2 * strlen(text));
    buf_release(&b);
    /* a cap stops a "gzip bomb" */
    buf_init(&b, 10);
    assert_int_equal(warc_inflate((char *)z, n, &b), KB_ETOOBIG);
    buf_release(&b);
    /* not deflate at all */
    buf_init(&b, 0);
    assert_int_equal(warc_inflate("bukan data", 10, &b), KB_EPARSE);
    buf_release(&b);
}

static void test_uri_and_sniff(void **state)
{
    static const struct {
        const char *in, *out;
    } uris[] = {
        {"http://web.archive.org/web/20110111145835/http://a.example/x", "http://a.example/x"},
        {"https://web.archive.org/web/20110111145835id_/https://b.example/", "https://b.example/"},
        {"http://web.archive.org/web/2011/http://c.example/", "http://c.example/"},
        {"http://web.archive.org/web/*/http://c.example/", "http://web.archive.org/web/*/http://c.example/"},
        {"http://web.archive.org/web/20110111145835/", "http://web.archive.org/web/20110111145835/"},
        {"https://www.kompas.com/berita", "https://www.kompas.com/berita"},
    };
    static const struct {
        const char *in;
        size_t len;
        int want;
    } sniffs[] = {
        {"WARC/1.0\r\n", 10, 1}, {"WARC/1.1", 8, 1}, {"WARC/x", 6, 0}, {"filedesc://a.arc 0", 18, 1},
        {"<html>", 6, 0}, {"WARC", 4, 0}, {"", 0, 0},
    };
    unsigned char z[256];
    size_t i, n;
    (void)state;

    for (i = 0; i < sizeof uris / sizeof uris[0]; i++) assert_string_equal(warc_original_uri(uris[i].in), uris[i].out);
    for (i = 0; i < sizeof sniffs / sizeof sniffs[0]; i++)
        if (warc_sniff(sniffs[i].in, sniffs[i].len) != sniffs[i].want) fail_msg("sniff row %zu", i);
    n = deflate_to("WARC/1.0\r\nWARC-Type: warcinfo\r\n", 16 + MAX_WBITS, z, sizeof z);
    assert_int_equal(warc_sniff((char *)z, n), 1);
    n = deflate_to("<html><body>bukan</body></html>", 16 + MAX_WBITS, z, sizeof z);
    assert_int_equal(warc_sniff((char *)z, n), 0);
}

/* Damaged input of every kind: never a crash, always an end. */
static void test_garbage(void **state)
{
    static const char *const rows[] = {
        "",
        "\r\n\r\n",
        "WARC/1.0",
        "WARC/1.0\r\nContent-Length: 5\r\n\r\nab",
        "WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "WARC/1.0\r\nContent-Length: -1\r\n\r\nWARC/1.0\r\nContent-Length: 0\r\n\r\n",
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 5\r\n\r\nHTTP/",
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked",
        "filedesc://x 1 2 3\n",
        "filedesc://x 1 20140101000000 t 3\nabc\nhttp://a b c d\n",
        "\x1f\x8b",
        "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t len = i == 11 ? 18 : strlen(rows[i]);
        struct guarded g;
        struct warc_reader *w;
        struct summary s;
        guard(&g, rows[i], len);
        w = warc_reader_new_mem(g.data, len, "x", 0);
        run(w, &s);
        warc_reader_free(w);
        unguard(&g);
        if ((i == 3 || i == 10 || i == 11) && s.fatal != KB_EPARSE) fail_msg("row %zu: fatal %d", i, s.fatal);
        if (i == 5) {
            assert_int_equal(s.skipped, 1);
            assert_int_equal(s.records, 1);
        }
    }
}

/* Every file of ../shared/data/warc: no crash; the known ones give their
 * known record counts, and the damaged ones an error with an offset. */
static void test_shared(void **state)
{
    static const struct {
        const char *file;
        size_t records; /* (size_t)-1: any */
        int fatal;
    } rows[] = {
        {"copycat/snapshot-wayback-topic-02.warc.gz", 129, 0},
        {"resiliparse/warcfile.warc.gz", 50, 0},
        {"resiliparse/clueweb-quirk.warc.gz", 30, 0},
        {"resiliparse/block-sized-records.warc.gz", 3, 0},
        {"resiliparse/clipped.warc.gz", 0, KB_EPARSE},
        {"resiliparse/warcfile.warc.lz4", 0, KB_EPARSE},
        {"warcio/example.warc", 6, 0},
        {"warcio/example.warc.gz", 6, 0},
        {"warcio/example-bad.warc.gz.bad", 6, 0},
        {"warcio/example-bad-non-chunked.warc.gz", 6, 0},
        {"warcio/example-digest.warc", 4, 0},
        {"warcio/example-iana.org-chunked.warc", 3, 0},
        {"warcio/example-resource.warc.gz", 3, 0},
        {"warcio/example-space-in-target-uri.warc.gz", 2, 0},
        {"warcio/example-trunc.warc", 4, 0},
        {"warcio/example-wget-bad-target-uri.warc.gz", 6, 0},
        {"warcio/example-wrong-chunks.warc.gz", 2, 0},
        {"warcio/example.arc", 2, 0},
        {"warcio/example.arc.gz", 2, 0},
        {"warcio/example-space-in-url.arc", 1, KB_EPARSE},
        {"warcio/bad.arc", (size_t)-1, 0},
        {"warcio/post-test.warc.gz", 6, 0},
    };
    size_t i;
    (void)state;
    if (access(SHARED, R_OK) != 0) skip();
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char path[512];
        FILE *f;
        struct warc_reader *w;
        struct summary s;
        snprintf(path, sizeof path, SHARED "%s", rows[i].file);
        f = fopen(path, "rb");
        if (!f) fail_msg("%s: missing", path);
        w = warc_reader_new_file(f, path, 0);
        run(w, &s);
        warc_reader_free(w);
        fclose(f);
        if ((rows[i].records != (size_t)-1 && s.records != rows[i].records) || s.fatal != rows[i].fatal)
            fail_msg("%s: %zu records, fatal %d (%s); want %zu, %d", path, s.records, s.fatal, s.msg, rows[i].records,
                     rows[i].fatal);
        if (s.fatal) assert_non_null(strstr(s.msg, ":@"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixtures),  cmocka_unit_test(test_payloads),      cmocka_unit_test(test_limit),
        cmocka_unit_test(test_dechunk),   cmocka_unit_test(test_inflate),       cmocka_unit_test(test_uri_and_sniff),
        cmocka_unit_test(test_garbage),   cmocka_unit_test(test_shared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
