/* cmd_extract.c -- `kabar extract [--json] [--url URL] FILE...|-`.
 *
 * Owns the reading of pages (plain or gzip, through zlib's gzread, which
 * passes plain files through unchanged) and the printing of results. Many
 * files in one process is the normal case (benchmarks run hundreds of pages
 * per call), so read buffers are reused (one per worker) and libxml2 is
 * initialised once.
 * Plain output: the main text, paragraphs separated by a blank line; with
 * several files each text is preceded by "==> FILE <==". --json: one compact
 * object per input file per line:
 * {"path","url","title","published","site","author","lang","text"}, absent
 * values as null. A file that cannot be read or parsed is reported on stderr
 * as "kabar: FILE: why" and the others go on (exit status 1).
 *
 * Pages are read and extracted on all cores (pool.h: KABAR_THREADS, else
 * the online CPUs), each worker with its own read buffer, and the JSON
 * line is built by the worker too; printing stays on the main thread in
 * input order, at most WINDOW_PER_WORKER pages per worker ahead of it, so
 * stdout and stderr are byte for byte those of a one-thread run. Standard
 * input ("-") is read by the main thread before the workers start: the
 * first "-" gets all of it and a later one nothing, as when read in turn. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <zlib.h>

#include "cmd.h"
#include "extract.h"
#include "mem.h"
#include "pool.h"

#define PAGE_MAX EXTRACT_MAX_INPUT
#define WINDOW_PER_WORKER 4 /* pages extracted ahead of the printer, per worker */

static const char *usage = "extract [--json] [--url URL] FILE...|-";

