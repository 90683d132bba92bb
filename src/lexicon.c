/* lexicon.c -- the set of Indonesian root words behind lexicon.h.
 *
 * Owns: a string pool holding every word once (NUL-separated) and an
 * open-addressing hash table of {hash, pool offset, length} slots.
 *
 * Invariants: the table size is a power of two and at most half full, so a
 * linear probe stays short (Knuth, TAOCP vol. 3, 6.4: about 1.5 probes for
 * a hit at load 1/2) and an empty slot always ends a miss. A slot with
 * len == 0 is empty; words are never removed.
 *
 * Loading the .dic: hunspell dictionaries are "word/FLAGS" lines, optionally
 * followed by whitespace and morphological fields; the first line is the
 * entry count. The entries are the roots (the affix flags say which derived
 * forms exist, and the stemmer derives those by rule), so only the part
 * before '/' is kept. id_ID.dic is ISO-8859-1: each byte >= 0x80 is the
 * code point of the same value, written here as two UTF-8 bytes; upper
 * case (ASCII and Latin-1 A-grave..Thorn except the multiplication sign)
 * is folded the same way utf8proc would. The whole file (~400 KB) is read
 * at once; loading takes a few milliseconds (see docs/internals/stem.md).
 *
 * Affix flags: each root keeps a LEX_AF_* bit set built from its hunspell
 * flags (FLAG long: two characters each). hunspell-id names its prefix
 * flags by family letter (B ber-, D di-, K ke-, M me-, P pe-, R per-,
 * S se-, T ter-; a second capital is a combined prefix: MR = memper-,
 * KB = keber-), and its circumfixes are suffix flags starting with the
 * prefix letter (Ka = ke-...-an), so a flag's capitals give prefix bits
 * and a suffix flag's affix text in the .aff (an..., kan..., i...) gives
 * the suffix bit. The stemmer prefers analyses the flags license.
 *
 * Hash: XXH3 64-bit (libxxhash), low 32 bits kept in the slot to skip most
 * string compares. */
#include "lexicon.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "mem.h"

#define LEX_MIN_SLOTS 1024u          /* initial table size, power of two */
#define LEX_MAX_FILE (64u << 20)     /* refuse dictionaries above 64 MiB */

struct lslot {
    uint32_t hash; /* low 32 bits of XXH3 of the word */
    uint32_t off;  /* offset of the word in pool */
    uint32_t len;  /* bytes; 0 marks an empty slot */
    uint32_t af;   /* LEX_AF_* bits */
};

struct lexicon {
    struct lslot *slot; /* owned; n_slots entries */
    size_t n_slots;     /* power of two */
    size_t n;           /* words stored */
    char *pool;         /* owned; words, each followed by a NUL */
    size_t pool_len;    /* bytes used in pool */
    size_t pool_cap;    /* bytes allocated for pool */
};

struct lexicon *lexicon_new(void)
{
    struct lexicon *lex = kb_calloc(1, sizeof *lex);

    lex->n_slots = LEX_MIN_SLOTS;
    lex->slot = kb_calloc(lex->n_slots, sizeof *lex->slot);
    return lex;
}

void lexicon_free(struct lexicon *lex)
{
    if (!lex) return;
    free(lex->slot);
    free(lex->pool);
    free(lex);
}

size_t lexicon_count(const struct lexicon *lex)
{
    return lex ? lex->n : 0;
}

int lexicon_available(const struct lexicon *lex)
{
    return lex && lex->n > 0;
}

static size_t find_slot(const struct lexicon *lex, const char *w, size_t len, uint32_t h)
{
    size_t mask = lex->n_slots - 1, i = h & mask;

    for (;;) {
        const struct lslot *s = &lex->slot[i];
        if (s->len == 0) return i;
        if (s->hash == h && s->len == len && memcmp(lex->pool + s->off, w, len) == 0) return i;
        i = (i + 1) & mask;
    }
}

unsigned lexicon_affixes(const struct lexicon *lex, const char *w, size_t len)
{
    uint32_t h;

    if (!lex || lex->n == 0 || len == 0 || len > LEXICON_MAX_WORD) return 0;
    h = (uint32_t)XXH3_64bits(w, len);
    return lex->slot[find_slot(lex, w, len, h)].af; /* 0 in an empty slot */
}

int lexicon_has(const struct lexicon *lex, const char *w, size_t len)
{
    return lexicon_affixes(lex, w, len) != 0;
}

