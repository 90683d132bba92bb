/* cmd_later.c -- commands whose stages belong to later work: dupes
 * (near-duplicates), analyze (facts), serve (web). They
 * exist so the command line is complete, and say plainly that they are not
 * there yet (exit 2). */
#include <stdio.h>

#include "cmd.h"

static int later(const char *name)
{
    cli_error("%s: not implemented yet", name);
    return EXIT_USAGE;
}

int cmd_dupes(struct cli *cli, int argc, char **argv) { return later("dupes"); }
int cmd_analyze(struct cli *cli, int argc, char **argv) { return later("analyze"); }
int cmd_serve(struct cli *cli, int argc, char **argv) { return later("serve"); }
