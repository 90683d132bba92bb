/* stem_id.c -- Indonesian confix stripping validated by a root lexicon.
 *
 * Owns: per stemmer, a bounded word -> stem cache; the lexicon is borrowed.
 *
 * Algorithm (Enhanced Confix Stripping, Arifin et al. 2009, which refines
 * Nazief & Adriani 1996 and Asian et al. 2007). A word w is split
 *     [prefix1 [prefix2 [prefix3]]] root [derivational] [possessive] [particle]
 * and a split is accepted only when its root is in the lexicon:
 *   1. w itself in the lexicon -> w (roots are never over-stemmed: menteri).
 *   2. Suffixes, outermost first, each checked against the lexicon:
 *      particle -lah/-kah/-tah/-pun, possessive -ku/-mu/-nya, derivational
 *      -kan/-an/-i. Call the results s1, s2, s3 (sN = s(N-1) when absent).
 *   3. Prefix removal on s3: at most three prefixes (not se-, see below), never the same kind
 *      twice in a row, and the outermost prefix may not pair with the
 *      removed suffix in the combinations Indonesian morphology forbids
 *      (be-i, di-an, ke-i, ke-kan, me-an, se-i, se-kan, te-an). Each prefix
 *      kind has the ECS readings in order (table in prefix_cands): nasal
 *      prefixes swallow the first letter of the root, so "men" + vowel
 *      reads "t" + vowel or "n" + vowel, "meny" + vowel reads "s" + vowel,
 *      "mem" + vowel reads "p" or "m", "meng" + vowel reads "k" or the
 *      vowel. All readings are tried; step "Choosing" below ranks them.
 *   4. Backtracking over suffixes (ECS "loop pengembalian akhiran"): a
 *      removed -kan may be -an after a root ending in k (pemasukan ->
 *      masuk); step 3 also runs on s2, s1 and w, i.e. with the
 *      derivational suffix, the possessive and the particle put back.
 *   5. Nothing validates: the fallback (Snowball in kabar), else w.
 * Hyphenated words are stemmed part by part: identical part stems are a
 * reduplication and give that stem (kata-kata, berlari-lari, tarik-menarik,
 * besar-besaran); otherwise the part stems are joined with '-'
 * (sayur-mayur, anti-gerilya), except that a first part ending with the
 * second is one word (pertama-tama, sehari-hari).
 *
 * Choosing among analyses: step 3 and 4 offer every analysis the lexicon
 * accepts, and consider() keeps the best by the root's hunspell flags,
 * then the fewest affixes, then the longest root, then rule order. A root
 * that the dictionary lists with per- fused (perhati) is reduced when its
 * inner part takes per- (memperhatikan -> hati). The prefix se- is never
 * removed, and some words are kept whole (kept_whole): see stem.md.
 *
 * Without a lexicon, steps 2-3 take one reading of each rule (the recoded
 * one for nasal prefixes) and stop before the rest is under MIN_GUESS
 * bytes.
 *
 * Only a-z and '-' are stemmed: anything else (digits, other scripts,
 * invalid UTF-8) is not an Indonesian affixed word and is copied as is.
 *
 * Cache: open addressing with linear probing over CACHE_SLOTS slots, kept
 * at most 3/4 full (Knuth, TAOCP vol. 3, 6.4), keys and stems packed in a
 * fixed pool; when either fills, the cache is cleared and refills with the
 * words frequent now. Hash: XXH3 (libxxhash). */
#include "stem_id.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "mem.h"

#define CACHE_SLOTS 65536u                      /* power of two */
#define CACHE_MAX_ENTRIES (CACHE_SLOTS / 4 * 3) /* load factor 0.75 */
#define CACHE_POOL (1u << 20)                   /* bytes for keys + stems */
#define CACHE_MAX_KEY 64                        /* longest cached word, bytes */

#define MIN_ROOT 2   /* shortest root accepted from the lexicon, bytes */
#define MIN_GUESS 4  /* without a lexicon, never strip below this, bytes */
#define MAX_PREFIXES 3
#define MAX_CANDS 8  /* readings of one prefix */

