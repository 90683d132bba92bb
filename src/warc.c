/* warc.c -- streaming WARC/ARC record reader with transparent gzip.
 *
 * Owns: the reader's window of uncompressed bytes, its raw input buffer,
 * the zlib stream, a copy of the current record's header block (split in
 * place into NUL-terminated fields), and the scratch buffers of the payload
 * decoder. A record's block is a view into the window, so it lives until the
 * next warc_next, which is the only call that moves or refills the window.
 *
 * Layers, bottom up:
 *   source   fread() into `in`, or the caller's memory;
 *   inflate  when the input starts with the gzip magic (1f 8b), zlib inflate
 *            in gzip mode; at Z_STREAM_END the next member (if any) is started
 *            with inflateReset, so one-member-per-record files and
 *            whole-file gzip read the same way. Member start offsets (file
 *            and uncompressed) are kept in a short list so each record can
 *            name the member it starts in -- the offset a CDX index would
 *            give, and where `tail -c +N | zcat` restarts;
 *   window   win[start..end): bytes not yet consumed. warc_next first slides
 *            the unconsumed tail to the front, then works in offsets (the
 *            window may be reallocated while a record is being completed)
 *            and turns them into pointers only when the record is whole;
 *   records  WARC: "WARC/x.y" line, "Name: value" lines (continuations
 *            folded), blank line, Content-Length bytes of block, CRLF CRLF.
 *            ARC (v1 and v2): a "URL IP DATE TYPE ... LENGTH" line and
 *            LENGTH bytes. Parsing is lenient where real files are sloppy
 *            (LF instead of CRLF, extra blank lines, ClueWeb09's
 *            Content-Length counted in characters) and strict where
 *            guessing would invent data (a block cut off by the end of the
 *            file is an error, never a shorter record).
 * The payload decoder (warc_payload) splits an HTTP response into status,
 * headers and body, de-chunks and inflates the body into scratch buffers
 * capped at max_record (a gzip bomb stops at the cap), and falls back to
 * the raw bytes when a body lies about its coding, as warcio does. */
#include "warc.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "buf.h"
#include "mem.h"

#define IN_CHUNK ((size_t)256 << 10)   /* bytes read from the file per fread */
#define FILL_MIN ((size_t)256 << 10)   /* free bytes wanted in the window before a fill */
#define WHY_MAX 256

struct member {
    uint64_t u; /* uncompressed offset where the gzip member starts */
    uint64_t c; /* file offset of the member's first byte */
};

struct warc_reader {
    char *name;              /* owned; for messages */
    size_t max_record;       /* bytes */
    FILE *f;                 /* borrowed; NULL for memory input */
    const char *mem;         /* borrowed from the caller; memory input */
    size_t mem_len;          /* bytes */
    int src_eof;             /* the source has nothing more */
    int started;             /* the first bytes have been looked at */
    int gz;                  /* input is gzip */
    int gz_between;          /* a member ended; the next has not started */
    z_stream z;              /* inflate state when gz */
    unsigned char *in;       /* owned; raw bytes read from f */
    uint64_t raw_read;       /* bytes of the source handed to inflate or the window so far */
    char *win;               /* owned, or borrowed == mem for uncompressed memory input */
    int win_borrowed;        /* 1: win is the caller's memory */
    size_t start, end, cap;  /* window: unconsumed bytes are win[start..end) */
    uint64_t win_abs;        /* uncompressed offset of win[0] */
    int src_failed;          /* the source layer hit corruption or a read error */
    int src_code;            /* KB_EPARSE or KB_EIO */
    char src_why[WHY_MAX];   /* what the source layer found */
    uint64_t src_off;        /* file offset of that */
    uint64_t src_bad_u;      /* uncompressed offset from which bytes are not to be trusted */
    int failed;              /* a fatal error was returned; later calls give 0 */
    int arc;                 /* the file is ARC (filedesc:// first) */
    int arc_version;         /* 1 or 2, from the ARC version block */
    struct member *members;  /* owned; gzip members that may hold unread records */
    size_t n_members, cap_members;
    struct buf hdr;          /* the current record's header block, split in place */
    struct warc_field *fields; /* owned; views into hdr */
    size_t n_fields, cap_fields;
    struct buf body;         /* payload scratch: de-chunked body */
    struct buf body2;        /* payload scratch: inflated body */
    struct buf http_ct;      /* payload: HTTP Content-Type value */
    uint64_t prob_off;       /* offset of the last problem */
    char prob_why[WHY_MAX];  /* "" when none */
};

/* ---- small helpers --------------------------------------------------------- */

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != lower((unsigned char)*b)) return 0;
    return *a == *b;
}

static int iprefix(const char *s, size_t len, const char *p)
{
    size_t k, n = strlen(p);
    if (len < n) return 0;
    for (k = 0; k < n; k++)
        if (lower((unsigned char)s[k]) != lower((unsigned char)p[k])) return 0;
    return 1;
}

/* A case-insensitive search of token in s (C string). */
static int icontains(const char *s, const char *token)
{
    size_t n = strlen(s), t = strlen(token), i;
    for (i = 0; i + t <= n; i++)
        if (iprefix(s + i, n - i, token)) return 1;
    return 0;
}

static const char *memfind(const char *s, size_t len, const char *needle, size_t nlen)
{
    const char *p = s, *end = s + len;
    if (nlen == 0 || len < nlen) return NULL;
    while ((p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1)) != NULL) {
        if (memcmp(p, needle, nlen) == 0) return p;
        if (++p > end - nlen) break;
    }
    return NULL;
}

