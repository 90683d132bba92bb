/* fuzz_extract.c -- libFuzzer target for HTML extraction: charset detection
 * and conversion, libxml2 parsing, scoring and text output on arbitrary
 * bytes. Any crash, over-read, leak or sanitizer report is a bug. The
 * output must be valid UTF-8 with text_len matching strlen(text). The first
 * byte picks a Content-Type so the header path is fuzzed too. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "charset.h"
#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {NULL, "text/html; charset=utf-8", "text/html; charset=ISO-8859-1",
                                        "text/html; charset=windows-1251", "text/html; charset=utf-16le",
                                        "text/html; charset=\"bogus\""};
    static int init;
    struct extract_result r;
    const char *ct = NULL;

    if (!init) {
        xmlInitParser();
        init = 1;
    }
    if (size > 0) {
        ct = types[data[0] % (sizeof types / sizeof types[0])];
        data++;
        size--;
    }
    if (extract_html((const char *)data, size, ct, "https://contoh.id/2024/10/18/berita", &r, NULL) == 0) {
        if (!r.text || strlen(r.text) != r.text_len || !charset_utf8_valid(r.text, r.text_len)) abort();
        if (r.title && !charset_utf8_valid(r.title, strlen(r.title))) abort();
        extract_result_release(&r);
    }
    return 0;
}
