/* cmd_stem.c -- `kabar stem`: one word per line in, one stem per line out.
 *
 * Same count and order as the input, so it can be pasted beside it: an
 * empty line gives an empty line. Words are folded (case, accents) first,
 * as everywhere else in kabar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "stem.h"
#include "tok.h"

int cmd_stem(struct cli *cli, int argc, char **argv)
{
    static const char usage[] = "stem [--lang id|en] < words";
    enum kb_lang lang = KB_LANG_ID;
    struct stemmer *st;
    struct buf fold = BUF_INIT;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int i;

    for (i = 1; i < argc; i++) {
        const char *l = NULL;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) l = argv[++i];
        else if (strncmp(argv[i], "--lang=", 7) == 0) l = argv[i] + 7;
        else return cli_usage(usage);
        if (strcmp(l, "id") == 0) lang = KB_LANG_ID;
        else if (strcmp(l, "en") == 0) lang = KB_LANG_EN;
        else {
            cli_error("stem: unknown language '%s' (id, en)", l);
            return EXIT_USAGE;
        }
    }
    st = stem_new(lang);
    if (!st) {
        cli_error("stem: no stemmer for this language (is libstemmer installed?)");
        return EXIT_DATA;
    }
    while ((got = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)got, slen;
        const char *s;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        while (len && (line[len - 1] == ' ' || line[len - 1] == '\t')) len--;
        if (len == 0 || tok_fold(line, len, &fold)) {
            putchar('\n');
            continue;
        }
        s = stem_word(st, fold.ptr, fold.len, &slen);
        fwrite(s, 1, slen, stdout);
        putchar('\n');
    }
    free(line);
    buf_release(&fold);
    stem_free(st);
    return EXIT_OK;
}
