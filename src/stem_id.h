/* stem_id.h -- kabar's Indonesian confix-stripping stemmer.
 *
 * Enhanced Confix Stripping (Arifin, Mahendra & Ciptaningtyas 2009) in the
 * Nazief-Adriani line: inflectional particles and possessives, derivational
 * suffixes and up to three derivational prefixes are removed, the first
 * letter that a nasal prefix swallowed is restored (menulis -> tulis,
 * pengerahan -> kerah, mengatakan -> kata), and a candidate root counts
 * only when it is in the lexicon (lexicon.h). Words that are already roots
 * stay as they are (menteri). Reduplication joined by a hyphen collapses to
 * one stem (kata-kata -> kata, berlari-lari -> lari). See
 * docs/internals/stem.md for the rules, their order and measured accuracy.
 *
 * When no candidate validates, the stemmer calls the fallback set with
 * stem_id_set_fallback (kabar's stem.c passes Snowball there), or else
 * returns the word unchanged. Without a lexicon (lexicon_available() == 0)
 * it strips by rules alone, taking the first reading of each rule.
 *
 * A struct stem_id holds a word cache and is not thread-safe: use one per
 * thread. The lexicon it borrows is read-only and may be shared. */
#ifndef KB_STEM_ID_H
#define KB_STEM_ID_H

#include <stddef.h>

#include "lexicon.h"

struct stem_id;

/* Longest word (bytes) that is stemmed; longer words are copied unchanged. */
#define STEM_ID_MAX_WORD 256

/* Fallback for words no rule validates: write the stem of w[0..len) to
 * out (at most cap bytes, no NUL needed) and return its length, or return
 * (size_t)-1 to keep the word unchanged. ctx is the pointer given to
 * stem_id_set_fallback. */
typedef size_t (*stem_id_fallback_fn)(void *ctx, const char *w, size_t len, char *out,
                                      size_t cap);

/* A new stemmer validating against lex (borrowed: lex must outlive the
 * stemmer; NULL means rules without validation). Free with stem_id_free. */
struct stem_id *stem_id_new(const struct lexicon *lex);

void stem_id_free(struct stem_id *s);

/* Route words that no rule validates to fn (NULL: keep them unchanged).
 * Clears the word cache, since cached answers may change. */
void stem_id_set_fallback(struct stem_id *s, stem_id_fallback_fn fn, void *ctx);

/* Stem the folded (lower-case UTF-8) word w[0..len). Writes the stem to
 * out (up to cap bytes; NUL-terminated when it fits with room for the NUL)
 * and returns the stem's length in bytes. When that length is > cap, out
 * holds only the first cap bytes: call again with a bigger buffer (a stem
 * is never longer than its word, so cap >= len is always enough). Words
 * with bytes other than a-z and '-' (digits, other scripts, invalid UTF-8,
 * NUL) and words longer than STEM_ID_MAX_WORD come back unchanged. */
size_t stem_id_word(struct stem_id *s, const char *w, size_t len, char *out, size_t cap);

/* How the last stem_id_word call decided (for diagnostics and benches). */
enum stem_id_how {
    STEM_ID_ROOT = 0,      /* the word is itself in the lexicon */
    STEM_ID_RULES = 1,     /* affixes removed, root found in the lexicon */
    STEM_ID_UNVALIDATED = 2, /* no lexicon: rules alone */
    STEM_ID_FALLBACK = 3,  /* nothing validated; fallback function used */
    STEM_ID_UNCHANGED = 4  /* nothing validated, or not a word; kept as is */
};

/* How the most recent stem_id_word on s was answered (cache hits report
 * the original decision). */
enum stem_id_how stem_id_last_how(const struct stem_id *s);

/* Cache counters since stem_id_new: answers from the cache and words that
 * ran the rules. Either pointer may be NULL. */
void stem_id_stats(const struct stem_id *s, size_t *hits, size_t *misses);

#endif
