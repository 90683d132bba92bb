/* date.c -- turning the dates found in article metadata into ISO 8601.
 *
 * Owns: nothing beyond the caller's output buffer; every function is pure
 * and thread-safe (no libc time zone or locale is consulted).
 *
 * Algorithm: the input is cut into at most MAX_TOK tokens (numbers, words,
 * single punctuation characters; blanks and non-ASCII bytes such as a
 * no-break space only separate). A small set of token patterns is then
 * tried from the start of the string:
 *   YYYY-MM-DD / YYYY/MM/DD / YYYY.MM.DD / YYYYMMDD  (ISO; "T" or a blank
 *                                                    before the time)
 *   A/B/YYYY, A-B-YYYY, A.B.YYYY                     (numeric, see below)
 *   D Month YYYY, D-Mon-YYYY, D Mon YY               (Indonesian or English)
 *   Month D, YYYY                                    (English)
 * each optionally preceded by a weekday ("Sabtu, ", "Sat, ") and followed
 * by a time "HH:MM[:SS]" or "HH.MM" (optionally after "pukul"/"jam"/"at"
 * and with AM/PM). Zones (WIB, +0700, Z, GMT) and any other trailing words
 * are dropped: the output is the local time as written, because the news
 * story is told in the outlet's local time and the zone is often absent.
 *
 * Numeric day/month order: a first number > 12 can only be a day, a second
 * number > 12 can only be a day, and an ambiguous pair is read day first,
 * the Indonesian convention (21/10/2025), unless the caller passes an order
 * it has proved from other rows of the same file (Detik's export writes
 * 10/21/2025, so 10/5/2025 in that file is 5 October). */
#include "date.h"

#include <stdio.h>
#include <string.h>

#include "err.h"

#define MAX_TOK 24
#define MAX_SCAN 256 /* bytes of input looked at; metadata dates are short */

enum tok_kind { T_NUM, T_WORD, T_PUNCT };

struct tok {
    enum tok_kind kind;
    const char *p;  /* borrowed from the input string */
    size_t len;     /* bytes */
    long val;       /* T_NUM: value (digits capped at 9, so no overflow) */
};

struct when {
    int y, m, d;        /* calendar date */
    int hh, mm, ss;     /* time of day when has_time */
    int has_time;
};

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int tokenize(const char *s, size_t len, struct tok *t)
{
    size_t i = 0;
    int n = 0;

    if (len > MAX_SCAN) len = MAX_SCAN;
    while (i < len && n < MAX_TOK) {
        unsigned char c = (unsigned char)s[i];
        size_t j = i;
        if (c <= ' ' || c >= 0x80) { /* blanks, controls, NUL, UTF-8 (NBSP, dashes) */
            i++;
            continue;
        }
        if (is_digit(c)) {
            long v = 0;
            while (j < len && is_digit((unsigned char)s[j])) {
                if (j - i < 9) v = v * 10 + (s[j] - '0');
                j++;
            }
            t[n].kind = T_NUM;
            t[n].val = v;
        } else if (is_alpha(c)) {
            /* an apostrophe inside a word: "Jum'at" */
            while (j < len && (is_alpha((unsigned char)s[j]) ||
                               (s[j] == '\'' && j + 1 < len && is_alpha((unsigned char)s[j + 1]))))
                j++;
            t[n].kind = T_WORD;
            t[n].val = 0;
        } else {
            j = i + 1;
            t[n].kind = T_PUNCT;
            t[n].val = c;
        }
        t[n].p = s + i;
        t[n].len = j - i;
        n++;
        i = j;
    }
    return n;
}

static int word_is(const struct tok *t, const char *w)
{
    size_t k;
    if (t->kind != T_WORD || strlen(w) != t->len) return 0;
    for (k = 0; k < t->len; k++)
        if (lower((unsigned char)t->p[k]) != w[k]) return 0;
    return 1;
}

static int is_punct(const struct tok *t, int n, int i, int c)
{
    return i < n && t[i].kind == T_PUNCT && t[i].val == c;
}

static int is_num(const struct tok *t, int n, int i, size_t min_digits, size_t max_digits)
{
    return i < n && t[i].kind == T_NUM && t[i].len >= min_digits && t[i].len <= max_digits;
}

/* Month names: Indonesian and English, full and abbreviated, including the
 * older Indonesian spellings (Pebruari, Nopember) still seen in archives. */
static const struct {
    const char *name;
    int month;
} months[] = {
    {"januari", 1},  {"january", 1},  {"jan", 1},      {"februari", 2}, {"pebruari", 2},
    {"february", 2}, {"feb", 2},      {"peb", 2},      {"maret", 3},    {"march", 3},
    {"mar", 3},      {"april", 4},    {"apr", 4},      {"mei", 5},      {"may", 5},
    {"juni", 6},     {"june", 6},     {"jun", 6},      {"juli", 7},     {"july", 7},
    {"jul", 7},      {"agustus", 8},  {"august", 8},   {"agu", 8},      {"agt", 8},
    {"ags", 8},      {"aug", 8},      {"agus", 8},     {"september", 9}, {"sept", 9},
    {"sep", 9},      {"oktober", 10}, {"october", 10}, {"okt", 10},     {"oct", 10},
    {"november", 11}, {"nopember", 11}, {"nov", 11},   {"nop", 11},     {"desember", 12},
    {"december", 12}, {"des", 12},    {"dec", 12},
};

