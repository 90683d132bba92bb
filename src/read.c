/* read.c -- files, directories and stdin into `struct article` records.
 *
 * Owns: while a file is being parsed, its whole content (one heap copy,
 * capped at READ_FILE_MAX) and the scratch buffers of the CSV and JSON
 * parsers; all are freed before the next file, so memory stays
 * proportional to the largest single file. Every article handed to the emit
 * callback belongs to the callback from then on.
 *
 * Flow: read_path -> (directory walk, sorted by byte order of the names,
 * dot files skipped, directory loops detected by device/inode) -> one file
 * read fully -> read_buffer -> format chosen (explicit, else by extension,
 * else by sniffing the content) -> one of the three parsers:
 *   text   one article per file; optional title line (see looks_like_title)
 *   jsonl  one JSON object per line (jansson); a file starting with '['
 *          is read as one array of objects instead
 *   csv    header row mapped by name (csv.c does the RFC 4180 splitting)
 * All three funnel into make_article, which applies the shared rules: the
 * record size cap, "no text" rejection, url = "PATH:LINE" when absent
 * (marked url_synthetic: a stand-in, never an identity), the site from the url's registrable domain, the date normalised (date.c), NUL
 * bytes turned into spaces so the fields are usable as C strings.
 * Malformed records go to the reject callback as ("FILE:LINE", why) and
 * reading goes on; only an unopenable path given by the caller is an error. */
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "csv.h"
#include "date.h"
#include "extract.h"
#include "feed.h"
#include "mem.h"
#include "span.h"
#include "warc.h"

#define READ_FILE_MAX ((size_t)1 << 30)        /* 1 GiB: larger files are rejected */
#define READ_RECORD_DEFAULT ((size_t)64 << 20) /* read.h: max_record 0 means 64 MiB */
#define WALK_DEPTH_MAX 64                      /* nested directories followed */
#define SNIFF_BYTES 4096                       /* bytes looked at to guess a format */

/* Title heuristics for text files (see looks_like_title). 150 characters and
 * 20 words cover the longest Indonesian news headlines we have seen (Detik
 * and Kompas titles run 60-120 characters); a question or exclamation is
 * only taken as a headline when short, because body text often opens with
 * a longer rhetorical question. */
#define TITLE_MAX_CHARS 150
#define TITLE_MAX_WORDS 20
#define TITLE_MAX_WORDS_QUESTION 12

enum field {
    F_URL,
    F_TITLE,
    F_TEXT,
    F_PUBLISHED,
    F_SITE,
    F_LANG,
    F_HTML,
    F_COUNT
};

/* Field names in priority order: when a record has two names for one field
 * (news-please has both "title" and "title_page"; some CSVs carry "text"
 * and "content"), the earlier name in the list wins. */
static const char *const url_names[] = {"url", "link", "tautan", "source_url", NULL};
static const char *const title_names[] = {"title", "judul", "headline", NULL};
static const char *const text_names[] = {"text", "maintext", "content", "isi_berita", "clean_text",
                                         "berita", "isi", "body", "article", NULL};
static const char *const published_names[] = {"published", "date", "tanggal", "date_publish",
                                              "published_at", "datetime", NULL};
static const char *const site_names[] = {"site", "source", "domain", "source_domain", "media", NULL};
static const char *const lang_names[] = {"lang", "language", NULL};
static const char *const html_names[] = {"html", NULL};

static const char *const *const field_names[F_COUNT] = {
    url_names, title_names, text_names, published_names, site_names, lang_names, html_names,
};

/* One record's fields as (ptr, len) views into the parser's buffers. */
struct fields {
    const char *v[F_COUNT]; /* borrowed from the parser; NULL when absent */
    size_t len[F_COUNT];    /* bytes */
    int rank[F_COUNT];      /* position of the matched name in its list */
};

struct reader {
    const struct read_opts *o; /* borrowed from the caller */
    size_t max_record;         /* bytes, resolved from o->max_record */
    size_t bytes_done;         /* for the progress callback */
    dev_t dir_dev[WALK_DEPTH_MAX]; /* directories on the walk stack (loop guard) */
    ino_t dir_ino[WALK_DEPTH_MAX];
    int depth;                 /* entries used in dir_dev/dir_ino */
};

/* ---- small helpers ------------------------------------------------------ */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static void trim(const char **s, size_t *len)
{
    while (*len && is_space((unsigned char)**s)) (*s)++, (*len)--;
    while (*len && is_space((unsigned char)(*s)[*len - 1])) (*len)--;
}

/* Only white space (a NUL counts: it becomes a space in the article). */
static int blank(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (s[i] != '\0' && !is_space((unsigned char)s[i])) return 0;
    return 1;
}

static int ieq(const char *a, size_t alen, const char *b)
{
    size_t k;
    if (strlen(b) != alen) return 0;
    for (k = 0; k < alen; k++)
        if (lower((unsigned char)a[k]) != b[k]) return 0;
    return 1;
}

/* A copy of s[0..len) with NUL bytes turned into spaces: the article's
 * strings are C strings, and a NUL would silently cut them. */
static char *dup_nonul(const char *s, size_t len)
{
    char *p = kb_strndup(s, len);
    size_t i;
    for (i = 0; i < len; i++)
        if (p[i] == '\0') p[i] = ' ';
    return p;
}

static char *where_of(const char *name, size_t line)
{
    size_t n = strlen(name) + 24;
    char *w = kb_malloc(n);
    snprintf(w, n, "%s:%zu", name, line);
    return w;
}

/* "FILE:@OFFSET", read.h's place for a byte offset. */
static char *where_at(const char *name, uint64_t off)
{
    size_t n = strlen(name) + 26;
    char *w = kb_malloc(n);
    snprintf(w, n, "%s:@%llu", name, (unsigned long long)off);
    return w;
}

static int iprefix_n(const char *s, size_t len, const char *p)
{
    size_t k, n = strlen(p);
    if (len < n) return 0;
    for (k = 0; k < n; k++)
        if (lower((unsigned char)s[k]) != p[k]) return 0;
    return 1;
}

static int icontains_n(const char *s, size_t len, const char *needle)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (iprefix_n(s + i, len - i, needle)) return 1;
    return 0;
}

