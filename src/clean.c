/* clean.c -- removing page junk from article text.
 *
 * Owns: struct clean_ctx, open-addressing hash tables of counts (line ->
 * distinct articles of a site containing it; site -> articles learned;
 * texts already learned, so that a copy of an article is learned once).
 * clean_text reads the context only, so once learning is over many threads
 * may clean with one context.
 *
 * Algorithm, per input line (a line is a paragraph):
 *  1. normalise: invalid UTF-8 bytes become U+FFFD, NUL and other control
 *     characters become spaces, zero-width characters go, runs of blanks
 *     (including NBSP) collapse to one space, the line is trimmed;
 *  2. repetition: a line that clean_learn saw in many distinct articles of
 *     the same site is template text (see repeated() for the thresholds) --
 *     unless dropping such lines leaves the article no content line: then
 *     the text is cleaned again keeping repeated prose, then with no
 *     repetition rule (enum rep_level), since a site repeating itself is
 *     no proof that this article is empty;
 *  3. dateline: "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "site.tld –"
 *     at the start of one of the first lines is cut, the place kept;
 *  4. photo captions: an ALL-CAPS lead AND a "-AGENCY CREDIT-" tail;
 *  5. the rule table RULES: whole-line words ("ADVERTISEMENT") and lead
 *     phrases ("Baca juga", "Editor:", "Sumber:") that introduce a junk
 *     fragment. A lead phrase drops the line only when the line is one short
 *     sentence; in a longer paragraph only the first (or last) sentence it
 *     heads is cut, when that sentence is short -- so a real paragraph that
 *     happens to start with "Baca juga" keeps its news sentences. Without a
 *     colon after the phrase, a sentence that reads as prose is kept
 *     ("Klik Indonesia, perusahaan rintisan ... meraih pendanaan.") unless
 *     it addresses the reader for the outlet (junk_lead). Sentence
 *     boundaries come from sent_split, the same splitter the analysis uses;
 *  6. end marks "(*)", "(ant)", "(rls/dwi)" after a sentence end are cut;
 *  7. output: sentences glued by scraping ("tersebut.Rusia", ". .Kapal") get
 *     one space between them, a heading glued to its paragraph
 *     ("Poin-Poin PentingUkraina") a line break; everything else is copied
 *     as it is. */
#include "clean.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>
#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

#include "mem.h"
#include "sent.h"
#include "span.h"

#define DEFAULT_MIN_REPEATS 3
/* A repeated line longer than this that reads as prose is a reused news
 * paragraph (background text in follow-up stories), never template text:
 * site templates (bylines, promos, disclaimers) are one or two short
 * sentences, and 300 bytes is about 40 Indonesian words. */
#define LONG_PROSE 300
#define DATELINE_LINES 3  /* a dateline opens one of the first lines */
#define DATELINE_MAX 80   /* bytes before the dash of a dateline */
#define HEADLINE_WORDS 15 /* a headline announced by a bare "Baca juga:" line */
#define MAX_PASSES 8      /* fragments cut from one line, at most */

/* ---- hash table of counts -------------------------------------------- */

struct hmap {
    uint64_t *key; /* owned; 0 marks an empty slot */
    uint32_t *val; /* owned; counts, parallel to key */
    size_t n;      /* slots in use */
    size_t cap;    /* slots allocated, a power of two */
};

struct clean_ctx {
    struct hmap lines;    /* hash(site, normalised line) -> distinct articles */
    struct hmap sites;    /* hash(site) -> articles learned */
    struct hmap texts;    /* hash(site, normalised text) -> 1: texts already learned */
    unsigned min_repeats; /* articles a line must appear in to be template text */
};

static uint32_t *hmap_slot(struct hmap *m, uint64_t k, int add)
{
    size_t i;
    if (k == 0) k = 1; /* 0 marks an empty slot */
    if (add && (m->n + 1) * 4 >= m->cap * 3) {
        struct hmap g;
        size_t j;
        g.cap = m->cap ? m->cap * 2 : 256;
        g.n = 0;
        g.key = kb_calloc(g.cap, sizeof *g.key);
        g.val = kb_calloc(g.cap, sizeof *g.val);
        for (j = 0; j < m->cap; j++) {
            if (m->key[j]) *hmap_slot(&g, m->key[j], 1) = m->val[j];
        }
        free(m->key);
        free(m->val);
        *m = g;
    }
    if (m->cap == 0) return NULL;
    for (i = (size_t)k & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->key[i] == k) return &m->val[i];
        if (m->key[i] == 0) {
            if (!add) return NULL;
            m->key[i] = k;
            m->val[i] = 0;
            m->n++;
            return &m->val[i];
        }
    }
}

static uint32_t hmap_get(const struct hmap *m, uint64_t k)
{
    uint32_t *v = hmap_slot((struct hmap *)m, k, 0); /* add == 0 never writes */
    return v ? *v : 0;
}

struct clean_ctx *clean_new(void)
{
    struct clean_ctx *c = kb_calloc(1, sizeof *c);
    c->min_repeats = DEFAULT_MIN_REPEATS;
    return c;
}

void clean_free(struct clean_ctx *c)
{
    if (!c) return;
    free(c->lines.key);
    free(c->lines.val);
    free(c->sites.key);
    free(c->sites.val);
    free(c->texts.key);
    free(c->texts.val);
    free(c);
}

void clean_set_min_repeats(struct clean_ctx *c, unsigned n)
{
    if (c) c->min_repeats = n ? n : 1;
}

/* ---- normalisation ---------------------------------------------------- */

