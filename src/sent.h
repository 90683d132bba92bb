/* sent.h -- Indonesian (and English) sentence splitting.
 *
 * Boundaries: . ! ? … and line breaks; not after abbreviations and titles
 * (Dr. Prof. H. Hj. Jl. No. dll. dsb. tsb. Rp. S.H. ...), inside numbers
 * (2.000.000, 1,5, 10.20 WIB), initials, URLs, e-mails; a closing quote
 * followed by an attribution (`"...," kata X.`) stays in the sentence; glued
 * sentences are cut (`tersebut.Sebuah`, `PentingUkraina`); a short piece
 * (<= 15 words) with no final punctuation is flagged SENT_HEADING; bullet
 * markers ("- ", "• ", "1. ") start a sentence and are left out of it.
 * A quotation of several sentences inside one paragraph (`"A. B," kata X.`,
 * `X mengatakan, "A. B."`) is never cut inside, up to 80 words; a longer
 * one is cut at its sentence ends and the pieces are flagged SENT_QUOTE_PART.
 * Quote marks that do not pair up (scraping junk) are ignored. */
#ifndef KB_SENT_H
#define KB_SENT_H

#include <stddef.h>

#include "span.h"

enum {
    SENT_HEADING = 1u << 0,  /* a line without final punctuation (title, heading) */
    SENT_QUESTION = 1u << 1, /* ends with '?' */
    SENT_PARA_START = 1u << 2, /* first sentence of a paragraph (line) */
    SENT_QUOTE = 1u << 3,      /* holds a quotation: a paired "..." or “...” whose
                                  text ends in punctuation or runs >= 6 words */
    SENT_QUOTE_PART = 1u << 4  /* a piece of a quotation too long to keep whole
                                  (> 80 words): its quote marks are unbalanced
                                  and it may lack its speaker; also SENT_QUOTE */
};

/* Append the sentences of text[0..len) to out as trimmed spans (no leading
 * or trailing whitespace; never empty). Never fails on any byte sequence. */
void sent_split(const char *text, size_t len, struct spans *out);

#endif
