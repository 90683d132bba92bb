/* csv.h -- an RFC 4180 record splitter over an in-memory buffer.
 *
 * Quoted fields may hold delimiters, doubled quotes ("") and line breaks;
 * records end at LF, CRLF or a lone CR. The input stays the caller's: a
 * `struct csv` only borrows it, and each record's unescaped fields are
 * written to a caller-owned buffer. Lenient where common writers are sloppy
 * (text after a closing quote is kept, a quote inside an unquoted field is
 * literal, as Python's csv module does), strict where data would be lost:
 * a quote still open at the end of input is an error. */
#ifndef KB_CSV_H
#define KB_CSV_H

#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "span.h"

struct csv {
    const char *data; /* borrowed; the whole input, valid while the csv is used */
    size_t len;       /* bytes of data */
    size_t pos;       /* offset of the next unread byte */
    size_t line;      /* 1-based physical line at pos */
    char delim;       /* field separator: ',', ';' or '\t' (any byte works) */
    size_t rec_line;  /* after csv_next: line where the last record started */
    size_t rec_start; /* after csv_next: offset of its first byte */
    size_t rec_end;   /* after csv_next: offset just past it (terminator included) */
};

/* Start reading data[0..len) with the given delimiter. A UTF-8 byte order
 * mark at the start is skipped. The csv borrows data. */
void csv_init(struct csv *c, const char *data, size_t len, char delim);

/* The delimiter of the header line (the first record, quotes respected):
 * whichever of ',' ';' TAB occurs most often outside quotes; ',' on a tie
 * or when none occurs. A leading BOM is ignored. */
char csv_detect_delim(const char *data, size_t len);

/* Number of delimiter bytes outside quotes in the first record. */
size_t csv_count_delims(const char *data, size_t len, char delim);

/* Read the next record. rec is reset and receives the unescaped fields, each
 * followed by a NUL so that it can be used as a C string; fields is reset
 * and receives one span (offset into rec->ptr, length without the NUL) per
 * field. An empty line yields one empty field. Returns 1 when a record was
 * read, 0 at the end of input, KB_EPARSE when a quoted field is still open
 * at the end of input (err gives the line where the record started; the
 * input is then used up), or KB_ETOOBIG when the record does not fit in rec's
 * cap (the record is skipped; rec_* describe it; reading may go on). */
int csv_next(struct csv *c, struct buf *rec, struct spans *fields, struct kb_err *err) KB_MUST_CHECK;

#endif