static void grow(struct lexicon *lex)
{
    struct lslot *old = lex->slot;
    size_t i, n_old = lex->n_slots;

    lex->n_slots *= 2;
    lex->slot = kb_calloc(lex->n_slots, sizeof *lex->slot);
    for (i = 0; i < n_old; i++) {
        size_t mask = lex->n_slots - 1, j;
        if (old[i].len == 0) continue;
        for (j = old[i].hash & mask; lex->slot[j].len; j = (j + 1) & mask)
            ;
        lex->slot[j] = old[i];
    }
    free(old);
}

int lexicon_add(struct lexicon *lex, const char *w, size_t len)
{
    return lexicon_add_affixes(lex, w, len, LEX_AF_ALL);
}

int lexicon_add_affixes(struct lexicon *lex, const char *w, size_t len, unsigned affixes)
{
    uint32_t h;
    size_t i;

    if (!lex) return KB_EINVAL;
    if (len == 0 || len > LEXICON_MAX_WORD) return 0;
    h = (uint32_t)XXH3_64bits(w, len);
    i = find_slot(lex, w, len, h);
    if (lex->slot[i].len) { /* already there: a homograph adds its flags */
        lex->slot[i].af |= affixes | LEX_AF_ROOT;
        return 0;
    }
    if (lex->pool_len + len + 1 > lex->pool_cap) {
        size_t cap = lex->pool_cap ? lex->pool_cap * 2 : 4096;
        while (cap < lex->pool_len + len + 1) cap *= 2;
        lex->pool = kb_realloc(lex->pool, cap);
        lex->pool_cap = cap;
    }
    memcpy(lex->pool + lex->pool_len, w, len);
    lex->pool[lex->pool_len + len] = '\0';
    lex->slot[i].hash = h;
    lex->slot[i].off = (uint32_t)lex->pool_len;
    lex->slot[i].len = (uint32_t)len;
    lex->slot[i].af = affixes | LEX_AF_ROOT;
    lex->pool_len += len + 1;
    lex->n++;
    if (lex->n * 2 > lex->n_slots) grow(lex);
    return 0;
}

/* One .dic entry line[0..n) (no newline) -> lower-case UTF-8 in out; returns
 * the length, or 0 when the entry is unusable (empty, too long). *flags is
 * set to the offset just past the '/' (n when there are no flags). */
static size_t entry_word(const char *line, size_t n, char *out, size_t *flags)
{
    size_t i, o = 0;

    *flags = n;
    for (i = 0; i < n; i++)
        if (line[i] == '/' || line[i] == '\t' || line[i] == ' ') break;
    if (i < n && line[i] == '/') *flags = i + 1;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c == '/' || c == '\t' || c == ' ' || c == '\r') break;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        /* Latin-1 capitals U+00C0..U+00DE fold to U+00E0..U+00FE, except
         * U+00D7 (multiplication sign), which has no case */
        if (c >= 0xC0 && c <= 0xDE && c != 0xD7) c = (unsigned char)(c + 32);
        if (o + 2 > LEXICON_MAX_WORD) return 0;
        if (c < 0x80) {
            out[o++] = (char)c;
        } else {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    return o;
}

/* Prefix family of a hunspell-id flag letter (see the top comment). */
static unsigned letter_bits(unsigned char c)
{
    switch (c) {
    case 'B': return LEX_AF_BER;
    case 'D': return LEX_AF_DI;
    case 'K': return LEX_AF_KE;
    case 'M': return LEX_AF_ME;
    case 'P': return LEX_AF_PE;
    case 'R': return LEX_AF_PER;
    case 'S': return LEX_AF_SE;
    case 'T': return LEX_AF_TER;
    default: return 0;
    }
}

/* Suffix bits of every two-character SFX flag in the .aff text: the
 * affix text of its rules ("an/B1l0A1" -> -an). sfx has 65536 entries,
 * indexed by the flag's two bytes. */
