/* lang_bench.c -- accuracy and speed of kabar's language identification.
 *
 * Build and run from the repository root (a standalone program, not part of
 * libkabar):
 *
 *   mkdir -p build/bench && cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
 *     $(pkg-config --cflags libexttextcat libutf8proc libxml-2.0 jansson zlib) -Isrc \
 *     -o build/bench/lang_bench bench/lang_bench.c src/lang.c src/csv.c src/buf.c \
 *     src/mem.c src/err.c src/span.c \
 *     $(pkg-config --libs libexttextcat libutf8proc libxml-2.0 jansson zlib) \
 *   && build/bench/lang_bench [../shared/data]
 *
 * Documents and their gold language:
 *   news-id/   every CSV row's text (clean_text, isi_berita or berita
 *              column) is Indonesian; rows of inflation/ are deduplicated
 *              by URL because bisnis_labeled.csv repeats the other files.
 *   extraction/trafilatura-eval/   pages listed in evaldata.json whose
 *              language is established by two independent signs: the
 *              <html lang> attribute, and for German the region field or
 *              the TLD (DE/AT/CH, .de/.at/.ch), for the other languages a
 *              region/TLD that is not German-speaking. The text is the
 *              content of the <p> elements (libxml2 HTML parser), a crude
 *              stand-in for extraction used only here; pages whose <p>
 *              text holds fewer than 200 bytes are left out.
 * Each document is classified by lang_detect, and, as the baseline a user
 * would otherwise pick, by libexttextcat alone with its shipped fpdb.conf
 * (all models, first candidate). Prints one row per set: documents,
 * correct, accuracy, the id/ms confusions and the wrong labels, then the
 * time per document. Exit status 0, or 1 when the data is missing. */
#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <textcat.h>
#include <time.h>
#include <zlib.h>

#include "buf.h"
#include "csv.h"
#include "lang.h"
#include "mem.h"
#include "span.h"

#define MAX_LABELS 24

struct tally {
    const char *name;              /* borrowed static set name */
    char gold[LANG_CODE_MAX];      /* expected code */
    size_t docs, ok, ok_base;      /* documents, right by kabar, right by textcat alone */
    char lab[MAX_LABELS][LANG_CODE_MAX]; /* wrong labels seen */
    size_t lab_n[MAX_LABELS];      /* how often each */
    size_t n_lab;                  /* labels in use */
    double secs;                   /* time spent in lang_detect */
};

static struct lang_ctx *ctx;
static void *tc;      /* libexttextcat handle with the shipped configuration */
static int verbose;   /* print each wrong document */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void baseline(const char *text, size_t len, char out[LANG_CODE_MAX])
{
    /* textcat gets the same bounded prefix kabar looks at */
    size_t n = len > LANG_SCAN_MAX ? LANG_SCAN_MAX : len;
    char *tmp = kb_strndup(text, n);
    const char *r = textcat_Classify(tc, tmp, n);
    snprintf(out, LANG_CODE_MAX, "und");
    if (r && r[0] == '[') {
        size_t k = 0;
        r++;
        /* names look like "id--utf8" or "zh-CN-utf8": the code is the first part */
        while (r[k] && r[k] != '-' && r[k] != ']' && k + 1 < LANG_CODE_MAX) {
            out[k] = r[k];
            k++;
        }
        out[k] = '\0';
    }
    free(tmp);
}

static void classify(struct tally *t, const char *text, size_t len, const char *what)
{
    char got[LANG_CODE_MAX], base[LANG_CODE_MAX];
    double conf;
    double t0 = now();
    (void)lang_detect(ctx, text, len, got, &conf);
    t->secs += now() - t0;
    baseline(text, len, base);
    t->docs++;
    if (strcmp(base, t->gold) == 0)
        t->ok_base++;
    if (strcmp(got, t->gold) == 0) {
        t->ok++;
        return;
    }
    if (verbose) {
        printf("  wrong %s: %s (conf %.2f, id/ms words %+d) %s: ", t->name, got, conf,
               lang_id_ms_score(text, len), what);
        size_t n = len > 160 ? 160 : len;
        for (size_t i = 0; i < n; i++)
            putchar(text[i] == '\n' ? ' ' : text[i]);
        putchar('\n');
    }
    for (size_t i = 0; i < t->n_lab; i++)
        if (strcmp(t->lab[i], got) == 0) {
            t->lab_n[i]++;
            return;
        }
    if (t->n_lab < MAX_LABELS) {
        snprintf(t->lab[t->n_lab], LANG_CODE_MAX, "%s", got);
        t->lab_n[t->n_lab++] = 1;
    }
}