/* Length of a line break at s[i]: \n, \r, \r\n, U+2028, U+2029; else 0. */
static size_t eol_at(const char *s, size_t len, size_t i)
{
    if (s[i] == '\n') return 1;
    if (s[i] == '\r') return (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
    if ((unsigned char)s[i] == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* Write s[0..n) (one line, no line breaks) to w normalised: valid UTF-8,
 * no control or zero-width characters, single spaces, trimmed. */
static int norm_line(const char *s, size_t n, struct buf *w)
{
    size_t i = 0;
    int rc = 0, space = 0;
    buf_reset(w);
    while (i < n && rc == 0) {
        unsigned char c = (unsigned char)s[i];
        int32_t cp;
        utf8proc_ssize_t k;
        if (c < 0x80) {
            if (c <= 0x20 || c == 0x7F) {
                space = 1;
            } else {
                if (space && w->len) rc = buf_putc(w, ' ');
                space = 0;
                if (rc == 0) rc = buf_putc(w, (char)c);
            }
            i++;
            continue;
        }
        k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            cp = 0xFFFD; /* one replacement per bad byte */
            k = 1;
        }
        if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
            cp == 0xAD) {
            /* zero-width and soft hyphen: invisible, would split words */
        } else if ((cp >= 0x80 && cp < 0xA0) ||
                   utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS) {
            space = 1;
        } else {
            if (space && w->len) rc = buf_putc(w, ' ');
            space = 0;
            if (rc == 0) {
                if (cp == 0xFFFD && k == 1) rc = buf_append(w, "\xEF\xBF\xBD", 3);
                else rc = buf_append(w, s + i, (size_t)k);
            }
        }
        i += (size_t)k;
    }
    return rc;
}

static uint64_t site_seed(const char *site)
{
    return (site && *site) ? XXH3_64bits(site, strlen(site)) : 0;
}

/* Hash of a normalised line, ASCII case folded, in the site's space. */
static uint64_t line_key(const char *s, size_t n, uint64_t seed)
{
    XXH3_state_t st;
    char chunk[256];
    size_t i = 0;
    /* A state on the stack must be initialised before a seeded reset:
     * reset_withSeed skips deriving its secret when the stale seed field
     * equals the new seed, and then hashes with whatever secret the stack
     * held -- line keys that changed from call to call (and with ASLR),
     * so lines learned as repeated were sometimes not recognised. */
    XXH3_INITSTATE(&st);
    XXH3_64bits_reset_withSeed(&st, seed);
    while (i < n) {
        size_t k = 0;
        while (k < sizeof chunk && i < n) {
            char c = s[i++];
            chunk[k++] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
        }
        XXH3_64bits_update(&st, chunk, k);
    }
    return XXH3_64bits_digest(&st);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void clean_learn(struct clean_ctx *c, const char *site, const char *text, size_t len)
{
    struct buf w = BUF_INIT;
    uint64_t seed, text_key, *keys = NULL;
    uint32_t *seen;
    size_t nk = 0, ck = 0, i = 0, k;
    if (!c || !text) return;
    seed = site_seed(site);
    while (i < len) {
        size_t e = i, br = 0;
        while (e < len && (br = eol_at(text, len, e)) == 0) e++;
        if (norm_line(text + i, e - i, &w) == 0 && w.len > 0) {
            if (nk == ck) {
                ck = ck ? ck * 2 : 64;
                keys = kb_realloc(keys, ck * sizeof *keys);
            }
            keys[nk++] = line_key(w.ptr, w.len, seed);
        }
        i = e + br;
    }
    if (nk == 0) { /* blanks and control bytes teach nothing */
        buf_release(&w);
        return;
    }
    /* One text counts once per site. The same article fetched as www., m.
     * and amp. pages (or fed twice) is not three articles: counted three
     * times, every one of its lines would look like site template and the
     * article would clean to nothing. The key is the sequence of line keys,
     * so copies that differ only in blanks, ASCII case or line breaks
     * inside whitespace runs are one text. */
    text_key = XXH3_64bits_withSeed(keys, nk * sizeof *keys, seed ^ 0xC2B2AE3D27D4EB4Full);
    seen = hmap_slot(&c->texts, text_key, 1);
    if (*seen) {
        free(keys);
        buf_release(&w);
        return;
    }
    *seen = 1;
    /* each distinct line counts once per article */
    qsort(keys, nk, sizeof *keys, cmp_u64);
    for (k = 0; k < nk; k++) {
        if (k > 0 && keys[k] == keys[k - 1]) continue;
        (*hmap_slot(&c->lines, keys[k], 1))++;
    }
    (*hmap_slot(&c->sites, seed ^ 0x9E3779B97F4A7C15ull, 1))++;
    free(keys);
    buf_release(&w);
}

/* ---- small text tests ------------------------------------------------- */

static size_t count_words(const char *s, size_t n)
{
    size_t i, w = 0;
    int in = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == ' ') in = 0;
        else if (!in) {
            in = 1;
            w++;
        }
    }
    return w;
}

/* Does s[0..n) end with sentence punctuation (looking through quotes)? */
static int ends_sentence(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')') n--;
        else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
                 (c == 0x9D || c == 0x99))
            n -= 3;
        else break;
    }
    if (n == 0) return 0;
    return s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' ||
           (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            (unsigned char)s[n - 1] == 0xA6);
}

/* Reads as running prose: >= 6 words, a final mark, and mostly lower-case
 * words (headlines, menus and credits are Title Case or CAPS). */
static int prose_like(const char *s, size_t n)
{
    size_t i, words = 0, lower = 0;
    int in = 0;
    if (!ends_sentence(s, n)) return 0;
    for (i = 0; i < n; i++) {
        if (s[i] == ' ') in = 0;
        else if (!in) {
            in = 1;
            words++;
            if (s[i] >= 'a' && s[i] <= 'z') lower++;
        }
    }
    return words >= 6 && lower * 2 >= words;
}

