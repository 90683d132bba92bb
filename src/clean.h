/* clean.h -- removing page junk from article text.
 *
 * Works line by line (a line is a paragraph) and on trailing fragments:
 * bylines ("Reporter: A | Editor: B"), "Baca Juga:", "Tonton:", "BACA
 * SELENGKAPNYA", "Leave a Reply", share/subscribe prompts, photo captions
 * with agency credits ("... -AGENCE FRANCE-PRESSE-"), source credits at a
 * line end ("Sumber: AP/Ng Han Guan"), end marks ("(*)"), datelines at the
 * start ("JAKARTA, KOMPAS.com -", "beritaku.net –"), and lines that repeat
 * across many articles of one site (learned with clean_learn). A line that
 * reads as a news sentence is never dropped for a pattern match alone: a
 * lead phrase without a colon ("Klik", "Hak cipta", "Tonton", "Subscribe")
 * removes a sentence only when it does not read as prose or speaks to the
 * reader for the outlet ("Download aplikasi kami ...", "Klik di sini ...");
 * with a colon ("Tonton: ...", "Sumber: ...") it always introduces junk.
 * Repetition alone never empties an article (see clean_text).
 * Output: one paragraph per line, separated by '\n' (no final '\n'),
 * whitespace collapsed, a space inserted where sentences were glued
 * ("tersebut.Rusia"), a line break where a heading was glued to its
 * paragraph ("Poin-Poin PentingUkraina"); always valid UTF-8 (bad bytes
 * become U+FFFD, NUL and control characters spaces). */
#ifndef KB_CLEAN_H
#define KB_CLEAN_H

#include <stddef.h>

#include "buf.h"

struct clean_ctx; /* per-site counts of repeated lines */

struct clean_stats {
    size_t lines_in;       /* non-empty input lines */
    size_t lines_dropped;  /* lines removed whole */
    size_t fragments_cut;  /* trailing/leading fragments removed */
    char dateline[64];     /* place of a stripped dateline ("JAKARTA"), "" if none */
    unsigned repetition_relaxed; /* 0; 1 when repeated prose lines were kept, 2 when no
                                    line was dropped for repetition, so the article kept
                                    a content line (see clean_text) */
};

/* New empty context; free with clean_free. */
struct clean_ctx *clean_new(void);
void clean_free(struct clean_ctx *c);
/* Count the lines of one article of site (NULL site = one shared bucket).
 * Call for every article of a batch before cleaning them. A text already
 * learned for the site (same lines after normalisation, ASCII case folded)
 * is not counted again: copies of one article (www., m., amp. pages, a file
 * fed twice) are one article, not evidence of a site template. A text with
 * no visible character teaches nothing. */
void clean_learn(struct clean_ctx *c, const char *site, const char *text, size_t len);
/* Lines learned as boilerplate for site: seen in at least this many distinct
 * articles of the site (default 3; 0 is taken as 1). Lines that read as news
 * prose must also be in at least half of the site's articles, and prose
 * longer than ~300 bytes is never dropped (see repeated() in clean.c). */
void clean_set_min_repeats(struct clean_ctx *c, unsigned n);

/* Clean text into out (appended). c may be NULL (patterns only). st may be
 * NULL; it is zeroed first. Reads c only, so several threads may share one
 * context once learning is done. Repetition alone never empties an article:
 * when the learned-repeated lines would leave no content line (a kept line
 * that ends a sentence or has 8+ words), the text is cleaned again keeping
 * repeated prose, and if still none, without the repetition rule (the
 * pattern rules apply in every pass; st->repetition_relaxed says which pass
 * was kept). Returns 0 or KB_ETOOBIG from out (out then holds the lines
 * cleaned so far). */
int clean_text(const struct clean_ctx *c, const char *site, const char *text, size_t len,
               struct buf *out, struct clean_stats *st) KB_MUST_CHECK;

/* A title for an article that came without one, from its cleaned text: the
 * first line when it reads as a heading (short, no final punctuation, more
 * text after it), else the first words of the text with "…" when cut. A
 * new string (free with free()), or NULL for an empty text. */
char *clean_title(const char *clean, size_t len);

#endif
