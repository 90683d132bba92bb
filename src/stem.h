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

/* Longest word (bytes) that is stemmed; longer ones come back unchanged. */
#define STEM_MAX_WORD 256

/* New stemmer for lang, or NULL when its resources are missing.
 * Free with stem_free. */
struct stemmer *stem_new(enum kb_lang lang);
void stem_free(struct stemmer *st);

/* Stem one folded (lower-case) word w[0..len). Returns the stem and sets
 * *out_len; the pointer belongs to st and is valid until the next call on
 * st. Words that can't be stemmed come back unchanged (numbers, invalid
 * UTF-8, words longer than STEM_MAX_WORD bytes). Hyphenated words are
 * stemmed part by part: when the parts are a reduplication (buku-buku,
 * anak-anaknya, berlari-lari, tarik-menarik) the result is the one stem
 * ("buku", "anak", "lari", "tarik"); otherwise the part stems are joined
 * with '-' (sayur-mayur, jong-un, kn-23 stay one term). */
const char *stem_word(struct stemmer *st, const char *w, size_t len, size_t *out_len);

/* Cache counters since stem_new: lookups answered from the word cache and
 * lookups that ran the stemmer (words longer than 64 bytes are neither).
 * Either pointer may be NULL. */
void stem_stats(const struct stemmer *st, size_t *hits, size_t *misses);

/* What decides the stems st gives, as a short string (owned by st, valid
 * until stem_free): language, algorithm and its version, and the lexicon
 * it validates roots against, e.g. "id:stem_id/1:lex31090:sb" (confix
 * stripper version 1, 31090 dictionary roots, Snowball fallback) or
 * "id:stem_id/1:lex0:sb" when no dictionary was found. Two stemmers with
 * equal fingerprints stem every word alike; anything built from stems (the
 * search index, term counts) must be rebuilt when it changes. */
const char *stem_fingerprint(const struct stemmer *st);

#endif
