/* feed.h -- RSS 2.0, RSS 1.0 (RDF) and Atom feeds into items.
 *
 * feed_parse reads one feed document with libxml2's XML parser (no network,
 * recover mode, entities NOT substituted, no DTD loading) and calls back
 * once per item/entry with its fields as UTF-8 strings. The body of an item
 * is given raw: `html` is content:encoded (RSS) or <content> (Atom), which
 * hold the whole article; `summary` is <description>/<summary>, often a
 * teaser only. Turning HTML into text is the caller's choice (read.c uses
 * the extractor, and feed_html_text as a fallback). */
#ifndef KB_FEED_H
#define KB_FEED_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

#define FEED_MAX_INPUT ((size_t)256 << 20) /* bytes: larger feeds are refused */

enum feed_kind {
    FEED_NONE = 0,
    FEED_RSS,  /* RSS 0.9x / 2.0 */
    FEED_RDF,  /* RSS 1.0 */
    FEED_ATOM  /* Atom 1.0 (RFC 4287) */
};

/* One item. Every pointer is borrowed from the parser and valid only during
 * the callback; NULL when the feed does not say. */
struct feed_item {
    const char *url;        /* link (Atom: rel="alternate" or no rel), else a permalink guid/id */
    const char *title;      /* text, entities decoded */
    const char *published;  /* as written: pubDate, dc:date, published, else updated */
    const char *author;     /* author, dc:creator, Atom author/name */
    const char *html;       /* content:encoded or Atom <content> (text content is escaped to HTML) */
    size_t html_len;        /* bytes */
    const char *summary;    /* description or Atom <summary>; may hold HTML */
    size_t summary_len;     /* bytes */
    const char *site_url;   /* the channel's (feed's) own link */
    const char *lang;       /* channel <language> or xml:lang, as written */
    long line;              /* line of the item in the document (0 when unknown) */
    size_t index;           /* 1-based position of the item */
};

/* Returning non-zero stops the parse; feed_parse then returns that value. */
typedef int (*feed_item_fn)(void *ctx, const struct feed_item *it);

/* Parse xml[0..len) and call fn per item in document order. Returns 0 (also
 * for a feed with no items), the callback's non-zero value, KB_EPARSE when
 * the document is not RSS/Atom or libxml2 cannot build it at all (err says
 * why), KB_ETOOBIG past FEED_MAX_INPUT. Thread-safe once libxml2 is
 * initialised (xmlInitParser). */
int feed_parse(const char *xml, size_t len, feed_item_fn fn, void *ctx, struct kb_err *err) KB_MUST_CHECK;

/* What s[0..len) looks like from its first 4 KB: FEED_RSS for "<rss",
 * FEED_RDF for "<rdf:RDF" with the RSS 1.0 namespace, FEED_ATOM for "<feed"
 * with the Atom namespace, else FEED_NONE. */
enum feed_kind feed_sniff(const char *s, size_t len);

/* The text of an HTML fragment (a feed summary or a short content body):
 * tags dropped, entities decoded, block elements (p, div, br, li, h1-h6,
 * blockquote, tr) separated by blank lines, runs of blanks collapsed.
 * Appends to out; returns 0 or KB_ETOOBIG at out's cap. */
int feed_html_text(const char *html, size_t len, struct buf *out) KB_MUST_CHECK;

#endif
