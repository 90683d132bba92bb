/* sent.h -- Indonesian (and English) sentence splitting.
 *
 * Boundaries: . ! ? … and line breaks; not after abbreviations and titles
 * (Dr. Prof. H. Hj. Jl. No. dll. dsb. tsb. Rp. S.H. ...), inside numbers
 * (2.000.000, 1,5, 10.20 WIB), initials, URLs, e-mails; a closing quote
 * followed by an attribution (`"...," kata X.`) stays in the sentence; glued
 * sentences are cut (`tersebut.Sebuah`, `PentingUkraina`); a short piece
 * (<= 15 words) with no final punctuation is flagged SENT_HEADING; bullet
 * markers ("- ", "• ", "1. ") start a sentence and are left out of it. */
#ifndef KB_SENT_H
#define KB_SENT_H

#include <stddef.h>

#include "span.h"

enum {
    SENT_HEADING = 1u << 0,  /* a line without final punctuation (title, heading) */
    SENT_QUESTION = 1u << 1, /* ends with '?' */
    SENT_PARA_START = 1u << 2 /* first sentence of a paragraph (line) */
};

/* Append the sentences of text[0..len) to out as trimmed spans (no leading
 * or trailing whitespace; never empty). Never fails on any byte sequence. */
void sent_split(const char *text, size_t len, struct spans *out);

#endif
