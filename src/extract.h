/* extract.h -- the main text and the metadata of one HTML page.
 *
 * extract_html parses a page with libxml2's HTML parser (recover mode, no
 * network), after converting it to UTF-8 (charset.h), and returns the
 * article's text with its paragraph breaks and headings, without navigation,
 * header/footer, sidebars, forms, comments, share and "related"/"Baca Juga"
 * boxes, tag lists, captions, credits and banners. The algorithm is
 * described at the top of extract.c and in docs/internals/extract.md. */
#ifndef KB_EXTRACT_H
#define KB_EXTRACT_H

#include <stddef.h>

#include "charset.h"
#include "err.h"

#define EXTRACT_MAX_INPUT ((size_t)64 << 20) /* bytes: larger pages are refused */

struct extract_result {
    char *title;     /* owned; og:title, JSON-LD headline, h1 or <title> without the site suffix; NULL when absent */
    char *published; /* owned; publication date normalised by date_normalize ("YYYY-MM-DD[THH:MM:SS]"); NULL when absent */
    char *site;      /* owned; site name (og:site_name, JSON-LD publisher, else the host); NULL when absent */
    char *author;    /* owned; NULL when absent */
    char *url;       /* owned; canonical URL (rel=canonical, og:url, else the url argument); NULL when absent */
    char *lang;      /* owned; declared language, primary subtag lower-cased ("id", "en"); NULL when absent */
    char *text;      /* owned; main text, UTF-8, paragraphs separated by "\n\n"; never NULL after success ("" when none) */
    size_t text_len; /* bytes in text, excluding NUL */
    char charset[CHARSET_NAME_MAX]; /* the encoding the page was read in ("utf-8", "windows-1252", ...) */
    int from_jsonld; /* 1 when text came from JSON-LD articleBody, else 0 */
};

/* Set every field to empty (NULL pointers, zero lengths). */
void extract_result_init(struct extract_result *r);

/* Free the strings of r and re-initialise it; r itself is the caller's.
 * Safe on an initialised or released result. */
void extract_result_release(struct extract_result *r);

/* Extract html[0..len). content_type is the HTTP Content-Type value (its
 * charset parameter is used) or NULL; url is where the page came from, used
 * for relative canonical links, the host as site name of last resort and
 * dates in the path, or NULL. out is initialised here; on success the caller
 * frees it with extract_result_release, on failure it is left empty.
 * Returns 0 (also for an empty page or one with no main text: text is then
 * ""), KB_ETOOBIG when len > EXTRACT_MAX_INPUT, KB_EPARSE when libxml2
 * cannot build a document at all. Thread-safe as long as libxml2 was
 * initialised (xmlInitParser) before threads start. */
int extract_html(const char *html, size_t len, const char *content_type, const char *url,
                 struct extract_result *out, struct kb_err *err) KB_MUST_CHECK;

#endif
