/* dedup.h -- exact-duplicate detection by normalised content hash.
 *
 * The hash covers the cleaned text after folding case, stripping
 * diacritics and collapsing everything that is not a letter or digit, so a
 * syndicated copy that differs only in whitespace, punctuation, case or page
 * junk hashes the same. (Near-duplicates -- MinHash/LSH -- are later work.) */
#ifndef KB_DEDUP_H
#define KB_DEDUP_H

#include <stddef.h>

#define DEDUP_HASH_HEX 33 /* 32 hex digits of XXH3-128 plus NUL */

/* Hash cleaned text into out as lower-case hex. */
void dedup_hash(const char *text, size_t len, char out[DEDUP_HASH_HEX]);

#endif
