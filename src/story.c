/* story.c -- the story record and its three renderings (JSON, text, Markdown).
 *
 * Owns every string and array hanging off struct story (see story.h). The
 * renderers are pure functions of the struct, so the store path (`kabar
 * story ID`) and the in-memory path (`kabar summarize`) print identically.
 *
 * JSON shape: DESIGN.md, "JSON of story ID --json". facts and disagreements
 * are emitted as empty containers until their extractors exist. The
 * timeline is deliberately simple and honest: one entry per distinct
 * publication date (the first 10 bytes of `published`), whose text is the
 * title of the earliest canonical article of that date and whose sources
 * are all the articles of that date. Undated articles have no timeline entry. */
#include "story.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "article.h"
#include "mem.h"

#define DAY_LEN 10 /* "YYYY-MM-DD" */

void story_init(struct story *s)
{
    memset(s, 0, sizeof *s);
}

void story_release(struct story *s)
{
    size_t i;

    for (i = 0; i < s->n_articles; i++) {
        struct story_article *a = &s->articles[i];
        free(a->url);
        free(a->site);
        free(a->title);
        free(a->published);
        free(a->text);
    }
    for (i = 0; i < s->n_summary; i++) {
        free(s->summary[i].text);
        free(s->summary[i].sources);
    }
    free(s->articles);
    free(s->summary);
    free(s->title);
    free(s->first_published);
    free(s->last_published);
    story_init(s);
}

struct story_article *story_add_article(struct story *s, int64_t id, const char *url,
                                        const char *site, const char *title,
                                        const char *published, int64_t duplicate_of,
                                        const char *text, size_t text_len)
{
    struct story_article *a;

    if (s->n_articles == s->cap_articles) {
        s->cap_articles = s->cap_articles ? s->cap_articles * 2 : 8;
        s->articles = kb_realloc(s->articles, s->cap_articles * sizeof *s->articles);
    }
    a = &s->articles[s->n_articles++];
    a->id = id;
    a->url = kb_strdup(url ? url : "");
    a->site = kb_strdup(site);
    a->title = kb_strdup(title);
    a->published = kb_strdup(published);
    a->duplicate_of = duplicate_of;
    a->text = text ? kb_strndup(text, text_len) : NULL;
    a->text_len = text ? text_len : 0;
    return a;
}

void story_add_sentence(struct story *s, const char *text, size_t len, int64_t article,
                        size_t sentence, const int64_t *sources, size_t n_sources, double score)
{
    struct story_sentence *x;

    /* the summary array grows one by one: it never holds more than a handful */
    s->summary = kb_realloc(s->summary, (s->n_summary + 1) * sizeof *s->summary);
    x = &s->summary[s->n_summary++];
    x->text = kb_strndup(text, len);
    x->article = article;
    x->sentence = sentence;
    x->n_sources = n_sources;
    x->sources = NULL;
    if (n_sources) {
        x->sources = kb_malloc(n_sources * sizeof *x->sources);
        memcpy(x->sources, sources, n_sources * sizeof *x->sources);
    }
    x->score = score;
}

/* Two articles from one outlet (article_outlet) are one voice. */
static int same_outlet(const struct story_article *a, const struct story_article *b)
{
    char ka[512], kb[512];

    article_outlet(a->site, a->url, ka, sizeof ka);
    article_outlet(b->site, b->url, kb, sizeof kb);
    return strcmp(ka, kb) == 0;
}

void story_update_meta(struct story *s)
{
    size_t i, j;
    const char *first = NULL, *last = NULL;

    free(s->first_published);
    free(s->last_published);
    s->first_published = s->last_published = NULL;
    s->n_sites = 0;
    for (i = 0; i < s->n_articles; i++) {
        const char *p = s->articles[i].published;
        if (p && *p) {
            if (!first || strcmp(p, first) < 0) first = p;
            if (!last || strcmp(p, last) > 0) last = p;
        }
        for (j = 0; j < i; j++)
            if (same_outlet(&s->articles[i], &s->articles[j])) break;
        if (j == i) s->n_sites++;
    }
    /* a story's span is reported in days, as DESIGN.md shows */
    if (first) s->first_published = kb_strndup(first, strnlen(first, DAY_LEN));
    if (last) s->last_published = kb_strndup(last, strnlen(last, DAY_LEN));
}