static char *slurp(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb"); /* reads plain files too */
    struct buf b = BUF_INIT;
    char chunk[65536];
    int n;
    if (!f)
        return NULL;
    while ((n = gzread(f, chunk, sizeof chunk)) > 0)
        if (buf_append(&b, chunk, (size_t)n) != 0)
            break;
    gzclose(f);
    *len = b.len;
    return buf_take(&b);
}

/* ---- news-id CSV ------------------------------------------------------- */

/* URLs already seen (inflation/ repeats rows across files): a sorted
 * array is enough for a few thousand. */
static char **seen;
static size_t n_seen, cap_seen;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int seen_before(const char *url)
{
    if (!*url)
        return 0;
    if (n_seen && bsearch(&url, seen, n_seen, sizeof *seen, cmp_str))
        return 1;
    if (n_seen == cap_seen) {
        cap_seen = cap_seen ? cap_seen * 2 : 1024;
        seen = kb_realloc(seen, cap_seen * sizeof *seen);
    }
    size_t i = n_seen++;
    char *u = kb_strdup(url);
    while (i > 0 && strcmp(seen[i - 1], u) > 0) {
        seen[i] = seen[i - 1];
        i--;
    }
    seen[i] = u;
    return 0;
}

static void csv_file(struct tally *t, const char *path, int dedup)
{
    size_t len;
    char *data = slurp(path, &len);
    struct buf rec = BUF_INIT;
    struct spans f = SPANS_INIT;
    struct csv c;
    long text_col = -1, url_col = -1;
    int rc;

    if (!data)
        return;
    csv_init(&c, data, len, csv_detect_delim(data, len));
    if (csv_next(&c, &rec, &f, NULL) == 1) {
        for (size_t i = 0; i < f.n; i++) {
            const char *h = rec.ptr + f.v[i].off;
            if (!strcmp(h, "clean_text") || !strcmp(h, "isi_berita") || !strcmp(h, "berita"))
                text_col = (long)i;
            if (!strcmp(h, "url") || !strcmp(h, "tautan"))
                url_col = (long)i;
        }
    }
    while (text_col >= 0 && (rc = csv_next(&c, &rec, &f, NULL)) != 0) {
        if (rc < 0) {
            if (rc == KB_EPARSE)
                break;
            continue;
        }
        if ((size_t)text_col >= f.n || f.v[text_col].len == 0)
            continue;
        if (dedup && url_col >= 0 && (size_t)url_col < f.n &&
            seen_before(rec.ptr + f.v[url_col].off))
            continue;
        char what[64];
        snprintf(what, sizeof what, "line %zu", c.rec_line);
        classify(t, rec.ptr + f.v[text_col].off, f.v[text_col].len, what);
    }
    buf_release(&rec);
    spans_release(&f);
    free(data);
}

static void csv_dir(struct tally *t, const char *dir, int dedup)
{
    struct dirent **ents;
    int n = scandir(dir, &ents, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        size_t l = strlen(ents[i]->d_name);
        if (l > 4 && !strcmp(ents[i]->d_name + l - 4, ".csv")) {
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", dir, ents[i]->d_name);
            csv_file(t, path, dedup);
        }
        free(ents[i]);
    }
    if (n >= 0)
        free(ents);
}

/* ---- trafilatura-eval HTML -------------------------------------------- */

