/* stem.c -- the stemmer behind stem.h: kabar's confix stripper for
 * Indonesian (stem_id.h, validated against the hunspell-id root lexicon),
 * Snowball for English and as the Indonesian last resort, plus a word cache.
 *
 * Owns: one Snowball stemmer (libstemmer; "indonesian" or "english", UTF-8)
 * per struct stemmer, for Indonesian one stem_id stemmer over the shared
 * process-wide lexicon, a bounded cache of word -> stem, and the buffer
 * that holds the last uncached result. This is the only file that includes
 * libstemmer.h.
 *
 * Indonesian words go to stem_id; words no rule can validate against the
 * lexicon (names, loanwords, typos, roots the dictionary lacks) go to
 * Snowball through stem_id's fallback hook. docs/internals/stem.md has the
 * measured accuracy of each choice.
 *
 * Hyphens. Snowball sees one hyphen-free part at a time. Indonesian writes
 * reduplication with a hyphen, and the reduplicated form means the same
 * thing as the base for retrieval and clustering (plural, repetition), so
 * two parts whose stems agree collapse to that stem: buku-buku -> buku,
 * anak-anaknya -> anak, tarik-menarik -> tarik. A prefixed first part that
 * ends with the second part's stem is the same pattern (sebaik-baiknya ->
 * baik). Parts that differ -- imitative reduplication (sayur-mayur,
 * bolak-balik), names (jong-un) and codes (kn-23) -- are kept as one term,
 * each part stemmed and joined with '-': "sayur-mayur" is not "sayur" (it
 * means vegetables in general), and splitting "kn-23" would match every
 * "23" in the corpus. Term identity is what matters, and documents and
 * queries go through the same function, so they agree either way.
 *
 * Cache. News text repeats a small vocabulary: the word -> stem map saves
 * the Snowball run for repeated words. Open addressing with linear probing
 * in a fixed table of CACHE_SLOTS slots, kept at most 3/4 full (linear
 * probing stays short below that load: Knuth, TAOCP vol. 3, 6.4), keys and
 * stems packed in one fixed byte pool. When either is full the whole cache
 * is cleared: it then refills with the words that are frequent now, which
 * is the point, and there is no per-entry bookkeeping. Memory is fixed at
 * about 1.8 MB per stemmer. Words longer than CACHE_MAX_KEY are rare and
 * go to Snowball directly. Hash: XXH3 (libxxhash). */
#include "stem.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "buf.h"
#include "lexicon.h"
#include "mem.h"
#include "stem_id.h"

#define CACHE_SLOTS 65536u                      /* power of two */
#define CACHE_MAX_ENTRIES (CACHE_SLOTS / 4 * 3) /* load factor 0.75 */
#define CACHE_POOL (1u << 20)                   /* bytes for keys + stems */
#define CACHE_MAX_KEY 64                        /* longest cached word, bytes */

/* Version of what a word stems to. Bump it with any change to stem.c or
 * stem_id.c that can change a stem (a rule, the hyphen handling, the
 * fallback's trigger): stores compare stem_fingerprint with the one their
 * search index and term counts were built with, and rebuild on a mismatch,
 * so a stale index never silently misses words. */
#define STEM_ALG_VERSION 1
#define STEM_FP_MAX 80 /* bytes of a fingerprint, with the NUL */

struct centry {
    uint32_t hash; /* low 32 bits of the key's XXH3 hash */
    uint32_t off;  /* key's offset in pool; the stem follows the key */
    uint16_t klen; /* key bytes; 0 marks an empty slot */
    uint16_t slen; /* stem bytes */
};

struct stemmer {
    struct sb_stemmer *sb; /* owned; Snowball stemmer for lang */
    struct stem_id *sid;   /* owned; confix stripper (Indonesian only, else NULL) */
    enum kb_lang lang;     /* language of sb */
    struct centry *slot;   /* owned; CACHE_SLOTS entries */
    size_t n_entries;      /* slots in use */
    char *pool;            /* owned; CACHE_POOL bytes */
    size_t pool_len;       /* pool bytes in use */
    struct buf res;        /* owned storage; the last uncached result */
    size_t hits;           /* cache lookups answered */
    size_t misses;         /* cache lookups that ran the stemmer */
    char fp[STEM_FP_MAX];  /* stem_fingerprint's answer, set by stem_new */
};

