/* stem_bench.c -- kabar's Indonesian stemmer against Snowball and hunspell-id.
 *
 * One run, one table: accuracy on the UD Indonesian-GSD form -> lemma pairs
 * for kabar's stem_id (with Snowball as its fallback, as kabar wires it,
 * and alone), Snowball `indonesian` (libstemmer) and hunspell-id
 * (Hunspell_stem's first result, or the word when it has none); then
 * words per second on every word of a news CSV for stem_id (cached, as in
 * use; and uncached, one stemmer per pass with the cache defeated) and
 * Snowball, and the lexicon's load time.
 *
 * Not part of libkabar. Build from the repository root:
 *   gcc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Isrc \
 *     $(pkg-config --cflags libxxhash hunspell) -o build/stem_bench \
 *     bench/stem_bench.c src/stem_id.c src/lexicon.c src/mem.c src/err.c \
 *     $(pkg-config --libs libxxhash hunspell) -lstemmer -lpthread
 * Run: build/stem_bench [-v] [PAIRS.tsv [NEWS.csv]]
 *   defaults: ../shared/data/lang/ud-id-gsd/ud-gsd-devtest-lemma-pairs.tsv
 *             ../shared/data/news-id/detik1000/data_berita.csv
 *   -v also prints every pair stem_id gets wrong: form, gold, kabar, how. */
#include <hunspell/hunspell.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lexicon.h"
#include "mem.h"
#include "stem.h"
#include "stem_id.h"

#define DIC "/usr/share/hunspell/id_ID.dic"
#define AFF "/usr/share/hunspell/id_ID.aff"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *d;
    long n;

    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    d = kb_malloc((size_t)n + 1);
    *len = fread(d, 1, (size_t)n, f);
    d[*len] = '\0';
    fclose(f);
    return d;
}

static size_t snowball_fb(void *ctx, const char *w, size_t len, char *out, size_t cap)
{
    struct sb_stemmer *sb = ctx;
    const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)len);
    size_t n;

    if (!r) return (size_t)-1;
    n = (size_t)sb_stemmer_length(sb);
    if (n > cap) return (size_t)-1;
    memcpy(out, r, n);
    return n;
}

/* UTF-8 -> ISO-8859-1 for hunspell-id; 0 when a character has no Latin-1 form. */
static int to_latin1(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        if (o + 1 >= cap) return 0;
        if (*p < 0x80) out[o++] = (char)*p++;
        else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80 && *p <= 0xC3) {
            out[o++] = (char)(((*p & 0x1F) << 6) | (p[1] & 0x3F));
            p += 2;
        } else return 0;
    }
    out[o] = '\0';
    return 1;
}