static void reject(struct reader *r, const char *name, size_t line, const char *fmt, ...)
    KB_PRINTF(4, 5);

static void reject(struct reader *r, const char *name, size_t line, const char *fmt, ...)
{
    char why[KB_ERR_MSG_MAX], *where;
    va_list ap;

    if (!r->o->reject) return;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    where = line ? where_of(name, line) : kb_strdup(name);
    r->o->reject(r->o->ctx, where, why);
    free(where);
}

static size_t bom_len(const char *d, size_t n)
{
    return n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* memmem is a GNU extension; this is the portable few lines. */
static int contains(const char *s, size_t len, const char *needle)
{
    size_t nl = strlen(needle), i;
    for (i = 0; i + nl <= len; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, nl) == 0) return 1;
    return 0;
}

static size_t count_lines(const char *d, size_t n)
{
    size_t k = 0;
    const char *p = d, *end = d + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) k++, p++;
    return k;
}

/* ---- the shared record rules ---------------------------------------------- */

static int field_of(const char *name, size_t len, int *rank)
{
    int f, k;
    const char *s = name;
    size_t n = len;

    trim(&s, &n);
    for (f = 0; f < F_COUNT; f++)
        for (k = 0; field_names[f][k]; k++)
            if (ieq(s, n, field_names[f][k])) {
                *rank = k;
                return f;
            }
    return -1;
}

static void fields_put(struct fields *fl, int f, int rank, const char *v, size_t len)
{
    if (fl->v[f] && fl->rank[f] <= rank) return;
    fl->v[f] = v;
    fl->len[f] = len;
    fl->rank[f] = rank;
}

static void set_trimmed(char **field, const char *s, size_t len)
{
    if (!s) return;
    trim(&s, &len);
    if (!len) return;
    free(*field);
    *field = dup_nonul(s, len);
}

/* A site column often holds the page's host ("jogja.antaranews.com",
 * "pusatdata.kontan.co.id"); reduce a host to its registrable domain as for
 * urls, so that one outlet is one site for the clustering and support
 * counts downstream. Outlet names ("Kompas", "CNN Indonesia") stay as given. */
static void site_normalize(char **site)
{
    const char *s = *site;
    char url[300], out[256];
    size_t i, n = strlen(s);
    int dot = 0;

    if (n == 0 || n > 253) return;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') dot = 1;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                   c == '_' || c >= 0x80))
            return;
    }
    if (!dot) return;
    snprintf(url, sizeof url, "http://%s/", s);
    if (article_site_from_url(url, out, sizeof out) != 0) return;
    free(*site);
    *site = kb_strdup(out);
}

/* A JSONL/CSV record with only an "html" field: the extractor gives the
 * text, and the page's title and date fill the fields the record lacks. */
static int html_record(struct reader *r, const char *name, size_t line, const struct fields *fl,
                       enum date_order order)
{
    struct extract_result x;
    struct article *a;
    char *url = NULL, site[256], date[DATE_MAX];
    int rc;

    if (fl->len[F_HTML] > EXTRACT_MAX_INPUT) {
        reject(r, name, line, "record too large (%zu bytes)", fl->len[F_HTML]);
        return 0;
    }
    set_trimmed(&url, fl->v[F_URL], fl->len[F_URL]);
    if (extract_html(fl->v[F_HTML], fl->len[F_HTML], NULL, url, &x, NULL) != 0 || !x.text ||
        blank(x.text, x.text_len)) {
        reject(r, name, line, "no text (the html field has no main text)");
        extract_result_release(&x);
        free(url);
        return 0;
    }
    a = article_new();
    a->origin = where_of(name, line);
    a->url = url ? url : kb_strdup(a->origin);
    a->url_synthetic = url == NULL;
    set_trimmed(&a->title, fl->v[F_TITLE], fl->len[F_TITLE]);
    if (!a->title && x.title) set_trimmed(&a->title, x.title, strlen(x.title));
    set_trimmed(&a->site, fl->v[F_SITE], fl->len[F_SITE]);
    if (a->site) site_normalize(&a->site);
    if (!a->site && url && article_site_from_url(a->url, site, sizeof site) == 0) a->site = kb_strdup(site);
    set_trimmed(&a->lang, fl->v[F_LANG], fl->len[F_LANG]);
    if (!a->lang && x.lang) a->lang = kb_strdup(x.lang);
    if (fl->v[F_PUBLISHED] && date_normalize_order(fl->v[F_PUBLISHED], fl->len[F_PUBLISHED], order, date) == 0)
        a->published = kb_strdup(date);
    else if (x.published)
        a->published = kb_strdup(x.published);
    a->text = x.text;
    a->text_len = x.text_len;
    x.text = NULL;
    extract_result_release(&x);
    rc = r->o->emit(r->o->ctx, a);
    return rc;
}

/* Build one article from a record and hand it to emit. Returns 0 to go on,
 * or emit's non-zero value to stop. rec_bytes is the record's size in the
 * input, checked against the cap before anything is copied. */
static int make_article(struct reader *r, const char *name, size_t line, const struct fields *fl,
                        size_t rec_bytes, enum date_order order)
{
    struct article *a;
    const char *text = fl->v[F_TEXT];
    size_t text_len = fl->len[F_TEXT];
    char site[256], date[DATE_MAX];

    if (rec_bytes > r->max_record || text_len > r->max_record) {
        reject(r, name, line, "record too large (%zu bytes)", rec_bytes > text_len ? rec_bytes : text_len);
        return 0;
    }
    if ((!text || blank(text, text_len)) && fl->v[F_HTML] && !blank(fl->v[F_HTML], fl->len[F_HTML]))
        return html_record(r, name, line, fl, order);
    if (!text || blank(text, text_len)) {
        reject(r, name, line, "no text");
        return 0;
    }
    a = article_new();
    a->origin = where_of(name, line);
    set_trimmed(&a->url, fl->v[F_URL], fl->len[F_URL]);
    if (!a->url) {
        a->url = kb_strdup(a->origin);
        a->url_synthetic = 1;
    }
    set_trimmed(&a->title, fl->v[F_TITLE], fl->len[F_TITLE]);
    set_trimmed(&a->site, fl->v[F_SITE], fl->len[F_SITE]);
    if (a->site) site_normalize(&a->site);
    if (!a->site && fl->v[F_URL] && article_site_from_url(a->url, site, sizeof site) == 0)
        a->site = kb_strdup(site);
    set_trimmed(&a->lang, fl->v[F_LANG], fl->len[F_LANG]);
    if (fl->v[F_PUBLISHED] && date_normalize_order(fl->v[F_PUBLISHED], fl->len[F_PUBLISHED], order, date) == 0)
        a->published = kb_strdup(date);
    a->text = dup_nonul(text, text_len);
    a->text_len = text_len;
    return r->o->emit(r->o->ctx, a);
}

