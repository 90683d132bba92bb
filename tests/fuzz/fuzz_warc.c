/* fuzz_warc.c -- libFuzzer target for the WARC/ARC reader: the input is a
 * whole file read from memory (plain, or gzip when it starts with the
 * magic); every record's payload is decoded, and the read.c path (HTML
 * extraction of the records) runs too. A crash or sanitizer report is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "article.h"
#include "read.h"
#include "warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int drop(void *ctx, struct article *a)
{
    (void)ctx;
    if (!a->url || !a->text || strlen(a->text) != a->text_len) __builtin_trap();
    article_free(a);
    return 0;
}

static void ignore(void *ctx, const char *where, const char *why)
{
    (void)ctx;
    if (!where || !why) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct warc_reader *w = warc_reader_new_mem((const char *)data, size, "fuzz", 1 << 20);
    struct warc_record rec;
    struct read_opts o;
    int rc, n = 0;

    while ((rc = warc_next(w, &rec, NULL)) != 0 && n++ < 10000) {
        struct warc_payload p;
        volatile char sink = 0;
        if (rc < 0) break;
        if (rc != 1) continue;
        if (rec.block_len) sink ^= rec.block[rec.block_len - 1];
        if (warc_payload(w, &rec, &p, NULL) == 0 && p.body_len) sink ^= p.body[p.body_len - 1];
        (void)sink;
    }
    warc_reader_free(w);

    memset(&o, 0, sizeof o);
    o.emit = drop;
    o.reject = ignore;
    o.max_record = 1 << 20;
    (void)read_buffer(&o, "fuzz.warc", (const char *)data, size, READ_WARC, NULL);
    return 0;
}
