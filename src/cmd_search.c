/* cmd_search.c -- `kabar search`: ranked full-text search, grouped by story.
 *
 * The store returns hits best first; here they are grouped under their
 * story, groups ordered by their best hit, so one event reported by many
 * outlets shows up once with its matching articles beneath it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "mem.h"

/* Group order: index of each hit's group leader (first hit of its story). */
static size_t *group_leaders(const struct search_hit *v, size_t n)
{
    size_t *lead = kb_malloc((n ? n : 1) * sizeof *lead), i, j;
    for (i = 0; i < n; i++) {
        lead[i] = i;
        if (v[i].story == 0) continue; /* unclustered: its own group */
        for (j = 0; j < i; j++) {
            if (v[j].story == v[i].story) {
                lead[i] = lead[j];
                break;
            }
        }
    }
    return lead;
}

static json_t *hit_json(const struct search_hit *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(h->article));
    json_object_set_new(o, "url", story_json_str(h->url));
    json_object_set_new(o, "title", story_json_str(h->title));
    json_object_set_new(o, "site", story_json_str(h->site));
    json_object_set_new(o, "published", story_json_str(h->published));
    json_object_set_new(o, "snippet", story_json_str(h->snippet ? h->snippet : ""));
    json_object_set_new(o, "score", json_real(h->score));
    return o;
}

int cmd_search(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "search QUERY [--json] [--limit N]";
    struct store *st;
    struct search_hit *v = NULL;
    struct kb_err err;
    struct buf q = BUF_INIT;
    size_t n = 0, i, j, limit = 20, *lead;
    int json = 0, k, only_words = 0;

    /* after "--" every argument is a query word, so words that start with
     * '-' can be searched: kabar search -- -x */
    for (k = 1; k < argc; k++) {
        if (!only_words && strcmp(argv[k], "--") == 0) {
            only_words = 1;
        } else if (!only_words && strcmp(argv[k], "--json") == 0) {
            json = 1;
        } else if (!only_words && strcmp(argv[k], "--limit") == 0 && k + 1 < argc) {
            if (cli_parse_limit(argv[++k], &limit)) goto usage;
        } else if (!only_words && argv[k][0] == '-' && argv[k][1]) {
            cli_error("search: unknown option '%s'", argv[k]);
            goto usage;
        } else if ((q.len && buf_putc(&q, ' ')) || buf_puts(&q, argv[k])) {
            goto usage;
        }
    }
    if (q.len == 0) goto usage;
    st = cli_open_store_mode(cli, STORE_OPEN_READ);
    if (!st) {
        buf_release(&q);
        return EXIT_DATA;
    }
    kb_err_clear(&err);
    if (store_search(st, buf_cstr(&q), limit, &v, &n, &err)) {
        cli_error("search: %s", err.msg);
        store_close(st);
        buf_release(&q);
        return EXIT_DATA;
    }
    lead = group_leaders(v, n);
    if (json) {
        json_t *arr = json_array();
        for (i = 0; i < n; i++) {
            json_t *g, *hits;
            if (lead[i] != i) continue;
            g = json_object();
            hits = json_array();
            json_object_set_new(g, "story", v[i].story ? json_integer(v[i].story) : json_null());
            for (j = i; j < n; j++)
                if (lead[j] == i) json_array_append_new(hits, hit_json(&v[j]));
            json_object_set_new(g, "articles", hits);
            json_array_append_new(arr, g);
        }
        cli_print_json(arr);
    } else {
        for (i = 0; i < n; i++) {
            if (lead[i] != i) continue;
            if (v[i].story) printf("story %lld\n", (long long)v[i].story);
            else printf("(no story yet)\n");
            for (j = i; j < n; j++) {
                if (lead[j] != i) continue;
                printf("  %s", v[j].title ? v[j].title : v[j].url);
                if (v[j].site) printf(" -- %s", v[j].site);
                if (v[j].published) printf(", %.10s", v[j].published);
                printf("\n    %s\n    %s\n", v[j].snippet ? v[j].snippet : "", v[j].url);
            }
        }
        if (n == 0 && !cli->quiet) fprintf(stderr, "kabar: no matches\n");
    }
    free(lead);
    store_hits_free(v, n);
    store_close(st);
    buf_release(&q);
    return EXIT_OK;
usage:
    buf_release(&q);
    return cli_usage(usage);
}
