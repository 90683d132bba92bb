/* cmd_summarize.c -- `kabar summarize`: stories from files, no database.
 *
 * Records the reader refuses and articles the preparation refuses (nothing
 * left after cleaning) are reported as "kabar: ORIGIN: why", counted, and
 * make the exit status 1, as in `kabar ingest`; the stories of the rest are
 * still printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "corpus.h"
#include "mem.h"
#include "read.h"

struct run {
    struct corpus *c;   /* borrowed */
    size_t rejected;    /* records the reader refused */
};

static int on_article(void *ctx, struct article *a)
{
    struct run *r = ctx;
    corpus_add(r->c, a);
    return 0;
}

static void on_reject(void *ctx, const char *where, const char *why)
{
    struct run *r = ctx;
    cli_warn_at(where, why);
    r->rejected++;
}

int cmd_summarize(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "summarize [--json|--md] [--format F] PATH...|-";
    struct read_opts ro;
    struct run r;
    struct story *v = NULL;
    struct kb_err err;
    size_t n = 0, i;
    int k, json = 0, md = 0, n_paths = 0, status = EXIT_OK;

    memset(&ro, 0, sizeof ro);
    for (k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--json") == 0) json = 1;
        else if (strcmp(argv[k], "--md") == 0) md = 1;
        else if (strcmp(argv[k], "--format") == 0 && k + 1 < argc) {
            const char *f = argv[++k];
            if (strcmp(f, "auto") == 0) ro.format = READ_AUTO;
            else if (strcmp(f, "text") == 0) ro.format = READ_TEXT;
            else if (strcmp(f, "jsonl") == 0) ro.format = READ_JSONL;
            else if (strcmp(f, "csv") == 0) ro.format = READ_CSV;
            else if (strcmp(f, "html") == 0) ro.format = READ_HTML;
            else if (strcmp(f, "warc") == 0) ro.format = READ_WARC;
            else if (strcmp(f, "feed") == 0) ro.format = READ_FEED;
            else {
                cli_error("summarize: unknown format '%s'", f);
                return EXIT_USAGE;
            }
        } else if (argv[k][0] == '-' && argv[k][1]) {
            cli_error("summarize: unknown option '%s'", argv[k]);
            return cli_usage(usage);
        } else {
            n_paths++;
        }
    }
    if (n_paths == 0 || (json && md)) return cli_usage(usage);

    r.c = corpus_new();
    r.rejected = 0;
    /* articles corpus_stories leaves out are reported like reader rejects */
    corpus_set_reject(r.c, on_reject, &r);
    ro.emit = on_article;
    ro.reject = on_reject;
    ro.ctx = &r;
    for (k = 1; k < argc; k++) {
        if (argv[k][0] == '-' && argv[k][1]) {
            if (strcmp(argv[k], "--format") == 0) k++;
            continue;
        }
        kb_err_clear(&err);
        if (read_path(&ro, argv[k], &err)) {
            cli_error("%s", err.msg[0] ? err.msg : kb_strerror(err.code));
            status = EXIT_DATA;
        }
    }
    kb_err_clear(&err);
    if (corpus_stories(r.c, &v, &n, &err)) {
        cli_error("summarize: %s", err.msg);
        corpus_free(r.c);
        return EXIT_DATA;
    }
    if (json) {
        json_t *arr = json_array();
        for (i = 0; i < n; i++) json_array_append_new(arr, story_to_json(&v[i]));
        cli_print_json(arr);
    } else {
        struct buf out = BUF_INIT;
        for (i = 0; i < n; i++) {
            if (i && buf_putc(&out, '\n')) status = EXIT_DATA;
            if (md ? story_to_md(&v[i], &out) : story_to_text(&v[i], &out)) status = EXIT_DATA;
        }
        cli_print_buf(&out);
        buf_release(&out);
    }
    if (r.rejected) status = EXIT_DATA;
    corpus_stories_free(v, n);
    corpus_free(r.c);
    return status;
}