struct centry {
    uint32_t hash; /* low 32 bits of the key's XXH3 hash */
    uint32_t off;  /* key offset in pool; the stem follows the key */
    uint16_t klen; /* key bytes; 0 marks an empty slot */
    uint16_t slen; /* stem bytes */
    uint8_t how;   /* enum stem_id_how of the answer */
};

struct stem_id {
    const struct lexicon *lex;   /* borrowed; may be NULL */
    int validate;                /* 1 when lex holds words */
    stem_id_fallback_fn fallback; /* may be NULL */
    void *fallback_ctx;          /* borrowed; passed to fallback */
    struct centry *slot;         /* owned; CACHE_SLOTS entries */
    size_t n_entries;            /* slots in use */
    char *pool;                  /* owned; CACHE_POOL bytes */
    size_t pool_len;             /* pool bytes in use */
    enum stem_id_how last_how;   /* decision of the last call */
    size_t hits;                 /* answers from the cache */
    size_t misses;               /* words that ran the rules */
};

enum prefix_kind { PK_NONE = 0, PK_DI, PK_KE, PK_BE, PK_TE, PK_ME, PK_PE, PK_PER };
enum suffix_kind { SK_NONE = 0, SK_KAN, SK_AN, SK_I };

/* A word under construction: bytes in a fixed buffer (words are at most
 * STEM_ID_MAX_WORD bytes and stripping only shortens them, plus at most
 * two recoded letters). */
struct word {
    char s[STEM_ID_MAX_WORD + 8]; /* bytes, not NUL-terminated */
    size_t n;                     /* bytes used */
};

/* One reading of a prefix: the rest is recode + w[skip..]. */
struct cand {
    enum prefix_kind kind; /* kind of the prefix removed */
    size_t skip;           /* bytes of w removed */
    const char *recode;    /* letters restored before the rest ("" if none) */
};

struct search {
    const struct lexicon *lex; /* borrowed */
    struct word found;         /* the best root so far */
    int have;                  /* 1 once found holds a root */
    int unlicensed;            /* affixes of found its flags don't license */
    int affixes;               /* affixes removed to reach found */
};

static int is_vowel(char c)
{
    return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o';
}

static int is_cons(char c)
{
    return c >= 'a' && c <= 'z' && !is_vowel(c);
}

static int starts(const char *w, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(w, p, k) == 0;
}

static int ends(const char *w, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(w + n - k, p, k) == 0;
}

/* Character at i, or 0 past the end (so rules can look ahead freely). */
static char at(const char *w, size_t n, size_t i)
{
    return i < n ? w[i] : 0;
}

/* 1 when w[0..n) has one vowel group: menge-/penge- attach to
 * one-syllable roots only (mengebom, pengecatan), not to kering. */
static int one_syllable(const char *w, size_t n)
{
    size_t i, groups = 0;

    for (i = 0; i < n; i++)
        if (is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1]))) groups++;
    return groups == 1;
}

static void add(struct cand *c, int *k, enum prefix_kind kind, size_t skip, const char *recode)
{
    if (*k < MAX_CANDS) {
        c[*k].kind = kind;
        c[*k].skip = skip;
        c[*k].recode = recode;
        (*k)++;
    }
}

/* The readings of the prefix at the start of w[0..n), most likely first.
 * The table follows ECS (Arifin et al. 2009, table 1, rules 1-35) with
 * the "menge-/penge-" addition for one-syllable roots (mengebom -> bom);
 * the lexicon rejects readings that don't give a root, so conditions that
 * only chose between readings are kept as an order, not a filter. */
