/* lexicon.h -- a read-only set of Indonesian root words.
 *
 * The confix stripper (stem_id.h) accepts a candidate root only when it is
 * in this set. The words come from the entries of Debian's hunspell-id
 * dictionary (/usr/share/hunspell/id_ID.dic: ISO-8859-1, one entry a line,
 * "word/FLAGS"); they are converted to UTF-8 and lower-cased. Lookups are a
 * hash-set probe, with no allocation.
 *
 * Thread safety: building (lexicon_new, lexicon_add, lexicon_load) is
 * single-threaded; after that the set is never written, so any number of
 * threads may call lexicon_has on it at once. lexicon_default() loads the
 * system dictionary once per process (pthread_once) and shares it. */
#ifndef KB_LEXICON_H
#define KB_LEXICON_H

#include <stddef.h>

#include "err.h"

struct lexicon;

/* Where lexicon_default looks: $KABAR_ID_DIC when set, else this path. */
#define LEXICON_DEFAULT_DIC "/usr/share/hunspell/id_ID.dic"

/* Longest word (bytes, UTF-8) kept in a lexicon; longer entries are skipped. */
#define LEXICON_MAX_WORD 64

/* Affixes a root takes, as hunspell-id's affix flags say (a bit set).
 * LEX_AF_ROOT is set for every word in the lexicon. A prefix bit says the
 * root takes that prefix (alone or inside a combination such as memper-);
 * a suffix bit that it takes that suffix (alone or in a circumfix). */
#define LEX_AF_ROOT (1u << 0)
#define LEX_AF_BER (1u << 1)  /* ber-, be- */
#define LEX_AF_DI (1u << 2)   /* di- */
#define LEX_AF_KE (1u << 3)   /* ke- */
#define LEX_AF_ME (1u << 4)   /* me-, mem-, men-, meng-, meny-, menge- */
#define LEX_AF_PE (1u << 5)   /* pe-, pem-, pen-, peng-, peny-, penge- */
#define LEX_AF_PER (1u << 6)  /* per- */
#define LEX_AF_SE (1u << 7)   /* se- */
#define LEX_AF_TER (1u << 8)  /* ter-, te- */
#define LEX_AF_AN (1u << 9)   /* -an */
#define LEX_AF_KAN (1u << 10) /* -kan */
#define LEX_AF_I (1u << 11)   /* -i */
#define LEX_AF_ALL 0xFFFu     /* every affix: no affix information */

/* A new, empty lexicon (lexicon_available() is 0 until a word is added).
 * Free with lexicon_free. */
struct lexicon *lexicon_new(void);

/* Add the word w[0..len) (UTF-8, already lower-case) as a root taking
 * every affix (LEX_AF_ALL). Words that are empty or longer than
 * LEXICON_MAX_WORD are ignored. Returns 0, or KB_EINVAL for a NULL
 * lexicon. Not thread-safe; add everything before sharing. */
int lexicon_add(struct lexicon *lex, const char *w, size_t len);

/* Like lexicon_add, with the LEX_AF_* bits the root takes; adding a word
 * again ORs the bits (homographs with different flags). */
int lexicon_add_affixes(struct lexicon *lex, const char *w, size_t len, unsigned affixes);

/* Read a hunspell .dic file (ISO-8859-1; first line the entry count) into
 * a new lexicon: the part of each entry before '/', converted to UTF-8
 * and lower-cased. The affix flags after '/' become LEX_AF_* bits using
 * the .aff file beside it (same name, ".aff" for ".dic"): flag letters name
 * the prefix family (hunspell-id: B ber-, D di-, K ke-, M me-, P pe-,
 * R per-, S se-, T ter-) and a suffix flag's affix text gives -an, -kan,
 * -i. Without the .aff every root gets LEX_AF_ALL. Returns the lexicon (free with lexicon_free), or NULL
 * with err filled (KB_EIO when the file can't be read, KB_EPARSE when it
 * holds no entry). */
struct lexicon *lexicon_load(const char *dic_path, struct kb_err *err);

/* The process-wide lexicon from $KABAR_ID_DIC or LEXICON_DEFAULT_DIC,
 * loaded on the first call (thread-safe). Never NULL: when the dictionary
 * is missing this is an empty lexicon whose lexicon_available() is 0, so
 * stemmers still work, by rules alone. Owned by the process; never free it. */
const struct lexicon *lexicon_default(void);

/* 1 when w[0..len) is in the set, else 0 (also for a NULL lexicon). */
int lexicon_has(const struct lexicon *lex, const char *w, size_t len);

/* The LEX_AF_* bits of w[0..len), or 0 when it is not in the set. */
unsigned lexicon_affixes(const struct lexicon *lex, const char *w, size_t len);

/* Number of distinct words. */
size_t lexicon_count(const struct lexicon *lex);

/* 1 when the lexicon holds words (a dictionary was found), else 0. */
int lexicon_available(const struct lexicon *lex);

void lexicon_free(struct lexicon *lex);

#endif