/* ---- text ------------------------------------------------------------------ */

static int starts_with_label(const char *s, size_t len)
{
    /* byline and furniture lines that precede the body in scraped text:
     * "Reporter: A | Editor: B", "Oleh: ...", "Baca juga: ..." */
    static const char *const labels[] = {"reporter", "editor", "penulis", "oleh", "foto", "sumber",
                                         "baca juga", "tonton", "redaktur", "kontributor",
                                         "laporan wartawan", "advertisement", "iklan", "writer",
                                         "by", "photo", NULL};
    int k;
    for (k = 0; labels[k]; k++) {
        size_t n = strlen(labels[k]), j;
        if (len < n + 1) continue;
        for (j = 0; j < n && lower((unsigned char)s[j]) == labels[k][j]; j++) {}
        if (j < n) continue;
        while (j < len && s[j] == ' ') j++;
        if (j < len && s[j] == ':') return 1;
        /* "Oleh Budi Santoso" / "By John Smith" are bylines without a colon */
        if ((k == 3 || k == 14) && s[n] == ' ') return 1;
    }
    return 0;
}

/* Is the first non-empty line a headline? Headlines are short, carry no
 * sentence-final full stop, and start with a capital or a digit. A final
 * '?' or '!' is allowed for short lines only: "Mengapa Korea Utara membantu
 * Rusia?" is a headline, but a long opening question is body text. Lines
 * that open in lower case ("beritaku.net – Banyak warga ..."), bylines,
 * and bare URLs are body or furniture, so the title is derived later. */
static int looks_like_title(const char *s, size_t len)
{
    size_t chars = 0, words = 0, i;
    int in_word = 0;
    unsigned char first = (unsigned char)s[0], last;
    size_t end = len;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) != 0x80) chars++;
        if (is_space(c)) in_word = 0;
        else if (!in_word) in_word = 1, words++;
    }
    if (chars > TITLE_MAX_CHARS || words > TITLE_MAX_WORDS || words == 0) return 0;
    if (first >= 'a' && first <= 'z') return 0;
    if (starts_with_label(s, len)) return 0;
    if (contains(s, len, "://") || (len > 4 && ieq(s, 4, "www."))) return 0;
    /* look through closing quotes and brackets: '... kata Menteri."' ends a sentence */
    while (end > 0 && (s[end - 1] == '"' || s[end - 1] == '\'' || s[end - 1] == ')' || s[end - 1] == ']'))
        end--;
    if (end >= 3 && (memcmp(s + end - 3, "\xE2\x80\x9D", 3) == 0 || memcmp(s + end - 3, "\xE2\x80\x99", 3) == 0))
        end -= 3; /* ” ’ */
    if (end == 0) return 0;
    if (end >= 3 && memcmp(s + end - 3, "\xE2\x80\xA6", 3) == 0) return 0; /* … a teaser */
    last = (unsigned char)s[end - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':') return 0;
    if ((last == '?' || last == '!') && words > TITLE_MAX_WORDS_QUESTION) return 0;
    return 1;
}

static int read_text(struct reader *r, const char *name, const char *d, size_t n)
{
    struct article *a;
    size_t pos = bom_len(d, n), ls, le, rest;

    if (n > r->max_record) {
        reject(r, name, 1, "record too large (%zu bytes)", n);
        return 0;
    }
    if (blank(d + pos, n - pos)) {
        reject(r, name, 1, "no text");
        return 0;
    }
    a = article_new();
    a->url = kb_strdup(name);
    a->url_synthetic = 1; /* a text file carries no url of its own */
    a->origin = where_of(name, 1);
    /* the first non-empty line */
    ls = pos;
    for (;;) {
        const char *nl = memchr(d + ls, '\n', n - ls);
        le = nl ? (size_t)(nl - d) : n;
        if (!blank(d + ls, le - ls) || le == n) break;
        ls = le + 1;
    }
    rest = le < n ? le + 1 : n;
    while (rest < n && is_space((unsigned char)d[rest])) rest++; /* blank lines after a title */
    {
        const char *t = d + ls;
        size_t tl = le - ls;
        trim(&t, &tl);
        if (!r->o->no_title && rest < n && tl && looks_like_title(t, tl)) {
            a->title = dup_nonul(t, tl);
            pos = rest;
        }
    }
    a->text = dup_nonul(d + pos, n - pos);
    a->text_len = n - pos;
    return r->o->emit(r->o->ctx, a);
}

/* ---- JSON ------------------------------------------------------------------ */

static int json_record(struct reader *r, const char *name, size_t line, json_t *root, size_t rec_bytes)
{
    struct fields fl;
    const char *key;
    json_t *val;

    if (!json_is_object(root)) {
        reject(r, name, line, "not a JSON object");
        return 0;
    }
    memset(&fl, 0, sizeof fl);
    json_object_foreach(root, key, val) {
        int rank, f = field_of(key, strlen(key), &rank);
        if (f < 0 || !json_is_string(val)) continue; /* unknown fields are ignored */
        fields_put(&fl, f, rank, json_string_value(val), json_string_length(val));
    }
    return make_article(r, name, line, &fl, rec_bytes, DATE_ORDER_AUTO);
}