static int is_up_ascii(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lo_ascii(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_alpha_ascii(char c)
{
    return is_up_ascii(c) || is_lo_ascii(c);
}

/* ---- repetition ------------------------------------------------------- */

/* How much the repetition rule may drop. clean_text starts at REP_FULL and
 * steps down only when repetition would leave the article without a content
 * line (see has_content), so that repetition alone never empties an
 * article: a story a site carries on many pages, or a batch that holds
 * near-copies of one article, stays readable. */
enum rep_level {
    REP_OFF = 0,     /* no line is dropped for repetition */
    REP_NO_PROSE = 1,/* only repeated lines that do not read as prose */
    REP_FULL = 2     /* the thresholds of repeated() */
};

/* Is the normalised line s[0..n) template text of site? It must appear in
 * at least min_repeats articles of the site. Then a line that does not read
 * as prose (menus, bylines, promos, "Baca juga" links) goes. A prose line
 * goes only when it is also in at least half of the site's articles (a
 * disclaimer every page carries), because a site legitimately repeats a
 * background sentence across a few follow-up stories; and prose longer than
 * LONG_PROSE is always kept, as a reused news paragraph. */
static int repeated(const struct clean_ctx *c, uint64_t seed, const char *s, size_t n,
                    int level)
{
    uint32_t cnt, arts;
    int prose;
    if (!c || c->lines.n == 0 || level == REP_OFF) return 0;
    cnt = hmap_get(&c->lines, line_key(s, n, seed));
    if (cnt < c->min_repeats) return 0;
    prose = prose_like(s, n);
    if (!prose) return 1;
    if (n > LONG_PROSE || level == REP_NO_PROSE) return 0;
    arts = hmap_get(&c->sites, seed ^ 0x9E3779B97F4A7C15ull);
    return (size_t)cnt * 2 >= arts;
}

/* ---- rule table ------------------------------------------------------- */

enum rule_kind {
    RULE_LINE, /* the whole line is this text (no case; trailing ": . !" ignored) */
    RULE_LEAD  /* this text heads a junk fragment: a sentence that starts with it */
};

enum {
    RF_COLON = 1u << 0,   /* a ':' must follow (after optional spaces): "Editor:" */
    RF_HEADLINE = 1u << 1 /* alone on its line, it announces a headline on the next */
};

struct rule {
    enum rule_kind kind;
    const char *text;   /* static; ASCII, matched without case at a word boundary */
    unsigned max_words; /* RULE_LEAD: longest fragment (words) it may remove */
    unsigned flags;     /* RF_* */
};

/* Lead phrases get a word budget: a "Baca juga: <headline>" fragment is a
 * headline (<= ~20 words); a credit ("Sumber: AP/Ng Han Guan") is shorter.
 * A sentence longer than the budget is news that happens to start with the
 * phrase and is kept. */
static const struct rule RULES[] = {
    /* related links, prompts to watch / follow / install */
    {RULE_LEAD, "baca juga", 25, RF_HEADLINE},
    {RULE_LEAD, "baca selengkapnya", 25, 0},
    {RULE_LEAD, "baca artikel", 25, 0},
    {RULE_LEAD, "baca berita", 25, 0},
    {RULE_LEAD, "baca", 25, RF_COLON | RF_HEADLINE},
    {RULE_LEAD, "simak juga", 25, RF_HEADLINE},
    {RULE_LEAD, "simak video", 25, 0},
    {RULE_LEAD, "simak berita", 25, 0},
    {RULE_LEAD, "simak selengkapnya", 25, 0},
    {RULE_LEAD, "simak breaking news", 25, 0},
    {RULE_LEAD, "lihat juga", 25, RF_HEADLINE},
    {RULE_LEAD, "lihat video", 25, 0},
    {RULE_LEAD, "saksikan", 25, 0},
    {RULE_LEAD, "tonton", 25, RF_HEADLINE},
    {RULE_LEAD, "dengarkan", 25, 0},
    {RULE_LEAD, "ikuti kami", 25, 0},
    {RULE_LEAD, "ikuti juga", 25, 0},
    {RULE_LEAD, "ikuti berita", 25, 0},
    {RULE_LEAD, "ikuti saluran", 25, 0},
    {RULE_LEAD, "ikuti update", 25, 0},
    {RULE_LEAD, "follow", 25, 0},
    {RULE_LEAD, "klik", 25, 0},
    {RULE_LEAD, "download aplikasi", 25, 0},
    {RULE_LEAD, "unduh aplikasi", 25, 0},
    {RULE_LEAD, "dapatkan update", 25, 0},
    {RULE_LEAD, "dapatkan berita", 25, 0},
    {RULE_LEAD, "berita terkait", 25, RF_HEADLINE},
    {RULE_LEAD, "artikel terkait", 25, RF_HEADLINE},
    {RULE_LEAD, "artikel ini telah tayang", 30, 0},
    {RULE_LEAD, "artikel ini sudah tayang", 30, 0},
    {RULE_LEAD, "artikel ini telah terbit", 30, 0},
    /* syndication partnership credits that follow the "telah tayang" line */
    {RULE_LEAD, "konten ini hasil kerja sama", 20, 0},
    {RULE_LEAD, "konten ini merupakan kerja sama", 20, 0},
    {RULE_LEAD, "artikel ini hasil kerja sama", 20, 0},
    {RULE_LEAD, "artikel ini merupakan kerja sama", 20, 0},
    {RULE_LEAD, "halaman selanjutnya", 15, 0},
    {RULE_LEAD, "gambas", 10, RF_COLON},
    {RULE_LEAD, "scroll to continue", 10, 0},
    {RULE_LEAD, "share this", 10, 0},
    {RULE_LEAD, "bagikan artikel", 10, 0},
    {RULE_LEAD, "leave a reply", 10, 0},
    {RULE_LEAD, "leave a comment", 10, 0},
    {RULE_LEAD, "your email address will not be published", 20, 0},
    {RULE_LEAD, "required fields are marked", 10, 0},
    {RULE_LEAD, "read more", 25, 0},
    {RULE_LEAD, "read also", 25, 0},
    {RULE_LEAD, "see also", 25, 0},
    {RULE_LEAD, "click here", 25, 0},
    {RULE_LEAD, "subscribe", 25, 0},
    {RULE_LEAD, "copyright", 25, 0},
    {RULE_LEAD, "hak cipta", 25, 0},
    {RULE_LEAD, "all rights reserved", 10, 0},
    {RULE_LEAD, "\xC2\xA9", 25, 0}, /* the copyright sign */
    {RULE_LEAD, "tags", 30, RF_COLON},
    {RULE_LEAD, "tag", 30, RF_COLON},
    {RULE_LEAD, "topik", 30, RF_COLON},
    /* bylines and credits */
    {RULE_LEAD, "reporter", 20, RF_COLON},
    {RULE_LEAD, "editor", 20, RF_COLON},
    {RULE_LEAD, "editor foto", 20, RF_COLON},
    {RULE_LEAD, "penulis", 20, RF_COLON},
    {RULE_LEAD, "pewarta", 20, RF_COLON},
    {RULE_LEAD, "redaktur", 20, RF_COLON},
    {RULE_LEAD, "penyunting", 20, RF_COLON},
    {RULE_LEAD, "kontributor", 20, RF_COLON},
    {RULE_LEAD, "fotografer", 20, RF_COLON},
    {RULE_LEAD, "penerjemah", 20, RF_COLON},
    {RULE_LEAD, "writer", 20, RF_COLON},
    {RULE_LEAD, "author", 20, RF_COLON},
    {RULE_LEAD, "laporan wartawan", 15, 0},
    {RULE_LEAD, "laporan reporter", 15, 0},
    {RULE_LEAD, "sumber", 12, RF_COLON},
    {RULE_LEAD, "foto", 15, RF_COLON},
    {RULE_LEAD, "video", 15, RF_COLON},
    {RULE_LEAD, "infografis", 15, RF_COLON},
    {RULE_LEAD, "ilustrasi", 15, RF_COLON},
    {RULE_LEAD, "antara foto/", 15, 0},
    /* single words that are junk only as a whole line */
    {RULE_LINE, "advertisement", 0, 0},
    {RULE_LINE, "iklan", 0, 0},
    {RULE_LINE, "bagikan", 0, 0},
    {RULE_LINE, "share", 0, 0},
    {RULE_LINE, "komentar", 0, 0},
    {RULE_LINE, "comments", 0, 0},
    {RULE_LINE, "loading", 0, 0},
    {RULE_LINE, "pilihan redaksi", 0, 0},
    {RULE_LINE, "terpopuler", 0, 0},
    {RULE_LINE, "berita populer", 0, 0},
    {RULE_LINE, "trending", 0, 0},
    {RULE_LINE, "print", 0, 0},
    {RULE_LINE, "cetak", 0, 0},
    {RULE_LINE, "tweet", 0, 0},
    {RULE_LINE, "salin tautan", 0, 0},
    {RULE_LINE, "copy link", 0, 0},
    {RULE_LINE, "tutup", 0, 0},
    {RULE_LINE, "close", 0, 0},
    {RULE_LINE, "ads", 0, 0},
};

#define N_RULES (sizeof RULES / sizeof RULES[0])

/* Does s[0..n) start with rule text t at a word boundary (and a ':' when
 * RF_COLON)? Returns the bytes matched (through the ':'), or 0. */
static size_t match_lead(const char *s, size_t n, const char *t, unsigned flags)
{
    size_t k = strlen(t), i = 0;
    if (n > 0 && (s[0] == '(' || s[0] == '[')) i = 1; /* "(Foto: ...)", "[Gambas:...]" */
    if (n - i < k || strncasecmp(s + i, t, k) != 0) return 0;
    i += k;
    if (is_alpha_ascii(t[k - 1]) && i < n && (is_alpha_ascii(s[i]) || (s[i] >= '0' && s[i] <= '9')))
        return 0;
    if (flags & RF_COLON) {
        while (i < n && s[i] == ' ') i++;
        if (i >= n || s[i] != ':') return 0;
        i++;
    }
    return i;
}

/* The RULE_LEAD rule heading s[0..n), or NULL; *m gets the bytes matched. */
static const struct rule *lead_rule(const char *s, size_t n, size_t *m)
{
    size_t k;
    for (k = 0; k < N_RULES; k++) {
        if (RULES[k].kind != RULE_LEAD) continue;
        if ((*m = match_lead(s, n, RULES[k].text, RULES[k].flags)) > 0) return &RULES[k];
    }
    return NULL;
}

/* Does word w (ASCII) occur in s[0..n) as a whole word, any case, also
 * with the clitic "-nya" when nya is set ("katanya", "pintanya")? */
static int has_word(const char *s, size_t n, const char *w, int nya)
{
    size_t k = strlen(w), i, e;
    for (i = 0; i + k <= n; i++) {
        if ((i > 0 && is_alpha_ascii(s[i - 1])) || strncasecmp(s + i, w, k) != 0) continue;
        e = i + k;
        if (nya && e + 3 <= n && strncasecmp(s + e, "nya", 3) == 0) e += 3;
        if (e < n && is_alpha_ascii(s[e])) continue;
        return 1;
    }
    return 0;
}

/* Does the sentence s[0..n) speak to the reader on the outlet's behalf
 * ("Download aplikasi kami ...", "Klik di sini untuk ...")? News prose
 * that opens with a prompt word ("Klik Indonesia, perusahaan rintisan ...")
 * does not; a first person inside reported speech is the speaker's, so a
 * sentence with quotation marks or a speech verb never counts. */
static int reader_prompt(const char *s, size_t n)
{
    /* verbs that report speech, bare or with -nya ("kata", "pintanya");
     * "jelas" and "terang" also mean "clear", so only their -nya forms */
    static const char *const speech[] = {"kata",  "ujar",  "ucap", "ungkap", "tutur",    "pinta",
                                         "imbau", "ajak",  "tegas", "sebut", "jelasnya", "terangnya",
                                         "menurut", NULL};
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '"') return 0;
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] >= 0x9C && (unsigned char)s[i + 2] <= 0x9D)
            return 0; /* “ ” */
    }
    for (i = 0; speech[i]; i++)
        if (has_word(s, n, speech[i], 1)) return 0;
    return has_word(s, n, "kami", 0) || has_word(s, n, "di sini", 0) || has_word(s, n, "disini", 0);
}

