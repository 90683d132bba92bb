/* charset.c -- encoding detection and conversion to UTF-8 (see charset.h).
 *
 * Owns no state: every function works on the caller's bytes. Detection is
 * the browser order (BOM, HTTP header, <meta> prescan of the first 4 KB,
 * then sniffing). Sniffing counts valid multi-byte UTF-8 sequences and
 * invalid bytes in one pass: a page with no invalid byte is UTF-8 (pure ASCII
 * included), anything else is Windows-1252, which is what the "iso-8859-1"
 * label means on the web anyway (WHATWG Encoding, "legacy single-byte
 * encodings"). Conversion of UTF-8, UTF-16 and Windows-1252 is by table; the
 * rest (windows-1251, shift_jis, gb18030, ...) goes through iconv with
 * byte-by-byte recovery, so one bad byte costs one U+FFFD, not the page. */
#include "charset.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Windows-1252 bytes 0x80..0x9F (WHATWG index-windows-1252); the five
 * undefined bytes map to the C1 code point of the same value, as browsers do. */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

size_t charset_bom_len(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return 3;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) return 2;
    return 0;
}

/* Length of the valid UTF-8 sequence at u[0..n), or 0 when invalid
 * (truncated, overlong, surrogate, above U+10FFFF). *cp gets the code point. */
static size_t utf8_seq(const unsigned char *u, size_t n, uint32_t *cp)
{
    uint32_t c;
    size_t k, i;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        k = 2;
        c = u[0] & 0x1F;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        k = 3;
        c = u[0] & 0x0F;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        k = 4;
        c = u[0] & 0x07;
    } else {
        return 0;
    }
    if (n < k) return 0;
    for (i = 1; i < k; i++) {
        if ((u[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if ((k == 3 && c < 0x800) || (k == 4 && (c < 0x10000 || c > 0x10FFFF))) return 0;
    if (c >= 0xD800 && c <= 0xDFFF) return 0;
    *cp = c;
    return k;
}

int charset_utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        size_t k;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8_seq(u + i, len - i, &cp);
        if (!k) return 0;
        i += k;
    }
    return 1;
}

/* Count valid multi-byte sequences and invalid bytes. */
static void utf8_census(const char *s, size_t len, size_t *n_multi, size_t *n_bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    *n_multi = *n_bad = 0;
    while (i < len) {
        size_t k;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8_seq(u + i, len - i, &cp);
        if (k) {
            (*n_multi)++;
            i += k;
        } else {
            (*n_bad)++;
            i++;
        }
    }
}

static void set_name(char name[CHARSET_NAME_MAX], const char *v)
{
    snprintf(name, CHARSET_NAME_MAX, "%s", v);
}

/* Normalise a label s[0..len) into name (lower case, trimmed, WHATWG
 * aliases folded). Returns 0, or -1 when the label is empty or too long. */
static int normalise_label(const char *s, size_t len, char name[CHARSET_NAME_MAX])
{
    static const struct {
        const char *label, *name;
    } alias[] = {
        {"utf8", "utf-8"},
        {"unicode-1-1-utf-8", "utf-8"},
        {"x-unicode20utf8", "utf-8"},
        /* a <meta> saying utf-16 in ASCII bytes cannot be right: browsers read UTF-8 */
        {"utf-16", "utf-8"},
        {"unicode", "utf-8"},
        {"iso-8859-1", "windows-1252"},
        {"iso8859-1", "windows-1252"},
        {"iso_8859-1", "windows-1252"},
        {"iso-8859-15", "iso-8859-15"},
        {"latin1", "windows-1252"},
        {"latin-1", "windows-1252"},
        {"l1", "windows-1252"},
        {"cp1252", "windows-1252"},
        {"x-cp1252", "windows-1252"},
        {"cp819", "windows-1252"},
        {"ibm819", "windows-1252"},
        {"ascii", "windows-1252"},
        {"us-ascii", "windows-1252"},
        {"iso-ir-100", "windows-1252"},
        {"gb2312", "gb18030"},
        {"gbk", "gb18030"},
        {"x-gbk", "gb18030"},
        {"x-sjis", "shift_jis"},
        {"sjis", "shift_jis"},
    };
    size_t i, n = 0;
    while (len && (isspace((unsigned char)*s) || *s == '"' || *s == '\'')) s++, len--;
    while (len && (isspace((unsigned char)s[len - 1]) || s[len - 1] == '"' || s[len - 1] == '\''))
        len--;
    if (!len || len >= CHARSET_NAME_MAX) return -1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':')) return -1;
        name[n++] = (char)tolower(c);
    }
    name[n] = '\0';
    for (i = 0; i < sizeof alias / sizeof alias[0]; i++) {
        if (strcmp(name, alias[i].label) == 0) {
            set_name(name, alias[i].name);
            return 0;
        }
    }
    return 0;
}