/* 1 when w starts like an Indonesian derivation (me-, be-, di-, te-, pe-,
 * ke-) and is long enough to hold one. The words no lexicon root validates
 * are mostly names, loanwords and typos; Snowball's suffix rules over-stem
 * those (measured on the GSD lemma pairs: Snowball on every unvalidated
 * word costs 1.3 points), while a prefixed word whose root the lexicon
 * lacks is still best stemmed by Snowball. */
static int derivation_shaped(const char *w, size_t len)
{
    static const char pre[][3] = {"me", "be", "di", "te", "pe", "ke"};
    size_t i;

    if (len < 6) return 0;
    for (i = 0; i < sizeof pre / sizeof pre[0]; i++)
        if (w[0] == pre[i][0] && w[1] == pre[i][1]) return 1;
    return 0;
}

/* stem_id's fallback: Snowball's answer for a derivation-shaped word no
 * rule validated; other words stay as they are. */
static size_t snowball_fallback(void *ctx, const char *w, size_t len, char *out, size_t cap)
{
    struct stemmer *st = ctx;
    const sb_symbol *r;
    size_t n;

    if (!derivation_shaped(w, len)) return (size_t)-1;
    r = sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)len);
    if (!r) return (size_t)-1; /* Snowball out of memory: keep the word */
    n = (size_t)sb_stemmer_length(st->sb);
    memcpy(out, r, n < cap ? n : cap);
    return n;
}

struct stemmer *stem_new(enum kb_lang lang)
{
    struct stemmer *st;
    const char *alg;

    switch (lang) {
    case KB_LANG_ID: alg = "indonesian"; break;
    case KB_LANG_EN: alg = "english"; break;
    default: return NULL;
    }
    st = kb_calloc(1, sizeof *st);
    st->lang = lang;
    buf_init(&st->res, 0);
    st->sb = sb_stemmer_new(alg, "UTF_8");
    if (!st->sb) {
        stem_free(st);
        return NULL;
    }
    if (lang == KB_LANG_ID) {
        /* the lexicon is loaded once per process and shared read-only; when
         * hunspell-id is missing stem_id still runs its rules unvalidated */
        const struct lexicon *lex = lexicon_default();
        st->sid = stem_id_new(lex);
        stem_id_set_fallback(st->sid, snowball_fallback, st);
        /* the word count stands for the dictionary's content: another
         * hunspell-id release (or none, KABAR_ID_DIC pointing nowhere)
         * validates other roots, so words stem differently */
        snprintf(st->fp, sizeof st->fp, "id:stem_id/%d:lex%zu:sb", STEM_ALG_VERSION,
                 lexicon_available(lex) ? lexicon_count(lex) : (size_t)0);
    } else {
        snprintf(st->fp, sizeof st->fp, "en:snowball/%d", STEM_ALG_VERSION);
    }
    st->slot = kb_calloc(CACHE_SLOTS, sizeof *st->slot);
    st->pool = kb_malloc(CACHE_POOL);
    return st;
}

void stem_free(struct stemmer *st)
{
    if (!st) return;
    if (st->sb) sb_stemmer_delete(st->sb);
    stem_id_free(st->sid);
    free(st->slot);
    free(st->pool);
    buf_release(&st->res);
    free(st);
}

void stem_stats(const struct stemmer *st, size_t *hits, size_t *misses)
{
    if (hits) *hits = st ? st->hits : 0;
    if (misses) *misses = st ? st->misses : 0;
}

const char *stem_fingerprint(const struct stemmer *st)
{
    return st ? st->fp : "";
}

