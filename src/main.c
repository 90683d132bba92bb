/* main.c -- kabar's command line: global options and the command table.
 *
 * `kabar [--db PATH] [-q] [-v] COMMAND [OPTIONS] [ARGS]`. The table below is
 * the single list of commands; `kabar --help` and `kabar COMMAND --help` are
 * generated from it. Everything else lives in cmd_<verb>.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define KABAR_VERSION "0.1.0"

struct command {
    const char *name;
    cmd_fn fn;
    const char *usage;   /* arguments after the command name */
    const char *summary; /* one line for `kabar --help` */
    const char *help;    /* options, for `kabar COMMAND --help` */
};

static const struct command commands[] = {
    {"ingest", cmd_ingest, "ingest [--format auto|text|jsonl|csv|html|warc|feed] [--no-title] PATH...|-",
     "add articles to the database; directories recurse",
     "  --format F   input format (default auto: recognised by content and name);\n"
     "               html pages, WARC crawls (plain or gzip) and RSS/Atom feeds go\n"
     "               through the main-text extractor\n"
     "  --no-title   text files: never take the first line as the title\n"
     "Prints added / duplicate / rejected counts. Bad records are reported as\n"
     "FILE:LINE and skipped; the exit status is 1 when any was rejected.\n"},
    {"stories", cmd_stories, "stories [--json] [--limit N]",
     "list stories, most covered and newest first",
     "  --json       machine-readable output\n"
     "  --limit N    at most N stories (default 20)\n"},
    {"story", cmd_story, "story ID [--json|--md]",
     "one story: cited summary, timeline, articles and their copies",
     "  --json       the JSON of DESIGN.md\n"
     "  --md         Markdown\n"},
    {"search", cmd_search, "search QUERY [--json] [--limit N]",
     "full-text search (BM25 over stemmed text), grouped by story",
     "  --json       machine-readable output\n"
     "  --limit N    at most N articles (default 20)\n"},
    {"summarize", cmd_summarize, "summarize [--json|--md] [--format F] PATH...|-",
     "no database: cluster the given articles and summarise each story",
     "  --json       an array of story objects (the shape of `story --json`)\n"
     "  --md         Markdown\n"
     "  --format F   input format, as for ingest\n"},
    {"clean", cmd_clean, "clean FILE|-", "print the text with page junk removed", ""},
    {"sentences", cmd_sentences, "sentences FILE|-", "print one sentence per line", ""},
    {"stem", cmd_stem, "stem [--lang id|en]",
     "stem words: one word per line on stdin, one stem per line on stdout",
     "  --lang L     id (default) or en\n"},
    {"extract", cmd_extract, "extract [--json] [--url URL] FILE...|-",
     "main text and metadata of HTML pages (.gz read transparently)",
     "  --json       one JSON object per file per line: path, url, title, published,\n"
     "               site, author, lang, text\n"
     "  --url URL    the page's address (for relative links, dates in the path)\n"
     "Without --json: the text of each page, paragraphs separated by a blank line.\n"},
    {"dupes", cmd_dupes, "dupes [--json]", "near-duplicate groups (not implemented yet)", ""},
    {"analyze", cmd_analyze, "analyze [--json] FILE|-",
     "sentences, tokens, stems, entities, dates (not implemented yet)", ""},
    {"serve", cmd_serve, "serve [--bind ADDR] [--port N]",
     "local web page and JSON API (not implemented yet)", ""},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_help(void)
{
    size_t i;
    printf("kabar %s -- Indonesian news into cited stories\n\n", KABAR_VERSION);
    printf("usage: kabar [--db PATH] [-q] [-v] COMMAND [OPTIONS] [ARGS]\n\n");
    printf("  --db PATH    database file (default: $KABAR_DB, else ./kabar.db)\n");
    printf("  -q, -v       quieter / louder diagnostics on stderr\n\n");
    printf("commands:\n");
    for (i = 0; i < N_COMMANDS; i++) printf("  %-10s %s\n", commands[i].name, commands[i].summary);
    printf("\n'kabar COMMAND --help' describes one command.\n"
           "Exit status: 0 success, 1 rejected input or data error, 2 usage error.\n");
}

static void print_command_help(const struct command *c)
{
    printf("usage: kabar %s\n\n%s.\n", c->usage, c->summary);
    if (c->help[0]) printf("\n%s", c->help);
}

int main(int argc, char **argv)
{
    struct cli cli;
    const char *env = getenv("KABAR_DB");
    int i = 1;
    size_t k;

    cli.db_path = env && *env ? env : "kabar.db";
    cli.quiet = cli.verbose = 0;

    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0) {
            if (i + 1 >= argc) return cli_usage("--db PATH COMMAND ...");
            cli.db_path = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            cli.db_path = a + 5;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cli.quiet = 1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            cli.verbose = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            print_help();
            return EXIT_OK;
        } else if (strcmp(a, "--version") == 0) {
            printf("kabar %s\n", KABAR_VERSION);
            return EXIT_OK;
        } else {
            cli_error("unknown option '%s'", a);
            return cli_usage("[--db PATH] COMMAND [OPTIONS] [ARGS]");
        }
    }
    if (i >= argc) {
        print_help();
        return EXIT_USAGE;
    }
    for (k = 0; k < N_COMMANDS; k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            if (cli_wants_help(argc - i, argv + i)) {
                print_command_help(&commands[k]);
                return EXIT_OK;
            }
            return commands[k].fn(&cli, argc - i, argv + i);
        }
    }
    cli_error("unknown command '%s'", argv[i]);
    return cli_usage("[--db PATH] COMMAND [OPTIONS] [ARGS]");
}