/* The lead rule that makes the sentence s[0..n) a junk fragment, or NULL;
 * *m gets the bytes the rule matched. The sentence must fit the rule's word
 * budget. A phrase followed by a colon ("Tonton: ...", "Sumber: ...")
 * introduces furniture whatever follows, and so does a phrase of three or
 * more words ("your email address will not be published", "artikel ini
 * telah tayang"), too specific to open news. Without a colon, the short
 * phrases also open real news ("Hak cipta atas lagu daerah kini
 * dilindungi ...", "Klik Indonesia, perusahaan rintisan asal Bandung,
 * meraih ..."), so a sentence that reads as prose is kept unless it
 * addresses the reader for the outlet (reader_prompt). */
static const struct rule *junk_lead(const char *s, size_t n, size_t *m)
{
    const struct rule *r = lead_rule(s, n, m);
    size_t i;
    if (!r || count_words(s, n) > r->max_words) return NULL;
    if (*m > 0 && s[*m - 1] == ':') return r; /* RF_COLON matched through it */
    for (i = *m; i < n && s[i] == ' '; i++) {}
    if (i < n && s[i] == ':') return r;
    if (count_words(r->text, strlen(r->text)) >= 3) return r;
    if (prose_like(s, n) && !reader_prompt(s, n)) return NULL;
    return r;
}

