/* story.h -- a story as shown to users: its articles and cited summary.
 *
 * The same structure is filled from the store (`kabar story ID`) and from an
 * in-memory run (`kabar summarize`), then rendered as text, Markdown or JSON
 * by the functions here, so both paths print identically. Article ids are
 * store ids, or 1-based input order for in-memory runs. */
#ifndef KB_STORY_H
#define KB_STORY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "buf.h"

struct story_article {
    int64_t id;           /* article id */
    char *url;            /* owned */
    char *site;           /* owned, may be NULL */
    char *title;          /* owned, may be NULL */
    char *published;      /* owned, normalised date, may be NULL */
    int64_t duplicate_of; /* id of the canonical article, 0 when this is canonical */
    char *text;           /* owned; cleaned text, one paragraph per line */
    size_t text_len;      /* bytes of text */
};

struct story_sentence {
    char *text;        /* owned; the sentence as it appears in `article` */
    int64_t article;   /* id of the article the text is taken from */
    size_t sentence;   /* 0-based sentence index within that article */
    int64_t *sources;  /* owned; ids of every article that says it (ascending) */
    size_t n_sources;  /* entries in sources */
    double score;      /* summary score (for debugging/tuning) */
};

struct story {
    int64_t id;                      /* story id */
    char *title;                     /* owned; may be NULL before summarising */
    char *first_published;           /* owned; may be NULL */
    char *last_published;            /* owned; may be NULL */
    struct story_article *articles;  /* owned array */
    size_t n_articles;
    size_t cap_articles;
    struct story_sentence *summary;  /* owned array, in reading order */
    size_t n_summary;
    size_t n_sites;                  /* distinct sites among the articles */
};

void story_init(struct story *s);
/* Free everything the story owns; it is then empty (as after story_init). */
void story_release(struct story *s);
/* Append an article (strings are copied; text may be NULL). Returns the new entry. */
struct story_article *story_add_article(struct story *s, int64_t id, const char *url,
                                        const char *site, const char *title,
                                        const char *published, int64_t duplicate_of,
                                        const char *text, size_t text_len);
/* Append a summary sentence (text and sources copied). */
void story_add_sentence(struct story *s, const char *text, size_t len, int64_t article,
                        size_t sentence, const int64_t *sources, size_t n_sources, double score);
/* Recompute first/last_published and n_sites from the articles. */
void story_update_meta(struct story *s);

/* The JSON of `kabar story ID --json` (DESIGN.md). New reference; caller
 * releases it with json_decref. */
json_t *story_to_json(const struct story *s);
/* The brief form of `kabar stories --json`: {"id", "title", "articles":
 * [{"id", "url"}], "sites", "first_published", "last_published"}. New
 * reference; release with json_decref. */
json_t *story_brief_to_json(const struct story *s);
/* A JSON string of s with invalid UTF-8 replaced by U+FFFD (jansson refuses
 * invalid UTF-8), or JSON null when s is NULL. New reference. */
json_t *story_json_str(const char *s);
/* Human-readable text and Markdown renderings, appended to out. */
int story_to_text(const struct story *s, struct buf *out) KB_MUST_CHECK;
int story_to_md(const struct story *s, struct buf *out) KB_MUST_CHECK;

#endif
