/* article.h -- one news article as read from input, before analysis.
 *
 * Every string is owned by the article, NUL-terminated, and may be NULL
 * where noted. `published` is normalised by date.h to "YYYY-MM-DD" or
 * "YYYY-MM-DDTHH:MM:SS" (no zone) when the input had a recognisable date. */
#ifndef KB_ARTICLE_H
#define KB_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

struct article {
    int64_t id;        /* store id, 0 before it is stored */
    char *url;         /* owned; never NULL once read (file path, or PATH:LINE when
                          the input had none: url_synthetic) */
    char *site;        /* owned; domain or outlet name, may be NULL */
    char *title;       /* owned; may be NULL (derived later from the text) */
    char *published;   /* owned; normalised date, may be NULL */
    char *lang;        /* owned; declared language ("id"), may be NULL */
    char *text;        /* owned; body text as read (plain text), never NULL */
    size_t text_len;   /* bytes of text, excluding NUL */
    char *origin;      /* owned; "FILE:LINE" where it was read, for messages */
    int partial;       /* 1: only a feed summary (the item had no full content), else 0 */
    int url_synthetic; /* 1: url is the file path, PATH:LINE or PATH:@OFFSET because the
                          input had none (not an identity: see ingest.c), else 0 */
};

/* A zeroed article; free with article_free. */
struct article *article_new(void);
/* Free the article and its strings; NULL is a no-op. */
void article_free(struct article *a);
/* Replace one owned string field with a copy of s[0..len) (NULL clears it). */
void article_set(char **field, const char *s, size_t len);
/* The site of a URL ("https://www.kompas.com/x" -> "kompas.com"), written to
 * out (cap bytes); returns 0, or KB_EINVAL when url has no host. The site is
 * the registrable domain, lower-cased: "news.detik.com" -> "detik.com",
 * "pusatdata.kontan.co.id" -> "kontan.co.id" (two-label suffixes such as
 * co.id, go.id, ac.id, co.uk, com.au, com.my are known); an IP address is
 * kept whole. */
int article_site_from_url(const char *url, char *out, size_t cap);

/* Hex digits of the content hash that ingest appends ("URL#0123456789ab")
 * to a synthetic url already taken by a different article. */
#define ARTICLE_URL_HASH_HEX 12

/* The key that identifies an article's outlet (one "voice" when counting
 * how many outlets carry a story), written to out (cap bytes): the site
 * when given, else the registrable domain of the url, else -- a record read
 * from a local file -- the file itself: a url "PATH:LINE" (a row of a CSV
 * or JSONL file without urls) gives PATH, so the rows of one file count as
 * one outlet while separate text files count as separate outlets. A
 * "#<ARTICLE_URL_HASH_HEX hex digits>" suffix on such a url is dropped
 * first ("a.jsonl:3#0123456789ab" gives "a.jsonl"). Returns the key's
 * length (truncated to cap - 1). */
size_t article_outlet(const char *site, const char *url, char *out, size_t cap);

#endif