static int prefix_cands(const char *w, size_t n, struct cand *c)
{
    int k = 0;
    char c2 = at(w, n, 2), c3 = at(w, n, 3), c4 = at(w, n, 4);

    if (n < 4) return 0;
    if (starts(w, n, "di")) add(c, &k, PK_DI, 2, "");
    else if (starts(w, n, "ke")) add(c, &k, PK_KE, 2, "");
    else if (starts(w, n, "be")) {
        if (c2 == 'r' && is_vowel(c3)) { /* rule 1: berV -> ber-V | be-rV */
            add(c, &k, PK_BE, 3, "");
            add(c, &k, PK_BE, 2, "");
        } else if (c2 == 'r' && c3 != 'r') { /* rules 2-3: berC */
            add(c, &k, PK_BE, 3, "");
        } else if (starts(w, n, "belajar")) { /* rule 4 */
            add(c, &k, PK_BE, 3, "");
        } else if (is_cons(c2) && c2 != 'r' && c2 != 'l' && c3 == 'e' && c4 == 'r') {
            add(c, &k, PK_BE, 2, ""); /* rule 5: beC1erC2 -> be-C1erC2 (bekerja) */
        }
    } else if (starts(w, n, "te")) {
        if (c2 == 'r' && is_vowel(c3)) { /* rule 6 */
            add(c, &k, PK_TE, 3, "");
            add(c, &k, PK_TE, 2, "");
        } else if (c2 == 'r' && c3 != 'r') { /* rules 7-8 */
            add(c, &k, PK_TE, 3, "");
        } else if (is_cons(c2) && c2 != 'r' && c3 == 'e' && c4 == 'r') {
            add(c, &k, PK_TE, 2, ""); /* rule 9 */
        }
    } else if (starts(w, n, "me")) {
        if ((c2 == 'l' || c2 == 'r' || c2 == 'w' || c2 == 'y') && is_vowel(c3)) {
            add(c, &k, PK_ME, 2, ""); /* rule 10 */
        } else if (c2 == 'm') {
            if (c3 == 'b' || c3 == 'f' || c3 == 'v') {
                add(c, &k, PK_ME, 3, ""); /* rule 11 */
            } else if (c3 == 'p') {
                add(c, &k, PK_ME, 3, ""); /* rules 12, 19: mempe-, mempV */
            } else if (is_vowel(c3) || (c3 == 'r' && is_vowel(c4))) {
                add(c, &k, PK_ME, 2, ""); /* rule 13: memV -> me-mV | mem-pV */
                add(c, &k, PK_ME, 3, "p");
            }
        } else if (c2 == 'n') {
            if (c3 == 'c' || c3 == 'd' || c3 == 'j' || c3 == 's' || c3 == 'z' || c3 == 't') {
                add(c, &k, PK_ME, 3, ""); /* rule 14 (and loans: mentransfer) */
            } else if (is_vowel(c3)) {
                add(c, &k, PK_ME, 2, ""); /* rule 15: menV -> me-nV | me-tV */
                add(c, &k, PK_ME, 3, "t");
            } else if (c3 == 'g') {
                if (c4 == 'g' || c4 == 'h' || c4 == 'q' || c4 == 'k' || c4 == 'x') {
                    add(c, &k, PK_ME, 4, ""); /* rule 16 */
                } else if (is_vowel(c4)) { /* rule 17 */
                    add(c, &k, PK_ME, 4, "");
                    add(c, &k, PK_ME, 4, "k");
                    if (c4 == 'e' && one_syllable(w + 5, n - 5)) add(c, &k, PK_ME, 5, ""); /* menge- (mengebom) */
                    add(c, &k, PK_ME, 2, ""); /* me-ngV (menganga) */
                } else if (c4 == 'r' || c4 == 'l') {
                    add(c, &k, PK_ME, 4, ""); /* loans: mengklaim, menggratiskan */
                }
            } else if (c3 == 'y' && is_vowel(c4)) {
                add(c, &k, PK_ME, 4, "s"); /* rule 18: menyV -> meny-sV | me-nyV */
                add(c, &k, PK_ME, 2, "");
            }
        }
    } else if (starts(w, n, "pe")) {
        if ((c2 == 'w' || c2 == 'y') && is_vowel(c3)) {
            add(c, &k, PK_PE, 2, ""); /* rule 20 */
        } else if (c2 == 'r' && is_vowel(c3)) { /* rule 21 */
            add(c, &k, PK_PER, 3, "");
            add(c, &k, PK_PE, 2, "");
        } else if (c2 == 'r' && c3 != 'r') { /* rules 23-24 */
            add(c, &k, PK_PER, 3, "");
        } else if (c2 == 'm') {
            if (c3 == 'b' || c3 == 'f' || c3 == 'v' || c3 == 'p') {
                add(c, &k, PK_PE, 3, ""); /* rule 25 */
            } else if (is_vowel(c3) || (c3 == 'r' && is_vowel(c4))) {
                add(c, &k, PK_PE, 3, "p"); /* rule 26 */
                add(c, &k, PK_PE, 2, "");
            }
        } else if (c2 == 'n') {
            if (c3 == 'c' || c3 == 'd' || c3 == 'j' || c3 == 'z' || c3 == 's' || c3 == 't') {
                add(c, &k, PK_PE, 3, ""); /* rule 27 */
            } else if (is_vowel(c3)) {
                add(c, &k, PK_PE, 3, "t"); /* rule 28 */
                add(c, &k, PK_PE, 2, "");
            } else if (c3 == 'g') {
                if (c4 == 'g' || c4 == 'h' || c4 == 'q' || c4 == 'k' || c4 == 'x') {
                    add(c, &k, PK_PE, 4, ""); /* rule 29 */
                } else if (is_vowel(c4)) { /* rule 30 */
                    add(c, &k, PK_PE, 4, "");
                    add(c, &k, PK_PE, 4, "k");
                    if (c4 == 'e' && one_syllable(w + 5, n - 5)) add(c, &k, PK_PE, 5, ""); /* penge- (pengeboman) */
                } else if (c4 == 'r' || c4 == 'l') {
                    add(c, &k, PK_PE, 4, "");
                }
            } else if (c3 == 'y' && is_vowel(c4)) {
                add(c, &k, PK_PE, 4, "s"); /* rule 31 */
                add(c, &k, PK_PE, 2, "");
            }
        } else if (c2 == 'l' && is_vowel(c3)) {
            if (starts(w, n, "pelajar")) add(c, &k, PK_PE, 3, ""); /* rule 32 exception */
            add(c, &k, PK_PE, 2, "");                            /* rule 32 */
        } else if (is_cons(c2) && c2 != 'r' && c2 != 'w' && c2 != 'y' && c2 != 'l' &&
                   c2 != 'm' && c2 != 'n') {
            add(c, &k, PK_PE, 2, ""); /* rules 33-35: petani, pekerja */
        }
    }
    return k;
}