/* Parse a decimal length; -1 when s[0..len) is not all digits or too big. */
static int64_t parse_len(const char *s, size_t len)
{
    uint64_t v = 0;
    size_t i;
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
    if (len == 0 || len > 18) return -1;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    return (int64_t)v;
}

static void problem(struct warc_reader *w, uint64_t off, const char *why)
{
    w->prob_off = off;
    snprintf(w->prob_why, sizeof w->prob_why, "%s", why);
}

static int report(struct warc_reader *w, int code, struct kb_err *err)
{
    kb_err_set(err, code, "%s:@%llu: %s", w->name, (unsigned long long)w->prob_off, w->prob_why);
    return code;
}

/* ---- construction ---------------------------------------------------------- */

static struct warc_reader *reader_new(const char *name, size_t max_record)
{
    struct warc_reader *w = kb_calloc(1, sizeof *w);
    w->name = kb_strdup(name ? name : "warc");
    w->max_record = max_record ? max_record : WARC_RECORD_DEFAULT;
    buf_init(&w->hdr, WARC_HEADER_MAX + 1);
    buf_init(&w->body, w->max_record);
    buf_init(&w->body2, w->max_record);
    buf_init(&w->http_ct, 4096);
    return w;
}

struct warc_reader *warc_reader_new_file(FILE *f, const char *name, size_t max_record)
{
    struct warc_reader *w;
    if (!f) return NULL;
    w = reader_new(name, max_record);
    w->f = f;
    return w;
}

struct warc_reader *warc_reader_new_mem(const char *data, size_t len, const char *name, size_t max_record)
{
    struct warc_reader *w;
    if (!data && len) return NULL;
    w = reader_new(name, max_record);
    w->mem = data ? data : "";
    w->mem_len = len;
    return w;
}

void warc_reader_free(struct warc_reader *w)
{
    if (!w) return;
    if (w->gz) inflateEnd(&w->z);
    if (!w->win_borrowed) free(w->win);
    free(w->in);
    free(w->members);
    free(w->fields);
    buf_release(&w->hdr);
    buf_release(&w->body);
    buf_release(&w->body2);
    buf_release(&w->http_ct);
    free(w->name);
    free(w);
}

uint64_t warc_reader_problem(const struct warc_reader *w, const char **why)
{
    if (why) *why = w->prob_why;
    return w->prob_off;
}

uint64_t warc_reader_bytes(const struct warc_reader *w)
{
    if (w->gz) return w->raw_read - w->z.avail_in;
    return w->win_abs + w->start;
}

/* ---- source and inflate layers --------------------------------------------- */

static void src_fail(struct warc_reader *w, int code, uint64_t off, const char *why)
{
    if (!w->src_failed) w->src_bad_u = w->win_abs + w->end;
    w->src_failed = 1;
    w->src_code = code;
    w->src_off = off;
    snprintf(w->src_why, sizeof w->src_why, "%s", why);
}

/* Room for at least `want` more bytes at win[end]. */
static void win_reserve(struct warc_reader *w, size_t want)
{
    size_t need = w->end + want, cap = w->cap ? w->cap : FILL_MIN;
    if (need <= w->cap) return;
    while (cap < need) cap *= 2;
    w->win = kb_realloc(w->win, cap);
    w->cap = cap;
}

/* Refill z.next_in from the source. Returns bytes made available (0 at EOF). */
static size_t raw_more(struct warc_reader *w)
{
    if (w->src_eof) return 0;
    if (w->mem) {
        w->z.next_in = (unsigned char *)(uintptr_t)w->mem;
        w->z.avail_in = (uInt)(w->mem_len > UINT32_MAX ? UINT32_MAX : w->mem_len);
        w->raw_read = w->z.avail_in;
        w->src_eof = 1; /* a memory input over 4 GiB is not supported: read.c caps at 1 GiB */
        return w->z.avail_in;
    } else {
        size_t got;
        if (!w->in) w->in = kb_malloc(IN_CHUNK);
        got = fread(w->in, 1, IN_CHUNK, w->f);
        if (got < IN_CHUNK) {
            w->src_eof = 1;
            if (ferror(w->f)) src_fail(w, KB_EIO, w->raw_read + got, "read error");
        }
        w->z.next_in = w->in;
        w->z.avail_in = (uInt)got;
        w->raw_read += got;
        return got;
    }
}

static void member_add(struct warc_reader *w)
{
    if (w->n_members == w->cap_members) {
        w->cap_members = w->cap_members ? w->cap_members * 2 : 16;
        w->members = kb_realloc(w->members, w->cap_members * sizeof *w->members);
    }
    w->members[w->n_members].u = w->win_abs + w->end;
    w->members[w->n_members].c = w->raw_read - w->z.avail_in;
    w->n_members++;
}

/* Where to say uncompressed offset u is: the file offset of the gzip member
 * that starts there (one member per record, the usual layout: the offset a
 * CDX index gives), else u itself (a member holding many records). */
static uint64_t member_of(const struct warc_reader *w, uint64_t u)
{
    size_t k = w->n_members;
    while (k > 0 && w->members[k - 1].u > u) k--;
    return k && w->members[k - 1].u == u ? w->members[k - 1].c : u;
}

/* Forget members wholly before uncompressed offset u (keep the one holding u). */
static void members_prune(struct warc_reader *w, uint64_t u)
{
    size_t k = 0;
    while (k + 1 < w->n_members && w->members[k + 1].u <= u) k++;
    if (k) {
        memmove(w->members, w->members + k, (w->n_members - k) * sizeof *w->members);
        w->n_members -= k;
    }
}

