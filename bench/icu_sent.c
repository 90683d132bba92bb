/* icu_sent.c -- ICU's sentence BreakIterator behind kabar's sent_split
 * signature, for bench/sent_bench.c only: ICU must never link into kabar.
 *
 * The text is converted to UTF-16 (u_strFromUTF8WithSub, so invalid bytes
 * become U+FFFD and cannot stop the comparison), split with
 * ubrk_open(UBRK_SENTENCE, "id"), and each UTF-16 boundary is mapped back
 * to a byte offset through a table built during the conversion. Spans are
 * trimmed of surrounding whitespace and empty ones dropped, as sent_split
 * does, so that both splitters are scored the same way. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "mem.h"
#include "span.h"

void icu_sent_split(const char *text, size_t len, struct spans *out);

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void push_trimmed(const char *text, size_t s, size_t e, struct spans *out)
{
    while (s < e && is_space((unsigned char)text[s]))
        s++;
    while (e > s && is_space((unsigned char)text[e - 1]))
        e--;
    if (e > s)
        spans_push(out, s, e - s, 0);
}

void icu_sent_split(const char *text, size_t len, struct spans *out)
{
    if (len == 0 || len > (size_t)INT32_MAX / 2)
        return;
    /* byte offset of every UTF-16 unit, decoding as ICU's U8_NEXT does */
    UChar *u = kb_malloc((len + 1) * sizeof *u);
    size_t *at = kb_malloc((len + 2) * sizeof *at);
    int32_t i = 0, n = 0;
    while ((size_t)i < len) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(text, i, (int32_t)len, c);
        if (c < 0)
            c = 0xFFFD;
        if (c > 0xFFFF) {
            at[n] = (size_t)start;
            u[n++] = U16_LEAD(c);
            at[n] = (size_t)start;
            u[n++] = U16_TRAIL(c);
        } else {
            at[n] = (size_t)start;
            u[n++] = (UChar)c;
        }
    }
    at[n] = len;

    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "id", u, n, &st);
    if (U_SUCCESS(st)) {
        int32_t prev = ubrk_first(bi);
        for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
            push_trimmed(text, at[prev], at[b], out);
            prev = b;
        }
        ubrk_close(bi);
    }
    free(u);
    free(at);
}
