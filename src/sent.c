/* sent.c -- Indonesian (and English) sentence splitting.
 *
 * Owns: nothing but the spans it appends; sentences are (off, len) views
 * into the caller's text and are never copied.
 *
 * Algorithm: one left-to-right pass per line (a line is a paragraph; '\n'
 * and '\r' always end a sentence). Inside a line a boundary is proposed at
 * every . ! ? … and then vetoed by local evidence:
 *   - abbreviations and titles: the dotted word before the '.' is looked up
 *     in two tables. TITLES (Dr. Jl. Rp. No. ...) never end a sentence;
 *     ENDERS (dll. dsb. tsb. Inc. ...) end one only when the next word is
 *     capitalised. Single capital initials ("J. Smith") and dotted groups
 *     of 1-3 letters ("S.H.", "A.S.", "M.Si.") never end one;
 *   - numbers: a '.' between digits is a separator (2.000.000, 10.20);
 *   - URLs and e-mails: a token that looks like one is skipped whole, except
 *     for trailing punctuation that ends the sentence;
 *   - the next word: in mixed-case text a sentence never starts with a
 *     lower-case letter, so `"...?" tanya dia` and `"...," kata X.` stay one
 *     sentence, and "..." followed by a lower-case word continues. Lines
 *     with no capital letter at all (some outlets lower-case everything)
 *     skip this test, or they could never be split;
 *   - closing quotes and brackets right after the mark belong to the
 *     sentence that ends there (`... tersebut.”`).
 * Two kinds of glue found in scraped text are cut without punctuation
 * spacing: "tersebut.Rusia" (a '.' between a lower-case word of >= 2 letters
 * and a capitalised word) and camel glue "PentingUkraina", where a heading
 * lost its line break. Camel glue is cut only when both halves have >= 4
 * letters, the left ends lower-case and the right is one capital followed
 * by lower-case letters: shorter halves are how brand names look (YouTube,
 * iPhone, McDonald, TikTok, WhatsApp), and the brands whose halves are long
 * (PowerPoint, AstraZeneca, TransJakarta) are listed in BRANDS.
 * A piece that ends without final punctuation and has <= 15 words is a
 * heading (SENT_HEADING). Bullets ("- ", "• ", "1. ") at a line start and
 * "•" inside a line start a new sentence; the marker is not part of it.
 *
 * Cost: every byte is visited a constant number of times (look-backs and
 * look-aheads are bounded by small constants or done once per token), so the
 * pass is linear and never reads outside text[0..len). */
#include "sent.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#define HEADING_MAX_WORDS 15 /* a title or subheading rarely runs longer */
#define ABBR_MAX 20          /* longest dotted token checked as an abbreviation, bytes */
#define CAMEL_MIN 4          /* letters on each side of a camel-case cut */
#define CAMEL_LOOK 64        /* bytes looked at to the right of a camel-case cut */

/* Titles and other abbreviations that never end a sentence (compared
 * without case; the '.' is not part of the entry). */
static const char *const TITLES[] = {
    "dr", "drs", "dra", "drg", "prof", "h", "hj", "ir", "jl", "jln", "no", "rp", "st",
    "tn", "ny", "nn", "sdr", "sdri", "bpk", "bp", "kec", "kab", "kel", "prov", "jend",
    "letjen", "mayjen", "brigjen", "kol", "letkol", "kapt", "kompol", "akbp", "ipda",
    "iptu", "aiptu", "bripka", "brigpol", "mr", "mrs", "ms", "vs", "yth", "kh", "gg",
    "kav", "lt", "telp", "tel", "hlm", "hal", "vol", "ed", "ca", "cf", "fig", "gen",
    "gov", "sen", "rep", "sgt", "dept", "univ", "mt", "ust", "ds", "tb", "pres", "pt", "cv",
    "ket", "spt", "bdk", "kpd", "dgn", "utk", "yg", NULL};

/* Abbreviations that often end a sentence: a boundary when the next word is
 * capitalised ("... dan lain-lain dll. Selain itu ..."). */
static const char *const ENDERS[] = {
    "dll", "dsb", "dst", "tsb", "dkk", "etc", "inc", "ltd", "co", "corp", "tbk", "jr",
    "sr", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "ags", "aug", "sep", "sept",
    "okt", "oct", "nov", "des", "dec", NULL};

/* Brand and product names whose halves are long enough to look like camel
 * glue; matched case-sensitively around the cut. */
