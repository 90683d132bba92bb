/* testutil.h -- helpers shared by the unit tests (tests/t_<module>.c).
 *
 * Every helper is `static inline` so that each test binary still builds from
 * its one .c file (`cc ... -o t_x tests/t_x.c libkabar.a`) and a binary that
 * uses only some of them gets no unused-function warnings. The helpers fail
 * through cmocka's assert_* / fail_msg, so call them from inside a test.
 *
 * What is here:
 *   slurp            a whole file in memory, NUL-terminated
 *   guard/unguard    a copy placed right before a PROT_NONE page, so that any
 *                    over-read crashes (picohttpparser's guard-page trick)
 *   shared_dir       where ../shared/data lives (KABAR_SHARED overrides it,
 *                    as in tests/cli/lib.sh and bench/run.sh)
 *   list_dir         the sorted names in a directory with a given suffix
 *   each_file        every file of a directory with a given suffix, in name
 *                    order, read into memory
 *   seed_find        the seed article whose file name starts with a prefix
 *   golden_each      every NNN.in/NNN.out pair of a golden directory
 *   tmpdb_*          a temporary database path, removed with its -wal/-shm
 *   mk_article,      fixture articles and an opened store (t_ingest.c,
 *   open_ok          t_store.c)
 *
 * Run the tests from the repository root: the paths are relative to it. */
#ifndef KB_TESTUTIL_H
#define KB_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "article.h"
#include "err.h"
#include "store.h"

/* ---- files ------------------------------------------------------------------ */

/* Reads the whole of path. Returns a malloc'd copy (the caller frees it with
 * free()) that is NUL-terminated one byte past the content, and sets *len to
 * the content's length; returns NULL, with *len = 0, when path cannot be
 * opened. Fails the test when memory runs out. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t cap = 0, n = 0, got;
    *len = 0;
    if (!f) return NULL;
    do {
        if (n + 1 >= cap) {
            char *q = realloc(p, cap = cap ? cap * 2 : 65536);
            assert_non_null(q);
            p = q;
        }
        got = fread(p + n, 1, cap - n - 1, f);
        n += got;
    } while (got);
    fclose(f);
    p[n] = '\0';
    *len = n;
    return p;
}

/* ---- guard page ------------------------------------------------------------- */

/* A private mapping whose last page is PROT_NONE; data is the copy of the
 * input and ends exactly where that page begins. */
struct guarded {
    char *map;      /* owned mapping; unguard() releases it */
    size_t map_len; /* bytes, the guard page included */
    char *data;     /* the copy, borrowed from map: len bytes ending at the guard page */
};

/* Copies len bytes of s to the end of a readable page that is followed by a
 * PROT_NONE page, so that any read past s[len - 1] crashes. Returns g->data
 * (no NUL follows it); valid until unguard(g). An empty input still gets a
 * readable page in front of the guard. */
static inline char *guard(struct guarded *g, const void *s, size_t len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), pages = (len + page - 1) / page + 1;
    if (pages < 2) pages = 2;
    g->map_len = pages * page;
    g->map = mmap(NULL, g->map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(g->map != MAP_FAILED);
    assert_int_equal(mprotect(g->map + (pages - 1) * page, page, PROT_NONE), 0);
    g->data = g->map + (pages - 1) * page - len;
    if (len) memcpy(g->data, s, len);
    return g->data;
}

/* Releases the mapping made by guard(). */
static inline void unguard(struct guarded *g) { munmap(g->map, g->map_len); }

/* ---- ../shared/data and directories ----------------------------------------- */

/* The shared data directory: $KABAR_SHARED when set and non-empty, else
 * "../shared/data" (beside the repository). Tests that need it skip when
 * it is absent. */
static inline const char *shared_dir(void)
{
    const char *d = getenv("KABAR_SHARED");
    return d && *d ? d : "../shared/data";
}

/* qsort comparator for list_dir: byte order of the names. */
static inline int testutil_cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir that end in suffix (and are longer than it), sorted, in a
 * malloc'd array of malloc'd strings (free each, then the array). Returns
 * the count, or -1 when dir cannot be opened. */
static inline int list_dir(const char *dir, const char *suffix, char ***names)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0, cap = 0, sl = strlen(suffix);
    char **v = NULL;
    *names = NULL;
    if (!d) return -1;
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);
        if (nl <= sl || strcmp(e->d_name + nl - sl, suffix) != 0) continue;
        if (n == cap) {
            char **w = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);
            assert_non_null(w);
            v = w;
        }
        v[n] = strdup(e->d_name);
        assert_non_null(v[n]);
        n++;
    }
    closedir(d);
    if (n) qsort(v, n, sizeof *v, testutil_cmp_name);
    *names = v;
    return (int)n;
}

/* Frees what list_dir returned (n as it returned it; -1 frees nothing). */
static inline void free_names(char **names, int n)
{
    int i;
    for (i = 0; i < n; i++) free(names[i]);
    free(names);
}

/* Called by each_file for one file: "dir/name", its content (slurp: a
 * NUL follows it; the callee may modify it, each_file frees it afterwards)
 * and ctx. */
typedef void (*each_file_fn)(const char *path, char *data, size_t len, void *ctx);

/* Calls fn for every file in dir whose name ends in suffix, in name order,
 * with the file read into memory; a file that cannot be read fails the test.
 * Returns the number of files, or -1 when dir cannot be opened (the caller
 * decides whether that is a skip). */