/* Read path ("-" = stdin), gunzipping when needed, into b (reset first). */
static int read_page(const char *path, struct buf *b, char *why, size_t why_len)
{
    gzFile f;
    char chunk[65536];
    int n, rc = 0;

    buf_reset(b);
    errno = 0;
    f = strcmp(path, "-") == 0 ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path, "rb");
    if (!f) {
        snprintf(why, why_len, "%s", errno ? strerror(errno) : "cannot open");
        return -1;
    }
    while ((n = gzread(f, chunk, sizeof chunk)) > 0) {
        if (buf_append(b, chunk, (size_t)n)) {
            snprintf(why, why_len, "larger than %zu bytes", (size_t)PAGE_MAX);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && n < 0) {
        int zerr;
        const char *msg = gzerror(f, &zerr);
        snprintf(why, why_len, "%s", zerr == Z_ERRNO ? strerror(errno) : msg);
        rc = -1;
    }
    gzclose(f);
    return rc;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The --json line of one page: a string to free with free(), NULL when
 * jansson could not encode it. */
static char *json_line(const char *path, const struct extract_result *r)
{
    json_t *o = json_object();
    char *s;
    json_object_set_new(o, "path", json_string(path));
    json_object_set_new(o, "url", str_or_null(r->url));
    json_object_set_new(o, "title", str_or_null(r->title));
    json_object_set_new(o, "published", str_or_null(r->published));
    json_object_set_new(o, "site", str_or_null(r->site));
    json_object_set_new(o, "author", str_or_null(r->author));
    json_object_set_new(o, "lang", str_or_null(r->lang));
    json_object_set_new(o, "text", json_stringn(r->text, r->text_len));
    s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

/* One page between its worker and the printer (slot i % window). */
struct page {
    int failed;               /* 1: why says why, nothing to print */
    char why[KB_ERR_MSG_MAX]; /* the reason, when failed */
    struct extract_result r;  /* owned; the result, when not failed */
    char *json;               /* owned (free()); the --json line, NULL when not asked or not encodable */
};

struct run {
    char **paths;             /* borrowed from argv */
    const char *url;          /* borrowed; --url, may be NULL */
    int json;                 /* --json */
    size_t n_files;
    struct buf *bufs;         /* owned; one read buffer per worker */
    struct page *slots;       /* owned ring of window pages */
    size_t window;
    size_t stdin_at;          /* index of the first "-" (n_files: none) */
    struct buf in;            /* owned; standard input, read before the workers start */
    int in_failed;            /* 1: reading standard input failed, in_why says why */
    char in_why[KB_ERR_MSG_MAX];
    int printed;              /* a page was printed (plain output separates them) */
    int status;               /* EXIT_OK or EXIT_DATA */
};

/* pool work: read and extract page i on worker w. */
static void extract_one(void *ctx, size_t w, size_t i)
{
    struct run *run = ctx;
    struct page *pg = &run->slots[i % run->window];
    const char *path = run->paths[i];
    const struct buf *b = &run->bufs[w];
    struct kb_err err;

    pg->failed = 0;
    pg->json = NULL;
    extract_result_init(&pg->r);
    if (strcmp(path, "-") == 0) {
        /* the first "-" took all of standard input; a later one finds it at its end */
        if (i == run->stdin_at && run->in_failed) {
            pg->failed = 1;
            snprintf(pg->why, sizeof pg->why, "%s", run->in_why);
            return;
        }
        b = i == run->stdin_at ? &run->in : NULL;
    } else if (read_page(path, &run->bufs[w], pg->why, sizeof pg->why) != 0) {
        pg->failed = 1;
        return;
    }
    kb_err_clear(&err);
    if (extract_html(b && b->ptr ? b->ptr : "", b ? b->len : 0, NULL, run->url, &pg->r, &err) != 0) {
        pg->failed = 1;
        snprintf(pg->why, sizeof pg->why, "%s", err.msg[0] ? err.msg : kb_strerror(err.code));
        return;
    }
    if (run->json) pg->json = json_line(path, &pg->r);
}

/* pool done: print page i, in input order, on the main thread. */
static int print_one(void *ctx, size_t i)
{
    struct run *run = ctx;
    struct page *pg = &run->slots[i % run->window];
    const char *path = run->paths[i];

    if (pg->failed) {
        cli_warn_at(path, pg->why);
        run->status = EXIT_DATA;
        return 0;
    }
    if (run->json) {
        if (pg->json) {
            fputs(pg->json, stdout);
            fputc('\n', stdout);
        }
    } else {
        if (run->n_files > 1) printf("%s==> %s <==\n", run->printed ? "\n" : "", path);
        fwrite(pg->r.text, 1, pg->r.text_len, stdout);
        if (pg->r.text_len) fputc('\n', stdout);
    }
    run->printed = 1;
    free(pg->json);
    pg->json = NULL;
    extract_result_release(&pg->r);
    return 0;
}

int cmd_extract(struct cli *cli, int argc, char **argv)
{
    struct run run;
    struct pool *pool;
    size_t k, threads, n_workers;
    int json = 0, i, first_file = 0, n_files = 0, status = EXIT_OK;
    const char *url = NULL;

    if (cli_wants_help(argc, argv)) {
        printf("usage: kabar %s\n"
               "Print the main text of HTML pages (.gz read transparently).\n"
               "  --json      one JSON object per file per line:\n"
               "              {\"path\",\"url\",\"title\",\"published\",\"site\",\"author\",\"lang\",\"text\"}\n"
               "  --url URL   the page's address (for dates in the path and the site name)\n",
               usage);
        return EXIT_OK;
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--url") == 0 && i + 1 < argc) {
            url = argv[++i];
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error("extract: unknown option '%s'", argv[i]);
            return cli_usage(usage);
        } else {
            break;
        }
    }
    first_file = i;
    n_files = argc - first_file;
    if (n_files <= 0) return cli_usage(usage);

    memset(&run, 0, sizeof run);
    run.paths = argv + first_file;
    run.url = url;
    run.json = json;
    run.n_files = (size_t)n_files;
    run.status = EXIT_OK;
    run.stdin_at = run.n_files;
    buf_init(&run.in, PAGE_MAX);
    for (k = 0; k < run.n_files; k++) {
        if (strcmp(run.paths[k], "-") == 0) {
            run.stdin_at = k;
            run.in_failed = read_page("-", &run.in, run.in_why, sizeof run.in_why) != 0;
            break;
        }
    }
    /* libxml2 and jansson set up their global state once, before any thread */
    xmlInitParser();
    json_object_seed(0);
    threads = pool_threads();
    pool = pool_new(threads < run.n_files ? threads : run.n_files);
    n_workers = pool_size(pool);
    run.bufs = kb_calloc(n_workers, sizeof *run.bufs);
    for (k = 0; k < n_workers; k++) buf_init(&run.bufs[k], PAGE_MAX);
    run.window = WINDOW_PER_WORKER * n_workers;
    run.slots = kb_calloc(run.window, sizeof *run.slots);
    (void)pool_run(pool, run.n_files, run.window, extract_one, print_one, &run);
    pool_free(pool);
    for (k = 0; k < n_workers; k++) buf_release(&run.bufs[k]);
    free(run.bufs);
    free(run.slots);
    buf_release(&run.in);
    status = run.status;
    if (fflush(stdout) != 0) {
        cli_error("stdout: %s", strerror(errno));
        status = EXIT_DATA;
    }
    (void)cli;
    return status;
}