static int read_jsonl(struct reader *r, const char *name, const char *d, size_t n)
{
    size_t pos = bom_len(d, n), line = 1;
    int rc = 0;

    while (pos < n && rc == 0) {
        const char *nl = memchr(d + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - d) : n, len = end - pos;
        if (len && d[end - 1] == '\r') len--;
        if (!blank(d + pos, len)) {
            if (len > r->max_record) {
                reject(r, name, line, "record too large (%zu bytes)", len);
            } else {
                json_error_t je;
                json_t *root = json_loadb(d + pos, len, JSON_ALLOW_NUL, &je);
                if (!root) {
                    reject(r, name, line, "invalid JSON: %s", je.text);
                } else {
                    rc = json_record(r, name, line, root, len);
                    json_decref(root);
                }
            }
        }
        pos = end + 1;
        line++;
    }
    return rc;
}

/* A JSON array of article objects ("[{...}, {...}]"), as some exporters
 * write. Elements are parsed one at a time (JSON_DISABLE_EOF_CHECK gives
 * the bytes each one used), so line numbers stay exact; after a syntax
 * error the rest of the array can't be resynchronised and is rejected. */
static int read_json_array(struct reader *r, const char *name, const char *d, size_t n)
{
    size_t pos = bom_len(d, n), line = 1;
    int rc = 0, expect_value = 1;

    while (pos < n && is_space((unsigned char)d[pos])) line += d[pos++] == '\n';
    pos++; /* '[' */
    while (rc == 0) {
        json_error_t je;
        json_t *root;
        size_t used;

        while (pos < n && is_space((unsigned char)d[pos])) line += d[pos++] == '\n';
        if (pos >= n) {
            reject(r, name, line, "invalid JSON: unterminated array");
            break;
        }
        if (d[pos] == ']') break; /* also forgives a trailing comma */
        if (!expect_value) {
            if (d[pos] != ',') {
                reject(r, name, line, "invalid JSON: expected ',' or ']' in array");
                break;
            }
            pos++;
            expect_value = 1;
            continue;
        }
        root = json_loadb(d + pos, n - pos, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
        if (!root) {
            reject(r, name, line + (je.line > 0 ? (size_t)je.line - 1 : 0), "invalid JSON: %s", je.text);
            break;
        }
        used = (size_t)je.position;
        if (used > n - pos) used = n - pos;
        rc = json_record(r, name, line, root, used);
        json_decref(root);
        line += count_lines(d + pos, used);
        pos += used;
        expect_value = 0;
    }
    return rc;
}

/* ---- CSV ------------------------------------------------------------------- */

/* Which day/month order the file's numeric dates prove, by a first pass over
 * the date column: Detik's export writes 10/21/2025, so its ambiguous
 * 10/5/2025 means 5 October. Mixed proof leaves the default (day first). */
static enum date_order csv_date_order(const struct csv *start, size_t col, size_t ncols)
{
    struct csv c = *start;
    struct buf rec;
    struct spans fl;
    size_t dmy = 0, mdy = 0;
    int rc;

    buf_init(&rec, 0);
    spans_init(&fl);
    while ((rc = csv_next(&c, &rec, &fl, NULL)) != 0) {
        enum date_order o;
        if (rc < 0) {
            if (rc == KB_EPARSE) break;
            continue;
        }
        if (fl.n != ncols) continue;
        o = date_order_evidence(rec.ptr + fl.v[col].off, fl.v[col].len);
        dmy += o == DATE_ORDER_DMY;
        mdy += o == DATE_ORDER_MDY;
    }
    buf_release(&rec);
    spans_release(&fl);
    if (mdy && !dmy) return DATE_ORDER_MDY;
    if (dmy && !mdy) return DATE_ORDER_DMY;
    return DATE_ORDER_AUTO;
}

static int has_extension(const char *name, const char *ext);

static int read_csv(struct reader *r, const char *name, const char *d, size_t n)
{
    struct csv c;
    struct buf rec;
    struct spans fl;
    size_t ncols, i, col[F_COUNT];
    int rank[F_COUNT], f, rc = 0, res;
    enum date_order order = DATE_ORDER_AUTO;
    char delim = has_extension(name, ".tsv") ? '\t' : csv_detect_delim(d, n);

    buf_init(&rec, r->max_record);
    spans_init(&fl);
    csv_init(&c, d, n, delim);
    res = csv_next(&c, &rec, &fl, NULL);
    if (res <= 0) {
        if (res == 0 || blank(d + bom_len(d, n), n - bom_len(d, n)))
            reject(r, name, 1, "empty CSV file (no header row)");
        else
            reject(r, name, 1, "unreadable CSV header row (%s)", res == KB_EPARSE ? "unterminated quote" : "too large");
        goto done;
    }
    ncols = fl.n;
    for (f = 0; f < F_COUNT; f++) col[f] = (size_t)-1, rank[f] = 0;
    for (i = 0; i < ncols; i++) {
        int k, g = field_of(rec.ptr + fl.v[i].off, fl.v[i].len, &k);
        if (g >= 0 && (col[g] == (size_t)-1 || k < rank[g])) col[g] = i, rank[g] = k;
    }
    if (col[F_TEXT] == (size_t)-1) {
        if (col[F_HTML] != (size_t)-1)
            reject(r, name, 1, "html column needs the extractor (not implemented yet)");
        else
            reject(r, name, 1, "no text column in the CSV header (expected one of: text, maintext, "
                               "content, isi_berita, clean_text, berita, isi, body, article)");
        goto done;
    }
    if (col[F_PUBLISHED] != (size_t)-1) order = csv_date_order(&c, col[F_PUBLISHED], ncols);

    while (rc == 0 && (res = csv_next(&c, &rec, &fl, NULL)) != 0) {
        struct fields rf;
        if (res == KB_EPARSE) {
            reject(r, name, c.rec_line, "unterminated quoted field");
            break;
        }
        if (res == KB_ETOOBIG) {
            reject(r, name, c.rec_line, "record too large (%zu bytes)", c.rec_end - c.rec_start);
            continue;
        }
        if (fl.n == 1 && fl.v[0].len == 0) continue; /* a blank line */
        if (fl.n != ncols) {
            reject(r, name, c.rec_line, "expected %zu fields, found %zu", ncols, fl.n);
            continue;
        }
        memset(&rf, 0, sizeof rf);
        for (f = 0; f < F_COUNT; f++)
            if (col[f] != (size_t)-1) {
                rf.v[f] = rec.ptr + fl.v[col[f]].off;
                rf.len[f] = fl.v[col[f]].len;
            }
        rc = make_article(r, name, c.rec_line, &rf, c.rec_end - c.rec_start, order);
    }
done:
    buf_release(&rec);
    spans_release(&fl);
    return rc;
}

/* ---- HTML pages, WARC records, feed items ---------------------------------- */

static int is_http_url(const char *s)
{
    return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

/* Build an article from an extracted page and hand it to emit. origin is
 * "FILE" / "FILE:@OFFSET" / "FILE:LINE"; url is the article's url (never
 * NULL), or origin itself when the page has none (the url is then marked
 * synthetic); fallback_date is used when the page states no date of its own. */
static int emit_page(struct reader *r, const char *origin, const char *url, struct extract_result *x,
                     const char *fallback_date, const char *site_hint, int partial)
{
    struct article *a;
    char site[256], date[DATE_MAX];

    if (!x->text || blank(x->text, x->text_len)) {
        if (r->o->reject) r->o->reject(r->o->ctx, origin, "no main text found in the page");
        return 0;
    }
    if (x->text_len > r->max_record) {
        if (r->o->reject) {
            char why[96];
            snprintf(why, sizeof why, "record too large (%zu bytes)", x->text_len);
            r->o->reject(r->o->ctx, origin, why);
        }
        return 0;
    }
    a = article_new();
    a->origin = kb_strdup(origin);
    a->url = dup_nonul(url, strlen(url));
    a->url_synthetic = strcmp(url, origin) == 0;
    if (x->title) set_trimmed(&a->title, x->title, strlen(x->title));
    /* one outlet is one site: the url's registrable domain, as the other
     * readers do; the page's own name for itself only without a web url */
    if (is_http_url(a->url) && article_site_from_url(a->url, site, sizeof site) == 0) a->site = kb_strdup(site);
    else if (site_hint && is_http_url(site_hint) && article_site_from_url(site_hint, site, sizeof site) == 0)
        a->site = kb_strdup(site);
    else if (x->site) {
        set_trimmed(&a->site, x->site, strlen(x->site));
        if (a->site) site_normalize(&a->site);
    }
    if (x->lang) set_trimmed(&a->lang, x->lang, strlen(x->lang));
    if (x->published) a->published = kb_strdup(x->published);
    else if (fallback_date && date_normalize(fallback_date, strlen(fallback_date), date) == 0)
        a->published = kb_strdup(date);
    a->text = x->text; /* taken over: no copy of a possibly large text */
    a->text_len = x->text_len;
    x->text = NULL;
    for (size_t i = 0; i < a->text_len; i++)
        if (a->text[i] == '\0') a->text[i] = ' ';
    a->partial = partial;
    return r->o->emit(r->o->ctx, a);
}

/* One HTML page per file: url = the page's canonical url when it is a web
 * url, else the path. */
static int read_html(struct reader *r, const char *name, const char *d, size_t n)
{
    struct extract_result x;
    struct kb_err e;
    int rc;

    if (n > r->max_record || n > EXTRACT_MAX_INPUT) {
        reject(r, name, 0, "page too large (%zu bytes)", n);
        return 0;
    }
    kb_err_clear(&e);
    if (extract_html(d, n, NULL, NULL, &x, &e) != 0) {
        reject(r, name, 0, "%s", e.msg[0] ? e.msg : "unreadable HTML");
        return 0;
    }
    rc = emit_page(r, name, is_http_url(x.url) ? x.url : name, &x, NULL, NULL, 0);
    extract_result_release(&x);
    return rc;
}

static int is_html_type(const char *ct, const char *body, size_t len)
{
    size_t i;
    if (ct && *ct) {
        char low[64];
        size_t k;
        for (k = 0; ct[k] && ct[k] != ';' && k + 1 < sizeof low; k++) low[k] = (char)lower((unsigned char)ct[k]);
        low[k] = '\0';
        if (strstr(low, "html")) return 1;
        /* only a vague type lets the bytes decide */
        if (strcmp(low, "application/octet-stream") != 0 && strcmp(low, "unk") != 0 &&
            strcmp(low, "text/plain") != 0 && strcmp(low, "no-type") != 0)
            return 0;
    }
    for (i = 0; i < len && i < 64 && is_space((unsigned char)body[i]); i++) {}
    len = len - i < 1024 ? len - i : 1024;
    body += i;
    return iprefix_n(body, len, "<!doctype html") || iprefix_n(body, len, "<html") || icontains_n(body, len, "<html");
}

/* The response/resource records of one WARC/ARC file that hold HTML. */
static int read_warc(struct reader *r, const char *name, struct warc_reader *w)
{
    struct warc_record rec;
    struct kb_err e;
    int rc = 0, got;
    char *where = NULL;

    while (rc == 0) {
        struct warc_payload p;
        struct extract_result x;
        const char *uri, *date, *why;
        char norm[DATE_MAX];
        uint64_t off;

        kb_err_clear(&e);
        got = warc_next(w, &rec, &e);
        if (got == 0) break;
        if (got < 0 || got == WARC_SKIPPED) {
            off = warc_reader_problem(w, &why);
            free(where);
            where = where_at(name, off);
            if (r->o->reject) r->o->reject(r->o->ctx, where, why[0] ? why : e.msg);
            if (got < 0) break;
            continue;
        }
        if (rec.type != WARC_RESPONSE && rec.type != WARC_RESOURCE) continue;
        if (warc_payload(w, &rec, &p, NULL) != 0) continue;
        if (p.http_status && (p.http_status < 200 || p.http_status > 299)) continue; /* redirects, errors */
        if (!is_html_type(p.content_type, p.body, p.body_len)) continue;
        free(where);
        where = where_at(name, rec.file_offset);
        if (p.body_len > r->max_record || p.body_len > EXTRACT_MAX_INPUT) {
            if (r->o->reject) r->o->reject(r->o->ctx, where, "page too large");
            continue;
        }
        /* a Wayback address stands for the page it archived: its own url
         * gives the site and the date in the path */
        uri = rec.target_uri ? warc_original_uri(rec.target_uri) : NULL;
        kb_err_clear(&e);
        if (extract_html(p.body, p.body_len, p.content_type, uri, &x, &e) != 0) {
            if (r->o->reject) r->o->reject(r->o->ctx, where, e.msg[0] ? e.msg : "unreadable HTML");
            continue;
        }
        /* the page's own date first; the capture date (WARC-Date, else the
         * Wayback Memento-Datetime) bounds it from above and is close for
         * news crawled as it appears (docs/internals/warc.md) */
        date = rec.date;
        if (!date || date_normalize(date, strlen(date), norm) != 0) date = warc_field(&rec, "Memento-Datetime");
        rc = emit_page(r, where, uri ? uri : where, &x, date, NULL, 0);
        extract_result_release(&x);
    }
    free(where);
    return rc;
}

static int read_warc_mem(struct reader *r, const char *name, const char *d, size_t n)
{
    struct warc_reader *w = warc_reader_new_mem(d, n, name, r->max_record);
    int rc = read_warc(r, name, w);
    warc_reader_free(w);
    return rc;
}

struct feed_ctx {
    struct reader *r;   /* borrowed */
    const char *name;   /* borrowed */
    struct buf text;    /* scratch for summaries */
};

static int on_feed_item(void *ctx, const struct feed_item *it)
{
    struct feed_ctx *fc = ctx;
    struct reader *r = fc->r;
    struct extract_result x;
    char *where = it->line > 0 ? where_of(fc->name, (size_t)it->line) : kb_strdup(fc->name);
    int rc = 0, partial = 0;

    extract_result_init(&x);
    if (it->html && !blank(it->html, it->html_len) && it->html_len <= EXTRACT_MAX_INPUT) {
        if (extract_html(it->html, it->html_len, "text/html; charset=utf-8", it->url, &x, NULL) != 0)
            extract_result_init(&x);
        /* a feed body is the article already: when the extractor finds no
         * "main" block in it (one short paragraph), take all its text */
        if (!x.text || blank(x.text, x.text_len)) {
            buf_reset(&fc->text);
            if (feed_html_text(it->html, it->html_len, &fc->text) == 0 && fc->text.len) {
                free(x.text);
                x.text = buf_take(&fc->text);
                x.text_len = strlen(x.text);
            }
        }
    }
    if ((!x.text || blank(x.text, x.text_len)) && it->summary) {
        buf_reset(&fc->text);
        if (feed_html_text(it->summary, it->summary_len, &fc->text) == 0 && fc->text.len) {
            free(x.text);
            x.text = buf_take(&fc->text);
            x.text_len = strlen(x.text);
            partial = 1;
        }
    }
    if (!x.text || blank(x.text, x.text_len)) {
        if (r->o->reject) r->o->reject(r->o->ctx, where, "feed item without content or summary");
    } else {
        /* the feed's fields beat what the extractor guessed from a fragment */
        free(x.title);
        x.title = it->title ? kb_strdup(it->title) : NULL;
        free(x.author);
        x.author = it->author ? kb_strdup(it->author) : NULL;
        free(x.published);
        x.published = NULL;
        if (!x.lang && it->lang) x.lang = kb_strdup(it->lang);
        free(x.site);
        x.site = NULL;
        rc = emit_page(r, where, it->url && *it->url ? it->url : where, &x, it->published, it->site_url, partial);
    }
    extract_result_release(&x);
    free(where);
    return rc;
}

static int read_feed(struct reader *r, const char *name, const char *d, size_t n)
{
    struct feed_ctx fc;
    struct kb_err e;
    int rc;

    fc.r = r;
    fc.name = name;
    buf_init(&fc.text, r->max_record);
    kb_err_clear(&e);
    rc = feed_parse(d, n, on_feed_item, &fc, &e);
    buf_release(&fc.text);
    if (rc < 0) {
        reject(r, name, 0, "%s", e.msg[0] ? e.msg : "unreadable feed");
        return 0;
    }
    return rc;
}

/* ---- format choice --------------------------------------------------------- */

static int has_extension(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && ieq(name + n - e, e, ext);
}

static enum read_format format_by_name(const char *name)
{
    static const struct {
        const char *ext;
        enum read_format fmt;
    } exts[] = {
        {".txt", READ_TEXT},   {".text", READ_TEXT},   {".md", READ_TEXT},    {".jsonl", READ_JSONL},
        {".ndjson", READ_JSONL}, {".json", READ_JSONL}, {".csv", READ_CSV},    {".tsv", READ_CSV},
        {".html", READ_HTML},  {".htm", READ_HTML},    {".xhtml", READ_HTML}, {".warc", READ_WARC},
        {".warc.gz", READ_WARC}, {".arc", READ_WARC},  {".arc.gz", READ_WARC}, {".xml", READ_FEED},
        {".rss", READ_FEED},   {".atom", READ_FEED},
    };
    size_t k;
    for (k = 0; k < sizeof exts / sizeof exts[0]; k++)
        if (has_extension(name, exts[k].ext)) return exts[k].fmt;
    return READ_AUTO;
}

static int looks_binary(const char *d, size_t n)
{
    if (n > SNIFF_BYTES) n = SNIFF_BYTES;
    if (n >= 2 && (unsigned char)d[0] == 0x1f && (unsigned char)d[1] == 0x8b) return 1; /* gzip */
    return memchr(d, '\0', n) != NULL;
}

/* Content sniffing for names without a known extension. Returns READ_AUTO
 * when the content is binary (nothing kabar can read). */
static enum read_format format_by_content(const char *d, size_t n)
{
    size_t pos = bom_len(d, n);
    char delim;

    if (looks_binary(d, n)) return READ_AUTO;
    while (pos < n && is_space((unsigned char)d[pos])) pos++;
    if (pos < n && (d[pos] == '{' || d[pos] == '[')) return READ_JSONL;
    if (pos < n && d[pos] == '<') {
        size_t m = n - pos < SNIFF_BYTES ? n - pos : SNIFF_BYTES;
        if (contains(d + pos, m, "<rss") || contains(d + pos, m, "<feed")) return READ_FEED;
        return READ_HTML;
    }
    if (n - pos >= 5 && memcmp(d + pos, "WARC/", 5) == 0) return READ_WARC;
    /* CSV when the first line splits into column names that look like
     * identifiers (no inner blanks: "isi_berita", "Summary") and one of them
     * is a field kabar knows. A prose first line such as "Berita, Foto dan
     * Video" splits too, but into phrases, so it stays text. */
    delim = csv_detect_delim(d, n);
    if (csv_count_delims(d, n, delim) >= 1) {
        struct csv c;
        struct buf rec;
        struct spans fl;
        int is_csv = 0;
        size_t i;
        buf_init(&rec, SNIFF_BYTES * 4);
        spans_init(&fl);
        csv_init(&c, d, n, delim);
        if (csv_next(&c, &rec, &fl, NULL) == 1) {
            int known = 0, names = 1;
            for (i = 0; i < fl.n && names; i++) {
                const char *h = rec.ptr + fl.v[i].off;
                size_t hl = fl.v[i].len, k;
                int rank;
                trim(&h, &hl);
                names = hl > 0 && hl <= 64;
                for (k = 0; k < hl && names; k++) names = !is_space((unsigned char)h[k]);
                known |= field_of(h, hl, &rank) >= 0;
            }
            is_csv = names && known;
        }
        buf_release(&rec);
        spans_release(&fl);
        if (is_csv) return READ_CSV;
    }
    return READ_TEXT;
}

/* Formats whose content proves them whatever the file's name says: a web
 * archive (plain or gzip), an HTML page, an RSS/Atom feed. */
static enum read_format format_by_signature(const char *d, size_t n)
{
    size_t pos = bom_len(d, n), m;

    if (warc_sniff(d, n)) return READ_WARC;
    while (pos < n && is_space((unsigned char)d[pos])) pos++;
    if (pos >= n || d[pos] != '<') return READ_AUTO;
    m = n - pos < SNIFF_BYTES ? n - pos : SNIFF_BYTES;
    if (iprefix_n(d + pos, m, "<!doctype html") || iprefix_n(d + pos, m, "<html")) return READ_HTML;
    if (feed_sniff(d + pos, m) != FEED_NONE) return READ_FEED;
    if (icontains_n(d + pos, m < 1024 ? m : 1024, "<html")) return READ_HTML;
    return READ_AUTO;
}

static enum read_format choose_format(const char *name, const char *d, size_t n)
{
    enum read_format fmt = format_by_signature(d, n);
    if (fmt == READ_AUTO) fmt = format_by_name(name);
    if (fmt == READ_AUTO) fmt = format_by_content(d, n);
    return fmt;
}

static int parse_buffer(struct reader *r, const char *name, const char *d, size_t n, enum read_format fmt,
                        struct kb_err *err)
{
    int is_array;
    size_t pos;

    if (fmt == READ_AUTO) {
        fmt = choose_format(name, d, n);
        if (fmt == READ_AUTO) {
            reject(r, name, 0, "binary content: not a text, JSONL, CSV, HTML, WARC or feed file");
            return 0;
        }
    }
    switch (fmt) {
    case READ_TEXT: return read_text(r, name, d, n);
    case READ_CSV: return read_csv(r, name, d, n);
    case READ_JSONL:
        pos = bom_len(d, n);
        while (pos < n && is_space((unsigned char)d[pos])) pos++;
        is_array = pos < n && d[pos] == '[';
        return is_array ? read_json_array(r, name, d, n) : read_jsonl(r, name, d, n);
    case READ_HTML: return read_html(r, name, d, n);
    case READ_WARC: return read_warc_mem(r, name, d, n);
    case READ_FEED: return read_feed(r, name, d, n);
    default:
        return kb_err_set(err, KB_EINVAL, "%s: unknown input format %d", name, (int)fmt);
    }
}

static void reader_init(struct reader *r, const struct read_opts *o)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    r->max_record = o->max_record ? o->max_record : READ_RECORD_DEFAULT;
}

int read_buffer(const struct read_opts *o, const char *name, const char *data, size_t len,
                enum read_format fmt, struct kb_err *err)
{
    struct reader r;

    if (!o || !o->emit || !name || (!data && len)) return kb_err_set(err, KB_EINVAL, "read_buffer: bad argument");
    reader_init(&r, o);
    return parse_buffer(&r, name, data ? data : "", len, fmt, err);
}

/* ---- files and directories --------------------------------------------- */

/* Read all of fd into *out (NUL-terminated). Returns 0, KB_EIO (errno set)
 * or KB_ETOOBIG past READ_FILE_MAX. */
static int slurp(int fd, size_t hint, char **out, size_t *out_len)
{
    size_t cap = hint + 1 < 4096 ? 4096 : hint + 1, len = 0;
    char *p = kb_malloc(cap);

    for (;;) {
        ssize_t got;
        if (len + 1 >= cap) {
            if (cap > READ_FILE_MAX) {
                free(p);
                return KB_ETOOBIG;
            }
            cap *= 2;
            p = kb_realloc(p, cap);
        }
        got = read(fd, p + len, cap - len - 1);
        if (got < 0) {
            if (errno == EINTR) continue;
            free(p);
            return KB_EIO;
        }
        if (got == 0) break;
        len += (size_t)got;
        if (len > READ_FILE_MAX) {
            free(p);
            return KB_ETOOBIG;
        }
    }
    p[len] = '\0';
    *out = p;
    *out_len = len;
    return 0;
}

static void progress(struct reader *r, const char *path, size_t n)
{
    r->bytes_done += n;
    if (r->o->progress) r->o->progress(r->o->ctx, path, r->bytes_done);
}

/* Whether fd (a regular file, read from its start) is to be read as a
 * web archive: asked for, or proved by its first bytes, or named so with
 * nothing in the content saying otherwise. */
static int is_warc_file(int fd, const char *path, enum read_format fmt)
{
    char head[SNIFF_BYTES];
    ssize_t got;
    enum read_format sig;

    if (fmt == READ_WARC) return 1;
    if (fmt != READ_AUTO) return 0;
    got = pread(fd, head, sizeof head, 0);
    if (got <= 0) return 0;
    sig = format_by_signature(head, (size_t)got);
    if (sig != READ_AUTO) return sig == READ_WARC;
    return format_by_name(path) == READ_WARC;
}

/* One regular file. top: the path came from the caller, so failing to open
 * it is an error; inside a directory walk it is a reject and the walk goes on. */
static int read_file(struct reader *r, const char *path, int top, struct kb_err *err)
{
    enum read_format fmt = r->o->format;
    struct stat st;
    char *data = NULL;
    size_t len = 0;
    int fd, rc;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (top) return kb_err_set(err, KB_EIO, "%s: %s", path, strerror(errno));
        reject(r, path, 0, "cannot open: %s", strerror(errno));
        return 0;
    }
    if (fstat(fd, &st) != 0) memset(&st, 0, sizeof st);
    /* web archives are streamed, not read whole: they run to many GB */
    if (S_ISREG(st.st_mode) && is_warc_file(fd, path, fmt)) {
        FILE *f = fdopen(fd, "rb");
        struct warc_reader *w;
        if (!f) {
            close(fd);
            if (top) return kb_err_set(err, KB_EIO, "%s: %s", path, strerror(errno));
            reject(r, path, 0, "cannot open: %s", strerror(errno));
            return 0;
        }
        w = warc_reader_new_file(f, path, r->max_record);
        rc = read_warc(r, path, w);
        warc_reader_free(w);
        fclose(f);
        progress(r, path, (size_t)st.st_size);
        return rc;
    }
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > READ_FILE_MAX) {
        close(fd);
        reject(r, path, 0, "file too large (%llu bytes; the limit is 1 GiB)", (unsigned long long)st.st_size);
        return 0;
    }
    rc = slurp(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, &data, &len);
    close(fd);
    if (rc == KB_ETOOBIG) {
        reject(r, path, 0, "file too large (more than 1 GiB)");
        return 0;
    }
    if (rc) {
        if (top) return kb_err_set(err, KB_EIO, "%s: read failed: %s", path, strerror(errno));
        reject(r, path, 0, "read failed: %s", strerror(errno));
        return 0;
    }
    rc = parse_buffer(r, path, data, len, fmt, err);
    free(data);
    progress(r, path, len);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl && dir[dl - 1] == '/';
    char *p = kb_malloc(dl + nl + 2);
    memcpy(p, dir, dl);
    if (!slash) p[dl++] = '/';
    memcpy(p + dl, name, nl + 1);
    return p;
}

