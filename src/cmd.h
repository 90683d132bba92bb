/* cmd.h -- what the command-line files share: the command signature, the
 * global options, and the few helpers every command uses to report errors,
 * open the store and read an input. Only main.c and cmd_*.c print or exit. */
#ifndef KB_CMD_H
#define KB_CMD_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "store.h"

/* Exit statuses (documented in docs/kabar.1). */
enum {
    EXIT_OK = 0,   /* success */
    EXIT_DATA = 1, /* some input was rejected, or a data/storage error */
    EXIT_USAGE = 2 /* bad command line, or a command not implemented yet */
};

struct cli {
    const char *db_path; /* borrowed from argv/env; never NULL */
    int quiet;           /* -q: no progress or summary lines on stderr */
    int verbose;         /* -v: more detail on stderr */
};

typedef int (*cmd_fn)(struct cli *cli, int argc, char **argv);

int cmd_ingest(struct cli *cli, int argc, char **argv);
int cmd_stories(struct cli *cli, int argc, char **argv);
int cmd_story(struct cli *cli, int argc, char **argv);
int cmd_search(struct cli *cli, int argc, char **argv);
int cmd_summarize(struct cli *cli, int argc, char **argv);
int cmd_clean(struct cli *cli, int argc, char **argv);
int cmd_sentences(struct cli *cli, int argc, char **argv);
int cmd_stem(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_dupes(struct cli *cli, int argc, char **argv);
int cmd_analyze(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);

/* "kabar: error: ..." on stderr. */
void cli_error(const char *fmt, ...) KB_PRINTF(1, 2);
/* "kabar: WHERE: why" on stderr (data problems in an input). */
void cli_warn_at(const char *where, const char *why);
/* Print "usage: kabar USAGE" to stderr and return EXIT_USAGE. */
int cli_usage(const char *usage);
/* Parse a positive count for --limit; returns 0 or -1 (message printed). */
int cli_parse_limit(const char *s, size_t *out);
/* Open the store at cli->db_path for writing (creating it), printing the
 * error; NULL on failure. Same as cli_open_store_mode(cli, STORE_OPEN_WRITE). */
struct store *cli_open_store(const struct cli *cli);
/* Open the store at cli->db_path in mode (store.h), printing the error;
 * NULL on failure. Read commands use STORE_OPEN_READ: a missing file is an
 * error, not a new empty database. Says on stderr when the open rebuilt the
 * search index for a new stemmer, or (read mode) that the index was built
 * with another stemmer. */
struct store *cli_open_store_mode(const struct cli *cli, enum store_open_mode mode);
/* Read a whole file ("-" = stdin) into out, capped at 1 GiB. Prints the
 * error and returns non-zero on failure. */
int cli_slurp(const char *path, struct buf *out);
/* Print j as indented JSON plus a newline on stdout, then release it. */
void cli_print_json(json_t *j);
/* Write b's content to stdout. */
void cli_print_buf(const struct buf *b);
/* 1 when argv holds -h or --help (the command then prints its help). */
int cli_wants_help(int argc, char **argv);

#endif