/* Case-insensitive search for needle in s[0..len); returns offset or -1. */
static long find_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle), i, j;
    if (n > len) return -1;
    for (i = 0; i + n <= len; i++) {
        for (j = 0; j < n; j++)
            if (tolower((unsigned char)s[i + j]) != needle[j]) break;
        if (j == n) return (long)i;
    }
    return -1;
}

/* Find "charset" followed by '=' in s[0..len) and normalise its value. */
static int label_after_charset(const char *s, size_t len, char name[CHARSET_NAME_MAX])
{
    size_t off = 0;
    while (off < len) {
        long at = find_ci(s + off, len - off, "charset");
        size_t i, start;
        if (at < 0) return -1;
        i = off + (size_t)at + 7;
        while (i < len && isspace((unsigned char)s[i])) i++;
        if (i < len && s[i] == '=') {
            i++;
            while (i < len && (isspace((unsigned char)s[i]) || s[i] == '"' || s[i] == '\'')) i++;
            start = i;
            while (i < len && !isspace((unsigned char)s[i]) && s[i] != '"' && s[i] != '\'' &&
                   s[i] != ';' && s[i] != '>' && s[i] != '/' && s[i] != ',')
                i++;
            return normalise_label(s + start, i - start, name);
        }
        off = i;
    }
    return -1;
}

/* <meta ...charset=...> or <?xml ... encoding="..."?> in the first 4 KB. */
static int prescan(const char *s, size_t len, char name[CHARSET_NAME_MAX])
{
    size_t off = 0;
    if (len > CHARSET_PRESCAN) len = CHARSET_PRESCAN;
    if (len >= 5 && memcmp(s, "<?xml", 5) == 0) {
        const char *end = memchr(s, '>', len);
        size_t n = end ? (size_t)(end - s) : len;
        long at = find_ci(s, n, "encoding");
        if (at >= 0) {
            size_t i = (size_t)at + 8, start;
            while (i < n && (isspace((unsigned char)s[i]) || s[i] == '=' || s[i] == '"' || s[i] == '\''))
                i++;
            start = i;
            while (i < n && s[i] != '"' && s[i] != '\'' && !isspace((unsigned char)s[i])) i++;
            if (normalise_label(s + start, i - start, name) == 0) return 0;
        }
    }
    while (off < len) {
        long at = find_ci(s + off, len - off, "<meta");
        const char *end;
        size_t start;
        if (at < 0) return -1;
        start = off + (size_t)at + 5;
        end = memchr(s + start, '>', len - start);
        if (!end) return -1;
        if (label_after_charset(s + start, (size_t)(end - (s + start)), name) == 0) return 0;
        off = (size_t)(end - s) + 1;
    }
    return -1;
}

static int is_latin1_family(const char *name)
{
    return strcmp(name, "windows-1252") == 0;
}