/* The visible entries of a directory, sorted by byte order (locale
 * independent, so every machine reads files in the same order). */
static int list_dir(const char *path, char ***names, size_t *n)
{
    DIR *dir = opendir(path);
    struct dirent *e;
    size_t cap = 0;

    *names = NULL;
    *n = 0;
    if (!dir) return KB_EIO;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.') continue; /* dot files, "." and ".." */
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *names = kb_realloc(*names, cap * sizeof **names);
        }
        (*names)[(*n)++] = kb_strdup(e->d_name);
    }
    closedir(dir);
    if (*n) qsort(*names, *n, sizeof **names, name_cmp);
    return 0;
}

static int walk(struct reader *r, const char *path, const struct stat *st, int top, struct kb_err *err)
{
    char **names;
    size_t n, i;
    int rc = 0, k;

    for (k = 0; k < r->depth; k++)
        if (r->dir_dev[k] == st->st_dev && r->dir_ino[k] == st->st_ino) {
            reject(r, path, 0, "directory loop (symbolic link back to a parent); skipped");
            return 0;
        }
    if (r->depth == WALK_DEPTH_MAX) {
        reject(r, path, 0, "directories nested too deeply (more than %d); skipped", WALK_DEPTH_MAX);
        return 0;
    }
    if (list_dir(path, &names, &n) != 0) {
        if (top) return kb_err_set(err, KB_EIO, "%s: %s", path, strerror(errno));
        reject(r, path, 0, "cannot open directory: %s", strerror(errno));
        return 0;
    }
    r->dir_dev[r->depth] = st->st_dev;
    r->dir_ino[r->depth] = st->st_ino;
    r->depth++;
    for (i = 0; i < n; i++) {
        char *child = join(path, names[i]);
        struct stat cs;
        if (rc == 0) {
            if (stat(child, &cs) != 0)
                reject(r, child, 0, "cannot stat: %s", strerror(errno)); /* e.g. a dangling link */
            else if (S_ISDIR(cs.st_mode))
                rc = walk(r, child, &cs, 0, err);
            else if (S_ISREG(cs.st_mode))
                rc = read_file(r, child, 0, err);
            /* sockets, fifos, devices: not article files, skipped silently */
        }
        free(child);
        free(names[i]);
    }
    free(names);
    r->depth--;
    return rc;
}