/* --- JSON ----------------------------------------------------------------- */

/* A JSON string of s; invalid UTF-8 (texts come from scraped pages) is
 * replaced byte by byte with U+FFFD, because jansson refuses it. */
json_t *story_json_str(const char *s)
{
    json_t *j;
    struct buf b = BUF_INIT;
    size_t len, i = 0;

    if (!s) return json_null();
    if ((j = json_string(s)) != NULL) return j;
    len = strlen(s);
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        int rc;
        if (n <= 0) {
            rc = buf_puts(&b, "\xEF\xBF\xBD");
            i++;
        } else {
            rc = buf_append(&b, s + i, (size_t)n);
            i += (size_t)n;
        }
        (void)rc; /* b has no cap: appends cannot fail */
    }
    j = json_string(buf_cstr(&b));
    buf_release(&b);
    return j ? j : json_null();
}

static json_t *ids_json(const int64_t *v, size_t n)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < n; i++) json_array_append_new(a, json_integer((json_int_t)v[i]));
    return a;
}

static int cmp_article_date(const void *x, const void *y)
{
    const struct story_article *a = *(const struct story_article *const *)x;
    const struct story_article *b = *(const struct story_article *const *)y;
    int c = strcmp(a->published, b->published);

    if (c) return c;
    return (a->id > b->id) - (a->id < b->id);
}

