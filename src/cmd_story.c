/* cmd_story.c -- `kabar story ID`: one story, summarised with citations. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "summ.h"

int cmd_story(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "story ID [--json|--md]";
    struct store *st;
    struct story s;
    struct stemmer *stem;
    struct summ_opts so;
    struct kb_err err;
    const char *id_arg = NULL;
    long long id;
    char *end;
    int i, json = 0, md = 0, rc, status = EXIT_OK, only_args = 0;

    /* after "--" an argument is the id even when it starts with '-' (and
     * is then refused as not a story id, not as an unknown option) */
    for (i = 1; i < argc; i++) {
        if (!only_args && strcmp(argv[i], "--") == 0) only_args = 1;
        else if (!only_args && strcmp(argv[i], "--json") == 0) json = 1;
        else if (!only_args && strcmp(argv[i], "--md") == 0) md = 1;
        else if ((only_args || argv[i][0] != '-') && !id_arg) id_arg = argv[i];
        else {
            cli_error("story: unexpected argument '%s'", argv[i]);
            return cli_usage(usage);
        }
    }
    if (!id_arg || (json && md)) return cli_usage(usage);
    errno = 0;
    id = strtoll(id_arg, &end, 10);
    if (errno || *end || end == id_arg || id <= 0) {
        cli_error("story: not a story id: '%s'", id_arg);
        return EXIT_USAGE;
    }
    st = cli_open_store_mode(cli, STORE_OPEN_READ);
    if (!st) return EXIT_DATA;
    story_init(&s);
    kb_err_clear(&err);
    rc = store_story_load(st, (int64_t)id, &s, &err);
    if (rc == KB_ENOTFOUND) {
        cli_error("no story %lld", id);
        status = EXIT_DATA;
        goto done;
    } else if (rc) {
        cli_error("%s", err.msg);
        status = EXIT_DATA;
        goto done;
    }
    stem = stem_new(KB_LANG_ID);
    summ_opts_default(&so);
    summ_story(&s, stem, &so);
    stem_free(stem);
    if (json) {
        cli_print_json(story_to_json(&s));
    } else {
        struct buf out = BUF_INIT;
        if (md ? story_to_md(&s, &out) : story_to_text(&s, &out)) status = EXIT_DATA;
        cli_print_buf(&out);
        buf_release(&out);
    }
done:
    story_release(&s);
    store_close(st);
    return status;
}
