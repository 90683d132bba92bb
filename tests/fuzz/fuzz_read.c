/* fuzz_read.c -- libFuzzer target for the readers: the first byte picks the
 * format (text, JSONL, CSV, auto), the rest is the file. Records are freed as
 * they come; a crash or sanitizer report is a bug. */
#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int drop(void *ctx, struct article *a)
{
    (void)ctx;
    if (!a->url || !a->text) __builtin_trap();
    article_free(a);
    return 0;
}

static void ignore(void *ctx, const char *where, const char *why)
{
    (void)ctx;
    (void)where;
    (void)why;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum read_format fmts[] = {READ_TEXT, READ_JSONL, READ_CSV, READ_AUTO};
    struct read_opts o = {0};
    struct kb_err err;
    if (size == 0) return 0;
    o.emit = drop;
    o.reject = ignore;
    o.max_record = 1 << 20;
    (void)read_buffer(&o, "fuzz", (const char *)data + 1, size - 1, fmts[data[0] % 4], &err);
    return 0;
}