static int read_stdin(struct reader *r, struct kb_err *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = slurp(STDIN_FILENO, 0, &data, &len);

    if (rc == KB_ETOOBIG) {
        reject(r, "stdin", 0, "input too large (more than 1 GiB)");
        return 0;
    }
    if (rc) return kb_err_set(err, KB_EIO, "stdin: read failed: %s", strerror(errno));
    rc = parse_buffer(r, "stdin", data, len, r->o->format, err);
    free(data);
    progress(r, "stdin", len);
    return rc;
}

int read_path(const struct read_opts *o, const char *path, struct kb_err *err)
{
    struct reader r;
    struct stat st;

    if (!o || !o->emit || !path) return kb_err_set(err, KB_EINVAL, "read_path: bad argument");
    reader_init(&r, o);
    if (strcmp(path, "-") == 0) return read_stdin(&r, err);
    if (stat(path, &st) != 0) return kb_err_set(err, KB_EIO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return walk(&r, path, &st, 1, err);
    return read_file(&r, path, 1, err);
}

static size_t total_bytes(const char *path, int depth)
{
    struct stat st;
    char **names;
    size_t n, i, sum = 0;

    if (stat(path, &st) != 0) return 0;
    if (S_ISREG(st.st_mode)) return (size_t)st.st_size;
    if (!S_ISDIR(st.st_mode) || depth >= WALK_DEPTH_MAX) return 0;
    if (list_dir(path, &names, &n) != 0) return 0;
    for (i = 0; i < n; i++) {
        char *child = join(path, names[i]);
        sum += total_bytes(child, depth + 1);
        free(child);
        free(names[i]);
    }
    free(names);
    return sum;
}

size_t read_total_bytes(const char *path)
{
    if (!path || strcmp(path, "-") == 0) return 0;
    return total_bytes(path, 0);
}