/* Dated articles sorted by published, then id; returns how many. */
static size_t dated_articles(const struct story *s, const struct story_article ***out)
{
    const struct story_article **v = kb_malloc((s->n_articles + 1) * sizeof *v);
    size_t i, n = 0;

    for (i = 0; i < s->n_articles; i++)
        if (s->articles[i].published && strlen(s->articles[i].published) >= DAY_LEN)
            v[n++] = &s->articles[i];
    qsort(v, n, sizeof *v, cmp_article_date);
    *out = v;
    return n;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

static json_t *timeline_json(const struct story *s)
{
    json_t *tl = json_array();
    const struct story_article **v;
    size_t n = dated_articles(s, &v), i = 0, n_ids;
    int64_t *ids = kb_malloc((s->n_articles + 1) * sizeof *ids);
    const struct story_article *speaker;

    while (i < n) {
        size_t j = i, k;
        char day[DAY_LEN + 1];
        json_t *e = json_object();
        const char *text = v[i]->title;

        memcpy(day, v[i]->published, DAY_LEN);
        day[DAY_LEN] = '\0';
        while (j < n && strncmp(v[j]->published, day, DAY_LEN) == 0) j++;
        /* the earliest canonical article speaks for the day (failing that,
         * any titled one); it and its copies are the entry's sources --
         * only the articles that carry that headline */
        text = NULL;
        for (k = i; !text && k < j; k++)
            if (!v[k]->duplicate_of && v[k]->title) speaker = v[k], text = v[k]->title;
        for (k = i; !text && k < j; k++)
            if (v[k]->title) speaker = v[k], text = v[k]->title;
        if (!text) speaker = v[i];
        {
            int64_t canon = speaker->duplicate_of ? speaker->duplicate_of : speaker->id;
            size_t m = 0;
            for (k = 0; k < s->n_articles; k++) {
                const struct story_article *a = &s->articles[k];
                if (a->id == canon || a->duplicate_of == canon) ids[m++] = a->id;
            }
            n_ids = m;
        }
        qsort(ids, n_ids, sizeof *ids, cmp_i64);
        json_object_set_new(e, "date", json_string(day));
        json_object_set_new(e, "text", story_json_str(text ? text : ""));
        json_object_set_new(e, "sources", ids_json(ids, n_ids));
        json_array_append_new(tl, e);
        i = j;
    }
    free(ids);
    free(v);
    return tl;
}

json_t *story_brief_to_json(const struct story *s)
{
    json_t *o = json_object(), *arts = json_array();
    size_t i;

    json_object_set_new(o, "id", json_integer((json_int_t)s->id));
    json_object_set_new(o, "title", story_json_str(s->title));
    for (i = 0; i < s->n_articles; i++) {
        json_t *a = json_object();
        json_object_set_new(a, "id", json_integer((json_int_t)s->articles[i].id));
        json_object_set_new(a, "url", story_json_str(s->articles[i].url));
        json_array_append_new(arts, a);
    }
    json_object_set_new(o, "articles", arts);
    json_object_set_new(o, "sites", json_integer((json_int_t)s->n_sites));
    json_object_set_new(o, "first_published", story_json_str(s->first_published));
    json_object_set_new(o, "last_published", story_json_str(s->last_published));
    return o;
}

json_t *story_to_json(const struct story *s)
{
    json_t *o = json_object(), *arts = json_array(), *sum = json_array(), *facts = json_object();
    size_t i;
    static const char *const fact_kinds[] = {"people", "organizations", "places",
                                             "dates",  "quantities",    "quotes"};

    json_object_set_new(o, "id", json_integer((json_int_t)s->id));
    json_object_set_new(o, "title", story_json_str(s->title));
    json_object_set_new(o, "first_published", story_json_str(s->first_published));
    json_object_set_new(o, "last_published", story_json_str(s->last_published));
    for (i = 0; i < s->n_articles; i++) {
        const struct story_article *a = &s->articles[i];
        json_t *ja = json_object();
        json_object_set_new(ja, "id", json_integer((json_int_t)a->id));
        json_object_set_new(ja, "url", story_json_str(a->url));
        json_object_set_new(ja, "site", story_json_str(a->site));
        json_object_set_new(ja, "title", story_json_str(a->title));
        json_object_set_new(ja, "published", story_json_str(a->published));
        json_object_set_new(ja, "duplicate_of",
                            a->duplicate_of ? json_integer((json_int_t)a->duplicate_of)
                                            : json_null());
        json_array_append_new(arts, ja);
    }
    json_object_set_new(o, "articles", arts);
    for (i = 0; i < s->n_summary; i++) {
        const struct story_sentence *x = &s->summary[i];
        json_t *js = json_object();
        json_object_set_new(js, "text", story_json_str(x->text));
        json_object_set_new(js, "article", json_integer((json_int_t)x->article));
        json_object_set_new(js, "sentence", json_integer((json_int_t)x->sentence));
        json_object_set_new(js, "sources", ids_json(x->sources, x->n_sources));
        json_array_append_new(sum, js);
    }
    json_object_set_new(o, "summary", sum);
    for (i = 0; i < sizeof fact_kinds / sizeof *fact_kinds; i++)
        json_object_set_new(facts, fact_kinds[i], json_array());
    json_object_set_new(o, "facts", facts);
    json_object_set_new(o, "disagreements", json_array());
    json_object_set_new(o, "timeline", timeline_json(s));
    return o;
}

/* --- text ----------------------------------------------------------------- */

static const struct story_article *find_article(const struct story *s, int64_t id)
{
    size_t i;

    for (i = 0; i < s->n_articles; i++)
        if (s->articles[i].id == id) return &s->articles[i];
    return NULL;
}

static int put_dates(const struct story *s, struct buf *out)
{
    if (!s->first_published) return buf_puts(out, "undated");
    if (strcmp(s->first_published, s->last_published) == 0)
        return buf_puts(out, s->first_published);
    return buf_printf(out, "%s to %s", s->first_published, s->last_published);
}

static int put_counts(const struct story *s, struct buf *out)
{
    return buf_printf(out, "%zu article%s, %zu site%s", s->n_articles,
                      s->n_articles == 1 ? "" : "s", s->n_sites, s->n_sites == 1 ? "" : "s");
}

int story_to_text(const struct story *s, struct buf *out)
{
    size_t i, k;
    int rc;

    rc = buf_printf(out, "[%lld] %s\n", (long long)s->id, s->title ? s->title : "(untitled)");
    if (rc == 0) rc = put_dates(s, out);
    if (rc == 0) rc = buf_puts(out, ", ");
    if (rc == 0) rc = put_counts(s, out);
    if (rc == 0) rc = buf_puts(out, "\n");
    if (rc == 0 && s->n_summary) rc = buf_puts(out, "\nSummary:\n");
    for (i = 0; rc == 0 && i < s->n_summary; i++) {
        const struct story_sentence *x = &s->summary[i];
        rc = buf_printf(out, "%2zu. %s [", i + 1, x->text);
        for (k = 0; rc == 0 && k < x->n_sources; k++)
            rc = buf_printf(out, "%s%lld", k ? "," : "", (long long)x->sources[k]);
        if (rc == 0) rc = buf_puts(out, "]\n");
    }
    if (rc == 0 && s->n_articles) rc = buf_puts(out, "\nArticles:\n");
    for (i = 0; rc == 0 && i < s->n_articles; i++) {
        const struct story_article *a = &s->articles[i];
        rc = buf_printf(out, "  [%lld] %s\n       %s", (long long)a->id,
                        a->title ? a->title : "(untitled)", a->url);
        if (rc == 0 && a->site) rc = buf_printf(out, " (%s)", a->site);
        if (rc == 0 && a->published) rc = buf_printf(out, " %s", a->published);
        if (rc == 0 && a->duplicate_of)
            rc = buf_printf(out, " (copy of %lld)", (long long)a->duplicate_of);
        if (rc == 0) rc = buf_puts(out, "\n");
    }
    return rc;
}

/* --- Markdown ------------------------------------------------------------- */

/* Text with Markdown's inline specials backslash-escaped, so an article
 * sentence can never turn into a link, emphasis or raw HTML. */
static int md_text(struct buf *out, const char *t)
{
    int rc = 0;

    for (; rc == 0 && *t; t++) {
        if (strchr("\\`*_[]<>#|!", *t)) rc = buf_putc(out, '\\');
        if (rc == 0) rc = buf_putc(out, *t);
    }
    return rc;
}

/* A link destination: <...> form, which allows spaces and parentheses;
 * the characters that would end it are percent-encoded. */
static int md_url(struct buf *out, const char *u)
{
    int rc = buf_putc(out, '<');

    for (; rc == 0 && *u; u++) {
        if (*u == '<' || *u == '>' || *u == '\n' || *u == '\r')
            rc = buf_printf(out, "%%%02X", (unsigned char)*u);
        else rc = buf_putc(out, *u);
    }
    return rc == 0 ? buf_putc(out, '>') : rc;
}

int story_to_md(const struct story *s, struct buf *out)
{
    size_t i, k;
    int rc;

    rc = buf_puts(out, "# ");
    if (rc == 0) rc = md_text(out, s->title ? s->title : "(untitled)");
    if (rc == 0) rc = buf_puts(out, "\n\n*");
    if (rc == 0) rc = put_dates(s, out);
    if (rc == 0) rc = buf_puts(out, " · ");
    if (rc == 0) rc = put_counts(s, out);
    if (rc == 0) rc = buf_puts(out, "*\n");
    if (rc == 0 && s->n_summary) rc = buf_puts(out, "\n");
    for (i = 0; rc == 0 && i < s->n_summary; i++) {
        const struct story_sentence *x = &s->summary[i];
        rc = buf_printf(out, "%zu. ", i + 1);
        if (rc == 0) rc = md_text(out, x->text);
        for (k = 0; rc == 0 && k < x->n_sources; k++) {
            const struct story_article *a = find_article(s, x->sources[k]);
            rc = buf_printf(out, "%s[\\[%lld\\]]", k ? " " : " ", (long long)x->sources[k]);
            if (rc == 0) rc = buf_putc(out, '(');
            if (rc == 0) rc = md_url(out, a ? a->url : "");
            if (rc == 0) rc = buf_putc(out, ')');
        }
        if (rc == 0) rc = buf_puts(out, "\n");
    }
    if (rc == 0 && s->n_articles) rc = buf_puts(out, "\n## Articles\n\n");
    for (i = 0; rc == 0 && i < s->n_articles; i++) {
        const struct story_article *a = &s->articles[i];
        rc = buf_printf(out, "- \\[%lld\\] [", (long long)a->id);
        if (rc == 0) rc = md_text(out, a->title ? a->title : a->url);
        if (rc == 0) rc = buf_puts(out, "](");
        if (rc == 0) rc = md_url(out, a->url);
        if (rc == 0) rc = buf_putc(out, ')');
        if (rc == 0 && a->site) {
            rc = buf_puts(out, " — ");
            if (rc == 0) rc = md_text(out, a->site);
        }
        if (rc == 0 && a->published) rc = buf_printf(out, ", %s", a->published);
        if (rc == 0 && a->duplicate_of)
            rc = buf_printf(out, " (copy of %lld)", (long long)a->duplicate_of);
        if (rc == 0) rc = buf_puts(out, "\n");
    }
    return rc;
}
