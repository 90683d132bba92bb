/* cmd_ingest.c -- `kabar ingest`: read inputs and feed the ingest pipeline.
 *
 * The reader calls back once per article; each goes to ingest_add, which
 * stores batches transactionally. Bad records (from the reader or refused by
 * ingest) are reported as "kabar: FILE:LINE: why", counted, and skipped.
 * A progress bar is drawn on stderr only when stderr is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "ingest.h"
#include "mem.h"
#include "read.h"

struct run {
    struct ingest *in;     /* borrowed */
    size_t read_rejected;  /* records the reader refused */
    size_t seen;           /* articles handed to ingest */
    int fatal;             /* a storage error stopped the run */
    struct kb_err err;     /* detail of the fatal error */
    int progress;          /* draw a progress bar */
    size_t total_bytes;    /* of all inputs, for the bar */
    size_t done_bytes;     /* of finished files */
    size_t base_bytes;     /* done_bytes of earlier path arguments */
    time_t last_draw;      /* seconds; the bar redraws at most once a second */
};

static void draw(struct run *r, int force)
{
    time_t now = time(NULL);
    int pct, i, width = 30, fill;
    if (!r->progress || (!force && now == r->last_draw)) return;
    r->last_draw = now;
    pct = r->total_bytes ? (int)(100.0 * (double)r->done_bytes / (double)r->total_bytes) : 0;
    if (pct > 100) pct = 100;
    fill = pct * width / 100;
    fputs("\r[", stderr);
    for (i = 0; i < width; i++) fputc(i < fill ? '#' : ' ', stderr);
    fprintf(stderr, "] %3d%%  %zu articles", pct, r->seen);
    fflush(stderr);
}

static int on_article(void *ctx, struct article *a)
{
    struct run *r = ctx;
    struct kb_err err;
    int rc;

    kb_err_clear(&err);
    r->seen++;
    rc = ingest_add(r->in, a, &err);
    /* KB_EPARSE: records refused by ingest; each was already reported
     * through on_ingest_reject */
    if (rc && rc != KB_EPARSE) {
        r->fatal = 1;
        r->err = err;
        return rc;
    }
    draw(r, 0);
    return 0;
}

/* A record ingest refused (e.g. nothing left after cleaning). */
static void on_ingest_reject(void *ctx, const char *origin, const char *why)
{
    struct run *r = ctx;
    if (r->progress) fputc('\n', stderr);
    cli_warn_at(origin, why);
}

static void on_reject(void *ctx, const char *where, const char *why)
{
    struct run *r = ctx;
    if (r->progress) fputc('\n', stderr);
    cli_warn_at(where, why);
    r->read_rejected++;
}

static void on_progress(void *ctx, const char *path, size_t bytes_done)
{
    struct run *r = ctx;
    r->done_bytes = r->base_bytes + bytes_done;
    draw(r, 0);
}

static int parse_format(const char *s, enum read_format *f)
{
    static const struct {
        const char *name;
        enum read_format f;
    } names[] = {{"auto", READ_AUTO}, {"text", READ_TEXT}, {"jsonl", READ_JSONL}, {"csv", READ_CSV},
                 {"html", READ_HTML}, {"warc", READ_WARC}, {"feed", READ_FEED}};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(s, names[i].name) == 0) {
            *f = names[i].f;
            return 0;
        }
    }
    cli_error("--format: unknown format '%s' (auto, text, jsonl, csv, html, warc, feed)", s);
    return -1;
}

int cmd_ingest(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "ingest [--format auto|text|jsonl|csv|html|warc|feed] [--no-title] PATH...|-";
    struct read_opts ro;
    struct ingest_opts io;
    struct run r;
    struct store *st = NULL;
    struct ingest_counts counts;
    const char **paths = kb_malloc((size_t)(argc > 0 ? argc : 1) * sizeof *paths);
    size_t n_paths = 0, k;
    int i, status = EXIT_OK, only_paths = 0;

    memset(&ro, 0, sizeof ro);
    memset(&r, 0, sizeof r);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_paths && strcmp(a, "--") == 0) {
            only_paths = 1;
        } else if (!only_paths && strcmp(a, "--format") == 0) {
            if (i + 1 >= argc || parse_format(argv[++i], &ro.format)) {
                free(paths);
                return EXIT_USAGE;
            }
        } else if (!only_paths && strncmp(a, "--format=", 9) == 0) {
            if (parse_format(a + 9, &ro.format)) {
                free(paths);
                return EXIT_USAGE;
            }
        } else if (!only_paths && strcmp(a, "--no-title") == 0) {
            ro.no_title = 1;
        } else if (!only_paths && a[0] == '-' && a[1]) {
            cli_error("ingest: unknown option '%s'", a);
            free(paths);
            return cli_usage(usage);
        } else {
            paths[n_paths++] = a;
        }
    }
    if (n_paths == 0) {
        free(paths);
        return cli_usage(usage);
    }

    st = cli_open_store(cli);
    if (!st) {
        free(paths);
        return EXIT_DATA;
    }
    memset(&io, 0, sizeof io);
    io.reject = on_ingest_reject;
    io.ctx = &r;
    r.in = ingest_new(st, &io, &r.err);
    if (!r.in) {
        cli_error("%s", r.err.msg);
        store_close(st);
        free(paths);
        return EXIT_DATA;
    }
    r.progress = !cli->quiet && isatty(STDERR_FILENO);
    if (r.progress)
        for (k = 0; k < n_paths; k++) r.total_bytes += read_total_bytes(paths[k]);
    ro.emit = on_article;
    ro.reject = on_reject;
    ro.progress = on_progress;
    ro.ctx = &r;

    for (k = 0; k < n_paths && !r.fatal; k++) {
        struct kb_err err;
        int rc;
        kb_err_clear(&err);
        r.base_bytes = r.done_bytes;
        rc = read_path(&ro, paths[k], &err);
        if (rc && !r.fatal) {
            if (r.progress) fputc('\n', stderr);
            cli_error("%s", err.msg[0] ? err.msg : kb_strerror(rc));
            status = EXIT_DATA;
        }
    }
    if (!r.fatal) {
        int rc = ingest_flush(r.in, &r.err);
        if (rc && rc != KB_EPARSE) r.fatal = 1;
    }
    if (r.progress) {
        r.done_bytes = r.total_bytes;
        draw(&r, 1);
        fputc('\n', stderr);
    }
    if (r.fatal) {
        cli_error("%s", r.err.msg[0] ? r.err.msg : kb_strerror(r.err.code));
        status = EXIT_DATA;
    }
    ingest_get_counts(r.in, &counts);
    printf("added %zu, duplicate %zu (copies %zu), rejected %zu\n", counts.added, counts.duplicate,
           counts.copies, counts.rejected + r.read_rejected);
    if (counts.rejected + r.read_rejected) status = EXIT_DATA;
    ingest_free(r.in);
    store_close(st);
    free(paths);
    return status;
}