/* Inflate more bytes into the window. Returns bytes added, 0 at the clean
 * end of the input, -1 when the source failed (src_* say why). */
static long fill_gz(struct warc_reader *w)
{
    if (w->src_failed) return -1;
    for (;;) {
        int rc;
        size_t before;
        if (w->z.avail_in == 0 && raw_more(w) == 0) {
            if (w->src_failed) return -1;
            if (w->gz_between) return 0;
            src_fail(w, KB_EPARSE, w->raw_read, "gzip data ends in the middle of a member (truncated file)");
            return -1;
        }
        if (w->gz_between) {
            /* another member must start here; some writers pad the end of a
             * file with NUL bytes, which is not an error */
            if (w->z.next_in[0] == 0) {
                size_t i = 0;
                while (i < w->z.avail_in && w->z.next_in[i] == 0) i++;
                if (i == w->z.avail_in && w->src_eof) {
                    w->z.avail_in = 0;
                    return 0;
                }
            }
            if (w->z.avail_in < 2 && !w->src_eof) {
                /* one byte of the next member's magic: keep it and read on */
                unsigned char b = w->z.next_in[0];
                if (!w->in) w->in = kb_malloc(IN_CHUNK);
                w->in[0] = b;
                {
                    size_t got = fread(w->in + 1, 1, IN_CHUNK - 1, w->f);
                    if (got < IN_CHUNK - 1) w->src_eof = 1;
                    w->raw_read += got;
                    w->z.next_in = w->in;
                    w->z.avail_in = (uInt)(got + 1);
                }
            }
            if (w->z.avail_in < 2 || w->z.next_in[0] != 0x1f || w->z.next_in[1] != 0x8b) {
                src_fail(w, KB_EPARSE, w->raw_read - w->z.avail_in, "bytes after a gzip member are not gzip data");
                return -1;
            }
            if (inflateReset(&w->z) != Z_OK) {
                src_fail(w, KB_EPARSE, w->raw_read - w->z.avail_in, "cannot restart gzip");
                return -1;
            }
            w->gz_between = 0;
            member_add(w);
        }
        win_reserve(w, FILL_MIN);
        w->z.next_out = (unsigned char *)w->win + w->end;
        w->z.avail_out = (uInt)(w->cap - w->end > UINT32_MAX ? UINT32_MAX : w->cap - w->end);
        before = w->z.avail_out;
        rc = inflate(&w->z, Z_NO_FLUSH);
        w->end += before - w->z.avail_out;
        if (rc == Z_STREAM_END) {
            w->gz_between = 1;
        } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR || rc == Z_STREAM_ERROR) {
            char why[WHY_MAX];
            snprintf(why, sizeof why, "corrupt gzip data (%s)", w->z.msg ? w->z.msg : "inflate failed");
            src_fail(w, KB_EPARSE, w->raw_read - w->z.avail_in, why);
            /* a failed check covers the whole member: none of its bytes count */
            if (w->n_members) w->src_bad_u = w->members[w->n_members - 1].u;
            if (before != w->z.avail_out) return (long)(before - w->z.avail_out);
            return -1;
        }
        if (before != w->z.avail_out) return (long)(before - w->z.avail_out);
        /* Z_OK/Z_BUF_ERROR with no output: it wants more input; loop */
    }
}

static long fill_plain(struct warc_reader *w)
{
    size_t got;
    if (w->src_eof) return w->src_failed ? -1 : 0;
    win_reserve(w, FILL_MIN);
    got = fread(w->win + w->end, 1, w->cap - w->end, w->f);
    if (got < w->cap - w->end) {
        w->src_eof = 1;
        if (ferror(w->f)) src_fail(w, KB_EIO, w->raw_read + got, "read error");
    }
    w->end += got;
    w->raw_read += got;
    if (got) return (long)got;
    return w->src_failed ? -1 : 0;
}

/* Look at the first bytes: gzip or not. For uncompressed memory the window
 * is the caller's buffer (no copy at all). */
static int begin(struct warc_reader *w)
{
    w->started = 1;
    if (w->mem) {
        if (w->mem_len >= 2 && (unsigned char)w->mem[0] == 0x1f && (unsigned char)w->mem[1] == 0x8b) {
            w->gz = 1;
        } else {
            w->win = (char *)(uintptr_t)w->mem;
            w->win_borrowed = 1;
            w->end = w->cap = w->mem_len;
            w->src_eof = 1;
            w->raw_read = w->mem_len;
            return 0;
        }
    } else {
        /* the first chunk decides; it is then handed to inflate or the window */
        size_t got;
        w->in = kb_malloc(IN_CHUNK);
        got = fread(w->in, 1, IN_CHUNK, w->f);
        if (got < IN_CHUNK) {
            w->src_eof = 1;
            if (ferror(w->f)) src_fail(w, KB_EIO, got, "read error");
        }
        w->raw_read = got;
        w->gz = got >= 2 && w->in[0] == 0x1f && w->in[1] == 0x8b;
        if (!w->gz) {
            win_reserve(w, got);
            if (got) memcpy(w->win, w->in, got);
            w->end = got;
            return 0;
        }
        w->z.next_in = w->in;
        w->z.avail_in = (uInt)got;
    }
    if (w->gz) {
        if (w->mem) memset(&w->z, 0, sizeof w->z);
        w->z.zalloc = Z_NULL;
        w->z.zfree = Z_NULL;
        w->z.opaque = Z_NULL;
        if (inflateInit2(&w->z, 16 + MAX_WBITS) != Z_OK) {
            w->gz = 0;
            src_fail(w, KB_EIO, 0, "zlib cannot start");
            return -1;
        }
        member_add(w);
    }
    return 0;
}