enum charset_source charset_detect(const char *s, size_t len, const char *content_type,
                                   char name[CHARSET_NAME_MAX])
{
    const unsigned char *u = (const unsigned char *)s;
    enum charset_source src;
    size_t n_multi, n_bad;

    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        set_name(name, "utf-8");
        return CHARSET_FROM_BOM;
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        set_name(name, "utf-16le");
        return CHARSET_FROM_BOM;
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        set_name(name, "utf-16be");
        return CHARSET_FROM_BOM;
    }
    if (content_type && label_after_charset(content_type, strlen(content_type), name) == 0)
        src = CHARSET_FROM_HEADER;
    else if (prescan(s, len, name) == 0)
        src = CHARSET_FROM_META;
    else
        src = CHARSET_FROM_SNIFF;

    /* Declarations are checked against the bytes only for the UTF-8 /
     * Latin-1 confusion, where the evidence is unambiguous. */
    if (src == CHARSET_FROM_SNIFF || strcmp(name, "utf-8") == 0 || is_latin1_family(name)) {
        utf8_census(s, len, &n_multi, &n_bad);
        if (src == CHARSET_FROM_SNIFF) {
            set_name(name, n_bad ? "windows-1252" : "utf-8");
        } else if (strcmp(name, "utf-8") == 0 && n_bad && !n_multi) {
            set_name(name, "windows-1252");
            src = CHARSET_FROM_SNIFF;
        } else if (is_latin1_family(name) && !n_bad && n_multi) {
            set_name(name, "utf-8");
            src = CHARSET_FROM_SNIFF;
        }
    }
    return src;
}