/* Is the whole line one of the RULE_LINE words? */
static int line_rule(const char *s, size_t n)
{
    size_t k;
    while (n > 0 && (s[n - 1] == ':' || s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == ' ')) n--;
    for (k = 0; k < N_RULES; k++) {
        if (RULES[k].kind == RULE_LINE && strlen(RULES[k].text) == n &&
            strncasecmp(s, RULES[k].text, n) == 0)
            return 1;
    }
    return 0;
}

/* ---- end marks, captions, datelines ----------------------------------- */

/* Length of s[0..n) without trailing end marks like "(*)", "(ant)",
 * "(rls/dwi)", "(AFP)": a bracket of <= 10 letters, '*' or '/', that
 * follows a sentence end or is the whole line. */
static size_t cut_marks(const char *s, size_t n)
{
    int pass;
    for (pass = 0; pass < 3; pass++) {
        size_t e = n, k;
        while (e > 0 && s[e - 1] == ' ') e--;
        if (e < 3 || s[e - 1] != ')') break;
        k = e - 1;
        while (k > 0 && e - 1 - k <= 10 &&
               (is_alpha_ascii(s[k - 1]) || s[k - 1] == '*' || s[k - 1] == '/'))
            k--;
        if (k == 0 || s[k - 1] != '(' || k == e - 1) break;
        k--;
        {
            size_t b = k;
            while (b > 0 && s[b - 1] == ' ') b--;
            if (b > 0 && !ends_sentence(s, b)) break;
            n = b;
        }
    }
    return n;
}

/* Photo caption: starts with an ALL-CAPS phrase ("WAJAH PRAJURIT Korea
 * ...") AND ends with a credit between hyphens ("-V_ZELENKIY_OFFICIAL VIA
 * AFP-", "-AGENCE FRANCE-PRESSE-"). Either alone is not enough. */
static int caption_line(const char *s, size_t n)
{
    size_t i = 0, caps = 0, words = 0, e, k, letters = 0;
    /* the lead */
    while (i < n) {
        size_t w = i;
        while (i < n && (is_up_ascii(s[i]) || s[i] == '-')) i++;
        if (i == w || (i < n && s[i] != ' ' && s[i] != ',')) break;
        caps += i - w;
        words++;
        while (i < n && (s[i] == ' ' || s[i] == ',')) i++;
    }
    if (!(words >= 2 || caps >= 5) || caps < 4) return 0;
    /* the credit */
    e = n;
    if (e < 4 || s[e - 1] != '-') return 0;
    k = e - 1;
    while (k > 0 && (is_up_ascii(s[k - 1]) || (s[k - 1] >= '0' && s[k - 1] <= '9') ||
                     s[k - 1] == '_' || s[k - 1] == ' ' || s[k - 1] == '-' || s[k - 1] == '/' ||
                     s[k - 1] == '&')) {
        if (is_up_ascii(s[k - 1])) letters++;
        k--;
    }
    while (k < e - 1 && s[k] == ' ') k++;
    if (s[k] != '-' || letters < 2 || k == 0) return 0;
    return 1;
}

static int domain_token(const char *s, size_t n)
{
    size_t i, dot = 0, tld = 0;
    if (n < 4) return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (i == 0 || s[i - 1] == '.') return 0;
            dot = i;
        } else if (!(is_alpha_ascii(c) || (c >= '0' && c <= '9') || c == '-')) {
            return 0;
        }
    }
    if (!dot) return 0;
    for (i = dot + 1; i < n; i++) {
        if (!is_alpha_ascii(s[i])) return 0;
        tld++;
    }
    return tld >= 2 && tld <= 6;
}

/* Outlets that write their name, not their domain, in datelines. */
static const char *const OUTLETS[] = {
    "antara", "antaranews", "cnn indonesia", "cnbc indonesia", "kompas", "kontan", "tempo",
    "detikcom", "detiknews", "detikfinance", "okezone", "republika", "tribunnews", "liputan6",
    "viva", "suara", "merdeka", "bisnis", "katadata", "kumparan", "jpnn", "inews", "idn times",
    "beritasatu", "sindonews", "medcom", "metrotvnews", NULL};

static int known_outlet(const char *s, size_t n)
{
    size_t k;
    for (k = 0; OUTLETS[k]; k++)
        if (strlen(OUTLETS[k]) == n && strncasecmp(OUTLETS[k], s, n) == 0) return 1;
    return 0;
}

/* Words of s[0..n) all capitalised (or all caps when caps_only)? */
static int place_words(const char *s, size_t n, int caps_only)
{
    size_t i = 0, words = 0;
    while (i < n) {
        size_t w = i;
        if (!is_up_ascii(s[i])) return 0;
        while (i < n && s[i] != ' ') {
            if (!(is_alpha_ascii(s[i]) || s[i] == '-' || s[i] == '.')) return 0;
            if (caps_only && is_lo_ascii(s[i])) return 0;
            i++;
        }
        if (i - w < 2) return 0;
        words++;
        while (i < n && s[i] == ' ') i++;
    }
    return words >= 1 && words <= 4;
}

static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && s[*a] == ' ') (*a)++;
    while (*b > *a && s[*b - 1] == ' ') (*b)--;
}

/* A dateline at the start of s[0..n)? Returns the bytes to cut (through the
 * dash and the space after it) and writes the place (maybe "") to place.
 * Accepted: [PLACE][, or (] OUTLET [)] [, PLACE] [, DATE] DASH, where the
 * outlet is a domain ("KOMPAS.com", "beritaku.net") or a bracketed
 * capitalised name ("(ANTARA)"); or a place alone in capitals ("JAKARTA -")
 * or before a spaced en/em dash ("Lembah Sari – "). A capitalised place
 * before a hyphen ("Jakarta - Bandung") is not a dateline. */