/* Indonesian does not combine these outer prefixes with these suffixes
 * (ECS's "kombinasi awalan-akhiran yang tidak diijinkan"). */
static int disallowed(enum prefix_kind p, enum suffix_kind s)
{
    switch (p) {
    case PK_BE: return s == SK_I;
    case PK_DI: return s == SK_AN;
    case PK_KE: return s == SK_I || s == SK_KAN;
    case PK_ME: return s == SK_AN;
    case PK_TE: return s == SK_AN;
    default: return 0;
    }
}

static void make_rest(struct word *dst, const char *w, size_t n, const struct cand *c)
{
    size_t r = strlen(c->recode);

    memcpy(dst->s, c->recode, r);
    memcpy(dst->s + r, w + c->skip, n - c->skip);
    dst->n = r + n - c->skip;
}

/* Words kept whole although they look affixed (documented in
 * docs/internals/stem.md):
 *  - ordinals: ke- + a cardinal makes a new numeral (kedua 'second',
 *    ketiga), not "dua" in another role; UD lemmatises them as themselves;
 *  - sentence adverbs built with -nya whose meaning is not root + 'its':
 *    akhirnya 'finally' is not akhir 'end', biasanya 'usually', misalnya
 *    'for example'. Possessive -nya on nouns (rumahnya) is still removed. */
static const char *const cardinals[] = {
    "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh", "sebelas", "seratus", "seribu", "sejuta",
};
static const char *const adverbs_nya[] = {
    "agaknya", "akhirnya", "akibatnya", "biasanya", "berikutnya", "harusnya", "hendaknya",
    "intinya", "karenanya", "khususnya", "kiranya", "lainnya", "mestinya", "misalnya",
    "nampaknya", "pokoknya", "rupanya", "sayangnya", "sebaiknya", "sebaliknya",
    "sebelumnya", "sebenarnya", "selanjutnya", "selebihnya", "semestinya", "sepertinya",
    "sesudahnya", "sesungguhnya", "setelahnya", "seterusnya", "setidaknya", "seharusnya",
    "tampaknya", "umumnya", "untungnya",
};

