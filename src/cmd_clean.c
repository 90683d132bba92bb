/* cmd_clean.c -- `kabar clean` and `kabar sentences`: the text stages on
 * one file, for inspection and for pipelines. */
#include <stdio.h>
#include <string.h>

#include "clean.h"
#include "cmd.h"
#include "sent.h"

/* The single FILE|- argument of a text command, or NULL after a usage error. */
static const char *one_input(int argc, char **argv)
{
    if (argc != 2 || (argv[1][0] == '-' && argv[1][1])) return NULL;
    return argv[1];
}

int cmd_clean(struct cli *cli, int argc, char **argv)
{
    const char *path = one_input(argc, argv);
    struct buf in, out = BUF_INIT;
    int rc;

    if (!path) return cli_usage("clean FILE|-");
    if (cli_slurp(path, &in)) return EXIT_DATA;
    rc = clean_text(NULL, NULL, buf_cstr(&in), in.len, &out, NULL);
    if (rc) cli_error("%s: %s", path, kb_strerror(rc));
    cli_print_buf(&out);
    if (out.len && out.ptr[out.len - 1] != '\n') putchar('\n');
    buf_release(&in);
    buf_release(&out);
    return rc ? EXIT_DATA : EXIT_OK;
}

int cmd_sentences(struct cli *cli, int argc, char **argv)
{
    const char *path = one_input(argc, argv);
    struct buf in;
    struct spans s = SPANS_INIT;
    size_t i;

    if (!path) return cli_usage("sentences FILE|-");
    if (cli_slurp(path, &in)) return EXIT_DATA;
    sent_split(buf_cstr(&in), in.len, &s);
    for (i = 0; i < s.n; i++) {
        /* a sentence never spans lines in the output: inner newlines become spaces */
        const char *p = in.ptr + s.v[i].off;
        size_t j;
        for (j = 0; j < s.v[i].len; j++) putchar(p[j] == '\n' || p[j] == '\r' ? ' ' : p[j]);
        putchar('\n');
    }
    spans_release(&s);
    buf_release(&in);
    return EXIT_OK;
}