static size_t dateline(const char *s, size_t n, char *place, size_t cap)
{
    size_t d, dl = 0, i, a, b, pa = 0, pb = 0, parts = 0;
    int outlet = 0, caps_place = 0, have_place = 0;
    for (d = 1; d < n && d < DATELINE_MAX; d++) {
        if (s[d - 1] != ' ') continue;
        if (s[d] == '-' && d + 1 < n && s[d + 1] == '-') dl = 2;
        else if (s[d] == '-') dl = 1;
        else if ((unsigned char)s[d] == 0xE2 && d + 2 < n && (unsigned char)s[d + 1] == 0x80 &&
                 ((unsigned char)s[d + 2] == 0x93 || (unsigned char)s[d + 2] == 0x94))
            dl = 3;
        if (dl) break;
    }
    if (!dl || d + dl >= n || s[d + dl] != ' ') return 0;
    if (count_words(s + d + dl, n - d - dl) < 3) return 0;
    /* the parts before the dash, split at commas */
    for (a = 0; a < d; a = b + 1) {
        size_t pa2, pb2;
        b = a;
        while (b < d && s[b] != ',') b++;
        pa2 = a;
        pb2 = b;
        trim(s, &pa2, &pb2);
        if (pa2 == pb2) return 0;
        parts++;
        if (parts > 3) return 0;
        /* "Jakarta (ANTARA)", "(ANTARA)", "Kamis (27/7)" */
        if (s[pb2 - 1] == ')') {
            size_t o = pb2 - 1, in_a, in_b;
            int date = 1, lower = 0;
            while (o > pa2 && s[o] != '(') o--;
            if (s[o] != '(') return 0;
            in_a = o + 1;
            in_b = pb2 - 1;
            if (in_a >= in_b) return 0;
            for (i = in_a; i < in_b; i++) {
                if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '/')) date = 0;
                if (is_lo_ascii(s[i])) lower = 1;
            }
            if (!date) {
                if (lower && !domain_token(s + in_a, in_b - in_a)) return 0;
                outlet = 1;
            }
            pb2 = o;
            trim(s, &pa2, &pb2);
            if (pa2 == pb2) continue;
        }
        if (known_outlet(s + pa2, pb2 - pa2)) {
            outlet = 1;
            continue;
        }
        if (domain_token(s + pa2, pb2 - pa2)) {
            outlet = 1;
        } else if (!have_place && place_words(s + pa2, pb2 - pa2, 0)) {
            have_place = 1;
            caps_place = place_words(s + pa2, pb2 - pa2, 1);
            pa = pa2;
            pb = pb2;
        } else {
            /* a date part: "12/1/2025", "Senin", "12 Januari 2025" */
            int digit = 0;
            for (i = pa2; i < pb2; i++) {
                if (s[i] >= '0' && s[i] <= '9') digit = 1;
                else if (!(is_alpha_ascii(s[i]) || s[i] == ' ' || s[i] == '/')) return 0;
            }
            if (!digit && !(have_place && place_words(s + pa2, pb2 - pa2, 0))) return 0;
        }
        if (b >= d) break;
    }
    /* a place alone is a dateline when written in capitals ("JAKARTA -") or
     * set off with a spaced en/em dash ("Lembah Sari – Lima warga ..."),
     * which Indonesian prose does not use after a sentence's first words;
     * "Jakarta - Bandung" with a hyphen stays text */
    if (!outlet && !(have_place && parts == 1 && (caps_place || dl == 3))) return 0;
    if (place && cap) {
        size_t pl = have_place ? pb - pa : 0;
        if (pl >= cap) pl = cap - 1;
        memcpy(place, s + pa, pl);
        place[pl] = '\0';
    }
    return d + dl + 1;
}

/* ---- output ----------------------------------------------------------- */

/* Does s[0..n) end in punctuation (. ! ? … or a closing quote or bracket),
 * as opposed to a letter or digit (camel glue, which keeps no space)? */
static int ends_with_mark(const char *s, size_t n)
{
    unsigned char c;
    if (n == 0) return 0;
    c = (unsigned char)s[n - 1];
    if (c < 0x80) return !is_alpha_ascii((char)c) && !(c >= '0' && c <= '9');
    /* ” ’ … end in 0x9D 0x99 0xA6 after E2 80 */
    return n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
           (c == 0x9D || c == 0x99 || c == 0xA6);
}

/* Append line s[0..n), split into sp, with a space put back between
 * sentences that scraping glued together. */
static int emit_line(const char *s, size_t n, const struct spans *sp, struct buf *out, int first)
{
    size_t k, at = 0;
    int rc = 0;
    if (!first) rc = buf_putc(out, '\n');
    for (k = 0; k < sp->n && rc == 0; k++) {
        size_t off = sp->v[k].off, g;
        if (k > 0) {
            int dots_only = 1;
            for (g = at; g < off; g++)
                if (s[g] != ' ' && s[g] != '.') dots_only = 0;
            if (dots_only && ends_with_mark(s, at)) {
                /* "tersebut.Rusia", "sana. .Kapal": one space */
                rc = buf_putc(out, ' ');
            } else if (off == at && (sp->v[k - 1].flags & SENT_HEADING)) {
                /* "Poin-Poin PentingUkraina": a heading that lost its line
                 * break gets it back, so it stays a paragraph of its own */
                rc = buf_putc(out, '\n');
            } else {
                rc = buf_append(out, s + at, off - at);
            }
        } else {
            rc = buf_append(out, s, off);
        }
        if (rc == 0) rc = buf_append(out, s + off, sp->v[k].len);
        at = off + sp->v[k].len;
    }
    if (rc == 0 && at < n) rc = buf_append(out, s + at, n - at);
    return rc;
}

/* ---- the cleaner ------------------------------------------------------ */

struct cleaner {
    const struct clean_ctx *c;
    uint64_t seed;          /* site_seed of the article's site */
    struct clean_stats *st; /* borrowed from the caller, never NULL here */
    struct spans sp;        /* owned; sentences of the current line */
    int pending_headline;   /* the previous line was a bare "Baca juga:" */
    int dateline_done;      /* a dateline was found (only one per article) */
    size_t content_lines;   /* lines kept or examined so far */
    int rep_level;          /* enum rep_level of this pass */
    size_t rep_dropped;     /* lines dropped for repetition in this pass */
    int has_content;        /* a content line was kept in this pass */
};

static void split(struct cleaner *cl, const char *s, size_t n)
{
    spans_reset(&cl->sp);
    sent_split(s, n, &cl->sp);
}

