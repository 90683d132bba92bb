/* dedup.c -- normalised content hash (XXH3-128).
 *
 * Normalisation: NFKC + case fold + strip marks (utf8proc), then keep only
 * letters and digits, with one space between runs. Two texts that differ
 * only in case, accents, punctuation or spacing hash equal. */
#include "dedup.h"

#include <stdio.h>
#include <stdlib.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

void dedup_hash(const char *text, size_t len, char out[DEDUP_HASH_HEX])
{
    XXH3_state_t *state = XXH3_createState();
    utf8proc_int32_t cp, fold[8];
    utf8proc_uint8_t enc[4 * 8];
    size_t i = 0;
    int pending_space = 0, any = 0;
    XXH128_hash_t h;

    XXH3_128bits_reset(state);
    while (i < len) {
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        utf8proc_category_t cat;
        if (n <= 0) { /* invalid byte: a separator */
            i++;
            pending_space = any;
            continue;
        }
        i += (size_t)n;
        cat = utf8proc_category(cp);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
            /* letters: fold case and drop accents */
        } else if (cat == UTF8PROC_CATEGORY_ND) {
        } else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) {
            continue; /* combining marks vanish */
        } else {
            pending_space = any;
            continue;
        }
        {
            int errc = 0;
            utf8proc_ssize_t m = utf8proc_decompose_char(
                cp, fold, 8, UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE,
                &errc);
            utf8proc_ssize_t k, elen = 0;
            if (m < 0 || m > 8) {
                fold[0] = cp;
                m = 1;
            }
            for (k = 0; k < m; k++) elen += utf8proc_encode_char(fold[k], enc + elen);
            if (pending_space) XXH3_128bits_update(state, " ", 1);
            pending_space = 0;
            any = 1;
            XXH3_128bits_update(state, enc, (size_t)elen);
        }
    }
    h = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    snprintf(out, DEDUP_HASH_HEX, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}