static int in_list(const char *const *list, size_t n_list, const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < n_list; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0) return 1;
    return 0;
}

static int kept_whole(const char *w, size_t n)
{
    if (n > 2 && starts(w, n, "ke") &&
        in_list(cardinals, sizeof cardinals / sizeof *cardinals, w + 2, n - 2))
        return 1;
    return ends(w, n, "nya") &&
           in_list(adverbs_nya, sizeof adverbs_nya / sizeof *adverbs_nya, w, n);
}

static unsigned prefix_bit(enum prefix_kind k)
{
    switch (k) {
    case PK_DI: return LEX_AF_DI;
    case PK_KE: return LEX_AF_KE;
    case PK_BE: return LEX_AF_BER;
    case PK_TE: return LEX_AF_TER;
    case PK_ME: return LEX_AF_ME;
    case PK_PE: return LEX_AF_PE;
    case PK_PER: return LEX_AF_PER;
    default: return 0;
    }
}

static unsigned suffix_bit(enum suffix_kind k)
{
    switch (k) {
    case SK_KAN: return LEX_AF_KAN;
    case SK_AN: return LEX_AF_AN;
    case SK_I: return LEX_AF_I;
    default: return 0;
    }
}

static int popcount(unsigned x)
{
    int c = 0;
    for (; x; x &= x - 1) c++;
    return c;
}

/* Offer the root r[0..n), reached by removing `affixes` affixes whose
 * LEX_AF_* bits are `need`. Analyses are ranked by (1) how many of the
 * removed derivational affixes the root's hunspell flags do not license,
 * (2) how many affixes were removed (the simplest analysis wins: bertahan
 * is ber+tahan, not ber+tah+an), (3) the longer root (gerakan is gerak+an,
 * not gera+kan), (4) the order found, which follows the ECS rule order. */
static void consider(struct search *se, const char *r, size_t n, unsigned need, int affixes)
{
    unsigned af;
    int unlic;

    if (n < MIN_ROOT) return;
    af = lexicon_affixes(se->lex, r, n);
    if (!af) return;
    unlic = popcount(need & ~af);
    if (se->have && (unlic > se->unlicensed ||
                     (unlic == se->unlicensed &&
                      (affixes > se->affixes ||
                       (affixes == se->affixes && n <= se->found.n)))))
        return;
    memcpy(se->found.s, r, n);
    se->found.n = n;
    se->have = 1;
    se->unlicensed = unlic;
    se->affixes = affixes;
}

/* Offer every root reachable from w[0..n) by removing prefixes. depth is
 * the number already removed, prev the kind of the last one, suf the
 * derivational suffix that was removed (only the outermost prefix is
 * checked against it), need/affixes as for consider(). */
static void prefix_search(struct search *se, const char *w, size_t n, int depth,
                          enum prefix_kind prev, enum suffix_kind suf, unsigned need,
                          int affixes)
{
    struct cand c[MAX_CANDS];
    int k, i;

    if (depth >= MAX_PREFIXES) return;
    k = prefix_cands(w, n, c);
    for (i = 0; i < k; i++) {
        struct word rest;
        if (c[i].kind == prev || (depth == 0 && disallowed(c[i].kind, suf))) continue;
        make_rest(&rest, w, n, &c[i]);
        if (rest.n < MIN_ROOT) continue;
        consider(se, rest.s, rest.n, need | prefix_bit(c[i].kind), affixes + 1);
        /* a restored letter is the root's first letter: a nasal fuses with
         * the root itself, so no further prefix starts there (pengeringan
         * is peng+kering+an, never peng+ke+ringan) */
        if (c[i].recode[0]) continue;
        prefix_search(se, rest.s, rest.n, depth + 1, c[i].kind, suf,
                      need | prefix_bit(c[i].kind), affixes + 1);
    }
}

/* Suffix layers of w (step 2 of the top comment). */
struct layers {
    size_t n1, n2, n3;    /* lengths of s1 (no particle), s2 (no possessive), s3 */
    enum suffix_kind suf; /* derivational suffix removed to make s3 */
};