/* Make at least `n` unconsumed bytes available from win[start]. Returns 1,
 * 0 when the input ends first, -1 when the source failed. */
static int ensure(struct warc_reader *w, size_t n)
{
    while (w->end - w->start < n) {
        long got;
        if (w->win_borrowed) return 0;
        got = w->gz ? fill_gz(w) : fill_plain(w);
        if (got < 0) return w->end - w->start >= n ? 1 : -1;
        if (got == 0) return 0;
    }
    return 1;
}

/* Search needle in win[from..) (offsets relative to win[start]), filling
 * as needed, but not past `limit` bytes from start. Returns the offset
 * (relative to start), or -1 when absent before the end or the limit. */
static int64_t find(struct warc_reader *w, size_t from, const char *needle, size_t limit)
{
    size_t nlen = strlen(needle);
    for (;;) {
        size_t have = w->end - w->start;
        if (have > from) {
            const char *p = memfind(w->win + w->start + from, have - from, needle, nlen);
            if (p) return (int64_t)(p - (w->win + w->start));
            if (have - from >= nlen) from = have - nlen + 1;
        }
        if (have >= limit) return -1;
        if (ensure(w, have + 1) != 1) return -1;
    }
}

/* Slide the unconsumed bytes to the front of the window. */
static void compact(struct warc_reader *w)
{
    if (w->win_borrowed || w->start == 0) return;
    memmove(w->win, w->win + w->start, w->end - w->start);
    w->win_abs += w->start;
    w->end -= w->start;
    w->start = 0;
}

/* Consume n bytes (possibly more than the window holds). Returns 1, or 0/-1
 * when the input ends first. */
static int skip_bytes(struct warc_reader *w, uint64_t n)
{
    for (;;) {
        size_t have = w->end - w->start;
        int rc;
        if (have >= n) {
            w->start += (size_t)n;
            return 1;
        }
        n -= have;
        w->start = w->end;
        compact(w);
        rc = ensure(w, 1);
        if (rc != 1) return rc;
    }
}

/* ---- header blocks --------------------------------------------------------- */

static void field_add(struct warc_reader *w, const char *name, const char *value)
{
    if (w->n_fields == w->cap_fields) {
        w->cap_fields = w->cap_fields ? w->cap_fields * 2 : 32;
        w->fields = kb_realloc(w->fields, w->cap_fields * sizeof *w->fields);
    }
    w->fields[w->n_fields].name = name;
    w->fields[w->n_fields].value = value;
    w->n_fields++;
}

static char *trim_inplace(char *s, char *end)
{
    while (s < end && (*s == ' ' || *s == '\t')) s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
    *end = '\0';
    return s;
}

/* Split the header copy in w->hdr (after the version line) into fields.
 * Continuation lines (leading blank, RFC 822 folding) join the previous value. */
static void split_fields(struct warc_reader *w, size_t first_line_end)
{
    char *p = w->hdr.ptr, *end = p + w->hdr.len, *line;
    size_t i;

    w->n_fields = 0;
    for (i = first_line_end; i + 1 < w->hdr.len; i++)
        if (p[i] == '\n' && (p[i + 1] == ' ' || p[i + 1] == '\t')) {
            p[i] = ' ';
            if (i && p[i - 1] == '\r') p[i - 1] = ' ';
        }
    line = p + first_line_end;
    while (line < end) {
        char *nl = memchr(line, '\n', (size_t)(end - line)), *eol = nl ? nl : end, *colon;
        colon = memchr(line, ':', (size_t)(eol - line));
        if (colon) {
            char *name = trim_inplace(line, colon);
            char *value = trim_inplace(colon + 1, eol);
            if (*name) field_add(w, name, value);
        }
        line = eol + 1;
    }
}

const char *warc_field(const struct warc_record *rec, const char *name)
{
    size_t k;
    for (k = 0; k < rec->n_fields; k++)
        if (ieq(rec->fields[k].name, name)) return rec->fields[k].value;
    return NULL;
}

static enum warc_type type_of(const char *s)
{
    static const struct {
        const char *name;
        enum warc_type t;
    } types[] = {{"warcinfo", WARC_WARCINFO}, {"response", WARC_RESPONSE}, {"resource", WARC_RESOURCE},
                 {"request", WARC_REQUEST},   {"metadata", WARC_METADATA}, {"revisit", WARC_REVISIT},
                 {"conversion", WARC_CONVERSION}, {"continuation", WARC_CONTINUATION}};
    size_t k;
    for (k = 0; k < sizeof types / sizeof types[0]; k++)
        if (ieq(s, types[k].name)) return types[k].t;
    return WARC_OTHER;
}

/* The name of a compression kabar does not read, from its magic bytes. */
static const char *compressed_as(const char *s, size_t n)
{
    if (n >= 4 && memcmp(s, "\x04\x22\x4d\x18", 4) == 0) return "lz4";
    if (n >= 4 && memcmp(s, "\x28\xb5\x2f\xfd", 4) == 0) return "zstd";
    if (n >= 3 && memcmp(s, "BZh", 3) == 0) return "bzip2";
    if (n >= 6 && memcmp(s, "\xfd" "7zXZ\x00", 6) == 0) return "xz";
    return NULL;
}