static void p_text(xmlNode *n, struct buf *out)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrcasecmp(n->name, (const xmlChar *)"p")) {
            xmlChar *s = xmlNodeGetContent(n);
            if (s) {
                if (buf_puts(out, (const char *)s) != 0 || buf_putc(out, '\n') != 0) {
                    xmlFree(s);
                    return;
                }
                xmlFree(s);
            }
        } else if (xmlStrcasecmp(n->name, (const xmlChar *)"script") &&
                   xmlStrcasecmp(n->name, (const xmlChar *)"style")) {
            p_text(n->children, out);
        }
    }
}

/* The primary subtag of <html lang>, lower-cased, or "" */
static void html_lang(htmlDocPtr doc, char out[LANG_CODE_MAX])
{
    xmlNode *root = xmlDocGetRootElement(doc);
    out[0] = '\0';
    if (!root)
        return;
    xmlChar *v = xmlGetProp(root, (const xmlChar *)"lang");
    if (!v)
        v = xmlGetProp(root, (const xmlChar *)"xml:lang");
    if (!v)
        return;
    size_t k = 0;
    for (const xmlChar *p = v; *p && isalpha(*p) && k + 1 < LANG_CODE_MAX; p++)
        out[k++] = (char)tolower(*p);
    out[k] = '\0';
    xmlFree(v);
}

static int german_place(const char *url, const char *region)
{
    if (region && (!strcmp(region, "DE") || !strcmp(region, "AT") || !strcmp(region, "CH") ||
                   !strcmp(region, "DE/CH")))
        return 1;
    /* TLD of the host */
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    size_t n = strcspn(h, "/:?#");
    const char *dot = NULL;
    for (size_t i = 0; i < n; i++)
        if (h[i] == '.')
            dot = h + i;
    if (!dot)
        return 0;
    size_t tl = (size_t)(h + n - dot - 1);
    return tl == 2 && (!strncmp(dot + 1, "de", 2) || !strncmp(dot + 1, "at", 2) ||
                       !strncmp(dot + 1, "ch", 2));
}

#define N_WEB 7
static const char *web_langs[N_WEB] = {"de", "en", "es", "fr", "pl", "pt", "it"};