static void peel(const char *w, size_t n, struct layers *ly)
{
    size_t m = n;

    /* a suffix is removed only when at least MIN_GUESS bytes remain: "kan",
     * "ikan" and "bulan" don't end in suffixes */
    if ((ends(w, m, "lah") || ends(w, m, "kah") || ends(w, m, "tah") || ends(w, m, "pun")) &&
        m >= 3 + MIN_GUESS)
        m -= 3;
    ly->n1 = m;
    if (ends(w, m, "nya") && m >= 3 + MIN_GUESS) m -= 3;
    else if ((ends(w, m, "ku") || ends(w, m, "mu")) && m >= 2 + MIN_GUESS) m -= 2;
    ly->n2 = m;
    ly->suf = SK_NONE;
    if (ends(w, m, "kan") && m >= 3 + MIN_GUESS) {
        m -= 3;
        ly->suf = SK_KAN;
    } else if (ends(w, m, "an") && m >= 2 + MIN_GUESS) {
        m -= 2;
        ly->suf = SK_AN;
    } else if (ends(w, m, "i") && m >= 1 + MIN_GUESS) {
        m -= 1;
        ly->suf = SK_I;
    }
    ly->n3 = m;
}

/* Steps 1-4 with the lexicon; returns 1 and fills se->found on success. */
static int validated(struct search *se, const char *w, size_t n)
{
    struct layers ly;
    size_t len[5];
    enum suffix_kind suf[5];
    int aff[5], i, n_layers = 0, a = 0;

    if (lexicon_has(se->lex, w, n) || kept_whole(w, n)) {
        memcpy(se->found.s, w, n);
        se->found.n = n;
        return 1;
    }
    peel(w, n, &ly);
    /* the layers: s1, s2, s3 and, for -kan, s3 + "k" with -an (pemasukan) */
    len[n_layers] = n, suf[n_layers] = SK_NONE, aff[n_layers++] = 0;
    a += ly.n1 < n;
    if (ly.n1 < n) len[n_layers] = ly.n1, suf[n_layers] = SK_NONE, aff[n_layers++] = a;
    a += ly.n2 < ly.n1;
    if (ly.n2 < ly.n1) len[n_layers] = ly.n2, suf[n_layers] = SK_NONE, aff[n_layers++] = a;
    if (ly.suf != SK_NONE) {
        len[n_layers] = ly.n3, suf[n_layers] = ly.suf, aff[n_layers++] = a + 1;
        if (ly.suf == SK_KAN) len[n_layers] = ly.n3 + 1, suf[n_layers] = SK_AN, aff[n_layers++] = a + 1;
    }
    se->have = 0;
    for (i = 0; i < n_layers; i++) {
        if (len[i] < n) consider(se, w, len[i], suffix_bit(suf[i]), aff[i]);
        prefix_search(se, w, len[i], 0, PK_NONE, suf[i], suffix_bit(suf[i]), aff[i]);
    }
    if (se->have && se->found.n > 5 && starts(se->found.s, se->found.n, "per") &&
        (lexicon_affixes(se->lex, se->found.s + 3, se->found.n - 3) & LEX_AF_PER)) {
        memmove(se->found.s, se->found.s + 3, se->found.n - 3);
        se->found.n -= 3;
    }
    return se->have;
}

/* Without a lexicon: one reading per rule, never below MIN_GUESS bytes.
 * Prefixes come off before the derivational suffix here, so that a root
 * ending like a suffix (berlari) is not cut before its prefix is seen. */
static void unvalidated(const char *w, size_t n, struct word *out)
{
    struct layers ly, inner;
    enum prefix_kind prev = PK_NONE, outer = PK_NONE;
    int depth;

    peel(w, n, &ly);
    memcpy(out->s, w, ly.n2);
    out->n = ly.n2;
    for (depth = 0; depth < MAX_PREFIXES; depth++) {
        struct cand c[MAX_CANDS];
        struct word rest;
        int k = prefix_cands(out->s, out->n, c), j, pick = 0;

        /* a nasal before a vowel has most often swallowed t, p, s or k
         * (menulis, memukul, menyapu, mengirim): take the recoded reading */
        for (j = 0; j < k; j++)
            if (c[j].recode[0]) {
                pick = j;
                break;
            }
        if (k == 0 || c[pick].kind == prev) break;
        make_rest(&rest, out->s, out->n, &c[pick]);
        if (rest.n < MIN_GUESS) break;
        *out = rest;
        prev = c[pick].kind;
        if (depth == 0) outer = prev;
        if (c[pick].recode[0]) break; /* the restored letter starts the root */
    }
    if (ly.suf == SK_NONE) return; /* the word had no derivational suffix */
    peel(out->s, out->n, &inner);
    if (inner.suf != SK_NONE && inner.n1 == out->n && inner.n2 == out->n &&
        !disallowed(outer, inner.suf))
        out->n = inner.n3;
}

