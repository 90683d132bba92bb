/* cmd_common.c -- helpers shared by the command files (see cmd.h). */
#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLURP_MAX ((size_t)1 << 30) /* 1 GiB: far above any article file */

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("kabar: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_warn_at(const char *where, const char *why)
{
    fprintf(stderr, "kabar: %s: %s\n", where, why);
}

int cli_usage(const char *usage)
{
    fprintf(stderr, "usage: kabar %s\n", usage);
    fputs("Try 'kabar --help' for the list of commands.\n", stderr);
    return EXIT_USAGE;
}

int cli_parse_limit(const char *s, size_t *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v <= 0) {
        cli_error("--limit: not a positive number: '%s'", s);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

struct store *cli_open_store_mode(const struct cli *cli, enum store_open_mode mode)
{
    struct kb_err err;
    struct store *s;
    kb_err_clear(&err);
    s = store_open_mode(cli->db_path, mode, &err);
    if (!s) {
        /* "no database at PATH" names the path itself */
        if (err.code == KB_ENOTFOUND) cli_error("%s", err.msg);
        else cli_error("%s: %s", cli->db_path, err.msg[0] ? err.msg : kb_strerror(err.code));
        return NULL;
    }
    /* both lines explain a surprise (a slow open, searches that miss), so
     * they are printed even with -q */
    if (store_reindexed(s) > 0)
        fprintf(stderr, "kabar: search index rebuilt for a new stemmer (%lld articles)\n",
                (long long)store_reindexed(s));
    if (store_index_stale(s))
        fprintf(stderr, "kabar: warning: search index built with another stemmer; searches may"
                        " miss words until 'kabar ingest' (any input) rebuilds it\n");
    return s;
}

struct store *cli_open_store(const struct cli *cli)
{
    return cli_open_store_mode(cli, STORE_OPEN_WRITE);
}

int cli_slurp(const char *path, struct buf *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char chunk[65536];
    size_t n;
    int rc = 0;

    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return -1;
    }
    buf_init(out, SLURP_MAX);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_append(out, chunk, n)) {
            cli_error("%s: larger than 1 GiB", path);
            rc = -1;
            break;
        }
    }
    if (!rc && ferror(f)) {
        cli_error("%s: %s", path, strerror(errno));
        rc = -1;
    }
    if (f != stdin) fclose(f);
    return rc;
}

void cli_print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(j);
}

void cli_print_buf(const struct buf *b)
{
    if (b->len) fwrite(b->ptr, 1, b->len, stdout);
}

int cli_wants_help(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) return 1;
    }
    return 0;
}