static int valid_utf8(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        utf8proc_int32_t cp;
        size_t avail = len - i;
        utf8proc_ssize_t n;

        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                             (utf8proc_ssize_t)(avail < 4 ? avail : 4), &cp);
        if (n <= 0) return 0;
        i += (size_t)n;
    }
    return 1;
}

/* Only words with a letter go to Snowball; any non-ASCII byte may be one. */
static int has_letter(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return 1;
    }
    return 0;
}

/* Append the stem of one hyphen-free part to st->res. */
static void base_stem(struct stemmer *st, const char *p, size_t n)
{
    const sb_symbol *r = NULL;

    if (st->sid && n > 0 && n <= STEM_ID_MAX_WORD) {
        char out[STEM_ID_MAX_WORD];
        size_t m = stem_id_word(st->sid, p, n, out, sizeof out);
        /* a stem is never longer than its word, so out always suffices */
        if (m > sizeof out) m = sizeof out; /* cannot happen: m <= n */
        if (buf_append(&st->res, out, m)) abort();
        return;
    }
    if (n > 0 && has_letter(p, n)) r = sb_stemmer_stem(st->sb, (const sb_symbol *)p, (int)n);
    /* r == NULL is Snowball's out-of-memory: keep the word as it is */
    if (r) {
        if (buf_append(&st->res, (const char *)r, (size_t)sb_stemmer_length(st->sb))) abort();
    } else {
        if (buf_append(&st->res, p, n)) abort();
    }
}

static int ends_with(const char *s, size_t n, const char *suf, size_t m)
{
    return m <= n && memcmp(s + n - m, suf, m) == 0;
}

/* Two hyphen parts a-b whose Snowball stems differ can still be one word
 * repeated with an affix; Snowball's prefix removal drops the first letter
 * of the base (menarik -> arik), so compare the raw parts instead:
 *  - a ends with a prefix of b, at least 3 bytes long: sebaik-baiknya,
 *    kemerah-merahan, berlari-lari -> the base is that prefix of b;
 *  - b is longer than a and ends with a, or with a minus its first letter
 *    (the nasal prefix swallows t/p/k/s: tarik-menarik, tolong-menolong,
 *    surat-menyurat, tanya-bertanya) -> the base is a.
 * The length condition keeps imitative pairs apart: in sayur-mayur,
 * lauk-pauk and ramah-tamah b is not longer than a. Returns 1 and sets
 * *base / *base_len (a view into a or b) on a match. */
static int redup_base(const char *a, size_t an, const char *b, size_t bn, const char **base,
                      size_t *base_len)
{
    size_t k;

    if (!has_letter(a, an) || !has_letter(b, bn)) return 0;
    for (k = bn < an ? bn : an; k >= 3; k--) {
        if (k < bn && ((unsigned char)b[k] & 0xC0) == 0x80) continue; /* mid-character */
        if (memcmp(a + an - k, b, k) == 0) {
            *base = b;
            *base_len = k;
            return 1;
        }
    }
    if (bn > an && an >= 4 && (unsigned char)a[0] < 0x80 &&
        (ends_with(b, bn, a, an) || ends_with(b, bn, a + 1, an - 1))) {
        *base = a;
        *base_len = an;
        return 1;
    }
    return 0;
}

/* Stem w[0..len) into st->res (see the top comment for hyphens). The
 * buf_append calls cannot fail: res has no size cap, and kb_realloc aborts
 * on OOM. */