static int month_of(const struct tok *t)
{
    size_t k;
    for (k = 0; k < sizeof months / sizeof months[0]; k++)
        if (word_is(t, months[k].name)) return months[k].month;
    return 0;
}

static const char *const weekdays[] = {
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "sen", "sel", "rab", "kam", "jum", "sab", "min",
};

static int is_weekday(const struct tok *t)
{
    size_t k;
    for (k = 0; k < sizeof weekdays / sizeof weekdays[0]; k++)
        if (word_is(t, weekdays[k])) return 1;
    return 0;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dim[m - 1];
}

static int valid_date(int y, int m, int d)
{
    return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Two-digit years (RFC 822 allows them): the POSIX strptime pivot, 69..99
 * -> 1900s, 00..68 -> 2000s. */
static int full_year(const struct tok *t)
{
    if (t->len == 2) return (int)(t->val < 69 ? 2000 + t->val : 1900 + t->val);
    return (int)t->val;
}

/* Optional time after the date, starting at token i. Never fails the date:
 * an unreadable time just leaves has_time 0. */
static void parse_time(const struct tok *t, int n, int i, struct when *w)
{
    int skipped = 0, h, m, s = 0;
    char sep;

    while (i < n && skipped < 2 &&
           (is_punct(t, n, i, ',') || is_punct(t, n, i, '|') || is_punct(t, n, i, '-') ||
            is_punct(t, n, i, '/') || word_is(&t[i], "pukul") || word_is(&t[i], "jam") ||
            word_is(&t[i], "at") || word_is(&t[i], "t") || word_is(&t[i], "pkl"))) {
        i++;
        skipped++;
    }
    if (!is_num(t, n, i, 1, 2)) return;
    if (!(is_punct(t, n, i + 1, ':') || is_punct(t, n, i + 1, '.'))) return;
    sep = (char)t[i + 1].val;
    if (!is_num(t, n, i + 2, 2, 2)) return;
    h = (int)t[i].val;
    m = (int)t[i + 2].val;
    i += 3;
    if (is_punct(t, n, i, sep) && is_num(t, n, i + 1, 2, 2)) {
        s = (int)t[i + 1].val;
        i += 2;
    }
    if (i < n && (word_is(&t[i], "pm") || word_is(&t[i], "am"))) {
        if (h < 1 || h > 12) return;
        if (word_is(&t[i], "pm") && h != 12) h += 12;
        if (word_is(&t[i], "am") && h == 12) h = 0;
    }
    if (h > 23 || m > 59 || s > 60) return;
    if (s == 60) s = 59; /* a leap second; the day is what matters */
    w->hh = h;
    w->mm = m;
    w->ss = s;
    w->has_time = 1;
}

static int parse(const struct tok *t, int n, enum date_order order, struct when *w)
{
    int i = 0, next;

    memset(w, 0, sizeof *w);
    if (i < n && is_weekday(&t[i])) {
        i++;
        if (is_punct(t, n, i, ',')) i++;
    }
    if (is_num(t, n, i, 4, 4)) { /* YYYY-MM-DD and friends */
        int sep;
        if (i + 4 >= n || t[i + 1].kind != T_PUNCT) return KB_EPARSE;
        sep = (int)t[i + 1].val;
        if (sep != '-' && sep != '/' && sep != '.') return KB_EPARSE;
        if (!is_num(t, n, i + 2, 1, 2) || !is_punct(t, n, i + 3, sep) || !is_num(t, n, i + 4, 1, 2))
            return KB_EPARSE;
        w->y = (int)t[i].val;
        w->m = (int)t[i + 2].val;
        w->d = (int)t[i + 4].val;
        next = i + 5;
    } else if (is_num(t, n, i, 8, 8)) { /* YYYYMMDD */
        w->y = (int)(t[i].val / 10000);
        w->m = (int)(t[i].val / 100 % 100);
        w->d = (int)(t[i].val % 100);
        next = i + 1;
    } else if (is_num(t, n, i, 1, 2) && i + 1 < n && t[i + 1].kind == T_PUNCT &&
               (t[i + 1].val == '/' || t[i + 1].val == '-' || t[i + 1].val == '.') &&
               is_num(t, n, i + 2, 1, 2)) { /* A/B/YYYY */
        int a = (int)t[i].val, b = (int)t[i + 2].val;
        if (!is_punct(t, n, i + 3, (int)t[i + 1].val) || !is_num(t, n, i + 4, 4, 4))
            return KB_EPARSE;
        w->y = (int)t[i + 4].val;
        if (a > 12 || (b <= 12 && order != DATE_ORDER_MDY)) {
            w->d = a;
            w->m = b;
        } else {
            w->m = a;
            w->d = b;
        }
        next = i + 5;
    } else if (is_num(t, n, i, 1, 2)) { /* D Month YYYY, D-Mon-YY */
        int j = i + 1;
        if (is_punct(t, n, j, '-') || is_punct(t, n, j, '.')) j++;
        if (j >= n || !(w->m = month_of(&t[j]))) return KB_EPARSE;
        j++;
        if (is_punct(t, n, j, '.') || is_punct(t, n, j, '-') || is_punct(t, n, j, ',')) j++;
        if (!is_num(t, n, j, 4, 4) && !is_num(t, n, j, 2, 2)) return KB_EPARSE;
        w->d = (int)t[i].val;
        w->y = full_year(&t[j]);
        next = j + 1;
    } else if (i < n && t[i].kind == T_WORD && month_of(&t[i])) { /* Month D, YYYY */
        int j = i + 1;
        w->m = month_of(&t[i]);
        if (is_punct(t, n, j, '.')) j++;
        if (!is_num(t, n, j, 1, 2)) return KB_EPARSE;
        w->d = (int)t[j].val;
        j++;
        if (is_punct(t, n, j, ',')) j++;
        if (!is_num(t, n, j, 4, 4)) return KB_EPARSE;
        w->y = (int)t[j].val;
        next = j + 1;
    } else {
        return KB_EPARSE;
    }
    if (!valid_date(w->y, w->m, w->d)) return KB_EPARSE;
    parse_time(t, n, next, w);
    return 0;
}

int date_normalize_order(const char *s, size_t len, enum date_order order, char out[DATE_MAX])
{
    struct tok t[MAX_TOK];
    struct when w;
    int n;

    out[0] = '\0';
    if (!s) return KB_EPARSE;
    n = tokenize(s, len, t);
    if (parse(t, n, order, &w) != 0) return KB_EPARSE;
    {
        /* fields are range-checked by parse(); the roomy buffer only keeps
         * gcc's -Wformat-truncation from assuming full int widths */
        char tmp[96];
        if (w.has_time)
            snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d", w.y, w.m, w.d, w.hh, w.mm, w.ss);
        else
            snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", w.y, w.m, w.d);
        snprintf(out, DATE_MAX, "%.*s", DATE_MAX - 1, tmp);
    }
    return 0;
}

int date_normalize(const char *s, size_t len, char out[DATE_MAX])
{
    return date_normalize_order(s, len, DATE_ORDER_AUTO, out);
}

enum date_order date_order_evidence(const char *s, size_t len)
{
    struct tok t[MAX_TOK];
    int n, i = 0;

    if (!s) return DATE_ORDER_AUTO;
    n = tokenize(s, len, t);
    if (i < n && is_weekday(&t[i])) {
        i++;
        if (is_punct(t, n, i, ',')) i++;
    }
    if (!is_num(t, n, i, 1, 2) || i + 1 >= n || t[i + 1].kind != T_PUNCT ||
        !(t[i + 1].val == '/' || t[i + 1].val == '-' || t[i + 1].val == '.') ||
        !is_num(t, n, i + 2, 1, 2) || !is_punct(t, n, i + 3, (int)t[i + 1].val) ||
        !is_num(t, n, i + 4, 4, 4))
        return DATE_ORDER_AUTO;
    if (t[i].val > 12 && t[i + 2].val <= 12) return DATE_ORDER_DMY;
    if (t[i + 2].val > 12 && t[i].val <= 12) return DATE_ORDER_MDY;
    return DATE_ORDER_AUTO;
}

/* Days from civil date: the era/day-of-era method published by Howard
 * Hinnant ("chrono-Compatible Low-Level Date Algorithms"): count 400-year
 * eras of 146097 days from 0000-03-01, then shift to 1970-01-01 (719468). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n, int *v)
{
    int k;
    *v = 0;
    for (k = 0; k < n; k++) {
        if (!is_digit((unsigned char)s[k])) return 0;
        *v = *v * 10 + (s[k] - '0');
    }
    return 1;
}

int date_days(const char *iso, int64_t *days)
{
    int y, m, d;

    if (!iso || strlen(iso) < 10) return KB_EPARSE;
    if (!digits(iso, 4, &y) || iso[4] != '-' || !digits(iso + 5, 2, &m) || iso[7] != '-' ||
        !digits(iso + 8, 2, &d))
        return KB_EPARSE;
    if (iso[10] != '\0' && iso[10] != 'T' && iso[10] != ' ') return KB_EPARSE;
    if (!valid_date(y, m, d)) return KB_EPARSE;
    *days = days_from_civil(y, m, d);
    return 0;
}