static const char *const BRANDS[] = {
    "PowerPoint", "JavaScript", "TypeScript", "MasterCard", "MasterChef", "TransJakarta",
    "TransJogja", "IndiHome", "AstraZeneca", "BlackBerry", "BlackRock", "BlackPink",
    "PlayStation", "WordPress", "DeepMind", "DeepSeek", "SoftBank", "SoundCloud",
    "DreamWorks", "SmackDown", "ShopeePay", "ShopeeFood", "GrabFood", "GrabExpress",
    "OnlyFans", "CrowdStrike", "ExxonMobil", "ConocoPhillips", "GlaxoSmithKline",
    "HarperCollins", "FaceTime", "CoronaVac", "CommuterLine", "PricewaterhouseCoopers",
    "DaimlerChrysler", "SpongeBob", "StarCraft", "WarnerMedia", "PlayStore", "AppStore",
    "GooglePlay", "SharePoint", "OneDrive", "DropBox", "HubSpot", "MediaTek", "SnapDragon",
    "SeaBank", "LinkedIn", "YouTube", "WhatsApp", "TikTok", "iPhone", "McDonald", "PayPal",
    "GoPay", "OpenAI", NULL};

/* ---- character helpers ------------------------------------------------ */

/* Decode the code point at s[i] (i < len) into *cp and return its length;
 * an invalid byte decodes as -1 with length 1. */
static size_t dec(const char *s, size_t len, size_t i, int32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    utf8proc_ssize_t n;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), cp);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    return (size_t)n;
}

/* Start of the code point that ends just before s[i] (i > lo). */
static size_t back(const char *s, size_t lo, size_t i)
{
    size_t j = i - 1, k = 0;
    while (j > lo && k < 3 && ((unsigned char)s[j] & 0xC0) == 0x80) {
        j--;
        k++;
    }
    return j;
}

static int32_t prev_cp(const char *s, size_t len, size_t lo, size_t i)
{
    int32_t cp;
    size_t j;
    if (i <= lo) return -1;
    j = back(s, lo, i);
    if (j + dec(s, len, j, &cp) != i) return -1; /* a stray continuation byte */
    return cp;
}

static int is_upper(int32_t cp)
{
    utf8proc_category_t k;
    if (cp < 0) return 0;
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_lower(int32_t cp)
{
    if (cp < 0) return 0;
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_letter(int32_t cp)
{
    utf8proc_category_t k;
    if (cp < 0) return 0;
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    k = utf8proc_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_alnum_cp(int32_t cp)
{
    utf8proc_category_t k;
    if (cp < 0) return 0;
    if (cp < 0x80) return is_digit(cp) || is_letter(cp);
    k = utf8proc_category(cp);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* Bytes of horizontal white space at s[i]: ASCII blanks and NBSP. */
static size_t space_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') return 1;
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) return 2;
    return 0;
}

static int is_eol(char c)
{
    return c == '\n' || c == '\r';
}

/* Bytes of a closing quote or bracket at s[i], 0 if none: " ' ) ] ” ’ » */
static size_t closer_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9D || (unsigned char)s[i + 2] == 0x99))
        return 3;
    if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xBB) return 2;
    return 0;
}

/* "…" (U+2026) at s[i]? */
static int ellipsis_at(const char *s, size_t len, size_t i)
{
    return i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
           (unsigned char)s[i + 2] == 0xA6;
}

/* "•" (U+2022) at s[i]? */
static int bullet_at(const char *s, size_t len, size_t i)
{
    return i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
           (unsigned char)s[i + 2] == 0xA2;
}

/* Skip white space from i up to le. */
static size_t skip_space(const char *s, size_t le, size_t i)
{
    size_t n;
    while (i < le && (n = space_at(s, le, i)) > 0) i += n;
    return i;
}

static int in_list(const char *const *list, const char *w, size_t n)
{
    size_t k;
    for (k = 0; list[k]; k++)
        if (strlen(list[k]) == n && strncasecmp(list[k], w, n) == 0) return 1;
    return 0;
}

/* ---- token-level tests ------------------------------------------------ */

static int has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && strncasecmp(s, p, k) == 0;
}

/* Does the white-space-delimited token s[0..n) look like a URL or an e-mail
 * address? Leading brackets and quotes are ignored. */
static int urlish(const char *s, size_t n)
{
    size_t k, at = 0;
    while (n > 0 && (*s == '(' || *s == '[' || *s == '"' || *s == '\'' || *s == '<')) {
        s++;
        n--;
    }
    if (has_prefix_ci(s, n, "http://") || has_prefix_ci(s, n, "https://") ||
        has_prefix_ci(s, n, "ftp://") || has_prefix_ci(s, n, "www."))
        return 1;
    for (k = 0; k + 2 < n; k++) {
        if (s[k] == ':' && s[k + 1] == '/' && s[k + 2] == '/') return 1;
    }
    for (k = 1; k < n; k++) {
        if (s[k] == '@' && at == 0) at = k;
        else if (at && s[k] == '.' && k > at + 1 && k + 1 < n) return 1;
    }
    return 0;
}

