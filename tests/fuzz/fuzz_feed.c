/* fuzz_feed.c -- libFuzzer target for the RSS/Atom reader: feed_parse on
 * the raw bytes, then the read.c path (items to articles through the HTML
 * extractor). A crash, a sanitizer report or a runaway entity is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "article.h"
#include "feed.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_item(void *ctx, const struct feed_item *it)
{
    size_t *total = ctx;
    if (it->html && strlen(it->html) != it->html_len) __builtin_trap();
    if (it->summary && strlen(it->summary) != it->summary_len) __builtin_trap();
    *total += it->html_len + it->summary_len;
    /* no entity expansion: nothing can grow far past the input */
    if (*total > 64 * (size_t)1 << 20) __builtin_trap();
    return 0;
}

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
    struct read_opts o;
    size_t total = 0;

    (void)feed_parse((const char *)data, size, on_item, &total, NULL);
    memset(&o, 0, sizeof o);
    o.emit = drop;
    o.reject = ignore;
    o.max_record = 1 << 20;
    (void)read_buffer(&o, "fuzz.rss", (const char *)data, size, READ_FEED, NULL);
    return 0;
}
