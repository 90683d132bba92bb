/* sent_bench.c -- sentence-boundary precision, recall and F1 of kabar's
 * splitter (sent_split, src/sent.h) side by side with ICU's sentence
 * BreakIterator (bench/icu_sent.c).
 *
 * Build and run from the repository root (a standalone program; ICU links
 * only here, never into kabar):
 *
 *   mkdir -p build/bench && cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
 *     $(pkg-config --cflags libutf8proc icu-uc) -Isrc -o build/bench/sent_bench \
 *     bench/sent_bench.c bench/icu_sent.c src/sent.c src/span.c src/mem.c src/buf.c src/err.c \
 *     $(pkg-config --libs libutf8proc icu-uc) \
 *   && build/bench/sent_bench [-v] [../shared/data]
 *
 * Sets.
 *   ud-id-gsd   the .conllu files in ../shared/data/lang/ud-id-gsd: each file's gold
 *               sentences (the "# text = " lines) joined by one space into a
 *               running text. Some GSD "sentences" hold two sentences, which
 *               costs every splitter precision alike.
 *   news        bench/data/news_sentences.txt, written for kabar: one
 *               sentence per line, joined by one space within a paragraph
 *               and by a line break between paragraphs (blank line in the
 *               file), so that headings without a full stop are findable.
 * Scoring. A boundary is the byte offset where a sentence starts, other
 * than the first of a text. Both splitters return trimmed spans; a
 * predicted start equal to a gold start is a hit. P = hits / predicted,
 * R = hits / gold, F1 = 2PR / (P + R), summed over the whole set.
 * With -v, each missed or false boundary is printed with its context, to
 * show the splitter's error classes. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "mem.h"
#include "sent.h"
#include "span.h"

void icu_sent_split(const char *text, size_t len, struct spans *out);

typedef void (*split_fn)(const char *text, size_t len, struct spans *out);

struct splitter {
    const char *name; /* static */
    split_fn fn;
};

static const struct splitter splitters[] = {
    {"kabar", sent_split},
    {"icu", icu_sent_split},
};
#define N_SPLITTERS (sizeof splitters / sizeof splitters[0])

struct score {
    size_t gold, pred, hit; /* boundaries */
    double secs;            /* time inside the splitter */
};

/* A text with its gold boundaries (sentence starts after the first). */
struct doc {
    struct buf text;   /* owned */
    size_t *starts;    /* owned; gold starts, increasing */
    size_t n, cap;     /* starts in use / allocated */
};

static int verbose;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void doc_add(struct doc *d, const char *s, size_t len, const char *sep)
{
    if (d->text.len > 0) {
        if (buf_puts(&d->text, sep) != 0)
            abort();
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 256;
            d->starts = kb_realloc(d->starts, d->cap * sizeof *d->starts);
        }
        d->starts[d->n++] = d->text.len;
    }
    if (buf_append(&d->text, s, len) != 0)
        abort();
}

static void doc_free(struct doc *d)
{
    buf_release(&d->text);
    free(d->starts);
    memset(d, 0, sizeof *d);
}

static void context(const struct doc *d, size_t at, const char *what, const char *who)
{
    size_t a = at > 50 ? at - 50 : 0, b = at + 40 < d->text.len ? at + 40 : d->text.len;
    printf("  %-5s %-6s ...", who, what);
    for (size_t i = a; i < b; i++) {
        if (i == at)
            fputs(" ||| ", stdout);
        putchar(d->text.ptr[i] == '\n' ? '/' : d->text.ptr[i]);
    }
    puts("...");
}

static void score_doc(const struct doc *d, const struct splitter *sp, struct score *sc)
{
    struct spans out = SPANS_INIT;
    double t0 = now();
    sp->fn(d->text.ptr, d->text.len, &out);
    sc->secs += now() - t0;

    size_t g = 0;
    sc->gold += d->n;
    for (size_t i = 1; i < out.n; i++) {
        size_t p = out.v[i].off;
        sc->pred++;
        while (g < d->n && d->starts[g] < p) {
            if (verbose)
                context(d, d->starts[g], "missed", sp->name);
            g++;
        }
        if (g < d->n && d->starts[g] == p) {
            sc->hit++;
            g++;
        } else if (verbose) {
            context(d, p, "false", sp->name);
        }
    }
    for (; verbose && g < d->n; g++)
        context(d, d->starts[g], "missed", sp->name);
    spans_release(&out);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_append(&b, chunk, n) != 0)
            break;
    fclose(f);
    *len = b.len;
    return buf_take(&b);
}

