/* sent.c -- Indonesian (and English) sentence splitting.
 *
 * Owns: nothing but the spans it appends; sentences are (off, len) views
 * into the caller's text and are never copied. One scratch array of quote
 * pairs lives for the duration of a sent_split call.
 *
 * Algorithm: per line (a line is a paragraph; '\n' and '\r' always end a
 * sentence) a pre-pass pairs the quote marks, then one left-to-right pass
 * proposes a boundary at every . ! ? … and vetoes it by local evidence:
 *   - abbreviations and titles: the dotted word before the '.' is looked up
 *     in tables. TITLES (Dr. Jl. Rp. No. ...), single capital initials
 *     ("J. Smith") and dotted groups of 1-3 letters ("S.H.", "M.Si.") end a
 *     sentence only when a capitalised function word that never names
 *     anyone follows (STARTERS: "... Kramat Raya no. Lebih dari ...",
 *     "..., S.H. Ia ..."); after PT./CV. the name may be any word, so
 *     never. An initial also ends one after a label noun (LABELS: "zona
 *     I.", "Grup F.", "Perang Dunia I."), where it is a numeral or a group.
 *     ENDERS (dll. dsb. tsb. Inc. ...) end one when the next word is
 *     capitalised;
 *   - numbers: a '.' between digits is a separator (2.000.000, 10.20), and
 *     so is "2.904. 678" (a digit on both sides of ". ");
 *   - URLs and e-mails: a token that looks like one is skipped whole, except
 *     for trailing punctuation that ends the sentence;
 *   - the next word: in mixed-case text a lower-case word continues the
 *     sentence, so `"...?" tanya dia` and `"...," kata X.` stay one, and
 *     "..." followed by a lower-case word continues. Where the capital was
 *     evidently lost it does not: after a bare '?' or '!' unless a speech
 *     verb follows, and after a plain word of >= 4 letters and a '.'
 *     (lower_start). Lines with no capital letter at all (some outlets
 *     lower-case everything) skip this test, or they could never be split;
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
 * Quotations. A summary that picks one sentence of a quotation misquotes:
 * the piece lacks its speaker and has an unbalanced mark. So no boundary
 * is placed inside a quotation of <= 80 words (QUOTE_MAX_WORDS): the
 * attribution after it (`"A. B," kata X.`) or before it (`X mengatakan,
 * "A. B."`) stays in the same sentence, and a quotation that ends the
 * paragraph or is followed by a new sentence is one unit up to its closing
 * mark. 80 words is about four news sentences; longer "quotations" are
 * mostly speeches or mis-paired marks, so they are cut at their sentence
 * ends as usual and every piece is flagged SENT_QUOTE_PART (honest about
 * being a fragment; a summary should skip it). Pairing (find_quotes): the
 * direction of a mark comes from its neighbours, since scraped text uses
 * " for both ends and often ” too, with the nominal direction of “ ” and
 * the open/closed state as tie-breaks; a closing mark closes the innermost
 * open quotation whatever its mark ("...” pairs); a different mark inside
 * an open quotation nests (one level), the same mark again means the first
 * was never closed. Marks that pair with nothing (unbalanced junk) are
 * ignored, so they never swallow the rest of a paragraph. Lines are
 * paragraphs: a quotation never spans a line break.
 *
 * Cost: every byte is visited a constant number of times (look-backs and
 * look-aheads are bounded by small constants or done once per token, and
 * the quote cursors only move forward), so the pass is linear and never
 * reads outside text[0..len). */
#include "sent.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "mem.h"

#define HEADING_MAX_WORDS 15 /* a title or subheading rarely runs longer */
#define ABBR_MAX 20          /* longest dotted token checked as an abbreviation, bytes */
#define CAMEL_MIN 4          /* letters on each side of a camel-case cut */
#define CAMEL_LOOK 64        /* bytes looked at to the right of a camel-case cut */
#define QUOTE_MAX_WORDS 80   /* longest quotation kept whole (see the top comment) */
#define QUOTE_SPEECH_WORDS 6 /* a quote this long counts for SENT_QUOTE without
                                final punctuation inside */

/* Titles and other abbreviations that never end a sentence (compared
 * without case; the '.' is not part of the entry). */
