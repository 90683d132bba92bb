/* csv.c -- RFC 4180 records out of a buffer (see csv.h for the contract).
 *
 * Owns nothing: the input is borrowed, output goes to the caller's buf and
 * spans. Algorithm: a four-state machine per record,
 *   FIELD_START -> '"' -> QUOTED  | otherwise -> UNQUOTED
 *   QUOTED      -> '""' stays (one quote kept), '"' -> AFTER_QUOTE,
 *                  line breaks are content
 *   UNQUOTED / AFTER_QUOTE -> delimiter ends the field, LF / CRLF / CR ends
 *                  the record, anything else is content
 * Runs of ordinary bytes are copied with one append rather than byte by
 * byte, so a 1 GiB file costs one pass and O(record) extra memory. Line
 * numbers count LF and lone CR, so they match what an editor shows. */
#include "csv.h"

#include <string.h>

enum state { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE };

static size_t skip_bom(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void csv_init(struct csv *c, const char *data, size_t len, char delim)
{
    c->data = data;
    c->len = len;
    c->pos = skip_bom(data, len);
    c->line = 1;
    c->delim = delim;
    c->rec_line = 1;
    c->rec_start = c->rec_end = c->pos;
}

size_t csv_count_delims(const char *data, size_t len, char delim)
{
    size_t i = skip_bom(data, len), n = 0;
    int quoted = 0;

    for (; i < len; i++) {
        char ch = data[i];
        if (ch == '"') quoted = !quoted; /* "" toggles twice: still right */
        else if (!quoted && (ch == '\n' || ch == '\r')) break;
        else if (!quoted && ch == delim) n++;
    }
    return n;
}

char csv_detect_delim(const char *data, size_t len)
{
    size_t comma = csv_count_delims(data, len, ','), semi = csv_count_delims(data, len, ';'),
           tab = csv_count_delims(data, len, '\t');

    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}

/* Append, remembering overflow instead of failing at once: the record must
 * still be consumed to its end so that reading can resume after it. */
static void put(struct buf *rec, const char *s, size_t n, int *toobig)
{
    if (!*toobig && buf_append(rec, s, n) != 0) *toobig = 1;
}

static void end_field(struct buf *rec, struct spans *fields, size_t *field_off, int *toobig)
{
    if (!*toobig) spans_push(fields, *field_off, rec->len - *field_off, 0);
    put(rec, "", 1, toobig); /* the NUL after each field */
    *field_off = rec->len;
}

int csv_next(struct csv *c, struct buf *rec, struct spans *fields, struct kb_err *err)
{
    const char *d = c->data;
    size_t i = c->pos, n = c->len, field_off = 0;
    enum state st = FIELD_START;
    int toobig = 0;

    buf_reset(rec);
    spans_reset(fields);
    if (i >= n) return 0;
    c->rec_start = i;
    c->rec_line = c->line;

    while (i < n) {
        char ch = d[i];
        if (st == QUOTED) {
            size_t j = i;
            while (j < n && d[j] != '"' && d[j] != '\n' && d[j] != '\r') j++;
            put(rec, d + i, j - i, &toobig);
            i = j;
            if (i >= n) break;
            ch = d[i];
            if (ch == '"') {
                if (i + 1 < n && d[i + 1] == '"') {
                    put(rec, "\"", 1, &toobig);
                    i += 2;
                } else {
                    st = AFTER_QUOTE;
                    i++;
                }
            } else { /* a line break inside quotes is content */
                if (ch == '\n' || !(i + 1 < n && d[i + 1] == '\n')) c->line++;
                put(rec, &d[i], 1, &toobig);
                i++;
            }
            continue;
        }
        if (ch == c->delim) {
            end_field(rec, fields, &field_off, &toobig);
            st = FIELD_START;
            i++;
            continue;
        }
        if (ch == '\n' || ch == '\r') {
            i += (ch == '\r' && i + 1 < n && d[i + 1] == '\n') ? 2 : 1;
            c->line++;
            goto record_done;
        }
        if (st == FIELD_START && ch == '"') {
            st = QUOTED;
            i++;
            continue;
        }
        /* unquoted content (or text after a closing quote): copy the run */
        {
            size_t j = i;
            while (j < n && d[j] != c->delim && d[j] != '\n' && d[j] != '\r') j++;
            put(rec, d + i, j - i, &toobig);
            i = j;
            st = UNQUOTED;
        }
    }
    if (st == QUOTED) {
        c->pos = n;
        c->rec_end = n;
        return kb_err_set(err, KB_EPARSE, "line %zu: unterminated quoted field", c->rec_line);
    }
record_done:
    end_field(rec, fields, &field_off, &toobig);
    c->pos = i;
    c->rec_end = i;
    if (toobig) {
        buf_reset(rec);
        spans_reset(fields);
        return kb_err_set(err, KB_ETOOBIG, "line %zu: record too large (%zu bytes)", c->rec_line,
                          c->rec_end - c->rec_start);
    }
    return 1;
}
