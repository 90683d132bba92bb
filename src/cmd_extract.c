/* cmd_extract.c -- `kabar extract [--json] [--url URL] FILE...|-`.
 *
 * Owns the reading of pages (plain or gzip, through zlib's gzread, which
 * passes plain files through unchanged) and the printing of results. Many
 * files in one process is the normal case (benchmarks run hundreds of pages
 * per call), so one read buffer is reused and libxml2 is initialised once.
 * Plain output: the main text, paragraphs separated by a blank line; with
 * several files each text is preceded by "==> FILE <==". --json: one compact
 * object per input file per line:
 * {"path","url","title","published","site","author","lang","text"}, absent
 * values as null. A file that cannot be read or parsed is reported on stderr
 * as "kabar: FILE: why" and the others go on (exit status 1). */
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

#define PAGE_MAX EXTRACT_MAX_INPUT

static const char *usage = "extract [--json] [--url URL] FILE...|-";

/* Read path ("-" = stdin), gunzipping when needed, into b (reset first). */
static int read_page(const char *path, struct buf *b, char *why, size_t why_len)
{
    gzFile f;
    char chunk[65536];
    int n, rc = 0;

    buf_reset(b);
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

static void print_json(const char *path, const struct extract_result *r)
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
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(o);
}

int cmd_extract(struct cli *cli, int argc, char **argv)
{
    struct buf page;
    int json = 0, i, first_file = 0, n_files = 0, status = EXIT_OK, printed = 0;
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

    xmlInitParser();
    buf_init(&page, PAGE_MAX);
    for (i = first_file; i < argc; i++) {
        struct extract_result r;
        struct kb_err err;
        char why[256];
        const char *path = argv[i];

        if (read_page(path, &page, why, sizeof why) != 0) {
            cli_warn_at(path, why);
            status = EXIT_DATA;
            continue;
        }
        kb_err_clear(&err);
        if (extract_html(page.ptr ? page.ptr : "", page.len, NULL, url, &r, &err) != 0) {
            cli_warn_at(path, err.msg[0] ? err.msg : kb_strerror(err.code));
            status = EXIT_DATA;
            continue;
        }
        if (json) {
            print_json(path, &r);
        } else {
            if (n_files > 1) printf("%s==> %s <==\n", printed ? "\n" : "", path);
            fwrite(r.text, 1, r.text_len, stdout);
            if (r.text_len) fputc('\n', stdout);
        }
        printed = 1;
        extract_result_release(&r);
    }
    buf_release(&page);
    if (fflush(stdout) != 0) {
        cli_error("stdout: %s", strerror(errno));
        status = EXIT_DATA;
    }
    (void)cli;
    return status;
}