/* Decide what stays of the normalised line w[0..n): sets *a, *b to the
 * range kept, or returns 0 when the whole line goes. */
static int keep_line(struct cleaner *cl, const char *w, size_t n, size_t *pa, size_t *pb)
{
    size_t a = 0, b = n, m;
    int pass;
    struct clean_stats *st = cl->st;
    const struct rule *r;

    if (repeated(cl->c, cl->seed, w, n, cl->rep_level)) {
        cl->rep_dropped++;
        return 0;
    }
    if (cl->pending_headline) {
        cl->pending_headline = 0;
        split(cl, w, n);
        if (cl->sp.n == 1 && (cl->sp.v[0].flags & SENT_HEADING) &&
            count_words(w, n) <= HEADLINE_WORDS)
            return 0;
    }
    if (!cl->dateline_done && cl->content_lines < DATELINE_LINES) {
        size_t d = dateline(w, n, st->dateline, sizeof st->dateline);
        if (d) {
            a = d;
            cl->dateline_done = 1;
            st->fragments_cut++;
        }
    }
    cl->content_lines++;
    if (caption_line(w + a, b - a)) return 0;

    for (pass = 0; pass < MAX_PASSES; pass++) {
        size_t e;
        trim(w, &a, &b);
        if (a >= b) return 0;
        if (line_rule(w + a, b - a)) return 0;
        e = cut_marks(w + a, b - a);
        if (e == 0) return 0;
        if (e < b - a) {
            b = a + e;
            st->fragments_cut++;
            continue;
        }
        split(cl, w + a, b - a);
        if (cl->sp.n == 0) return 0;
        r = junk_lead(w + a + cl->sp.v[0].off, cl->sp.v[0].len, &m);
        if (r) {
            if (cl->sp.n == 1) {
                /* "Baca juga:" alone: its headline is on the next line */
                const char *t = w + a + cl->sp.v[0].off + m;
                size_t rest = cl->sp.v[0].len - m;
                while (rest > 0 && (*t == ' ' || *t == ':')) {
                    t++;
                    rest--;
                }
                if ((r->flags & RF_HEADLINE) && rest == 0) cl->pending_headline = 1;
                return 0;
            }
            a += cl->sp.v[1].off;
            st->fragments_cut++;
            continue;
        }
        if (cl->sp.n >= 2) {
            const struct span *l = &cl->sp.v[cl->sp.n - 1];
            r = junk_lead(w + a + l->off, l->len, &m);
            if (r) {
                b = a + l->off;
                st->fragments_cut++;
                continue;
            }
        }
        break;
    }
    *pa = a;
    *pb = b;
    return 1;
}

/* A content line: what an article needs to keep to still be an article --
 * a line that ends a sentence, or a long unpunctuated one (scraped text
 * without full stops). A lone heading, date or name line is not. */
#define CONTENT_WORDS 8
static int content_line(const char *s, size_t n)
{
    return ends_sentence(s, n) || count_words(s, n) >= CONTENT_WORDS;
}

/* An agency dateline inside a line: "<end of a sentence or quote> <place>
 * (<known outlet>) - <text>", as when a scraper glued the pull quote that
 * opens an article to its dateline ("... layak konsumsi," jakarta (antara)
 * - perum bulog ..."), often in outlets that publish in lower case, which
 * the line-start rule (capitalised places) does not see; also at the start
 * of a line, for a lower-case place ("jakarta (antara) - "). Only outlets in
 * OUTLETS count, in parentheses, so "(BPS) -" in prose is never cut. On a
 * match sets [*cs, *ce): the place through the dash and its space. */
static int inline_dateline(const char *s, size_t n, size_t *cs, size_t *ce)
{
    size_t i;

    for (i = 1; i + 4 < n; i++) {
        size_t o = i + 1, oe, d, p, words = 0;
        if (s[i] != '(' || s[i - 1] != ' ') continue;
        for (oe = o; oe < n && oe - o < 24 && s[oe] != ')'; oe++) {}
        if (oe >= n || s[oe] != ')' || !known_outlet(s + o, oe - o)) continue;
        /* " - ", " -- ", " – ", " — " after the outlet */
        d = oe + 1;
        if (d + 2 >= n || s[d] != ' ') continue;
        d++;
        if (s[d] == '-') d += (d + 1 < n && s[d + 1] == '-') ? 2 : 1;
        else if ((unsigned char)s[d] == 0xE2 && d + 2 < n && (unsigned char)s[d + 1] == 0x80 &&
                 ((unsigned char)s[d + 2] == 0x93 || (unsigned char)s[d + 2] == 0x94))
            d += 3;
        else continue;
        if (d >= n || s[d] != ' ') continue;
        /* one to three place words before the parenthesis */
        p = i - 1;
        while (p > 0 && words < 3) {
            size_t w = p;
            while (w > 0 && is_alpha_ascii(s[w - 1])) w--;
            if (w == p) break;
            words++;
            p = w;
            if (p > 0 && s[p - 1] == ' ') p--;
            else break;
            if (p > 0 && !is_alpha_ascii(s[p - 1])) break;
        }
        if (words == 0) continue;
        /* p is now at the space before the place, or 0 when the place opens
         * the line; what precedes must end a sentence or a quotation */
        if (p == 0) {
            /* at the line start only a lower-case place: capitalised ones
             * are the line-start rule's (which also records the place) */
            size_t k;
            for (k = 0; k < i && !is_up_ascii(s[k]); k++) {}
            if (k < i) continue;
        } else if (!(s[p - 1] && strchr(".!?\"'", s[p - 1])) &&
            !(p >= 3 && (unsigned char)s[p - 3] == 0xE2 && (unsigned char)s[p - 2] == 0x80 &&
              (unsigned char)s[p - 1] == 0x9D))
            continue;
        *cs = p;
        *ce = d + 1;
        return 1;
    }
    return 0;
}

/* Clean one normalised line s[0..n) and append what stays to out. */
static int take_line(struct cleaner *cl, const char *s, size_t n, struct buf *out, int *first)
{
    size_t a, b;
    int rc;

    if (n == 0) return 0;
    cl->st->lines_in++;
    if (!keep_line(cl, s, n, &a, &b)) {
        cl->st->lines_dropped++;
        return 0;
    }
    if (!cl->has_content && content_line(s + a, b - a)) cl->has_content = 1;
    split(cl, s + a, b - a);
    rc = emit_line(s + a, b - a, &cl->sp, out, *first);
    *first = 0;
    return rc;
}