static const char *const TITLES[] = {
    "dr", "drs", "dra", "drg", "prof", "h", "hj", "ir", "jl", "jln", "no", "rp", "st",
    "tn", "ny", "nn", "sdr", "sdri", "bpk", "bp", "kec", "kab", "kel", "prov", "jend",
    "letjen", "mayjen", "brigjen", "kol", "letkol", "kapt", "kompol", "akbp", "ipda",
    "iptu", "aiptu", "bripka", "brigpol", "mr", "mrs", "ms", "vs", "yth", "kh", "gg",
    "kav", "lt", "telp", "tel", "hlm", "hal", "vol", "ed", "ca", "cf", "fig", "gen",
    "gov", "sen", "rep", "sgt", "dept", "univ", "mt", "ust", "ds", "tb", "pres", "pt", "cv",
    "ket", "spt", "bdk", "kpd", "dgn", "utk", "yg", "moh", "muh", "mhd", "ph", "rev",
    "rs", "fax", "dsn", "dk", "kp", "tgl", "apt", "drh", "alm", "almh", "dipl", "kpt",
    "mgr", "pdt", "rm", NULL};

/* Titles before a company name, which may start with any word ("PT. Ini
 * Itu Jaya"): never an end, whatever follows. */
static const char *const FIRMS[] = {"pt", "cv", "ud", NULL};

/* Abbreviations that often end a sentence: a boundary when the next word is
 * capitalised ("... dan lain-lain dll. Selain itu ..."). */
static const char *const ENDERS[] = {
    "dll", "dsb", "dst", "tsb", "dkk", "etc", "inc", "ltd", "co", "corp", "tbk", "jr",
    "sr", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "ags", "aug", "sep", "sept",
    "okt", "oct", "nov", "des", "dec", NULL};

/* Capitalised function words that start sentences and are never names:
 * after a title or an initial ("Jalan Kramat Raya no. Lebih dari ...",
 * "kata Budi, S.H. Ia menambahkan ...") they show the '.' ends a sentence. */
static const char *const STARTERS[] = {
    "ia", "dia", "mereka", "kami", "kita", "saya", "aku", "anda", "beliau", "namun",
    "tetapi", "tapi", "akan", "sementara", "selain", "sedangkan", "kemudian", "lalu",
    "setelah", "sebelum", "saat", "ketika", "pada", "di", "dalam", "dari", "untuk",
    "dengan", "oleh", "karena", "sebab", "jika", "bila", "apabila", "meski", "meskipun",
    "walaupun", "walau", "kendati", "hal", "ini", "itu", "hingga", "sejak", "sampai",
    "bahkan", "adapun", "sehingga", "maka", "lebih", "kini", "menurut", "selama",
    "sebanyak", "para", "semua", "seluruh", "beberapa", "banyak", "sebagian", "salah",
    "tidak", "tak", "belum", "sudah", "telah", "juga", "apa", "bagaimana", "mengapa",
    "kenapa", "siapa", "kapan", "berapa", "yang", "adalah", "merupakan", "sebuah",
    "seorang", "suatu", "ada", "selanjutnya", "sebelumnya", "sekarang", "akibatnya",
    "padahal", "bagi", "agar", "sebagai", "seperti", "sejumlah", "sekitar", "hampir",
    "the", "in", "it", "he", "she", "they", "we", "this", "there", "but", NULL};

/* Words before a single capital letter that make it a label or a Roman
 * numeral, not an initial: "zona I.", "Grup F.", "Perang Dunia I.". */
static const char *const LABELS[] = {
    "grup", "group", "zona", "golongan", "kuartal", "triwulan", "tahap", "kelas", "fase",
    "blok", "ring", "tipe", "seri", "pasal", "bab", "ayat", "jilid", "eselon", "level",
    "babak", "gelombang", "periode", "termin", "tingkat", "stadium", "kategori", "opsi",
    "poin", "huruf", "vitamin", "dunia", "sektor", "pool", "divisi", "liga", "wilayah",
    "pelita", "kodam", "lampiran", "bagian", "sesi", "angkatan", "kuadran", "modul",
    "paket", "skema", "jalur", "lantai", "gedung", "ruang", "pintu", "terminal",
    "gerbang", "kolom", "tabel", "gambar", "grafik", "model", "varian", "jenis", "mutu",
    "regional", "world", "war", "phase", "type", "class", "part", NULL};

/* Speech verbs (also with -nya) and words that attribute: after a mark, a
 * lower-case word that may start a new sentence (see lower_start) does not
 * when it is one of these ("Kapan? tanya warga.", "... tersebut. mengutip
 * ucapan X."). */
