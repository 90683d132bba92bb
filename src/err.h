/* err.h -- kabar's error codes and the optional error-detail record.
 *
 * Library functions return int: 0 on success, a negative KB_E* on failure.
 * Details go in an optional `struct kb_err *err` (callers may pass NULL);
 * it is a fixed buffer, so reporting an error never allocates. */
#ifndef KB_ERR_H
#define KB_ERR_H

#include <stddef.h>

#if defined(__GNUC__)
#define KB_MUST_CHECK __attribute__((warn_unused_result))
#define KB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define KB_MUST_CHECK
#define KB_PRINTF(a, b)
#endif

enum {
    KB_OK = 0,
    KB_ENOMEM = -1,    /* allocation failed */
    KB_EIO = -2,       /* read/write failed */
    KB_EDB = -3,       /* database error */
    KB_EPARSE = -4,    /* malformed input */
    KB_ETOOBIG = -5,   /* input exceeds a configured limit */
    KB_ENOTFOUND = -6, /* no such object */
    KB_EINVAL = -7,    /* bad argument */
    KB_EUNSUPP = -8    /* not supported (yet) */
};

#define KB_ERR_MSG_MAX 512

struct kb_err {
    int code;                 /* one of KB_E*, 0 when unset */
    char msg[KB_ERR_MSG_MAX]; /* NUL-terminated detail, "" when unset */
};

/* Short static text for a KB_E* code; never NULL. */
const char *kb_strerror(int code);

/* Record code and a printf-style message in err (no-op when err is NULL).
 * Returns code, so `return kb_err_set(err, KB_EIO, "...")` reads naturally. */
int kb_err_set(struct kb_err *err, int code, const char *fmt, ...) KB_PRINTF(3, 4);

/* Reset err to "no error" (no-op when NULL). */
void kb_err_clear(struct kb_err *err);

#endif
