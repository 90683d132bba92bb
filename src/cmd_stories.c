/* cmd_stories.c -- `kabar stories`: the story list, most covered first. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static void print_dates(const struct story *s)
{
    if (!s->first_published) return;
    printf(", %.10s", s->first_published);
    if (s->last_published && strncmp(s->first_published, s->last_published, 10) != 0)
        printf(" .. %.10s", s->last_published);
}

int cmd_stories(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "stories [--json] [--limit N]";
    struct store *st;
    struct story *v = NULL;
    struct kb_err err;
    size_t n = 0, i, limit = 20;
    int json = 0, only_args = 0;

    /* no operands; "--" is accepted (and ends options) for consistency */
    for (i = 1; i < (size_t)argc; i++) {
        if (!only_args && strcmp(argv[i], "--") == 0) {
            only_args = 1;
        } else if (!only_args && strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (!only_args && strcmp(argv[i], "--limit") == 0 && i + 1 < (size_t)argc) {
            if (cli_parse_limit(argv[++i], &limit)) return EXIT_USAGE;
        } else {
            cli_error("stories: unexpected argument '%s'", argv[i]);
            return cli_usage(usage);
        }
    }
    st = cli_open_store_mode(cli, STORE_OPEN_READ);
    if (!st) return EXIT_DATA;
    kb_err_clear(&err);
    if (store_stories_list(st, limit, &v, &n, &err)) {
        cli_error("%s", err.msg);
        store_close(st);
        return EXIT_DATA;
    }
    if (json) {
        json_t *arr = json_array();
        for (i = 0; i < n; i++) json_array_append_new(arr, story_brief_to_json(&v[i]));
        cli_print_json(arr);
    } else {
        for (i = 0; i < n; i++) {
            size_t copies = 0, k;
            for (k = 0; k < v[i].n_articles; k++) copies += v[i].articles[k].duplicate_of != 0;
            printf("%6lld  %s\n        %zu article%s", (long long)v[i].id,
                   v[i].title ? v[i].title : "(untitled)", v[i].n_articles - copies,
                   v[i].n_articles - copies == 1 ? "" : "s");
            if (copies) printf(" + %zu cop%s", copies, copies == 1 ? "y" : "ies");
            printf(", %zu site%s", v[i].n_sites, v[i].n_sites == 1 ? "" : "s");
            print_dates(&v[i]);
            putchar('\n');
        }
        if (n == 0 && !cli->quiet) fprintf(stderr, "kabar: no stories yet; add articles with 'kabar ingest'\n");
    }
    store_stories_free(v, n);
    store_close(st);
    return EXIT_OK;
}