static const char *const SPEECH[] = {
    "kata", "ujar", "ungkap", "jelas", "tutur", "ucap", "lanjut", "tambah", "imbuh",
    "terang", "tegas", "sebut", "papar", "beber", "tanya", "jawab", "seru", "pungkas",
    "tandas", "tukas", "sahut", "kilah", "tulis", "tutup", "sambung", "urai", "harap",
    "teriak", "bisik", "pinta", "tegur", "demikian",
    "timpal", "keluh", "celetuk", "canda", "akui", "klaim", "mengutip", "dikutip",
    "melansir", "dilansir", "menurut", "seperti", "sebagaimana", NULL};

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

/* Is w[0..n) (ASCII, any case) an entry of the lower-case list? This runs
 * at every '.', so it stops at the first differing byte of each entry and
 * never reads past an entry's NUL (w may hold any bytes). */
static int in_list(const char *const *list, const char *w, size_t n)
{
    size_t k, j;
    for (k = 0; list[k]; k++) {
        const char *e = list[k];
        for (j = 0; j < n && e[j] && e[j] == (char)(w[j] | 0x20); j++) {}
        if (j == n && e[j] == '\0') return 1;
    }
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
    if (n > 3 && strchr("hHfFwW", s[0]) &&
        (has_prefix_ci(s, n, "http://") || has_prefix_ci(s, n, "https://") ||
         has_prefix_ci(s, n, "ftp://") || has_prefix_ci(s, n, "www.")))
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

/* ABBR_TITLE never ends a sentence unless a STARTER follows; ABBR_ENDER
 * ends one when a capital follows; ABBR_INITIAL (one capital letter) ends
 * one when a STARTER follows or a LABEL precedes. */
enum abbr { ABBR_NONE, ABBR_TITLE, ABBR_ENDER, ABBR_INITIAL };

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
    if (dot - b == 1) return (s[b] >= 'A' && s[b] <= 'Z') ? ABBR_INITIAL : ABBR_NONE;
    if (in_list(TITLES, s + b, dot - b)) return ABBR_TITLE;
    if (in_list(ENDERS, s + b, dot - b)) return ABBR_ENDER;
    return ABBR_NONE;
}

/* The ASCII word at s[k] (letters only, up to 15), or 0 bytes when the
 * word is longer, not ASCII, or glued to a digit or a non-ASCII letter. */
static size_t ascii_word(const char *s, size_t le, size_t k)
{
    size_t e = k;
    while (e < le && e - k <= 15 && (((unsigned char)s[e] | 0x20) >= 'a') &&
           (((unsigned char)s[e] | 0x20) <= 'z'))
        e++;
    if (e == k || e - k > 15) return 0;
    if (e < le && ((unsigned char)s[e] >= 0x80 || (s[e] >= '0' && s[e] <= '9'))) return 0;
    return e - k;
}

/* Does a STARTER word, capitalised ("Lebih", not "LEBIH"), begin at s[k]? */
static int starter_at(const char *s, size_t le, size_t k)
{
    size_t n = ascii_word(s, le, k), j;
    if (n == 0 || !(s[k] >= 'A' && s[k] <= 'Z')) return 0;
    for (j = k + 1; j < k + n; j++)
        if (s[j] >= 'A' && s[j] <= 'Z') return 0;
    return in_list(STARTERS, s + k, n);
}

/* Does a speech verb (kata, ujarnya, ...) begin at s[k]? */
static int speech_at(const char *s, size_t le, size_t k)
{
    size_t n = ascii_word(s, le, k);
    if (n == 0) return 0;
    if (in_list(SPEECH, s + k, n)) return 1;
    return n > 3 && strncasecmp(s + k + n - 3, "nya", 3) == 0 && in_list(SPEECH, s + k, n - 3);
}

/* Is the word before the initial at s[ini] (one letter, then '.') a LABEL?
 * It must be separated from the letter by white space. */