/* Bytes of trailing sentence punctuation and closers at the end of a token. */
static size_t trailing_punct(const char *s, size_t n)
{
    size_t k = n;
    while (k > 0) {
        char c = s[k - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
            c == '"' || c == '\'' || c == ']' || c == '>')
            k--;
        else if (k >= 3 && (unsigned char)s[k - 3] == 0xE2 && (unsigned char)s[k - 2] == 0x80 &&
                 ((unsigned char)c == 0x9D || (unsigned char)c == 0x99))
            k -= 3;
        else
            break;
    }
    return n - k;
}

enum abbr { ABBR_NONE, ABBR_TITLE, ABBR_ENDER };

/* Classify the word that ends at the '.' at s[dot] (lo = line start). */
static enum abbr abbr_before(const char *s, size_t lo, size_t dot)
{
    size_t b = dot, groups = 0, glen = 0, maxg = 0;
    int dotted = 0;
    while (b > lo && dot - b < ABBR_MAX) {
        char c = s[b - 1];
        if (c == '.') {
            dotted = 1;
        } else if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
            break;
        }
        b--;
    }
    if (b == dot) return ABBR_NONE;
    /* the word must start the token: "x2.Rp" or a longer run is not one */
    if (b > lo && (dot - b >= ABBR_MAX || ((unsigned char)s[b - 1] >= 0x80) ||
                   (s[b - 1] >= '0' && s[b - 1] <= '9')))
        return ABBR_NONE;
    if (s[b] == '.') return ABBR_NONE;
    if (dotted) {
        /* "S.H", "M.Si", "a.n", "U.S": every group 1-3 letters */
        size_t k;
        for (k = b; k <= dot; k++) {
            if (k == dot || s[k] == '.') {
                if (glen == 0) return ABBR_NONE;
                if (glen > maxg) maxg = glen;
                groups++;
                glen = 0;
            } else {
                glen++;
            }
        }
        return (groups >= 2 && maxg <= 3) ? ABBR_TITLE : ABBR_NONE;
    }
    if (dot - b == 1) return (s[b] >= 'A' && s[b] <= 'Z') ? ABBR_TITLE : ABBR_NONE;
    if (in_list(TITLES, s + b, dot - b)) return ABBR_TITLE;
    if (in_list(ENDERS, s + b, dot - b)) return ABBR_ENDER;
    return ABBR_NONE;
}

/* Is "left.Right" at the '.' s[dot] two glued sentences? The left word must
 * be >= 2 letters/digits ending lower-case or in a digit and not a known
 * abbreviation, or a closing bracket or quote; the right word a capital followed by a lower-case letter
 * (so "S.H.", "U.S.", ".NET" and "ditphat.net" are left alone). */
static int glued_dot(const char *s, size_t len, size_t lo, size_t le, size_t dot)
{
    int32_t l, r1, r2;
    size_t n, b = dot, k = 0;
    if (dot + 1 >= le) return 0;
    n = dec(s, len, dot + 1, &r1);
    if (!is_upper(r1) || dot + 1 + n >= le) return 0;
    dec(s, len, dot + 1 + n, &r2);
    if (!is_lower(r2)) return 0;
    l = prev_cp(s, len, lo, dot);
    if (l == ')' || l == '"' || l == 0x201D) return 1; /* "(12/10).Penutupan" */
    if (!(is_lower(l) || is_digit(l))) return 0;
    /* at least two word characters on the left */
    while (b > lo && k < 2) {
        int32_t c = prev_cp(s, len, lo, b);
        if (!is_alnum_cp(c)) break;
        b = back(s, lo, b);
        k++;
    }
    if (k < 2) return 0;
    return abbr_before(s, lo, dot) == ABBR_NONE;
}

/* At s[i] an upper-case letter follows a lower-case one that ends a run of
 * run_letters letters starting at run_start. Is this camel glue? */