/* ---- records --------------------------------------------------------------- */

/* Where the header block ends: the offset just past the blank line, or -1. */
static int64_t header_end(struct warc_reader *w, size_t from)
{
    size_t pos = from;
    for (;;) {
        int64_t nl = find(w, pos, "\n", WARC_HEADER_MAX);
        size_t q;
        if (nl < 0) return -1;
        q = (size_t)nl + 1;
        /* "\n\n" or "\n\r\n" ends the block */
        if (ensure(w, q + 1) == 1 && w->win[w->start + q] == '\n') return (int64_t)q + 1;
        if (ensure(w, q + 2) == 1 && w->win[w->start + q] == '\r' && w->win[w->start + q + 1] == '\n')
            return (int64_t)q + 2;
        if (w->end - w->start <= q) return -1;
        pos = q;
    }
}

/* Skip to the next line that starts with "WARC/" (ARC: the next line) and
 * report what was skipped. Returns WARC_SKIPPED, or 0 at the end. */
static int resync(struct warc_reader *w, uint64_t off, const char *what, struct kb_err *err)
{
    int64_t next = w->arc ? find(w, 0, "\n", w->max_record) : find(w, 1, "\nWARC/", (size_t)-1);
    char why[WHY_MAX];
    uint64_t skipped;

    if (next < 0) {
        skipped = w->end - w->start;
        w->start = w->end;
    } else {
        skipped = (uint64_t)next + 1;
        w->start += (size_t)next + 1;
    }
    snprintf(why, sizeof why, "%s; skipped %llu bytes", what, (unsigned long long)skipped);
    problem(w, off, why);
    return report(w, WARC_SKIPPED, err);
}

static int fatal(struct warc_reader *w, uint64_t off, const char *why, struct kb_err *err)
{
    int code = w->src_failed && w->src_code == KB_EIO ? KB_EIO : KB_EPARSE;
    char msg[WHY_MAX];
    if (w->src_failed) {
        snprintf(msg, sizeof msg, "%.110s (%.110s at byte %llu)", why, w->src_why, (unsigned long long)w->src_off);
        why = msg;
    }
    problem(w, off, why);
    w->failed = 1;
    return report(w, code, err);
}

/* An ARC header line "URL IP DATE TYPE LENGTH" (v1) or the 10-field v2
 * line, parsed from the right so that URLs with spaces survive. Writes the
 * fields into w->hdr; returns the block length or -1. */
static int64_t arc_header(struct warc_reader *w, const char *line, size_t len, struct warc_record *rec)
{
    const char *f[12];
    size_t fl[12], n = 0, tail = w->arc_version == 2 ? 9 : 4;
    const char *p = line + len, *url_end;
    int64_t blen;
    char date[32];
    size_t d0, d1, d2;

    while (len && (line[len - 1] == '\r' || line[len - 1] == ' ')) len--;
    p = line + len;
    while (n < tail && p > line) {
        const char *e = p, *s;
        while (e > line && e[-1] == ' ') e--;
        s = e;
        while (s > line && s[-1] != ' ') s--;
        if (s == e) break;
        f[n] = s;
        fl[n] = (size_t)(e - s);
        n++;
        p = s;
    }
    if (n < tail) return -1;
    url_end = p;
    while (url_end > line && url_end[-1] == ' ') url_end--;
    if (url_end == line) return -1;
    blen = parse_len(f[0], fl[0]); /* the last field */
    if (blen < 0) return -1;
    /* f[tail-1] is the IP, f[tail-2] the date, f[tail-3] the type */
    buf_reset(&w->hdr);
    d0 = 0;
    if (buf_append(&w->hdr, line, (size_t)(url_end - line)) || buf_putc(&w->hdr, '\0')) return -1;
    d1 = w->hdr.len;
    date[0] = '\0';
    if (fl[tail - 2] >= 14) {
        const char *d = f[tail - 2];
        size_t k;
        for (k = 0; k < 14 && d[k] >= '0' && d[k] <= '9'; k++) {}
        if (k == 14)
            snprintf(date, sizeof date, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 8, d + 10, d + 12);
    }
    if (buf_puts(&w->hdr, date) || buf_putc(&w->hdr, '\0')) return -1;
    d2 = w->hdr.len;
    if (buf_append(&w->hdr, f[tail - 3], fl[tail - 3]) || buf_putc(&w->hdr, '\0')) return -1;
    rec->target_uri = w->hdr.ptr + d0;
    rec->date = date[0] ? w->hdr.ptr + d1 : NULL;
    rec->content_type = w->hdr.ptr + d2;
    return blen;
}

/* Read the ARC version block's first line ("1 0 ...") to learn v1 or v2. */
static void arc_version(struct warc_reader *w, const char *block, size_t len)
{
    w->arc_version = len && block[0] == '2' ? 2 : 1;
}

