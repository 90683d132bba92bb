/* err.c -- error codes to text, and filling the kb_err detail record. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

const char *kb_strerror(int code)
{
    switch (code) {
    case KB_OK: return "success";
    case KB_ENOMEM: return "out of memory";
    case KB_EIO: return "input/output error";
    case KB_EDB: return "database error";
    case KB_EPARSE: return "malformed input";
    case KB_ETOOBIG: return "input too large";
    case KB_ENOTFOUND: return "not found";
    case KB_EINVAL: return "invalid argument";
    case KB_EUNSUPP: return "not supported";
    default: return "unknown error";
    }
}

int kb_err_set(struct kb_err *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void kb_err_clear(struct kb_err *err)
{
    if (err) {
        err->code = 0;
        err->msg[0] = '\0';
    }
}