static int camel_glue(const char *s, size_t le, size_t run_start, size_t run_letters,
                      size_t i)
{
    size_t j = i, k, nlow = 0;
    int32_t cp;
    if (run_letters < CAMEL_MIN) return 0;
    j += dec(s, le, j, &cp);
    while (j < le && j - i < CAMEL_LOOK) {
        size_t n = dec(s, le, j, &cp);
        if (!is_lower(cp)) break;
        nlow++;
        j += n;
    }
    if (nlow + 1 < CAMEL_MIN) return 0;
    if (j < le) { /* the right word must end here, not in more letters */
        dec(s, le, j, &cp);
        if (is_letter(cp)) return 0;
    }
    for (k = 0; BRANDS[k]; k++) {
        const char *b = BRANDS[k];
        size_t bl = strlen(b), cut = 1;
        while (cut < bl && !(b[cut] >= 'A' && b[cut] <= 'Z' && b[cut - 1] >= 'a' && b[cut - 1] <= 'z'))
            cut++;
        if (cut >= bl || cut > i - run_start) continue;
        if (memcmp(s + i - cut, b, cut) == 0 && i + (bl - cut) <= le &&
            memcmp(s + i, b + cut, bl - cut) == 0)
            return 0;
    }
    return 1;
}

/* ---- emitting --------------------------------------------------------- */

struct line_state {
    const char *s;
    size_t len;   /* bytes of the whole text */
    size_t lo;    /* line start */
    size_t le;    /* line end (exclusive, before the line break) */
    int para;     /* no sentence of this line emitted yet */
    int bullet;   /* the pending sentence was introduced by a bullet */
    struct spans *out;
};

/* Trim and push s[a..b) as a sentence (dropped when it holds no letter or
 * digit: stray marks like "(*)" or ". ." are not sentences). */
static void emit(struct line_state *ls, size_t a, size_t b)
{
    const char *s = ls->s;
    size_t k, n, words = 0, e;
    int alnum = 0, in_word = 0, final = 0;
    unsigned flags = 0;
    int32_t cp;
    for (;;) {
        a = skip_space(s, b, a);
        if (a < b && (s[a] == '.' || s[a] == ',' || s[a] == ';' || s[a] == ':')) a++;
        else break;
    }
    while (b > a) {
        if (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\v' || s[b - 1] == '\f') b--;
        else if (b - a >= 2 && (unsigned char)s[b - 2] == 0xC2 && (unsigned char)s[b - 1] == 0xA0)
            b -= 2;
        else break;
    }
    if (a >= b) return;
    for (k = a; k < b; k += n) {
        n = dec(s, b, k, &cp);
        if (space_at(s, b, k)) {
            in_word = 0;
            continue;
        }
        if (!in_word) words++;
        in_word = 1;
        if (!alnum && is_alnum_cp(cp)) alnum = 1;
    }
    if (!alnum) return;
    /* final punctuation, looking through closing quotes and brackets */
    e = b;
    while (e > a) {
        size_t p = back(s, a, e);
        if (closer_at(s, e, p) == e - p) e = p;
        else break;
    }
    if (e > a) {
        char c = s[e - 1];
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || ellipsis_at(s, e, e >= 3 ? e - 3 : e))
            final = 1;
        if (c == '?' || (c == '!' && e - 1 > a && s[e - 2] == '?')) flags |= SENT_QUESTION;
    }
    if (!final && !ls->bullet && words <= HEADING_MAX_WORDS) flags |= SENT_HEADING;
    if (ls->para) flags |= SENT_PARA_START;
    ls->para = 0;
    ls->bullet = 0;
    spans_push(ls->out, a, b - a, flags);
}

/* A bullet marker at s[i] ("- ", "• ", "* ", "1. ", "2) "): its length
 * including the following space, or 0. */