static int stemmable(const char *w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!((w[i] >= 'a' && w[i] <= 'z') || w[i] == '-')) return 0;
    return 1;
}

/* Stem one hyphen-free part into out; returns how it was decided. The
 * fallback is not consulted here (it sees whole words). */
static enum stem_id_how stem_part(const struct stem_id *s, const char *w, size_t n,
                                  struct word *out)
{
    struct search se;

    if (!s->validate) {
        if (kept_whole(w, n)) {
            memcpy(out->s, w, n);
            out->n = n;
            return STEM_ID_ROOT;
        }
        unvalidated(w, n, out);
        return STEM_ID_UNVALIDATED;
    }
    se.lex = s->lex;
    if (validated(&se, w, n)) {
        *out = se.found;
        return se.found.n == n ? STEM_ID_ROOT : STEM_ID_RULES;
    }
    /* the proclitic pronouns ku- and kau- ("kubaca", "kauambil") attach
     * before the verb's base form; they are tried only after the whole word
     * failed to validate, and only a validated rest is accepted, so roots
     * that merely start with the letters (kuat, kaum, kuda) are safe */
    {
        size_t pl = starts(w, n, "kau") ? 3 : starts(w, n, "ku") ? 2 : 0;
        if (pl && n >= pl + 3 && validated(&se, w + pl, n - pl)) {
            *out = se.found;
            return STEM_ID_RULES;
        }
    }
    memcpy(out->s, w, n);
    out->n = n;
    return STEM_ID_UNCHANGED;
}

/* Stem w[0..n) (a-z and '-', at most STEM_ID_MAX_WORD bytes) into out. */
static enum stem_id_how compute(struct stem_id *s, const char *w, size_t n, struct word *out)
{
    const char *h = memchr(w, '-', n);
    struct word first, part;
    enum stem_id_how how = STEM_ID_ROOT, first_how = STEM_ID_ROOT, ph;
    size_t i, end, n_parts = 0;
    int same = 1;

    if (!h) {
        how = stem_part(s, w, n, out);
        if (how == STEM_ID_UNCHANGED && s->fallback) {
            size_t r = s->fallback(s->fallback_ctx, w, n, out->s, sizeof out->s);
            /* a longer "stem" is not one, and would break the bound above */
            if (r != (size_t)-1 && r <= n) {
                out->n = r;
                how = STEM_ID_FALLBACK;
            }
        }
        return how;
    }
    /* Part by part; the joined stems are never longer than w because each
     * part's stem is at most the part plus nothing (recoding adds at most
     * the letters the prefix removed). */
    out->n = 0;
    first.n = 0;
    for (i = 0; i <= n; i = end + 1) {
        const char *e = memchr(w + i, '-', n - i);
        end = e ? (size_t)(e - w) : n;
        if (end == i) continue; /* stray hyphens ("hamba-", "--") carry nothing */
        ph = compute(s, w + i, end - i, &part);
        if (n_parts == 0) {
            first = part;
            first_how = ph;
        } else if (part.n != first.n || memcmp(part.s, first.s, part.n) != 0) {
            same = 0;
        }
        if (ph > how) how = ph;
        if (n_parts > 0) out->s[out->n++] = '-';
        memcpy(out->s + out->n, part.s, part.n);
        out->n += part.n;
        n_parts++;
    }
    if (n_parts == 0) { /* only hyphens */
        memcpy(out->s, w, n);
        out->n = n;
        return STEM_ID_UNCHANGED;
    }
    if (same) {
        *out = first;
        return first_how;
    }
    /* partial reduplication: the first part ends with the second
     * (pertama-tama, sehari-hari): the word is the first part */
    if (n_parts == 2 && w[n - 1] != '-' && h > w && (size_t)(h - w) > n - (size_t)(h - w) - 1 &&
        n - (size_t)(h - w) - 1 >= 3 &&
        memcmp(h - (n - (size_t)(h - w) - 1), h + 1, n - (size_t)(h - w) - 1) == 0) {
        *out = first;
        return first_how;
    }
    return how;
}