static void compute(struct stemmer *st, const char *w, size_t len)
{
    const char *h = memchr(w, '-', len);
    size_t first_len = 0, first_raw = 0, first_raw_off = 0, last_off = 0, last_raw_off = 0,
           last_raw = 0;
    size_t i, part, n_parts = 0;
    int all_same = 1;
    const char *base;
    size_t base_len;

    buf_reset(&st->res);
    if (len > STEM_MAX_WORD || !valid_utf8(w, len)) {
        if (buf_append(&st->res, w, len)) abort();
        return;
    }
    if (!h) {
        base_stem(st, w, len);
        return;
    }
    for (i = 0; i <= len; i = part + 1) {
        const char *e = memchr(w + i, '-', len - i);
        size_t plen;

        part = e ? (size_t)(e - w) : len;
        plen = part - i;
        if (plen == 0) continue; /* "hamba-", "--": stray hyphens carry nothing */
        if (n_parts > 0 && buf_putc(&st->res, '-')) abort();
        last_off = st->res.len;
        last_raw_off = i;
        last_raw = plen;
        base_stem(st, w + i, plen);
        if (n_parts == 0) {
            first_len = st->res.len;
            first_raw_off = i;
            first_raw = plen;
        } else if (st->res.len - last_off != first_len ||
                   memcmp(st->res.ptr, st->res.ptr + last_off, first_len) != 0) {
            all_same = 0;
        }
        n_parts++;
    }
    if (n_parts == 0) { /* only hyphens */
        if (buf_append(&st->res, w, len)) abort();
        return;
    }
    if (all_same) {
        buf_truncate(&st->res, first_len);
        return;
    }
    if (n_parts == 2 &&
        redup_base(w + first_raw_off, first_raw, w + last_raw_off, last_raw, &base, &base_len)) {
        buf_reset(&st->res);
        base_stem(st, base, base_len);
    }
}

/* Does p point into the n bytes at base? */
static int inside(const char *p, const char *base, size_t n)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;
    return base && a >= b && a - b < n;
}

static void cache_clear(struct stemmer *st)
{
    memset(st->slot, 0, CACHE_SLOTS * sizeof *st->slot);
    st->n_entries = 0;
    st->pool_len = 0;
}

const char *stem_word(struct stemmer *st, const char *w, size_t len, size_t *out_len)
{
    uint64_t h64;
    uint32_t h;
    size_t idx;
    struct centry *e;
    char own[STEM_MAX_WORD];

    if (!st || (!w && len)) {
        *out_len = 0;
        return "";
    }
    if (len == 0) {
        *out_len = 0;
        return "";
    }
    if (inside(w, st->res.ptr, st->res.cap) || inside(w, st->pool, CACHE_POOL)) {
        /* w is an earlier result (stemming a stem): stemming rewrites
         * both places, so work on a copy */
        if (len > STEM_MAX_WORD) { /* already returned unchanged */
            *out_len = len;
            return w;
        }
        memcpy(own, w, len);
        w = own;
    }
    if (len > CACHE_MAX_KEY) {
        compute(st, w, len);
        *out_len = st->res.len;
        return buf_cstr(&st->res);
    }
    h64 = XXH3_64bits(w, len);
    h = (uint32_t)h64;
    idx = (size_t)(h64 >> 32) & (CACHE_SLOTS - 1);
    for (;;) {
        e = &st->slot[idx];
        if (e->klen == 0) break;
        if (e->hash == h && e->klen == len && memcmp(st->pool + e->off, w, len) == 0) {
            st->hits++;
            *out_len = e->slen;
            return st->pool + e->off + e->klen;
        }
        idx = (idx + 1) & (CACHE_SLOTS - 1);
    }
    st->misses++;
    compute(st, w, len);
    if (st->res.len > UINT16_MAX) goto uncached;
    if (st->n_entries >= CACHE_MAX_ENTRIES || CACHE_POOL - st->pool_len < len + st->res.len) {
        cache_clear(st);
        /* the probe found a slot in the old table; find one in the new */
        idx = (size_t)(h64 >> 32) & (CACHE_SLOTS - 1);
        e = &st->slot[idx];
    }
    e->hash = h;
    e->off = (uint32_t)st->pool_len;
    e->klen = (uint16_t)len;
    e->slen = (uint16_t)st->res.len;
    memcpy(st->pool + st->pool_len, w, len);
    memcpy(st->pool + st->pool_len + len, buf_cstr(&st->res), st->res.len);
    st->pool_len += len + st->res.len;
    st->n_entries++;
    *out_len = e->slen;
    return st->pool + e->off + len;
uncached:
    *out_len = st->res.len;
    return buf_cstr(&st->res);
}
