/* lang.h -- language identification of a document or of its paragraphs.
 *
 * Character n-gram profiles (Cavnar & Trenkle 1994, as implemented by
 * libexttextcat with its shipped models) pick the language; kabar then
 * settles Indonesian versus Malay with a list of words and spellings that
 * differ between the two standards, because their n-gram profiles are too
 * close for textcat alone. Codes are ISO 639-1 ("id", "ms", "en", "de", ...),
 * ISO 639-3 for a language that has no two-letter code ("ace", "ban"), and
 * "und" when the text is too short or matches no model well.
 * See docs/internals/lang.md. */
#ifndef KB_LANG_H
#define KB_LANG_H

#include <stddef.h>

#include "err.h"

#define LANG_CODE_MAX 8 /* bytes of a code including its NUL ("und", "ace") */

/* Only the first LANG_SCAN_MAX bytes of a text are looked at: a profile of
 * the 400 most frequent n-grams is stable after a few hundred letters, and
 * the cost of building it grows with the input, so a bound keeps detection
 * fast and constant-time on huge inputs. */
#define LANG_SCAN_MAX 4096

/* Fewer letters than this and the answer is "und": n-gram ranks from a
 * dozen words are noise (textcat's own documentation asks for a few hundred
 * bytes; 20 letters is the least that still separates distant languages). */
#define LANG_MIN_LETTERS 20

struct lang_ctx; /* opaque: the loaded models */

/* Load the language models from the libexttextcat data directory (the
 * environment variable KABAR_LANG_MODELS overrides it). Returns NULL with
 * err set (KB_EIO) when the models cannot be read. Free with lang_free.
 * A context is read-only after creation: one context may be shared by
 * threads that call lang_detect at the same time. */
struct lang_ctx *lang_new(struct kb_err *err);

/* As lang_new, from the models in directory dir (e.g. "/usr/share/libexttextcat"). */
struct lang_ctx *lang_new_dir(const char *dir, struct kb_err *err);

/* Free the context; NULL is a no-op. */
void lang_free(struct lang_ctx *c);

/* Detect the language of text[0..len) (any bytes: invalid UTF-8 and NULs are
 * ignored). Writes the code to out (always NUL-terminated; "und" when the
 * text holds fewer than LANG_MIN_LETTERS letters or no model fits) and, when
 * confidence is not NULL, a value in [0,1] (0 for "und"): how far the best
 * model is ahead of the next one, scaled down for short texts.
 * Returns 0, or KB_EINVAL when c or out is NULL. */
int lang_detect(struct lang_ctx *c, const char *text, size_t len, char out[LANG_CODE_MAX],
                double *confidence);

enum {
    LANG_PARA_INHERITED = 1u << 0 /* too short on its own: has the document's language */
};

struct lang_para {
    size_t off;                /* bytes from the start of the text */
    size_t len;                /* bytes, trimmed of surrounding whitespace */
    char lang[LANG_CODE_MAX];  /* code as from lang_detect */
    double confidence;         /* as from lang_detect */
    unsigned flags;            /* LANG_PARA_* */
};

struct lang_paras {
    struct lang_para *v; /* owned */
    size_t n;            /* paragraphs in use */
    size_t cap;          /* paragraphs allocated */
};

#define LANG_PARAS_INIT {NULL, 0, 0}

void lang_paras_init(struct lang_paras *p);
/* Free the storage; p is then empty and may be reused. */
void lang_paras_release(struct lang_paras *p);

/* Detect the language of every paragraph of text[0..len) and append one
 * lang_para per paragraph to out (out is not reset first). A paragraph is a
 * non-blank line: kabar's text keeps one paragraph per line, and a blank
 * line between paragraphs (extract's output) only adds an empty line. A
 * paragraph too short to judge alone (fewer than LANG_MIN_LETTERS letters)
 * gets the language of the whole text, flagged LANG_PARA_INHERITED, so that
 * headings and short lines follow their article. Each paragraph is scanned
 * up to LANG_SCAN_MAX bytes. Returns 0, or KB_EINVAL when c or out is NULL. */
int lang_detect_paragraphs(struct lang_ctx *c, const char *text, size_t len,
                           struct lang_paras *out);

/* The Indonesian-versus-Malay evidence in text[0..len) (first LANG_SCAN_MAX
 * bytes): positive for Indonesian, negative for Malay, 0 for none. Exposed
 * for tests and the benchmark; lang_detect uses it. */
int lang_id_ms_score(const char *text, size_t len);

#endif