static inline int each_file(const char *dir, const char *suffix, each_file_fn fn, void *ctx)
{
    char **names, path[4096];
    int n = list_dir(dir, suffix, &names), i;
    for (i = 0; i < n; i++) {
        size_t len = 0;
        char *data;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path)
            fail_msg("%s/%s: path too long", dir, names[i]);
        data = slurp(path, &len);
        if (!data) fail_msg("%s: cannot read", path);
        fn(path, data, len, ctx);
        free(data);
    }
    free_names(names, n);
    return n;
}

/* Finds the seed article whose file name starts with prefix (e.g. "003_")
 * in shared_dir()/seeds and writes its path to path[cap]. Returns 1 when
 * found, 0 when no file matches, -1 when the seeds directory is absent. */
static inline int seed_find(const char *prefix, char *path, size_t cap)
{
    char dir[4096], **names;
    int n, i, found = 0;
    snprintf(dir, sizeof dir, "%s/seeds", shared_dir());
    n = list_dir(dir, "", &names);
    if (n < 0) return -1;
    for (i = 0; i < n && !found; i++)
        if (strncmp(names[i], prefix, strlen(prefix)) == 0) {
            if ((size_t)snprintf(path, cap, "%s/%s", dir, names[i]) >= cap)
                fail_msg("%s/%s: path too long", dir, names[i]);
            found = 1;
        }
    free_names(names, n);
    return found;
}

/* Called by golden_each for one pair: the input's path and both files'
 * contents (NUL-terminated; borrowed, valid during the call) and ctx. The
 * callee compares and fails the test with its own message. */
typedef void (*golden_fn)(const char *in_path, const char *in, size_t n_in, const char *want,
                          size_t n_want, void *ctx);

/* Walks a golden directory: for every NNN<in_sfx> in dir (name order) reads
 * it and NNN<out_sfx>, failing the test when either cannot be read, and calls
 * fn. Returns the number of pairs, or -1 when dir cannot be opened. */
static inline int golden_each(const char *dir, const char *in_sfx, const char *out_sfx,
                              golden_fn fn, void *ctx)
{
    char **names, in_path[4096], out_path[4096];
    int n = list_dir(dir, in_sfx, &names), i;
    for (i = 0; i < n; i++) {
        size_t base = strlen(names[i]) - strlen(in_sfx), n_in = 0, n_out = 0;
        char *in, *want;
        if ((size_t)snprintf(in_path, sizeof in_path, "%s/%s", dir, names[i]) >= sizeof in_path ||
            (size_t)snprintf(out_path, sizeof out_path, "%s/%.*s%s", dir, (int)base, names[i],
                             out_sfx) >= sizeof out_path)
            fail_msg("%s/%s: path too long", dir, names[i]);
        in = slurp(in_path, &n_in);
        want = slurp(out_path, &n_out);
        assert_non_null(in);
        assert_non_null(want);
        fn(in_path, in, n_in, want, n_out, ctx);
        free(in);
        free(want);
    }
    free_names(names, n);
    return n;
}

/* ---- databases and fixture articles (t_ingest.c, t_store.c) ---------------- */

/* A fresh directory under /tmp and the database path inside it. */
struct tmpdb {
    char dir[64];  /* /tmp/kabar_<tag>_XXXXXX */
    char path[96]; /* dir/k.db */
};

/* Makes a new temporary directory named after tag (the test's name, short)
 * and sets t->path to a database file in it; the file is not created. */
static inline void tmpdb_make(struct tmpdb *t, const char *tag)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/kabar_%s_XXXXXX", tag);
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/k.db", t->dir);
}

/* Removes the database, its -wal, -shm and -journal files and the directory. */
static inline void tmpdb_remove(struct tmpdb *t)
{
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    size_t i;
    for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
        snprintf(p, sizeof p, "%s%s", t->path, sfx[i]);
        unlink(p);
    }
    rmdir(t->dir);
}

/* A new article (the caller frees it with article_free) with url, text and
 * whichever of site, title and published are not NULL; its origin is
 * origin_prefix followed by url. */
static inline struct article *mk_article(const char *origin_prefix, const char *url,
                                         const char *site, const char *title,
                                         const char *published, const char *text)
{
    struct article *a = article_new();
    size_t pl = strlen(origin_prefix), ul = strlen(url);
    char *origin = malloc(pl + ul + 1);
    assert_non_null(origin);
    memcpy(origin, origin_prefix, pl);
    memcpy(origin + pl, url, ul + 1);
    article_set(&a->url, url, strlen(url));
    if (site) article_set(&a->site, site, strlen(site));
    if (title) article_set(&a->title, title, strlen(title));
    if (published) article_set(&a->published, published, strlen(published));
    article_set(&a->text, text, strlen(text));
    a->text_len = strlen(text);
    article_set(&a->origin, origin, pl + ul);
    free(origin);
    return a;
}

/* Opens (creating or migrating) the store at path, failing the test with
 * the error message when it cannot. Close it with store_close. */
static inline struct store *open_ok(const char *path)
{
    struct kb_err err;
    struct store *s;
    kb_err_clear(&err);
    s = store_open(path, &err);
    if (!s) fail_msg("store_open: %s", err.msg);
    return s;
}

#endif