static size_t bullet_len(const char *s, size_t le, size_t i)
{
    size_t k = i;
    if (i >= le) return 0;
    if (bullet_at(s, le, i)) k = i + 3;
    else if (s[i] == '-' || s[i] == '*') k = i + 1;
    else if (i + 2 < le && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        k = i + 3; /* en/em dash */
    else if (s[i] >= '0' && s[i] <= '9') {
        while (k < le && k - i < 2 && s[k] >= '0' && s[k] <= '9') k++;
        if (k < le && (s[k] == '.' || s[k] == ')')) k++;
        else return 0;
    } else {
        return 0;
    }
    if (k < le && space_at(s, le, k)) return skip_space(s, le, k) - i;
    return 0;
}

static void split_line(struct line_state *ls)
{
    const char *s = ls->s;
    size_t lo = ls->lo, le = ls->le, i, start, skip_until = 0, run_start = 0, run_letters = 0;
    int has_upper = 0, any_alnum = 0; /* any_alnum: a letter or digit since start */
    int32_t prev = ' ';

    for (i = lo; i < le; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            has_upper = 1;
            break;
        }
    }
    start = skip_space(s, le, lo);
    if ((i = bullet_len(s, le, start)) > 0) {
        start += i;
        ls->bullet = 1;
    }
    i = start;
    while (i < le) {
        int32_t cp;
        size_t n = dec(s, le, i, &cp), j;
        int is_sp = space_at(s, le, i) > 0;

        /* a token starts: URLs and e-mails are opaque */
        if (!is_sp && i >= skip_until && prev == ' ') {
            size_t t = i;
            while (t < le && !space_at(s, le, t)) t++;
            if (urlish(s + i, t - i)) skip_until = t - trailing_punct(s + i, t - i);
        }
        if (i < skip_until) {
            prev = 'u'; /* not a letter run, not a space */
            run_letters = 0;
            any_alnum = 1;
            i += n;
            continue;
        }

        if (is_sp) {
            prev = ' ';
            run_letters = 0;
            i += n;
            continue;
        }

        /* "•" inside a line starts a new item */
        if (bullet_at(s, le, i) && i > start && prev == ' ') {
            emit(ls, start, i);
            start = skip_space(s, le, i + 3);
            ls->bullet = 1;
            i = start;
            prev = ' ';
            run_letters = 0;
            any_alnum = 0;
            continue;
        }

        if (cp == '.' || cp == '!' || cp == '?' || ellipsis_at(s, le, i)) {
            int boundary = 0, ellip = 0, mark = (int)cp;
            size_t after;
            int32_t nx = -1;
            j = i;
            if (cp == '.' || ellipsis_at(s, le, i)) {
                size_t dots = 0;
                while (j < le && (s[j] == '.' || ellipsis_at(s, le, j))) {
                    dots += s[j] == '.' ? 1 : 3;
                    j += s[j] == '.' ? 1 : 3;
                }
                ellip = dots >= 2;
                /* "?!" or ".?" runs */
                while (j < le && (s[j] == '!' || s[j] == '?')) j++;
            } else {
                while (j < le && (s[j] == '!' || s[j] == '?' || s[j] == '.')) j++;
            }
            after = j;
            while (j < le) {
                size_t q = closer_at(s, le, j);
                if (!q) break;
                j += q;
            }
            if (j < le) dec(s, le, j, &nx);

            if (mark == '.' && !ellip && j == after && j < le && !space_at(s, le, j)) {
                /* a '.' glued to what follows: number, domain, initials, or glue */
                int32_t pv = prev_cp(s, le, lo, i);
                if (is_digit(pv) && is_digit(nx)) boundary = 0;
                else boundary = glued_dot(s, le, lo, le, i);
            } else if (j < le && !space_at(s, le, j)) {
                /* glued after "...", "?", "!" or a closing quote */
                boundary = is_upper(nx);
            } else {
                size_t k = skip_space(s, le, j);
                int32_t nw = -1;
                enum abbr ab = ABBR_NONE;
                if (k < le) dec(s, le, k, &nw);
                if (mark == '.' && !ellip) ab = abbr_before(s, lo, i);
                if (k >= le) boundary = 1;
                else if (ab == ABBR_TITLE) boundary = 0;
                else if (ab == ABBR_ENDER) boundary = is_upper(nw);
                else if (has_upper && is_lower(nw)) boundary = 0;
                else boundary = 1;
                /* an opening "... " before any text is not an end */
                if (ellip && !any_alnum) boundary = 0;
            }
            if (boundary) {
                emit(ls, start, j);
                start = j;
                any_alnum = 0;
            }
            prev = '.';
            run_letters = 0;
            i = j;
            continue;
        }

        if (is_letter(cp)) {
            if (is_upper(cp) && is_lower(prev) &&
                camel_glue(s, le, run_start, run_letters, i)) {
                emit(ls, start, i);
                start = i;
                run_letters = 0;
            }
            any_alnum = 1;
            if (run_letters == 0) run_start = i;
            run_letters++;
        } else {
            if (is_alnum_cp(cp)) any_alnum = 1;
            run_letters = 0;
        }
        prev = cp;
        i += n;
    }
    emit(ls, start, le);
}

void sent_split(const char *text, size_t len, struct spans *out)
{
    struct line_state ls;
    size_t i = 0;
    if (!text || !out) return;
    ls.s = text;
    ls.len = len;
    ls.out = out;
    while (i < len) {
        size_t e = i;
        while (e < len && !is_eol(text[e])) e++;
        ls.lo = i;
        ls.le = e;
        ls.para = 1;
        ls.bullet = 0;
        split_line(&ls);
        i = e;
        if (i < len && is_eol(text[i])) {
            if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') i++;
            i++;
        }
    }
}
