/* stem.h -- the stemmer interface.
 *
 * Every consumer (FTS tokenizer, clustering, summaries, `kabar stem`) goes
 * through this interface, so the stemming algorithm can change without
 * touching them. Indonesian currently uses Snowball's `indonesian`
 * algorithm; the language-layer work replaces it with kabar's confix
 * stripper, keeping Snowball as a fallback. A stemmer is not thread-safe:
 * use one per thread. */
#ifndef KB_STEM_H
#define KB_STEM_H

#include <stddef.h>

enum kb_lang {
    KB_LANG_ID = 0, /* Indonesian */
    KB_LANG_EN = 1  /* English */
};

struct stemmer;

/* New stemmer for lang, or NULL when its resources are missing.
 * Free with stem_free. */
struct stemmer *stem_new(enum kb_lang lang);
void stem_free(struct stemmer *st);

/* Stem one folded (lower-case) word w[0..len). Returns the stem and sets
 * *out_len; the pointer belongs to st and is valid until the next call on
 * st. Words that can't be stemmed come back unchanged. */
const char *stem_word(struct stemmer *st, const char *w, size_t len, size_t *out_len);

#endif
