/* charset.h -- finding a web page's character encoding and converting the
 * page to UTF-8.
 *
 * The order follows what browsers do (WHATWG "encoding sniffing"): a byte
 * order mark wins, then the charset parameter of the HTTP Content-Type, then
 * a <meta charset> / <meta http-equiv> (or <?xml encoding?>) in the first
 * 4 KB, then a UTF-8 validity check, else Windows-1252 (the usual encoding of
 * older Indonesian and Western pages). Labels are normalised the WHATWG way:
 * "iso-8859-1", "latin1" and "us-ascii" all mean Windows-1252. UTF-8, UTF-16
 * and Windows-1252 are converted by table; any other label goes through
 * glibc's iconv. The output is always valid UTF-8 with no NUL bytes and no C0
 * controls other than tab, newline and carriage return (those become spaces),
 * so an XML/HTML parser can take it as is. */
#ifndef KB_CHARSET_H
#define KB_CHARSET_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

#define CHARSET_NAME_MAX 40   /* bytes for a charset label including NUL */
#define CHARSET_PRESCAN 4096  /* bytes searched for <meta charset> */

/* Where the charset decision came from. */
enum charset_source {
    CHARSET_FROM_BOM = 0,
    CHARSET_FROM_HEADER, /* the content_type argument */
    CHARSET_FROM_META,   /* <meta>, <?xml encoding?> */
    CHARSET_FROM_SNIFF,  /* no declaration (or a contradicted one): bytes checked */
};

/* Decide the encoding of s[0..len). content_type is an HTTP Content-Type value
 * such as "text/html; charset=ISO-8859-1", or NULL. Writes the normalised
 * lower-case label ("utf-8", "windows-1252", "utf-16le", "utf-16be", or
 * another label as declared, e.g. "windows-1251") into name and returns where
 * it came from. A declared UTF-8 page whose bytes are not UTF-8 at all (no
 * valid multi-byte sequence, some invalid ones) is sniffed as Windows-1252,
 * and a declared Latin-1/Windows-1252 page whose bytes are valid UTF-8 with
 * multi-byte sequences is read as UTF-8: both mislabellings are common in
 * crawls and the bytes prove them. Never fails. */
enum charset_source charset_detect(const char *s, size_t len, const char *content_type,
                                   char name[CHARSET_NAME_MAX]);

/* Length of the byte order mark at the start of s (0, 2 or 3). */
size_t charset_bom_len(const char *s, size_t len);

/* Append s[0..len), encoded in `charset` (a label as charset_detect gives;
 * NULL means "detect"), to out as UTF-8. A leading BOM is dropped. Invalid or
 * unmappable bytes become U+FFFD; NUL bytes are dropped; other C0 controls
 * except \t \n \r become spaces. An unknown label is treated as
 * Windows-1252. Returns 0, or KB_ETOOBIG when out's cap is reached (out then
 * holds a prefix). */
int charset_to_utf8(const char *s, size_t len, const char *charset, struct buf *out,
                    struct kb_err *err) KB_MUST_CHECK;

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates), else 0. */
int charset_utf8_valid(const char *s, size_t len);

#endif
