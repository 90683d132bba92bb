/* warc.h -- a streaming reader of web archives: WARC (ISO 28500, WARC/1.0
 * and 1.1, and the older WARC/0.x that ClueWeb09 used) and ARC (the Internet
 * Archive's older format), plain or gzip-compressed (one gzip member per
 * record, or one for the whole file: the compression is found from the magic
 * bytes, never from the file name).
 *
 * warc_next yields one record at a time; its strings and block are views
 * into the reader's window and stay valid until the next warc_next or
 * warc_reader_free. warc_payload decodes the HTTP message of a response
 * record (status line, headers, chunked transfer coding, gzip/deflate
 * content coding) into the body a browser would have seen.
 *
 * Damage: a record whose block is cut off by the end of the file, or a gzip
 * stream that is corrupt or truncated, ends reading with an error naming the
 * byte offset; every whole record before it has been yielded. A record that
 * is too large (over max_record) is skipped, and bytes that are not a record
 * header are skipped up to the next "WARC/" line; both are reported and
 * reading goes on. See docs/internals/warc.md. */
#ifndef KB_WARC_H
#define KB_WARC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

#define WARC_RECORD_DEFAULT ((size_t)64 << 20) /* bytes: max_record 0 means 64 MiB */
#define WARC_HEADER_MAX ((size_t)1 << 20)      /* bytes of one record's header block */

enum warc_type {
    WARC_OTHER = 0, /* an unknown WARC-Type */
    WARC_WARCINFO,
    WARC_RESPONSE,
    WARC_RESOURCE,
    WARC_REQUEST,
    WARC_METADATA,
    WARC_REVISIT,
    WARC_CONVERSION,
    WARC_CONTINUATION
};

/* One header line of a record, both halves trimmed and NUL-terminated. */
struct warc_field {
    const char *name;  /* borrowed from the reader, valid until the next warc_next */
    const char *value; /* borrowed from the reader, valid until the next warc_next */
};

struct warc_record {
    enum warc_type type;
    const char *type_name;    /* borrowed; the WARC-Type as written ("response"), "" when absent */
    const char *target_uri;   /* borrowed; WARC-Target-URI without <>, NULL when absent */
    const char *date;         /* borrowed; WARC-Date as written (ARC: converted to ISO 8601), NULL when absent */
    const char *content_type; /* borrowed; the record's Content-Type, NULL when absent */
    const char *block;        /* borrowed; the record block (Content-Length bytes) */
    size_t block_len;         /* bytes */
    const struct warc_field *fields; /* borrowed; every header line in order */
    size_t n_fields;
    uint64_t offset;          /* bytes: where the record starts in the uncompressed stream */
    uint64_t file_offset;     /* bytes: where the record's gzip member starts in the file when
                                 the record starts one (one member per record); else == offset
                                 (uncompressed input, or one member for many records) */
    int is_arc;               /* 1: an ARC record (no WARC header block) */
    int resynced;             /* 1: Content-Length was short (ClueWeb09 counted characters,
                                 not bytes); the block was extended to the next record */
};

/* The decoded payload of a record (see warc_payload). */
struct warc_payload {
    int http_status;          /* status code of the HTTP response, 0 when the block is not HTTP */
    const char *content_type; /* borrowed; HTTP Content-Type, else the record's; NULL when absent */
    const char *body;         /* borrowed from the record or the reader's scratch; valid until
                                 the next warc_next/warc_payload */
    size_t body_len;          /* bytes */
    int decode_failed;        /* 1: chunked or gzip decoding failed; body holds the raw bytes */
};

struct warc_reader;

/* A reader over an open stream (not closed by the reader) or over memory
 * (borrowed: data must outlive the reader). name is used in messages
 * ("NAME:@OFFSET: why"). max_record: larger records are skipped (0: 64 MiB).
 * Free with warc_reader_free. */
struct warc_reader *warc_reader_new_file(FILE *f, const char *name, size_t max_record);
struct warc_reader *warc_reader_new_mem(const char *data, size_t len, const char *name, size_t max_record);
/* NULL is a no-op. */
void warc_reader_free(struct warc_reader *w);

/* Next record. Returns:
 *   1  a record in *rec;
 *   0  the end of the input;
 *   WARC_SKIPPED (2)  something was skipped (a record too large, bytes that
 *      are not a record): err holds "NAME:@OFFSET: why", and the next call
 *      goes on reading;
 *   KB_EPARSE / KB_EIO  a truncated or corrupt file, or a read error: err
 *      holds "NAME:@OFFSET: why"; every later call returns 0.
 * warc_reader_problem gives the offset and the reason separately. */
#define WARC_SKIPPED 2
int warc_next(struct warc_reader *w, struct warc_record *rec, struct kb_err *err) KB_MUST_CHECK;

/* The offset (as warc_record.file_offset: the start of the gzip member
 * where the trouble is, or the uncompressed offset) and the reason of the last WARC_SKIPPED or
 * error; "" when none. The string is valid until the next warc_next. */
uint64_t warc_reader_problem(const struct warc_reader *w, const char **why);

/* Bytes consumed from the file so far (compressed bytes for gzip input). */
uint64_t warc_reader_bytes(const struct warc_reader *w);

/* The value of header `name` (case-insensitive) of rec, or NULL. */
const char *warc_field(const struct warc_record *rec, const char *name);

/* Decode rec's payload: for a response whose block is an HTTP message
 * (record Content-Type application/http, or a block starting "HTTP/"), the
 * status, the HTTP Content-Type and the body after de-chunking and
 * gzip/deflate decoding (undecodable bodies are given raw, with
 * decode_failed set); for any other record the block itself with the
 * record's Content-Type. Returns 0, or KB_EPARSE when an HTTP header block
 * has no end. Decoded bodies are capped at the reader's max_record. */
int warc_payload(struct warc_reader *w, const struct warc_record *rec, struct warc_payload *out,
                 struct kb_err *err) KB_MUST_CHECK;

/* 1 when s[0..len) starts like a WARC or ARC file ("WARC/" or
 * "filedesc://" at the start, after inflating the first bytes when s is
 * gzip), else 0. Looks at the content only, never at a file name. */
int warc_sniff(const char *s, size_t len);

/* The archived page's own URL when uri is a Wayback Machine address
 * ("http://web.archive.org/web/20110111145835/http://example.com/a" ->
 * "http://example.com/a"), else uri itself. Returns a pointer into uri. */
const char *warc_original_uri(const char *uri);

/* Pure helpers, exposed for tests: de-chunk an HTTP body into out
 * (Transfer-Encoding: chunked, RFC 9112 7.1; chunk extensions and trailers
 * ignored). Returns 0, KB_EPARSE on a malformed or cut-off chunk, or
 * KB_ETOOBIG when out's cap is reached. */
struct buf;
int warc_dechunk(const char *s, size_t len, struct buf *out) KB_MUST_CHECK;
/* Inflate gzip, zlib or raw deflate data s[0..len) into out (the format is
 * recognised from the first bytes; concatenated gzip members are all read).
 * Returns 0, KB_EPARSE on corrupt or truncated data, KB_ETOOBIG at out's cap. */
int warc_inflate(const char *s, size_t len, struct buf *out) KB_MUST_CHECK;

#endif