static int label_before(const char *s, size_t lo, size_t ini)
{
    size_t e = ini, b;
    while (e > lo && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
    if (e == ini) return 0;
    b = e;
    while (b > lo && e - b <= 12 && (((unsigned char)s[b - 1] | 0x20) >= 'a') &&
           (((unsigned char)s[b - 1] | 0x20) <= 'z'))
        b--;
    if (b == e || e - b > 12) return 0;
    return in_list(LABELS, s + b, e - b);
}

/* Letters in the plain word that ends at s[dot] (0 if the token holds
 * anything but letters, e.g. digits, dots or a hyphen). */
static size_t plain_word_before(const char *s, size_t lo, size_t dot)
{
    size_t b = dot;
    while (b > lo && dot - b <= 32) {
        int32_t cp = prev_cp(s, dot, lo, b);
        if (!is_letter(cp)) break;
        b = back(s, lo, b);
    }
    if (b == dot || dot - b > 32) return 0;
    if (b > lo && !space_at(s, dot, b - 1) && !(b >= lo + 2 && space_at(s, dot, b - 2) == 2))
        return 0;
    return dot - b;
}

/* Is the word before the '.' at s[dot] a FIRMS entry (2 letters)? */
static int firm_before(const char *s, size_t lo, size_t dot)
{
    if (dot < lo + 2 || !in_list(FIRMS, s + dot - 2, 2)) return 0;
    return dot == lo + 2 || !(((unsigned char)s[dot - 3] | 0x20) >= 'a' &&
                              ((unsigned char)s[dot - 3] | 0x20) <= 'z');
}

/* Is "left.Right" at the '.' s[dot] two glued sentences? The left word must
 * be >= 2 letters/digits ending lower-case or in a digit and not a known
 * abbreviation, or a closing bracket or quote; the right word a capital followed by a lower-case letter
 * (so "S.H.", "U.S.", ".NET" and "beritaku.net" are left alone). */
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

/* ---- quotations ------------------------------------------------------ */

/* A quotation: an opening and a closing double quote mark that pair up
 * within one line. */
struct qpair {
    size_t o;           /* offset of the opening mark */
    size_t c;           /* offset of the closing mark */
    unsigned char keep; /* <= QUOTE_MAX_WORDS words: never cut inside */
    unsigned char speech; /* counts for SENT_QUOTE */
};

/* The quotations of one line. Pairs never overlap (a quotation nested in
 * another is dropped when the outer one closes), so they are sorted by
 * both o and c, and the two cursors only move forward. */
struct qlist {
    struct qpair *v; /* owned; reused from line to line */
    size_t n;        /* pairs in use */
    size_t cap;      /* pairs allocated */
    size_t qi;       /* first pair that may still contain a boundary */
    size_t qe;       /* first pair that may still touch an emitted sentence */
};

/* Bytes of a double quote mark at s[i] (0 if none); *nominal is +1 for
 * “ (usually opens), -1 for ” (usually closes) and 0 for ". */
static size_t dquote_at(const char *s, size_t le, size_t i, int *nominal)
{
    if (s[i] == '"') {
        *nominal = 0;
        return 1;
    }
    if ((unsigned char)s[i] == 0xE2 && i + 2 < le && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D)) {
        *nominal = (unsigned char)s[i + 2] == 0x9C ? 1 : -1;
        return 3;
    }
    return 0;
}

static int is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f' || cp == 0xA0;
}

enum qrole { Q_NONE, Q_OPEN, Q_CLOSE };

/* Opening or closing? Decided by the neighbours, because scraped text
 * writes ” for both marks and " always: a mark after white space, a line
 * start, a bracket, a dash or a colon opens when a word follows; a mark
 * after a word closes when white space, punctuation or the line end
 * follows, or when it comes right after , or ; (glued `siap,"kata`).
 * Glued between a sentence end and a word (`tersebut."Kami`) it closes an
 * open quotation and otherwise opens one. Between two letters the nominal
 * direction decides, and for " the state, as above. */
static enum qrole quote_role(const char *s, size_t len, size_t lo, size_t le, size_t i,
                             size_t qn, int nominal, int open)
{
    int32_t l = i > lo ? prev_cp(s, len, lo, i) : -1, r = -1;
    int lopen, rclose, lpunct;
    if (i + qn < le) dec(s, le, i + qn, &r);
    lopen = i == lo || is_space_cp(l) || l == '(' || l == '[' || l == '{' || l == ':' ||
            l == 0x2013 || l == 0x2014;
    rclose = i + qn >= le || is_space_cp(r) || r == ',' || r == '.' || r == ';' || r == ':' ||
             r == '!' || r == '?' || r == ')' || r == ']' || r == '}' || r == 0x2026;
    lpunct = l == ',' || l == ';';
    if (lopen && !rclose) return Q_OPEN;
    if (!lopen && (rclose || lpunct)) return Q_CLOSE;
    if (lopen) return Q_NONE; /* alone between blanks: a stray mark */
    if (l == '.' || l == '!' || l == '?' || l == 0x2026) return open ? Q_CLOSE : Q_OPEN;
    if (nominal) return nominal > 0 ? Q_OPEN : Q_CLOSE;
    return open ? Q_CLOSE : Q_OPEN;
}