int warc_next(struct warc_reader *w, struct warc_record *rec, struct kb_err *err)
{
    int64_t hend, blen;
    size_t pos, body_start, first_nl, line_len;
    uint64_t off;
    int rc;
    char why[WHY_MAX];

    memset(rec, 0, sizeof *rec);
    w->prob_why[0] = '\0';
    if (w->failed) return 0;
    if (!w->started && begin(w) != 0) return fatal(w, 0, "cannot read", err);
    compact(w);
    if (w->gz) members_prune(w, w->win_abs + w->start);

    /* blank lines between records (the CRLF CRLF after a block, and any extra) */
    for (;;) {
        rc = ensure(w, 1);
        if (rc == 0) return 0;
        if (rc < 0) {
            uint64_t at = w->gz ? member_of(w, w->win_abs + w->start) : w->win_abs + w->start;
            return fatal(w, at, "cannot read past the last whole record", err);
        }
        if (w->win[w->start] != '\r' && w->win[w->start] != '\n') break;
        w->start++;
        if (w->start == w->end) compact(w);
    }
    off = w->win_abs + w->start;
    rec->offset = off;
    rec->file_offset = w->gz ? member_of(w, off) : off;

    (void)ensure(w, 11);
    if (off == 0 && w->end - w->start >= 11 && memcmp(w->win + w->start, "filedesc://", 11) == 0) w->arc = 1;

    if (w->arc) {
        int64_t nl = find(w, 0, "\n", 64 << 10);
        const char *line;
        if (nl < 0) {
            if (w->src_failed) return fatal(w, rec->file_offset, "truncated ARC header", err);
            return resync(w, rec->file_offset, "truncated ARC header line", err);
        }
        line = w->win + w->start;
        line_len = (size_t)nl;
        blen = arc_header(w, line, line_len, rec);
        if (blen < 0) return resync(w, rec->file_offset, "not an ARC record header", err);
        body_start = line_len + 1;
        rec->is_arc = 1;
        w->n_fields = 0;
    } else {
        const char *cl, *tn;
        if (w->end - w->start < 5 || memcmp(w->win + w->start, "WARC/", 5) != 0) {
            const char *other = off == 0 ? compressed_as(w->win + w->start, w->end - w->start) : NULL;
            if (other) {
                snprintf(why, sizeof why, "%s-compressed input is not supported (decompress it first)", other);
                return fatal(w, 0, why, err);
            }
            if (w->src_failed && w->end - w->start < 5) return fatal(w, rec->file_offset, "input ends badly", err);
            return resync(w, rec->file_offset, "not a WARC record header", err);
        }
        hend = header_end(w, 0);
        if (hend < 0) {
            if (w->end - w->start >= WARC_HEADER_MAX)
                return resync(w, rec->file_offset, "WARC header block too large or unterminated", err);
            return fatal(w, rec->file_offset, "truncated WARC header block", err);
        }
        buf_reset(&w->hdr);
        if (buf_append(&w->hdr, w->win + w->start, (size_t)hend))
            return resync(w, rec->file_offset, "WARC header block too large", err);
        first_nl = (size_t)((const char *)memchr(w->hdr.ptr, '\n', w->hdr.len) - w->hdr.ptr) + 1;
        split_fields(w, first_nl);
        rec->fields = w->fields;
        rec->n_fields = w->n_fields;
        cl = warc_field(rec, "Content-Length");
        blen = cl ? parse_len(cl, strlen(cl)) : -1;
        if (blen < 0) {
            w->start += (size_t)hend;
            snprintf(why, sizeof why, "WARC record without a valid Content-Length (\"%.40s\")", cl ? cl : "");
            problem(w, rec->file_offset, why);
            return report(w, WARC_SKIPPED, err);
        }
        tn = warc_field(rec, "WARC-Type");
        rec->type_name = tn ? tn : "";
        rec->type = tn ? type_of(tn) : WARC_OTHER;
        rec->target_uri = warc_field(rec, "WARC-Target-URI");
        if (rec->target_uri && rec->target_uri[0] == '<') {
            /* WARC/1.0 drafts and some writers wrap the URI in <> */
            char *u = (char *)(uintptr_t)rec->target_uri;
            size_t ul = strlen(u);
            if (ul >= 2 && u[ul - 1] == '>') u[ul - 1] = '\0';
            rec->target_uri = u + 1;
        }
        if (rec->target_uri && !*rec->target_uri) rec->target_uri = NULL;
        rec->date = warc_field(rec, "WARC-Date");
        rec->content_type = warc_field(rec, "Content-Type");
        body_start = (size_t)hend;
    }

    if ((uint64_t)blen > w->max_record) {
        w->start += body_start;
        rc = skip_bytes(w, (uint64_t)blen);
        snprintf(why, sizeof why, "record too large (%lld bytes; the limit is %zu)", (long long)blen, w->max_record);
        if (rc != 1) return fatal(w, rec->file_offset, why, err);
        problem(w, rec->file_offset, why);
        return report(w, WARC_SKIPPED, err);
    }
    rc = ensure(w, body_start + (size_t)blen);
    if (rc != 1) {
        snprintf(why, sizeof why, "truncated record: Content-Length %lld, only %zu bytes follow the header",
                 (long long)blen, w->end - w->start - body_start);
        return fatal(w, rec->file_offset, why, err);
    }
    pos = body_start + (size_t)blen;
    rec->block_len = (size_t)blen;

    if (rec->is_arc) {
        if (ensure(w, pos + 1) == 1 && w->win[w->start + pos] == '\n') pos++;
    } else {
        /* the block is followed by CRLF CRLF and the next "WARC/" line. In
         * WARC/0.x files (ClueWeb09) Content-Length counted characters, not
         * bytes, so when something else follows, the block runs to the next
         * record header; in 1.x files the stray bytes are reported by the
         * next call instead (resync) */
        size_t q = pos;
        int more;
        while ((more = ensure(w, q + 1)) == 1 && q - pos < 4 &&
               (w->win[w->start + q] == '\r' || w->win[w->start + q] == '\n'))
            q++;
        if (more == 1 && w->hdr.len > 7 && memcmp(w->hdr.ptr, "WARC/0.", 7) == 0 &&
            !(ensure(w, q + 5) == 1 && memcmp(w->win + w->start + q, "WARC/", 5) == 0)) {
            int64_t next = find(w, pos, "\nWARC/", body_start + w->max_record);
            if (next >= 0) {
                size_t e = (size_t)next;
                while (e > pos && (w->win[w->start + e - 1] == '\r' || w->win[w->start + e - 1] == '\n')) e--;
                rec->block_len = e - body_start;
                rec->resynced = e > pos;
                q = (size_t)next + 1;
            }
        }
        pos = q;
    }
    /* a gzip member that fails its check (or a read error) while this
     * record was being completed makes the record itself untrustworthy */
    if (w->src_failed && w->win_abs + w->start + pos > w->src_bad_u)
        return fatal(w, rec->file_offset, "corrupt record", err);
    rec->block = w->win + w->start + body_start;
    if (rec->is_arc && w->arc_version == 0 && strncmp(rec->target_uri, "filedesc://", 11) == 0) {
        arc_version(w, rec->block, rec->block_len);
        rec->type = WARC_WARCINFO;
        rec->type_name = "warcinfo";
    } else if (rec->is_arc) {
        int http;
        if (w->arc_version == 0) w->arc_version = 1;
        http = rec->block_len >= 5 && memcmp(rec->block, "HTTP/", 5) == 0;
        rec->type = http ? WARC_RESPONSE : WARC_RESOURCE;
        rec->type_name = http ? "response" : "resource";
        if (http) rec->content_type = "application/http; msgtype=response";
    }
    w->start += pos;
    return 1;
}