static void web_pages(struct tally *tw, const char *dir)
{
    char path[8192];
    json_error_t je;
    snprintf(path, sizeof path, "%s/evaldata.json", dir);
    json_t *root = json_load_file(path, 0, &je);
    const char *url;
    json_t *v;
    if (!root) {
        fprintf(stderr, "lang_bench: %s: %s\n", path, je.text);
        return;
    }
    json_object_foreach(root, url, v) {
        const char *file = json_string_value(json_object_get(v, "file"));
        const char *region = json_string_value(json_object_get(v, "region"));
        if (!file)
            continue;
        size_t len = 0;
        char *html = NULL;
        static const char *subs[] = {"cache", "eval"};
        for (int s = 0; s < 2 && !html; s++) {
            snprintf(path, sizeof path, "%s/%s/%s.gz", dir, subs[s], file);
            html = slurp(path, &len);
            if (!html) {
                snprintf(path, sizeof path, "%s/%s/%s", dir, subs[s], file);
                html = slurp(path, &len);
            }
        }
        if (!html)
            continue;
        htmlDocPtr doc = htmlReadMemory(html, (int)len, url, NULL,
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
        free(html);
        if (!doc)
            continue;
        char hl[LANG_CODE_MAX];
        html_lang(doc, hl);
        int g = german_place(url, region);
        struct tally *t = NULL;
        for (int i = 0; i < N_WEB; i++)
            if (!strcmp(hl, web_langs[i]) && (i == 0) == (g != 0))
                t = &tw[i];
        if (t) {
            struct buf b = BUF_INIT;
            p_text(xmlDocGetRootElement(doc), &b);
            if (b.len >= 200)
                classify(t, b.ptr, b.len, file);
            buf_release(&b);
        }
        xmlFreeDoc(doc);
    }
    json_decref(root);
}

/* ---- report ------------------------------------------------------------ */

static void row(const struct tally *t)
{
    char wrong[256] = "";
    size_t w = 0;
    for (size_t i = 0; i < t->n_lab && w + 1 < sizeof wrong; i++) {
        int n = snprintf(wrong + w, sizeof wrong - w, "%s%s:%zu", w ? " " : "", t->lab[i],
                         t->lab_n[i]);
        if (n < 0)
            break;
        w += (size_t)n;
    }
    size_t id_ms = 0;
    for (size_t i = 0; i < t->n_lab; i++)
        if ((!strcmp(t->gold, "id") && !strcmp(t->lab[i], "ms")) ||
            (!strcmp(t->gold, "ms") && !strcmp(t->lab[i], "id")))
            id_ms = t->lab_n[i];
    printf("%-26s %-4s %6zu %6zu %8.2f%% %10.2f%% %6zu  %s\n", t->name, t->gold, t->docs, t->ok,
           t->docs ? 100.0 * t->ok / t->docs : 0.0,
           t->docs ? 100.0 * t->ok_base / t->docs : 0.0, id_ms, w ? wrong : "-");
}

int main(int argc, char **argv)
{
    const char *data = "../shared/data";
    struct kb_err err = {0, ""};
    char dir[4096];

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else
            data = argv[i];
    }
    snprintf(dir, sizeof dir, "%s/news-id", data);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "lang_bench: %s not found; nothing to measure\n", dir);
        return 1;
    }
    closedir(d);
    ctx = lang_new(&err);
    if (!ctx) {
        fprintf(stderr, "lang_bench: %s\n", err.msg);
        return 1;
    }
    tc = special_textcat_Init("/usr/share/libexttextcat/fpdb.conf", "/usr/share/libexttextcat/");
    if (!tc) {
        fprintf(stderr, "lang_bench: cannot load libexttextcat's fpdb.conf\n");
        return 1;
    }

    struct tally sets[3 + N_WEB];
    memset(sets, 0, sizeof sets);
    static const char *names[3] = {"news-id/inflation", "news-id/detik1000", "news-id/hoax-valid"};
    for (int i = 0; i < 3; i++) {
        sets[i].name = names[i];
        snprintf(sets[i].gold, LANG_CODE_MAX, "id");
    }
    static const char *web_names[N_WEB] = {"trafilatura-eval de", "trafilatura-eval en",
                                           "trafilatura-eval es", "trafilatura-eval fr",
                                           "trafilatura-eval pl", "trafilatura-eval pt",
                                           "trafilatura-eval it"};
    for (int i = 0; i < N_WEB; i++) {
        sets[3 + i].name = web_names[i];
        snprintf(sets[3 + i].gold, LANG_CODE_MAX, "%s", web_langs[i]);
    }

    double t0 = now();
    for (int i = 0; i < 3; i++) {
        snprintf(dir, sizeof dir, "%s/%s", data, names[i]);
        csv_dir(&sets[i], dir, i == 0);
    }
    snprintf(dir, sizeof dir, "%s/extraction/trafilatura-eval", data);
    web_pages(&sets[3], dir);
    double wall = now() - t0;

    printf("%-26s %-4s %6s %6s %9s %11s %6s  %s\n", "set", "gold", "docs", "right", "kabar",
           "textcat-only", "id/ms", "wrong labels (kabar)");
    struct tally all = {0};
    all.name = "all";
    snprintf(all.gold, LANG_CODE_MAX, "*");
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        if (!sets[i].docs)
            continue;
        row(&sets[i]);
        all.docs += sets[i].docs;
        all.ok += sets[i].ok;
        all.ok_base += sets[i].ok_base;
        all.secs += sets[i].secs;
    }
    printf("%-26s %-4s %6zu %6zu %8.2f%% %10.2f%%\n", "all", "", all.docs, all.ok,
           all.docs ? 100.0 * all.ok / all.docs : 0.0,
           all.docs ? 100.0 * all.ok_base / all.docs : 0.0);
    printf("lang_detect: %.1f us per document (%.0f documents/s, first %d bytes each); "
           "bench wall %.1f s\n",
           all.docs ? all.secs / all.docs * 1e6 : 0.0, all.secs > 0 ? all.docs / all.secs : 0.0,
           LANG_SCAN_MAX, wall);

    for (size_t i = 0; i < n_seen; i++)
        free(seen[i]);
    free(seen);
    textcat_Done(tc);
    lang_free(ctx);
    xmlCleanupParser();
    return 0;
}
