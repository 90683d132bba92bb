/* read.h -- readers: files, directories and stdin into articles.
 *
 * A reader turns input bytes into `struct article` records and hands each
 * one to the caller's emit callback, which takes ownership. Malformed
 * records are reported through the reject callback with the file and line
 * (or byte offset) and skipped; reading goes on. Formats: text (one article
 * per file), jsonl, csv (header row; delimiter , ; or TAB detected; quoted
 * fields with newlines; a record with only an "html" field goes through the
 * extractor), html (one page per file, extract.h), warc (WARC/ARC, plain or
 * gzip, warc.h: response/resource records with HTML bodies, one article per
 * page; rejects are "FILE:@OFFSET"; a truncated or corrupt file yields its
 * whole records, then one reject naming the offset), feed (RSS/Atom,
 * feed.h: an item with content:encoded / Atom content is an article, one
 * with only a description/summary is an article with partial = 1; rejects
 * are "FILE:LINE" of the item).
 *
 * READ_AUTO: the content decides first when it proves a format (gzip whose
 * first bytes inflate to "WARC/", "WARC/1.x", "filedesc://", "<!doctype
 * html"/"<html", "<rss", Atom "<feed", RSS 1.0 "<rdf:RDF"), then the file
 * name's extension, then weaker content rules ('{'/'[' JSONL, a CSV header,
 * else text). Web archives given as files are streamed, not read whole, so
 * they are not bound by the 1 GiB file cap.
 *
 * WARC articles: url = WARC-Target-URI (a Wayback address is replaced by
 * the address of the page it archived), published = the page's own date,
 * else the capture date (WARC-Date, else Memento-Datetime): see
 * docs/internals/warc.md for why. Only 2xx responses with an HTML type (or
 * HTML bytes under a vague type) are read; other records are skipped
 * silently, as they are not articles.
 *
 * Column/field names mapped (case-insensitive):
 *   url:       url, link, tautan, source_url
 *   title:     title, judul, headline
 *   text:      text, maintext, content, isi_berita, clean_text, berita, isi, body, article
 *   published: published, date, tanggal, date_publish, published_at, datetime
 *   site:      site, source, domain, source_domain, media
 * A record with no URL gets url = "PATH:LINE" (PATH as given; text files
 * get url = PATH; pages without a web url get their origin), with
 * url_synthetic = 1. A record with an empty text is rejected. */
#ifndef KB_READ_H
#define KB_READ_H

#include <stddef.h>

#include "article.h"
#include "err.h"

enum read_format {
    READ_AUTO = 0, /* by file name, then by content */
    READ_TEXT,
    READ_JSONL,
    READ_CSV,
    READ_HTML,
    READ_WARC,
    READ_FEED
};

/* Called once per good record; takes ownership of a (free with article_free).
 * Returning non-zero stops reading (read_path then returns that value). */
typedef int (*read_emit_fn)(void *ctx, struct article *a);
/* Called once per rejected record: where = "FILE:LINE" or "FILE:@OFFSET". */
typedef void (*read_reject_fn)(void *ctx, const char *where, const char *why);
/* Called after each file with bytes read so far (for a progress bar); may be NULL. */
typedef void (*read_progress_fn)(void *ctx, const char *path, size_t bytes_done);

struct read_opts {
    enum read_format format;   /* READ_AUTO to detect */
    int no_title;              /* text files: never take the first line as the title */
    size_t max_record;         /* bytes; larger records are rejected (0: 64 MiB) */
    read_emit_fn emit;         /* required */
    read_reject_fn reject;     /* may be NULL */
    read_progress_fn progress; /* may be NULL */
    void *ctx;                 /* passed to the callbacks */
};

/* Read a file, a directory (recursively, in name order, skipping dot files)
 * or "-" for stdin. Returns 0 when the input could be read (rejected records
 * do not make it fail), KB_EIO when a path can't be opened or read (err says
 * which), or the non-zero value an emit callback returned. */
int read_path(const struct read_opts *o, const char *path, struct kb_err *err) KB_MUST_CHECK;

/* Parse one in-memory buffer as format fmt (READ_AUTO allowed); name is used
 * for urls and messages. Same return values as read_path. */
int read_buffer(const struct read_opts *o, const char *name, const char *data, size_t len,
                enum read_format fmt, struct kb_err *err) KB_MUST_CHECK;

/* Total bytes of the regular files under path (for a progress bar); 0 for "-". */
size_t read_total_bytes(const char *path);

#endif