struct stem_id *stem_id_new(const struct lexicon *lex)
{
    struct stem_id *s = kb_calloc(1, sizeof *s);

    s->lex = lex;
    s->validate = lexicon_available(lex);
    s->slot = kb_calloc(CACHE_SLOTS, sizeof *s->slot);
    s->pool = kb_malloc(CACHE_POOL);
    s->last_how = STEM_ID_UNCHANGED;
    return s;
}

void stem_id_free(struct stem_id *s)
{
    if (!s) return;
    free(s->slot);
    free(s->pool);
    free(s);
}

static void cache_clear(struct stem_id *s)
{
    memset(s->slot, 0, CACHE_SLOTS * sizeof *s->slot);
    s->n_entries = 0;
    s->pool_len = 0;
}

void stem_id_set_fallback(struct stem_id *s, stem_id_fallback_fn fn, void *ctx)
{
    if (!s) return;
    s->fallback = fn;
    s->fallback_ctx = ctx;
    cache_clear(s);
}

enum stem_id_how stem_id_last_how(const struct stem_id *s)
{
    return s ? s->last_how : STEM_ID_UNCHANGED;
}

void stem_id_stats(const struct stem_id *s, size_t *hits, size_t *misses)
{
    if (hits) *hits = s ? s->hits : 0;
    if (misses) *misses = s ? s->misses : 0;
}

/* Copy r[0..n) to out as stem_id_word promises; returns n. */
static size_t emit(const char *r, size_t n, char *out, size_t cap)
{
    if (out && cap > 0) {
        memcpy(out, r, n < cap ? n : cap);
        if (n < cap) out[n] = '\0';
    }
    return n;
}

size_t stem_id_word(struct stem_id *s, const char *w, size_t len, char *out, size_t cap)
{
    struct word res;
    uint32_t h = 0;
    size_t i = 0, mask = CACHE_SLOTS - 1;
    int cacheable;
    enum stem_id_how how;

    if (!s || !w) return emit("", 0, out, cap);
    if (len == 0 || len > STEM_ID_MAX_WORD || !stemmable(w, len)) {
        s->last_how = STEM_ID_UNCHANGED;
        return emit(w, len, out, cap);
    }
    cacheable = len <= CACHE_MAX_KEY;
    if (cacheable) {
        h = (uint32_t)XXH3_64bits(w, len);
        for (i = h & mask; s->slot[i].klen; i = (i + 1) & mask) {
            const struct centry *e = &s->slot[i];
            if (e->hash == h && e->klen == len && memcmp(s->pool + e->off, w, len) == 0) {
                s->hits++;
                s->last_how = (enum stem_id_how)e->how;
                return emit(s->pool + e->off + e->klen, e->slen, out, cap);
            }
        }
        s->misses++;
    }
    how = compute(s, w, len, &res);
    s->last_how = how;
    if (cacheable && res.n <= UINT16_MAX) {
        if (s->n_entries >= CACHE_MAX_ENTRIES || s->pool_len + len + res.n > CACHE_POOL) {
            cache_clear(s);
            for (i = h & mask; s->slot[i].klen; i = (i + 1) & mask)
                ;
        }
        s->slot[i].hash = h;
        s->slot[i].off = (uint32_t)s->pool_len;
        s->slot[i].klen = (uint16_t)len;
        s->slot[i].slen = (uint16_t)res.n;
        s->slot[i].how = (uint8_t)how;
        memcpy(s->pool + s->pool_len, w, len);
        memcpy(s->pool + s->pool_len + len, res.s, res.n);
        s->pool_len += len + res.n;
        s->n_entries++;
    }
    return emit(res.s, res.n, out, cap);
}