/* An opening mark not yet closed. */
struct qopen {
    size_t at;    /* offset of the mark */
    size_t words; /* words of the line up to and including the mark's */
    int curly;    /* “ or ” rather than " */
};

/* Pair the quote marks of s[lo..le) into q. A closing mark closes the
 * innermost open quotation, whatever its marks ("...” is common in
 * scraped text). An opening mark while one is open nests when the marks
 * differ (“ ... "x" ... ”) and otherwise replaces the open one, which was
 * never closed. Openers left at the line end and closers with nothing
 * open are junk and pair with nothing, so an unbalanced mark never
 * swallows the rest of the paragraph. */
static void find_quotes(const char *s, size_t len, size_t lo, size_t le, struct qlist *q)
{
    struct qopen st[2];
    size_t k, words = 0, depth = 0;
    int in_word = 0;
    q->n = 0;
    q->qi = 0;
    q->qe = 0;
    for (k = lo; k < le; k++) {
        unsigned char c = (unsigned char)s[k];
        size_t qn;
        int nominal;
        enum qrole role;
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
            in_word = 0;
            continue;
        }
        if (!in_word) words++;
        in_word = 1;
        if (c != '"' && c != 0xE2) continue;
        qn = dquote_at(s, le, k, &nominal);
        if (!qn) continue;
        role = quote_role(s, len, lo, le, k, qn, nominal, depth > 0);
        if (role == Q_OPEN) {
            if (depth == 0 || (depth == 1 && st[0].curly != (qn == 3))) depth++;
            st[depth - 1].at = k;
            st[depth - 1].words = words;
            st[depth - 1].curly = qn == 3;
        } else if (role == Q_CLOSE && depth > 0) {
            const struct qopen *op = &st[--depth];
            size_t e = k, nw = words - op->words + 1;
            int speech;
            while (e > op->at && (s[e - 1] == ' ' || s[e - 1] == '\t')) e--;
            speech = e > op->at && (s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == '!' ||
                                    s[e - 1] == '?' || s[e - 1] == ';' || s[e - 1] == ':' ||
                                    ellipsis_at(s, le, e >= 3 ? e - 3 : e));
            /* an outer quotation covers the nested ones it holds */
            while (q->n > 0 && q->v[q->n - 1].o > op->at) q->n--;
            if (q->n == q->cap) {
                q->cap = q->cap ? q->cap * 2 : 16;
                q->v = kb_realloc(q->v, q->cap * sizeof *q->v);
            }
            q->v[q->n].o = op->at;
            q->v[q->n].c = k;
            q->v[q->n].keep = nw <= QUOTE_MAX_WORDS;
            q->v[q->n].speech = speech || nw >= QUOTE_SPEECH_WORDS;
            q->n++;
        }
        k += qn - 1;
    }
}

/* Would a sentence starting at p cut a quotation that is kept whole? The
 * cut is inside when o < p <= c. Calls come with non-decreasing p. */
static int quoted(struct qlist *q, size_t p)
{
    while (q->qi < q->n && q->v[q->qi].c < p) q->qi++;
    return q->qi < q->n && q->v[q->qi].keep && q->v[q->qi].o < p;
}

/* Does a quotation open at s[p]? (A quote mark glued after a sentence end,
 * `tersebut."Kami`, then starts the next sentence instead of closing this
 * one.) Calls come with non-decreasing p, interleaved with quoted(). */
static int opens_at(struct qlist *q, size_t p)
{
    while (q->qi < q->n && q->v[q->qi].c < p) q->qi++;
    return q->qi < q->n && q->v[q->qi].o == p;
}

/* SENT_QUOTE / SENT_QUOTE_PART for the sentence s[a..b). */
static unsigned quote_flags(struct qlist *q, size_t a, size_t b)
{
    unsigned flags = 0;
    size_t k;
    while (q->qe < q->n && q->v[q->qe].c < a) q->qe++;
    for (k = q->qe; k < q->n && q->v[k].o < b; k++) {
        if (q->v[k].o >= a && q->v[k].c < b) {
            if (q->v[k].speech) flags |= SENT_QUOTE;
        } else if (!q->v[k].keep) {
            flags |= SENT_QUOTE | SENT_QUOTE_PART;
        }
    }
    return flags;
}