/* One doc per .conllu file: its "# text = " lines joined by a space. */
static size_t load_gsd(const char *dir, struct doc **docs)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    size_t nd = 0;
    for (int i = 0; i < n; i++) {
        const char *name = ents[i]->d_name;
        size_t l = strlen(name);
        if (l > 7 && !strcmp(name + l - 7, ".conllu")) {
            char path[8192];
            size_t len;
            snprintf(path, sizeof path, "%s/%s", dir, name);
            char *data = slurp(path, &len);
            if (data) {
                *docs = kb_realloc(*docs, (nd + 1) * sizeof **docs);
                struct doc *d = &(*docs)[nd++];
                memset(d, 0, sizeof *d);
                for (char *p = data; p && *p;) {
                    char *e = strchr(p, '\n');
                    size_t ll = e ? (size_t)(e - p) : strlen(p);
                    if (ll > 0 && p[ll - 1] == '\r')
                        ll--;
                    if (ll > 9 && !strncmp(p, "# text = ", 9))
                        doc_add(d, p + 9, ll - 9, " ");
                    p = e ? e + 1 : NULL;
                }
                free(data);
            }
        }
        free(ents[i]);
    }
    if (n >= 0)
        free(ents);
    return nd;
}

/* The news set: sentences per line, blank line between paragraphs. */
static size_t load_news(const char *path, struct doc **docs)
{
    size_t len;
    char *data = slurp(path, &len);
    int para_break = 0;
    if (!data)
        return 0;
    *docs = kb_calloc(1, sizeof **docs);
    struct doc *d = &(*docs)[0];
    for (char *p = data; p && *p;) {
        char *e = strchr(p, '\n');
        size_t ll = e ? (size_t)(e - p) : strlen(p);
        if (ll > 0 && p[ll - 1] == '\r')
            ll--;
        if (ll == 0)
            para_break = 1;
        else if (p[0] != '#') {
            doc_add(d, p, ll, para_break ? "\n" : " ");
            para_break = 0;
        }
        p = e ? e + 1 : NULL;
    }
    free(data);
    return 1;
}

static void run_set(const char *name, struct doc *docs, size_t nd)
{
    for (size_t s = 0; s < N_SPLITTERS; s++) {
        struct score sc = {0, 0, 0, 0};
        size_t bytes = 0;
        for (size_t i = 0; i < nd; i++) {
            score_doc(&docs[i], &splitters[s], &sc);
            bytes += docs[i].text.len;
        }
        double p = sc.pred ? (double)sc.hit / (double)sc.pred : 0;
        double r = sc.gold ? (double)sc.hit / (double)sc.gold : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        printf("%-10s %-6s %6zu %6zu %6zu  %6.4f %6.4f %6.4f %9.1f\n", name, splitters[s].name,
               sc.gold, sc.pred, sc.hit, p, r, f,
               sc.secs > 0 ? (double)bytes / 1e6 / sc.secs : 0.0);
    }
}

int main(int argc, char **argv)
{
    const char *data = "../shared/data";
    char dir[4096];
    struct doc *gsd = NULL, *news = NULL;
    size_t n_gsd, n_news;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else
            data = argv[i];
    }
    snprintf(dir, sizeof dir, "%s/lang/ud-id-gsd", data);
    n_gsd = load_gsd(dir, &gsd);
    n_news = load_news("bench/data/news_sentences.txt", &news);
    if (!n_gsd)
        fprintf(stderr, "sent_bench: %s not found or empty; GSD set skipped\n", dir);
    if (!n_news)
        fprintf(stderr, "sent_bench: bench/data/news_sentences.txt not found (run from the "
                        "repository root)\n");

    if (verbose) {
        /* errors first, the table last so that it stays readable */
        for (size_t s = 0; s < N_SPLITTERS; s++) {
            struct score sc = {0, 0, 0, 0};
            printf("== %s errors, ud-id-gsd\n", splitters[s].name);
            for (size_t i = 0; i < n_gsd; i++)
                score_doc(&gsd[i], &splitters[s], &sc);
            printf("== %s errors, news\n", splitters[s].name);
            for (size_t i = 0; i < n_news; i++)
                score_doc(&news[i], &splitters[s], &sc);
        }
        verbose = 0;
    }
    printf("%-10s %-6s %6s %6s %6s  %6s %6s %6s %9s\n", "set", "split", "gold", "pred", "hit",
           "P", "R", "F1", "MB/s");
    if (n_gsd)
        run_set("ud-id-gsd", gsd, n_gsd);
    if (n_news)
        run_set("news", news, n_news);

    for (size_t i = 0; i < n_gsd; i++)
        doc_free(&gsd[i]);
    for (size_t i = 0; i < n_news; i++)
        doc_free(&news[i]);
    free(gsd);
    free(news);
    return n_gsd || n_news ? 0 : 1;
}