static void from_latin1(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && o + 3 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (c < 0x80) out[o++] = (char)c;
        else {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = '\0';
}

struct pair {
    char *form;
    char *lemma;
};

int main(int argc, char **argv)
{
    const char *pairs_path = "../shared/data/lang/ud-id-gsd/ud-gsd-devtest-lemma-pairs.tsv";
    const char *news_path = "../shared/data/news-id/detik1000/data_berita.csv";
    int verbose = 0, ai = 1;
    size_t plen, nlen, n_pairs = 0, cap_pairs = 0, i;
    char *pdata, *ndata, *p;
    struct pair *pairs = NULL;
    struct sb_stemmer *sb = sb_stemmer_new("indonesian", "UTF_8");
    Hunhandle *hun;
    struct lexicon *lex;
    struct stem_id *kf, *ka;
    struct stemmer *kst;
    size_t ok_kst = 0, ok_kf = 0, ok_ka = 0, ok_sb = 0, ok_hun = 0;
    double t0, t_load;
    char out[512];

    if (ai < argc && strcmp(argv[ai], "-v") == 0) verbose = 1, ai++;
    if (ai < argc) pairs_path = argv[ai++];
    if (ai < argc) news_path = argv[ai++];
    if (!sb) return fprintf(stderr, "stem_bench: no Snowball indonesian\n"), 1;
    pdata = slurp(pairs_path, &plen);
    if (!pdata) return fprintf(stderr, "stem_bench: %s: cannot read\n", pairs_path), 1;

    for (p = pdata; *p;) {
        char *nl = strchr(p, '\n'), *tab;
        if (nl) *nl = '\0';
        tab = strchr(p, '\t');
        if (tab) {
            *tab = '\0';
            if (n_pairs == cap_pairs) {
                cap_pairs = cap_pairs ? cap_pairs * 2 : 4096;
                pairs = kb_realloc(pairs, cap_pairs * sizeof *pairs);
            }
            pairs[n_pairs].form = p;
            pairs[n_pairs].lemma = tab + 1;
            n_pairs++;
        }
        if (!nl) break;
        p = nl + 1;
    }

    t0 = now();
    lex = lexicon_load(DIC, NULL);
    t_load = now() - t0;
    kf = stem_id_new(lex);
    ka = stem_id_new(lex);
    stem_id_set_fallback(kf, snowball_fb, sb);
    hun = Hunspell_create(AFF, DIC);
    kst = stem_new(KB_LANG_ID);

    for (i = 0; i < n_pairs; i++) {
        const char *f = pairs[i].form, *g = pairs[i].lemma;
        size_t fl = strlen(f), r;
        char l1[512], u[512];
        char **list = NULL;
        int k = 0;

        {
            size_t sl;
            const char *sw = stem_word(kst, f, fl, &sl);
            ok_kst += sl == strlen(g) && memcmp(sw, g, sl) == 0;
        }
        r = stem_id_word(kf, f, fl, out, sizeof out);
        ok_kf += r == strlen(g) && memcmp(out, g, r) == 0;
        r = stem_id_word(ka, f, fl, out, sizeof out);
        ok_ka += r == strlen(g) && memcmp(out, g, r) == 0;
        if (verbose && !(r == strlen(g) && memcmp(out, g, r) == 0))
            printf("ERR\t%s\t%s\t%.*s\t%d\n", f, g, (int)r, out, (int)stem_id_last_how(ka));
        {
            const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)f, (int)fl);
            ok_sb += s && (size_t)sb_stemmer_length(sb) == strlen(g) &&
                     memcmp(s, g, strlen(g)) == 0;
        }
        strcpy(u, f);
        if (hun && to_latin1(f, l1, sizeof l1) && (k = Hunspell_stem(hun, &list, l1)) > 0) {
            from_latin1(list[0], u, sizeof u);
        }
        if (list) Hunspell_free_list(hun, &list, k);
        ok_hun += strcmp(u, g) == 0;
    }

    printf("== stemming accuracy on %zu UD Indonesian-GSD form->lemma pairs (%s)\n", n_pairs,
           pairs_path);
    printf("%-40s %9s\n", "stemmer", "accuracy");
    printf("%-40s %8.1f%%\n", "kabar stem (as shipped, stem.h)", 100.0 * ok_kst / n_pairs);
    printf("%-40s %8.1f%%\n", "kabar stem_id (+ Snowball on all)", 100.0 * ok_kf / n_pairs);
    printf("%-40s %8.1f%%\n", "kabar stem_id (no fallback)", 100.0 * ok_ka / n_pairs);
    printf("%-40s %8.1f%%\n", "Snowball indonesian", 100.0 * ok_sb / n_pairs);
    printf("%-40s %8.1f%%\n", hun ? "hunspell-id Hunspell_stem" : "hunspell-id (missing)",
           100.0 * ok_hun / n_pairs);
    printf("lexicon: %zu roots, loaded in %.1f ms\n\n", lexicon_count(lex), t_load * 1e3);

    ndata = slurp(news_path, &nlen);
    if (ndata) {
        /* words: runs of ASCII letters (hyphen inside), folded to lower case */
        size_t n_words = 0, cap_w = 0, j, pass;
        size_t *woff = NULL, *wlen = NULL;
        double t_k, t_kc, t_sb, t_kst, sink = 0;
        struct stem_id *kc;
        for (i = 0; i < nlen; i++) {
            char c = ndata[i];
            if (c >= 'A' && c <= 'Z') ndata[i] = (char)(c + 32);
        }
        for (i = 0; i < nlen;) {
            size_t st;
            if (!(ndata[i] >= 'a' && ndata[i] <= 'z')) {
                i++;
                continue;
            }
            st = i;
            while (i < nlen && ((ndata[i] >= 'a' && ndata[i] <= 'z') ||
                                (ndata[i] == '-' && i + 1 < nlen && ndata[i + 1] >= 'a' &&
                                 ndata[i + 1] <= 'z')))
                i++;
            if (n_words == cap_w) {
                cap_w = cap_w ? cap_w * 2 : 65536;
                woff = kb_realloc(woff, cap_w * sizeof *woff);
                wlen = kb_realloc(wlen, cap_w * sizeof *wlen);
            }
            woff[n_words] = st;
            wlen[n_words] = i - st;
            n_words++;
        }
        kc = stem_id_new(lex);
        stem_id_set_fallback(kc, snowball_fb, sb);
        /* first pass warms the cache, as a long-running ingest would be */
        for (j = 0; j < n_words; j++) sink += (double)stem_id_word(kc, ndata + woff[j], wlen[j], out, sizeof out);
        t0 = now();
        for (pass = 0; pass < 3; pass++)
            for (j = 0; j < n_words; j++)
                sink += (double)stem_id_word(kc, ndata + woff[j], wlen[j], out, sizeof out);
        t_k = (now() - t0) / 3;
        /* uncached: every distinct stemmer call is a miss on a fresh stemmer
         * per pass, so time the first pass only */
        stem_id_free(kc);
        kc = stem_id_new(lex);
        stem_id_set_fallback(kc, snowball_fb, sb);
        t0 = now();
        for (j = 0; j < n_words; j++) sink += (double)stem_id_word(kc, ndata + woff[j], wlen[j], out, sizeof out);
        t_kc = now() - t0;
        {
            size_t hits, misses;
            stem_id_stats(kc, &hits, &misses);
            printf("== speed on %zu words of %s (%zu distinct-word misses in a cold pass)\n",
                   n_words, news_path, misses);
        }
        t0 = now();
        for (pass = 0; pass < 3; pass++)
            for (j = 0; j < n_words; j++) {
                sb_stemmer_stem(sb, (const sb_symbol *)ndata + woff[j], (int)wlen[j]);
                sink += sb_stemmer_length(sb);
            }
        t_sb = (now() - t0) / 3;
        printf("%-40s %14s %8s\n", "stemmer", "words/s", "ratio");
        printf("%-40s %14.0f %8.2f\n", "kabar stem_id, warm cache", n_words / t_k,
               (n_words / t_k) / (n_words / t_sb));
        printf("%-40s %14.0f %8.2f\n", "kabar stem_id, cold cache (one pass)", n_words / t_kc,
               (n_words / t_kc) / (n_words / t_sb));
        printf("%-40s %14.0f %8.2f\n", "Snowball indonesian (no cache)", n_words / t_sb, 1.0);
        {
            size_t sl;
            for (j = 0; j < n_words; j++) sink += stem_word(kst, ndata + woff[j], wlen[j], &sl) != NULL;
            t0 = now();
            for (pass = 0; pass < 3; pass++)
                for (j = 0; j < n_words; j++) {
                    (void)stem_word(kst, ndata + woff[j], wlen[j], &sl);
                    sink += (double)sl;
                }
            t_kst = (now() - t0) / 3;
            printf("%-40s %14.0f %8.2f\n", "kabar stem (as shipped), warm cache", n_words / t_kst,
                   (n_words / t_kst) / (n_words / t_sb));
        }
        if (sink < 0) printf("%f\n", sink);
        stem_id_free(kc);
        free(woff);
        free(wlen);
        free(ndata);
    } else {
        fprintf(stderr, "stem_bench: %s: cannot read; speed not measured\n", news_path);
    }

    stem_id_free(kf);
    stem_id_free(ka);
    stem_free(kst);
    lexicon_free(lex);
    if (hun) Hunspell_destroy(hun);
    sb_stemmer_delete(sb);
    free(pairs);
    free(pdata);
    return 0;
}