/* ---- emitting --------------------------------------------------------- */

struct line_state {
    const char *s;
    size_t len;   /* bytes of the whole text */
    size_t lo;    /* line start */
    size_t le;    /* line end (exclusive, before the line break) */
    int para;     /* no sentence of this line emitted yet */
    int bullet;   /* the pending sentence was introduced by a bullet */
    struct qlist q;     /* the line's quotations */
    struct spans *out;  /* borrowed from the caller */
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
    flags |= quote_flags(&ls->q, a, b);
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

/* In mixed-case text a lower-case word after a sentence mark usually
 * continues the sentence (`"...," kata X`, an abbreviation we do not know).
 * It starts a new one after a bare '?' or '!' unless it is a speech verb
 * ("Kapan? tanya warga"), and after a '.' that ends a plain word of >= 4
 * letters that is no abbreviation ("ke Bandung. kemudian"), where text
 * lost its capital. s[i] is the mark, s[after] the first byte after the
 * marks, s[j] after the closers, s[k] the next word. */
static int lower_start(const char *s, size_t lo, size_t le, size_t i, size_t j, size_t after,
                       size_t k, int mark, int ellip)
{
    if (j != after || ellip) return 0; /* a closing quote: the attribution follows */
    if (mark == '?' || mark == '!') return !speech_at(s, le, k);
    /* "b." or "c)" after the '.' is a list item glued to the line */
    if (k + 1 < le && (s[k + 1] == '.' || s[k + 1] == ')')) return 0;
    return mark == '.' && plain_word_before(s, lo, i) >= 4 && !speech_at(s, le, k);
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
        if (bullet_at(s, le, i) && i > start && prev == ' ' && !quoted(&ls->q, i)) {
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
            while (j < le && !opens_at(&ls->q, j)) {
                size_t q = closer_at(s, le, j);
                if (!q) break;
                j += q;
            }
            if (j < le) dec(s, le, j, &nx);

            if (j < le && opens_at(&ls->q, j)) {
                /* a quotation glued to the end: `tersebut."Kami ...` */
                int fam;
                int32_t r = -1;
                size_t qn = dquote_at(s, le, j, &fam);
                if (j + qn < le) dec(s, le, j + qn, &r);
                boundary = is_upper(r) || !has_upper;
            } else if (mark == '.' && !ellip && j == after && j < le && !space_at(s, le, j)) {
                /* a '.' glued to what follows: number, domain, initials, or glue */
                int32_t pv = prev_cp(s, le, lo, i);
                if (is_digit(pv) && is_digit(nx)) boundary = 0;
                else boundary = glued_dot(s, le, lo, le, i);
            } else if (j < le && !space_at(s, le, j)) {
                /* glued after "...", "?", "!" or a closing quote */
                boundary = is_upper(nx);
            } else {
                size_t k = skip_space(s, le, j);
                int32_t nw = -1, pv = prev_cp(s, le, lo, i);
                enum abbr ab = ABBR_NONE;
                int dot = mark == '.' && !ellip && j == after;
                if (k < le) dec(s, le, k, &nw);
                if (mark == '.' && !ellip) ab = abbr_before(s, lo, i);
                if (k >= le) boundary = 1;
                else if (ab == ABBR_TITLE)
                    boundary = starter_at(s, le, k) && !firm_before(s, lo, i);
                else if (ab == ABBR_INITIAL)
                    boundary = is_upper(nw) && (starter_at(s, le, k) || label_before(s, lo, i - 1));
                else if (ab == ABBR_ENDER) boundary = is_upper(nw);
                else if (dot && is_digit(pv) && is_digit(nw)) boundary = 0; /* "2.904. 678" */
                else if (has_upper && is_lower(nw))
                    boundary = lower_start(s, lo, le, i, j, after, k, mark, ellip);
                else boundary = 1;
                /* an opening "... " before any text is not an end */
                if (ellip && !any_alnum) boundary = 0;
            }
            if (boundary && quoted(&ls->q, j)) boundary = 0;
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
                camel_glue(s, le, run_start, run_letters, i) && !quoted(&ls->q, i)) {
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
    memset(&ls, 0, sizeof ls);
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
        find_quotes(text, len, i, e, &ls.q);
        split_line(&ls);
        i = e;
        if (i < len && is_eol(text[i])) {
            if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') i++;
            i++;
        }
    }
    free(ls.q.v);
}