static void parse_aff(const char *d, size_t len, unsigned *sfx)
{
    size_t i = 0;

    while (i < len) {
        const char *line = d + i, *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        const char *tok[4];
        size_t tl[4], t = 0, j = 0;

        i += n + 1;
        if (n < 4 || memcmp(line, "SFX", 3) != 0) continue;
        while (t < 4 && j < n) {
            while (j < n && (line[j] == ' ' || line[j] == '\t')) j++;
            if (j >= n) break;
            tok[t] = line + j;
            while (j < n && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') j++;
            tl[t] = (size_t)(line + j - tok[t]);
            t++;
        }
        if (t < 4 || tl[1] != 2) continue;
        /* the header "SFX Fl Y 3" has a cross-product letter, not a strip */
        if (tl[2] == 1 && (tok[2][0] == 'Y' || tok[2][0] == 'N') && tok[3][0] >= '0' &&
            tok[3][0] <= '9')
            continue;
        {
            unsigned idx = (unsigned char)tok[1][0] << 8 | (unsigned char)tok[1][1];
            const char *a = tok[3];
            size_t al = tl[3];
            if (al >= 3 && memcmp(a, "kan", 3) == 0) sfx[idx] |= LEX_AF_KAN;
            else if (al >= 2 && memcmp(a, "an", 2) == 0) sfx[idx] |= LEX_AF_AN;
            else if (al >= 1 && a[0] == 'i') sfx[idx] |= LEX_AF_I;
        }
    }
}

/* LEX_AF_* bits of the flags f[0..n) (FLAG long: pairs of bytes). */
static unsigned flag_bits(const char *f, size_t n, const unsigned *sfx)
{
    unsigned m = 0;
    size_t i;

    for (i = 0; i + 1 < n; i += 2) {
        unsigned char a = (unsigned char)f[i], b = (unsigned char)f[i + 1];
        if (a == '\t' || a == ' ' || a == '\r') break;
        m |= letter_bits(a) | letter_bits(b) | sfx[a << 8 | b];
    }
    return m;
}

/* Whole file into a new buffer (free with free()), or NULL with err set. */
static char *read_all(const char *path, size_t *out_len, struct kb_err *err)
{
    FILE *f;
    char *data = NULL;
    size_t len = 0, cap = 0;

    f = fopen(path, "rb");
    if (!f) {
        kb_err_set(err, KB_EIO, "lexicon: %s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            if (cap >= LEX_MAX_FILE) {
                fclose(f);
                free(data);
                kb_err_set(err, KB_ETOOBIG, "lexicon: %s: larger than %u bytes", path,
                           LEX_MAX_FILE);
                return NULL;
            }
            cap = cap ? cap * 2 : 1u << 19;
            data = kb_realloc(data, cap);
        }
        got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        fclose(f);
        free(data);
        kb_err_set(err, KB_EIO, "lexicon: %s: read error", path);
        return NULL;
    }
    fclose(f);
    *out_len = len;
    return data;
}

static int all_digits(const char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') k++;
        else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
    }
    return k > 0;
}

struct lexicon *lexicon_load(const char *dic_path, struct kb_err *err)
{
    char *data, *aff = NULL, *aff_path;
    size_t len = 0, aff_len = 0, i, line_no = 0, pl;
    unsigned *sfx = NULL;
    struct lexicon *lex;
    char word[LEXICON_MAX_WORD];

    if (!dic_path) {
        kb_err_set(err, KB_EINVAL, "lexicon: no dictionary path");
        return NULL;
    }
    data = read_all(dic_path, &len, err);
    if (!data) return NULL;
    pl = strlen(dic_path);
    if (pl > 4 && memcmp(dic_path + pl - 4, ".dic", 4) == 0) {
        aff_path = kb_strdup(dic_path);
        memcpy(aff_path + pl - 4, ".aff", 4);
        aff = read_all(aff_path, &aff_len, NULL); /* optional */
        free(aff_path);
    }
    if (aff) {
        sfx = kb_calloc(65536, sizeof *sfx);
        parse_aff(aff, aff_len, sfx);
        free(aff);
    }

    lex = lexicon_new();
    for (i = 0; i < len;) {
        const char *line = data + i, *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i, wl, fo;

        i += n + 1;
        line_no++;
        if (line_no == 1 && all_digits(line, n)) continue; /* the entry count */
        wl = entry_word(line, n, word, &fo);
        if (wl == 0) continue;
        if (lexicon_add_affixes(lex, word, wl,
                                sfx ? flag_bits(line + fo, n - fo, sfx) : LEX_AF_ALL))
            break; /* cannot fail: lex != NULL */
    }
    free(data);
    free(sfx);
    if (lex->n == 0) {
        lexicon_free(lex);
        kb_err_set(err, KB_EPARSE, "lexicon: %s: no entries", dic_path);
        return NULL;
    }
    return lex;
}

static struct lexicon *shared_lex;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void load_shared(void)
{
    const char *path = getenv("KABAR_ID_DIC");

    shared_lex = lexicon_load(path && *path ? path : LEXICON_DEFAULT_DIC, NULL);
    if (!shared_lex) shared_lex = lexicon_new(); /* empty: rules without validation */
}

const struct lexicon *lexicon_default(void)
{
    pthread_once(&shared_once, load_shared);
    return shared_lex;
}