/* ---- payloads -------------------------------------------------------------- */

int warc_dechunk(const char *s, size_t len, struct buf *out)
{
    size_t pos = 0;
    for (;;) {
        uint64_t size = 0;
        size_t digits = 0;
        const char *nl;
        while (pos < len && (s[pos] == ' ' || s[pos] == '\t')) pos++;
        for (; pos < len; pos++, digits++) {
            int c = lower((unsigned char)s[pos]), v;
            if (c >= '0' && c <= '9') v = c - '0';
            else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
            else break;
            if (size > (UINT64_MAX >> 4)) return KB_EPARSE;
            size = size * 16 + (uint64_t)v;
        }
        if (digits == 0) return KB_EPARSE;
        /* extensions (";name=value") and blanks up to the line end */
        nl = memchr(s + pos, '\n', len - pos);
        if (!nl) return KB_EPARSE;
        {
            const char *q;
            for (q = s + pos; q < nl && *q != ';'; q++)
                if (*q != ' ' && *q != '\t' && *q != '\r') return KB_EPARSE;
        }
        pos = (size_t)(nl - s) + 1;
        if (size == 0) return 0; /* trailers are ignored */
        if (size > len - pos) return KB_EPARSE;
        if (buf_append(out, s + pos, (size_t)size)) return KB_ETOOBIG;
        pos += (size_t)size;
        if (pos < len && s[pos] == '\r') pos++;
        if (pos < len && s[pos] == '\n') pos++;
        else if (pos < len) return KB_EPARSE;
        if (pos >= len) return KB_EPARSE; /* no last chunk: cut off */
    }
}

int warc_inflate(const char *s, size_t len, struct buf *out)
{
    z_stream z;
    unsigned char chunk[64 << 10];
    int bits, rc = Z_OK, ret = 0;

    if (len >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b) bits = 16 + MAX_WBITS;
    else if (len >= 2 && ((unsigned char)s[0] & 0x0f) == 8 && (((unsigned char)s[0] << 8) | (unsigned char)s[1]) % 31 == 0)
        bits = MAX_WBITS;
    else bits = -MAX_WBITS; /* raw deflate: what many servers send as "deflate" */
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, bits) != Z_OK) return KB_EPARSE;
    z.next_in = (unsigned char *)(uintptr_t)s;
    z.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
    for (;;) {
        size_t got;
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        got = sizeof chunk - z.avail_out;
        if (got && buf_append(out, (const char *)chunk, got)) {
            ret = KB_ETOOBIG;
            break;
        }
        if (rc == Z_STREAM_END) {
            /* another gzip member may follow */
            if (bits > MAX_WBITS && z.avail_in >= 2 && z.next_in[0] == 0x1f && z.next_in[1] == 0x8b) {
                if (inflateReset(&z) != Z_OK) {
                    ret = KB_EPARSE;
                    break;
                }
                continue;
            }
            break;
        }
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && got)) {
            ret = KB_EPARSE;
            break;
        }
        if (z.avail_in == 0 && got == 0) {
            ret = KB_EPARSE; /* truncated */
            break;
        }
    }
    inflateEnd(&z);
    return ret;
}

int warc_sniff(const char *s, size_t len)
{
    char head[16];
    size_t n = 0;

    if (!s) return 0;
    if (len >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b) {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return 0;
        z.next_in = (unsigned char *)(uintptr_t)s;
        z.avail_in = (uInt)(len > 65536 ? 65536 : len);
        z.next_out = (unsigned char *)head;
        z.avail_out = sizeof head;
        (void)inflate(&z, Z_SYNC_FLUSH);
        n = sizeof head - z.avail_out;
        inflateEnd(&z);
    } else {
        n = len < sizeof head ? len : sizeof head;
        memcpy(head, s, n);
    }
    return (n >= 6 && memcmp(head, "WARC/", 5) == 0 && head[5] >= '0' && head[5] <= '9') ||
           (n >= 11 && memcmp(head, "filedesc://", 11) == 0);
}