/* One cleaning pass over text at repetition level `level`, appended to out. */
static int clean_pass(struct cleaner *cl, const char *text, size_t len, struct buf *w,
                      struct buf *out)
{
    size_t i = 0;
    int rc = 0, first = 1;

    while (i < len && rc == 0) {
        size_t e = i, br = 0, cs, ce, n;
        const char *s;
        while (e < len && (br = eol_at(text, len, e)) == 0) e++;
        rc = norm_line(text + i, e - i, w);
        i = e + br;
        if (rc != 0 || w->len == 0) continue;
        /* an inline agency dateline ends one paragraph and starts the next */
        s = w->ptr;
        n = w->len;
        while (rc == 0 && inline_dateline(s, n, &cs, &ce)) {
            size_t keep = cs;
            while (keep > 0 && s[keep - 1] == ' ') keep--;
            rc = take_line(cl, s, keep, out, &first);
            cl->st->fragments_cut++;
            s += ce;
            n -= ce;
        }
        if (rc == 0) rc = take_line(cl, s, n, out, &first);
    }
    return rc;
}

int clean_text(const struct clean_ctx *c, const char *site, const char *text, size_t len,
               struct buf *out, struct clean_stats *st)
{
    struct clean_stats dummy;
    struct cleaner cl;
    struct buf w = BUF_INIT;
    size_t start = out->len;
    int rc = 0, level;

    if (!st) st = &dummy;
    if (!text) len = 0;
    memset(&cl, 0, sizeof cl);
    spans_init(&cl.sp);
    /* Repetition alone never empties an article: when the lines it drops
     * leave no content line, clean again keeping repeated prose, and then
     * with no repetition rule at all. Patterns apply in every pass. */
    for (level = REP_FULL; level >= REP_OFF; level--) {
        memset(st, 0, sizeof *st);
        cl.c = c;
        cl.seed = site_seed(site);
        cl.st = st;
        cl.pending_headline = cl.dateline_done = 0;
        cl.content_lines = cl.rep_dropped = 0;
        cl.has_content = 0;
        cl.rep_level = level;
        buf_truncate(out, start);
        rc = clean_pass(&cl, text, len, &w, out);
        st->repetition_relaxed = (unsigned)(REP_FULL - level);
        if (rc || cl.has_content || cl.rep_dropped == 0) break;
    }
    spans_release(&cl.sp);
    buf_release(&w);
    return rc;
}

/* --- derived titles --------------------------------------------------------- */

static int title_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Derived titles: a first line this short without final punctuation reads
 * as a heading; otherwise the first TITLE_WORDS words. */
#define HEADING_MAX_WORDS 16
#define HEADING_MAX_BYTES 200
#define TITLE_WORDS 12
#define TITLE_MAX_BYTES 200 /* a derived title never exceeds this (plus "…") */

/* Bytes of a whitespace-separated word starting at s[0]. */
static size_t word_len(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && !title_space(s[i])) i++;
    return i;
}

/* Append at most room bytes of w[0..len) to b, never cutting a UTF-8
 * sequence; returns bytes appended via *used. 0 or KB_ETOOBIG. */
static int append_clipped(struct buf *b, const char *w, size_t len, size_t room, size_t *used)
{
    if (len > room) {
        len = room;
        /* back up over continuation bytes (10xxxxxx) to a lead byte */
        while (len > 0 && ((unsigned char)w[len] & 0xc0) == 0x80) len--;
    }
    *used = len;
    return buf_append(b, w, len);
}

/* A title for an article that came without one: the first line when it is
 * short and has no final punctuation (a heading), else the first
 * TITLE_WORDS words with an ellipsis when cut. NULL for an empty text. */
char *clean_title(const char *t, size_t len)
{
    struct buf b = BUF_INIT;
    size_t i = 0, eol, words = 0, n_lines_after = 0;
    int rc = 0;

    while (i < len && title_space(t[i])) i++;
    eol = i;
    while (eol < len && t[eol] != '\n') eol++;
    {
        size_t j = eol, end = eol, k;
        while (end > i && title_space(t[end - 1])) end--;
        for (k = i; k < end;) { /* count the line's words */
            while (k < end && title_space(t[k])) k++;
            if (k < end) words++;
            k += word_len(t + k, end - k);
        }
        while (j < len && title_space(t[j])) j++;
        n_lines_after = j < len;
        if (end > i && n_lines_after && words <= HEADING_MAX_WORDS && end - i <= HEADING_MAX_BYTES) {
            /* final punctuation, a quote or an ellipsis end a sentence, not a
             * heading */
            static const char *const enders[] = {".", "!", "?", "\"", ":", ";", ",",
                                                 "\xe2\x80\xa6", "\xe2\x80\x9d"};
            size_t e, line = end - i;
            for (e = 0; e < sizeof enders / sizeof enders[0]; e++) {
                size_t el = strlen(enders[e]);
                if (line >= el && memcmp(t + end - el, enders[e], el) == 0) break;
            }
            if (e == sizeof enders / sizeof enders[0]) return kb_strndup(t + i, line);
        }
    }
    words = 0;
    while (i < len && words < TITLE_WORDS && !rc) {
        size_t w, used = 0;
        while (i < len && title_space(t[i])) i++;
        w = word_len(t + i, len - i);
        if (!w) break;
        if (words) rc = buf_putc(&b, ' ');
        if (!rc)
            rc = append_clipped(&b, t + i, w, b.len < TITLE_MAX_BYTES ? TITLE_MAX_BYTES - b.len : 0,
                                &used);
        i += used;
        words++;
        if (used < w) { /* a giant "word": cut, and the ellipsis below says so */
            if (used == 0 && b.len) buf_truncate(&b, b.len - 1);
            break;
        }
    }
    while (i < len && title_space(t[i])) i++;
    if (!rc && i < len) rc = buf_puts(&b, "\xe2\x80\xa6");
    if (rc || b.len == 0) {
        buf_release(&b);
        return NULL;
    }
    return buf_take(&b);
}