/* Append code point cp as UTF-8, applying the output rules of charset.h. */
static int put_cp(struct buf *out, uint32_t cp)
{
    char t[4];
    size_t n;
    if (cp == 0) return 0;
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F) cp = ' ';
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || cp == 0xFFFE || cp == 0xFFFF) cp = 0xFFFD;
    if (cp < 0x80) {
        t[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        t[0] = (char)(0xC0 | (cp >> 6));
        t[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        t[0] = (char)(0xE0 | (cp >> 12));
        t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        t[0] = (char)(0xF0 | (cp >> 18));
        t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        t[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_append(out, t, n);
}

static int from_utf8(const unsigned char *u, size_t len, struct buf *out)
{
    size_t i = 0, run = 0;
    int rc = 0;
    if (!len) return 0; /* u may be NULL (an empty iconv result) */
    /* Copy runs of plain bytes in one append; the per-character path is
     * only for the rare invalid, NUL or control byte. */
    while (i < len && rc == 0) {
        uint32_t cp;
        size_t k;
        /* eight plain ASCII bytes at a time: no byte with the high bit, none
         * below 0x20, none equal to 0x7F (the classic "has byte less than"
         * and "has zero byte" word tricks) */
        while (i + 8 <= len) {
            uint64_t w, lo, del;
            memcpy(&w, u + i, 8);
            lo = (w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL;
            del = ((w ^ 0x7F7F7F7F7F7F7F7FULL) - 0x0101010101010101ULL) & ~(w ^ 0x7F7F7F7F7F7F7F7FULL) &
                  0x8080808080808080ULL;
            if ((w & 0x8080808080808080ULL) | lo | del) break;
            i += 8;
        }
        if (i >= len) break;
        if (u[i] >= 0x20 && u[i] < 0x7F) {
            i++;
            continue;
        }
        if (u[i] >= 0x80) {
            k = utf8_seq(u + i, len - i, &cp);
            if (k && cp != 0xFFFE && cp != 0xFFFF) {
                i += k;
                continue;
            }
        } else if (u[i] == '\t' || u[i] == '\n' || u[i] == '\r') {
            i++;
            continue;
        }
        /* flush the good run, then repair this byte */
        rc = buf_append(out, (const char *)u + run, i - run);
        if (rc == 0) {
            if (u[i] >= 0x80) {
                k = utf8_seq(u + i, len - i, &cp);
                rc = put_cp(out, 0xFFFD);
                i += k ? k : 1;
            } else {
                rc = put_cp(out, u[i]);
                i++;
            }
        }
        run = i;
    }
    if (rc == 0) rc = buf_append(out, (const char *)u + run, i - run);
    return rc;
}

static int from_cp1252(const unsigned char *u, size_t len, struct buf *out)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < len && rc == 0; i++) {
        uint32_t cp = u[i];
        if (cp >= 0x80 && cp < 0xA0) cp = cp1252_hi[cp - 0x80];
        if (cp >= 0x20 && cp < 0x7F)
            rc = buf_putc(out, (char)cp);
        else
            rc = put_cp(out, cp);
    }
    return rc;
}

static int from_utf16(const unsigned char *u, size_t len, int big, struct buf *out)
{
    size_t i;
    int rc = 0;
    for (i = 0; i + 1 < len && rc == 0; i += 2) {
        uint32_t c = big ? (uint32_t)(u[i] << 8 | u[i + 1]) : (uint32_t)(u[i + 1] << 8 | u[i]);
        if (c >= 0xD800 && c <= 0xDBFF && i + 3 < len) {
            uint32_t d = big ? (uint32_t)(u[i + 2] << 8 | u[i + 3]) : (uint32_t)(u[i + 3] << 8 | u[i + 2]);
            if (d >= 0xDC00 && d <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
                i += 2;
            }
        }
        rc = put_cp(out, c);
    }
    if (rc == 0 && (len & 1)) rc = put_cp(out, 0xFFFD);
    return rc;
}

/* Convert through iconv; returns 1 when iconv does not know the label. */
static int from_iconv(const char *s, size_t len, const char *name, struct buf *out, int *rc)
{
    iconv_t cd = iconv_open("UTF-8", name);
    char tmp[8192];
    char *in = (char *)s;
    size_t left = len;
    struct buf mid;

    if (cd == (iconv_t)-1) return 1;
    buf_init(&mid, 0);
    *rc = 0;
    while (left && *rc == 0) {
        char *o = tmp;
        size_t room = sizeof tmp;
        size_t r = iconv(cd, &in, &left, &o, &room);
        *rc = buf_append(&mid, tmp, (size_t)(o - tmp));
        if (r == (size_t)-1 && errno != E2BIG) {
            /* EILSEQ or EINVAL (truncated at the end): skip one byte */
            if (*rc == 0) *rc = buf_append(&mid, "\xEF\xBF\xBD", 3);
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    /* iconv's UTF-8 is valid, but may hold NULs and controls: apply the
     * output rules by running it through the UTF-8 path. */
    if (*rc == 0) *rc = from_utf8((const unsigned char *)mid.ptr, mid.len, out);
    buf_release(&mid);
    return 0;
}

int charset_to_utf8(const char *s, size_t len, const char *charset, struct buf *out,
                    struct kb_err *err)
{
    char name[CHARSET_NAME_MAX];
    const unsigned char *u = (const unsigned char *)s;
    int rc = 0;

    if (!charset) {
        charset_detect(s, len, NULL, name);
    } else if (normalise_label(charset, strlen(charset), name) != 0) {
        set_name(name, "windows-1252");
    }
    if (!len) return 0; /* nothing to convert; s may be NULL, and NULL + 0 is undefined */
    if (strcmp(name, "utf-16le") == 0 || strcmp(name, "utf-16be") == 0) {
        size_t bom = charset_bom_len(s, len) == 2 ? 2 : 0;
        rc = from_utf16(u + bom, len - bom, name[6] == 'b', out);
    } else if (strcmp(name, "utf-8") == 0) {
        size_t bom = charset_bom_len(s, len) == 3 ? 3 : 0;
        rc = from_utf8(u + bom, len - bom, out);
    } else if (is_latin1_family(name) || from_iconv(s, len, name, out, &rc)) {
        rc = from_cp1252(u, len, out);
    }
    if (rc) return kb_err_set(err, rc, "charset: page larger than the buffer limit");
    return 0;
}