const char *warc_original_uri(const char *uri)
{
    static const char *const prefixes[] = {"http://web.archive.org/web/", "https://web.archive.org/web/",
                                           "http://wayback.archive.org/web/", "https://wayback.archive.org/web/",
                                           NULL};
    size_t k;
    if (!uri) return NULL;
    for (k = 0; prefixes[k]; k++) {
        size_t n = strlen(prefixes[k]), d = 0;
        const char *p;
        if (strncmp(uri, prefixes[k], n) != 0) continue;
        p = uri + n;
        while (p[d] >= '0' && p[d] <= '9') d++;
        if (d < 4 || d > 14) return uri;
        p += d;
        while ((*p >= 'a' && *p <= 'z') || *p == '_') p++; /* "id_", "if_", "im_" */
        if (*p != '/') return uri;
        p++;
        if (strncmp(p, "http://", 7) == 0 || strncmp(p, "https://", 8) == 0) return p;
        return uri;
    }
    return uri;
}

/* The value of HTTP header `name` in lines[0..len), copied into out. */
static int http_header(const char *h, size_t len, const char *name, char *out, size_t cap)
{
    size_t pos = 0, n = strlen(name);
    while (pos < len) {
        const char *nl = memchr(h + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - h) : len;
        if (end - pos > n && iprefix(h + pos, end - pos, name) && h[pos + n] == ':') {
            size_t a = pos + n + 1, b = end, k;
            while (a < b && (h[a] == ' ' || h[a] == '\t')) a++;
            while (b > a && (h[b - 1] == ' ' || h[b - 1] == '\t' || h[b - 1] == '\r')) b--;
            if (b - a >= cap) b = a + cap - 1;
            for (k = 0; k < b - a; k++) out[k] = h[a + k] ? h[a + k] : ' ';
            out[b - a] = '\0';
            return 1;
        }
        pos = end + 1;
    }
    return 0;
}

int warc_payload(struct warc_reader *w, const struct warc_record *rec, struct warc_payload *out,
                 struct kb_err *err)
{
    const char *b = rec->block, *hend;
    size_t len = rec->block_len, hlen, k;
    char te[128], ce[128], ct[1024], status[4];
    int is_http;

    memset(out, 0, sizeof *out);
    out->content_type = rec->content_type;
    out->body = b ? b : "";
    out->body_len = len;
    is_http = (rec->type == WARC_RESPONSE || rec->type == WARC_REVISIT) && len >= 5 && memcmp(b, "HTTP/", 5) == 0;
    if (!is_http && rec->content_type && icontains(rec->content_type, "application/http") && len >= 5 &&
        memcmp(b, "HTTP/", 5) == 0)
        is_http = 1;
    if (!is_http) return 0;

    /* the status line: "HTTP/1.1 200 OK" */
    {
        const char *sp = memchr(b, ' ', len < 64 ? len : 64);
        if (sp && (size_t)(sp - b) + 4 <= len) {
            memcpy(status, sp + 1, 3);
            status[3] = '\0';
            for (k = 0; k < 3 && status[k] >= '0' && status[k] <= '9'; k++) {}
            if (k == 3) out->http_status = (int)strtol(status, NULL, 10);
        }
    }
    hend = memfind(b, len, "\n\r\n", 3);
    {
        const char *h2 = memfind(b, len, "\n\n", 2);
        if (h2 && (!hend || h2 < hend)) {
            hend = h2;
            hlen = (size_t)(h2 - b) + 1;
            out->body = h2 + 2;
        } else if (hend) {
            hlen = (size_t)(hend - b) + 1;
            out->body = hend + 3;
        } else {
            /* headers only (a HEAD response, or cut short): no body */
            hlen = len;
            out->body = b + len;
        }
    }
    out->body_len = (size_t)(b + len - out->body);
    out->content_type = NULL;
    buf_reset(&w->http_ct);
    if (http_header(b, hlen, "Content-Type", ct, sizeof ct) && buf_puts(&w->http_ct, ct) == 0)
        out->content_type = buf_cstr(&w->http_ct);

    if (http_header(b, hlen, "Transfer-Encoding", te, sizeof te) && icontains(te, "chunked")) {
        int rc;
        buf_reset(&w->body);
        rc = warc_dechunk(out->body, out->body_len, &w->body);
        if (rc == 0 || (rc == KB_EPARSE && w->body.len > 0 && out->body_len > 0 && is_hex(out->body[0]))) {
            if (rc) out->decode_failed = 1; /* cut off: keep the chunks that were whole */
            out->body = w->body.ptr ? w->body.ptr : "";
            out->body_len = w->body.len;
        } else {
            out->decode_failed = 1; /* not chunked after all: the raw body */
        }
    }
    if (http_header(b, hlen, "Content-Encoding", ce, sizeof ce) &&
        (icontains(ce, "gzip") || icontains(ce, "deflate")) && out->body_len > 0) {
        int rc;
        buf_reset(&w->body2);
        rc = warc_inflate(out->body, out->body_len, &w->body2);
        if (rc == 0 || (rc == KB_EPARSE && w->body2.len > 0)) {
            if (rc) out->decode_failed = 1;
            out->body = w->body2.ptr ? w->body2.ptr : "";
            out->body_len = w->body2.len;
        } else {
            /* crawlers often store the decoded body but keep the header */
            out->decode_failed = 1;
        }
    }
    (void)err;
    return 0;
}
