/* extract.c -- main text and metadata of an HTML page (see extract.h).
 *
 * Owns: the libxml2 document of one call and a side table of per-element
 * statistics (struct nstat, reached through xmlNode._private as index + 1);
 * both live only inside extract_html. The result strings are handed to the
 * caller.
 *
 * Algorithm (ideas from Readability and trafilatura, written for kabar):
 *  1. charset.c converts the bytes to UTF-8; libxml2 parses them in recover
 *     mode with no network and the page's own encoding hint ignored (the
 *     bytes are already UTF-8). Blank text nodes are kept: dropping them
 *     (HTML_PARSE_NOBLANKS) would glue "<b>a</b> <i>b</i>" into "ab".
 *  2. Metadata pass over the whole tree: <title>, <meta> (Open Graph,
 *     article:*, Dublin Core, itemprop), rel=canonical, <html lang>, <time>,
 *     <h1>, and JSON-LD blocks (parsed with jansson; @graph and arrays
 *     followed) for headline, datePublished, author, publisher, inLanguage
 *     and articleBody.
 *  3. Junk marking: elements that are never article text (script, nav,
 *     aside, footer, forms, buttons, captions, hidden elements) and elements
 *     whose class/id says share, social, related, comment, cookie,
 *     newsletter, breadcrumb, tags, author, meta, "baca juga", ... A class/id
 *     match is overruled when the element holds most of the page's prose,
 *     because some sites put a word like "sidebar-layout" on the wrapper of
 *     everything. A <nav> that holds an <article>/<main> (an unclosed nav
 *     swallowed the page) and a <noscript> holding most of the text are
 *     kept. A schema.org Person given as the author (itemprop=author with
 *     itemscope) is an author box and counts like a strong class word.
 *     Class, id, style and itemprop are read in place from the tree
 *     (no copies) and the tag-table lookup is cached per element: this pass
 *     runs on every element and was a third of the time outside libxml2.
 *  4. One bottom-up pass computes per element: text length, text inside
 *     links, commas, and its "own" inline text (text not inside a nested
 *     block). Every block whose own text is >= 25 characters is a paragraph;
 *     it scores 1 + commas + min(len/100, 3), scaled by its own link
 *     density, and gives that score to its parent (full), grandparent (1/2)
 *     and further ancestors (1/(3*level)), up to five levels (Readability's
 *     propagation). Candidates start from a tag prior and a class/id
 *     weight; the final score is multiplied by (1 - link density).
 *  5. The winner is widened to an ancestor when the best candidates share
 *     one (a page split into several text blocks), and its siblings join
 *     when they score at least a fifth of the winner or are prose-like
 *     paragraphs with few links.
 *  5b. The container the markup names (itemprop=articleBody, a class such
 *     as "entry-content" / "article__body", else <article>/<main>) replaces
 *     the winner when it holds clearly more of the text: scores alone let a
 *     short box with a "content" class or many commas win. A named body
 *     takes no prose-paragraph siblings (they are the page around it).
 *  5c. The lead: blocks between the <h1> that carries the title and the
 *     chosen container that read like prose are written first; pages put
 *     the lead in the header or a "teaser" box, outside the body container.
 *     The title <h1> is the one whose text is the title ignoring spacing and
 *     punctuation (a kicker in a <span>); with no <h1>, an <h2> that is the
 *     title. When the <h1> is inside the winner but in a dropped <header>,
 *     the prose after it in that header is the lead. A heading whose class
 *     names a lead ("article-lead", "subtitle") counts as the first block.
 *     A lead the body repeats, or a block given twice, is written once.
 *  5d. Title anchor: when that <h1> is far from the winner (infinite scroll:
 *     a longer article further down wins), the best candidate in the
 *     smallest element around the <h1> that holds prose replaces it.
 *  6. The chosen subtrees are written as text: block elements start a
 *     paragraph, <br> a line, two <br> a paragraph; whitespace is collapsed
 *     (kept in <pre>); a block that is mostly links, a heading repeating the
 *     title, or a short block that opens like a "Baca juga:" / "Read more" /
 *     "Tags:" / "Editor:" / photo-credit line is dropped. A heading that
 *     opens the page's trailer ("Berita Terkait", "Komentar", "About the
 *     author", "Weitere Artikel", ...) drops itself and everything after it;
 *     a short plain block reading like one ("About the author" in bold)
 *     is held back like a heading, written only if kept text follows. The
 *     phrase lists compare ignoring case of ASCII and Latin-1 letters.
 *  6b. When that text is very short and was not chosen by the title or a
 *     named container, a jusText-style pass classifies every leaf text block
 *     of the page (good prose / bad links / short, short ones between good
 *     ones turn good) and the good blocks replace the text if they hold
 *     clearly more.
 *  7. JSON-LD articleBody replaces the DOM text when the DOM text is much
 *     shorter (the page renders its body with JavaScript, or we missed it).
 */
#include "extract.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "date.h"
#include "mem.h"

#define MIN_PARA 25      /* chars of own text for a block to count as a paragraph (Readability) */
#define MAX_DEPTH 600    /* recursion guard; libxml2 itself limits nesting to 256 */
#define META_MAX 2048    /* bytes kept of one metadata value */

/* ---- tag table ---------------------------------------------------------- */

enum {
    T_BLOCK = 1,   /* starts a new paragraph in the output */
    T_DROP = 2,    /* never article text */
    T_HEAD = 4,    /* h1..h6 */
    T_LIST = 8,    /* li, dt, dd, td, th: items that may be link lists */
    T_SOFT = 16,   /* header, form: dropped unless they hold the text */
    T_PRE = 32,    /* whitespace is significant */
    T_WRAP = 64,   /* nav: dropped unless a missing end tag made it wrap the article */
};

struct tag {
    const char *name;
    int flags;
    int prior; /* candidate prior (Readability's initializeNode) */
};

/* Sorted by name for bsearch. */
static const struct tag tags[] = {
    {"address", T_BLOCK, -3},  {"applet", T_DROP, 0},      {"area", T_DROP, 0},
    {"article", T_BLOCK, 5},   {"aside", T_BLOCK | T_SOFT, -3},       {"audio", T_DROP, 0},
    {"blockquote", T_BLOCK, 3}, {"body", T_BLOCK, 0},      {"button", T_DROP, 0},
    {"canvas", T_DROP, 0},     {"caption", T_BLOCK, 0},    {"center", T_BLOCK, 0},
    {"datalist", T_DROP, 0},   {"dd", T_BLOCK | T_LIST, -3}, {"details", T_BLOCK, 0},
    {"dialog", T_DROP, 0},     {"dir", T_BLOCK, -3},       {"div", T_BLOCK, 5},
    {"dl", T_BLOCK, -3},       {"dt", T_BLOCK | T_LIST, -3}, {"embed", T_DROP, 0},
    {"fieldset", T_BLOCK, 0},  {"figcaption", T_DROP, 0},  {"figure", T_BLOCK, 0},
    {"footer", T_BLOCK | T_SOFT, -3},     {"form", T_BLOCK | T_SOFT, -3}, {"frame", T_DROP, 0},
    {"frameset", T_DROP, 0},   {"h1", T_BLOCK | T_HEAD, -5}, {"h2", T_BLOCK | T_HEAD, -5},
    {"h3", T_BLOCK | T_HEAD, -5}, {"h4", T_BLOCK | T_HEAD, -5}, {"h5", T_BLOCK | T_HEAD, -5},
    {"h6", T_BLOCK | T_HEAD, -5}, {"head", T_DROP, 0},     {"header", T_BLOCK | T_SOFT, 0},
    {"hr", T_BLOCK, 0},        {"html", T_BLOCK, 0},       {"iframe", T_DROP, 0},
    {"input", T_DROP, 0},      {"label", T_DROP, 0},       {"legend", T_DROP, 0},
    {"li", T_BLOCK | T_LIST, -3}, {"link", T_DROP, 0},     {"listing", T_BLOCK | T_PRE, 3},
    {"main", T_BLOCK, 5},      {"map", T_DROP, 0},         {"math", T_DROP, 0},
    {"menu", T_DROP, 0},       {"meta", T_DROP, 0},        {"meter", T_DROP, 0},
    {"nav", T_DROP | T_WRAP, -3}, {"noframes", T_DROP, 0}, {"noscript", T_BLOCK | T_SOFT, 0},
    {"object", T_DROP, 0},     {"ol", T_BLOCK, -3},        {"optgroup", T_DROP, 0},
    {"option", T_DROP, 0},     {"output", T_DROP, 0},      {"p", T_BLOCK, 0},
    {"param", T_DROP, 0},      {"picture", T_DROP, 0},     {"pre", T_BLOCK | T_PRE, 3},
    {"progress", T_DROP, 0},   {"script", T_DROP, 0},      {"section", T_BLOCK, 0},
    {"select", T_DROP, 0},     {"source", T_DROP, 0},      {"style", T_DROP, 0},
    {"summary", T_BLOCK, 0},   {"svg", T_DROP, 0},         {"table", T_BLOCK, 0},
    {"tbody", T_BLOCK, 0},     {"td", T_BLOCK | T_LIST, 3}, {"template", T_DROP, 0},
    {"textarea", T_DROP, 0},   {"tfoot", T_BLOCK, 0},      {"th", T_BLOCK | T_LIST, -5},
    {"thead", T_BLOCK, 0},     {"title", T_DROP, 0},       {"tr", T_BLOCK, 0},
    {"track", T_DROP, 0},      {"ul", T_BLOCK, -3},        {"video", T_DROP, 0},
    {"xmp", T_BLOCK | T_PRE, 0},
};

static int tag_cmp(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const struct tag *)e)->name);
}

static const struct tag *tag_of(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->name) return NULL;
    return bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
}

static int is_tag(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && n->name[0] == (xmlChar)name[0] &&
           strcmp((const char *)n->name, name) == 0;
}

/* ---- per-element statistics -------------------------------------------- */

struct nstat {
    size_t text;      /* bytes of collapsed text in the subtree (junk excluded) */
    size_t link;      /* of which inside <a> */
    size_t own;       /* text not inside a nested block element */
    size_t own_link;  /* of which inside <a> */
    size_t commas;    /* commas in own text */
    size_t n_prose;   /* blocks in the subtree with >= 80 chars of own text, under half of it linked */
    double score;     /* content score (step 4) */
    int weight;       /* class/id weight: +25 positive, -25 negative, 0 */
    unsigned char junk;      /* 1: removed from consideration */
    unsigned char neg;       /* NEG_*: why this may be boilerplate (soft junk) */
    unsigned char candidate; /* score was initialised */
    unsigned char sem;       /* SEM_*: markup says this is the article's container */
    const struct tag *tag;   /* borrowed from tags[]; NULL for a tag not in it (inline) */
};

/* How sure the markup is that an element holds the article body: an
 * itemprop=articleBody beats a class such as "entry-content", which beats a
 * bare <article> or <main> (listing pages have many <article> teasers). */
enum { SEM_NONE = 0, SEM_TAG, SEM_CLASS, SEM_ITEMPROP };

enum { NEG_NONE = 0, NEG_WEAK, NEG_STRONG, NEG_TAG };

struct ctx {
    xmlDoc *doc;          /* owned; freed at the end of extract_html */
    struct nstat *st;     /* owned; indexed by (uintptr_t)node->_private - 1 */
    size_t n_st;          /* elements numbered */
    xmlNode *body;        /* borrowed from doc */
    xmlNode *sem[64];     /* borrowed; elements with nstat.sem set, document order */
    size_t n_sem;
    /* metadata candidates, all owned */
    char *m_title, *og_title, *jl_headline, *h1;
    char *og_site, *jl_publisher, *app_name;
    char *m_author, *jl_author, *ip_author;
    char *m_date, *jl_date, *ip_date, *time_date, *time_any_date;
    char *canonical, *og_url;
    char *html_lang, *m_lang, *og_locale, *jl_lang;
    char *jl_body;
    const xmlNode *h1s[8]; /* borrowed from doc; the first <h1> elements, document order */
    int n_h1;
    const xmlNode *h2s[8]; /* borrowed from doc; the first <h2> elements, document order */
    int n_h2;
    int in_article; /* depth counter during the metadata walk */
    /* output */
    struct buf text;  /* the main text */
    struct buf para;  /* the paragraph being built */
    struct buf heading; /* a heading waiting for its first paragraph */
    size_t para_link; /* bytes of para inside links */
    int pending_space, in_link, in_pre, br_run;
    int trailer; /* a trailer heading was seen: the rest is dropped */
    const char *title; /* borrowed: the final title, for dropping a repeated heading */
};

static struct nstat *st_of(const struct ctx *c, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    return (n->type == XML_ELEMENT_NODE && i && i <= c->n_st) ? &c->st[i - 1] : NULL;
}

/* tag_of through the cache of number(): the bsearch runs once per element. */
static const struct tag *tg(const struct ctx *c, const xmlNode *n)
{
    const struct nstat *s = st_of(c, n);
    return s ? s->tag : tag_of(n);
}

/* ---- small string helpers ----------------------------------------------- */

/* The buffers of this file are uncapped (buf_init(b, 0)): appending only
 * fails on size_t overflow, which the 64 MiB input cap rules out. */
static void append_(struct buf *b, const char *s, size_t n)
{
    if (buf_append(b, s, n) != 0) abort();
}

static void putc_(struct buf *b, char ch)
{
    append_(b, &ch, 1);
}

static int is_space_at(const unsigned char *s, size_t n, size_t *k)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') {
        *k = 1;
        return 1;
    }
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) { /* no-break space */
        *k = 2;
        return 1;
    }
    return 0;
}

/* Copy of s with whitespace runs collapsed to one space and trimmed; NULL
 * when nothing but whitespace. At most META_MAX bytes (cut at a character
 * boundary). */
static char *clean_dup(const char *s)
{
    struct buf b;
    const unsigned char *u = (const unsigned char *)s;
    size_t n, i = 0, k;
    int space = 0;
    if (!s) return NULL;
    n = strlen(s);
    buf_init(&b, 0);
    while (i < n) {
        if (is_space_at(u + i, n - i, &k)) {
            space = 1;
            i += k;
            continue;
        }
        if (b.len >= META_MAX && (u[i] & 0xC0) != 0x80) break;
        if (space && b.len) putc_(&b, ' ');
        space = 0;
        putc_(&b, (char)u[i]);
        i++;
    }
    if (!b.len) {
        buf_release(&b);
        return NULL;
    }
    return buf_take(&b);
}

static void set_once(char **slot, const char *v)
{
    if (!*slot && v) *slot = clean_dup(v);
}

static int ieq(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

/* The value of attribute name of n, borrowed from the tree (no copy: this
 * runs several times per element); "" for an attribute with no value, NULL
 * when absent. libxml2's HTML parser stores a value as one text node. */
static const char *attr_ref(const xmlNode *n, const char *name)
{
    const xmlAttr *a;
    for (a = n->properties; a; a = a->next) {
        if (!a->name || a->name[0] != (xmlChar)name[0] || strcmp((const char *)a->name, name) != 0) continue;
        if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

/* Text content of n, whitespace-collapsed; owned by the caller or NULL. */
static char *node_text(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent((xmlNode *)n);
    char *r = clean_dup((const char *)t);
    xmlFree(t);
    return r;
}

/* ---- JSON-LD ------------------------------------------------------------- */

static int jl_type_is(json_t *o, const char *const *want)
{
    json_t *t = json_object_get(o, "@type");
    size_t i, j;
    if (json_is_string(t)) {
        for (j = 0; want[j]; j++)
            if (strcmp(json_string_value(t), want[j]) == 0) return 1;
    } else if (json_is_array(t)) {
        for (i = 0; i < json_array_size(t); i++) {
            json_t *e = json_array_get(t, i);
            if (!json_is_string(e)) continue;
            for (j = 0; want[j]; j++)
                if (strcmp(json_string_value(e), want[j]) == 0) return 1;
        }
    }
    return 0;
}

static const char *jl_name(json_t *v)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_array(v) && json_array_size(v)) return jl_name(json_array_get(v, 0));
    if (json_is_object(v)) {
        json_t *n = json_object_get(v, "name");
        if (json_is_string(n)) return json_string_value(n);
    }
    return NULL;
}

static const char *jl_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void jl_walk(struct ctx *c, json_t *v, int depth)
{
    static const char *const article_types[] = {
        "NewsArticle", "Article", "BlogPosting", "ReportageNews", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle",
        "ScholarlyArticle", "Report", "LiveBlogPosting", "SocialMediaPosting", "Blog", NULL};
    static const char *const page_types[] = {"WebPage", "ItemPage", "CollectionPage", NULL};
    size_t i;
    if (depth > 8) return;
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v); i++) jl_walk(c, json_array_get(v, i), depth + 1);
        return;
    }
    if (!json_is_object(v)) return;
    if (jl_type_is(v, article_types)) {
        const char *body = jl_str(v, "articleBody");
        set_once(&c->jl_headline, jl_str(v, "headline"));
        set_once(&c->jl_date, jl_str(v, "datePublished"));
        set_once(&c->jl_author, jl_name(json_object_get(v, "author")));
        set_once(&c->jl_publisher, jl_name(json_object_get(v, "publisher")));
        set_once(&c->jl_lang, jl_name(json_object_get(v, "inLanguage")));
        if (body && !c->jl_body && *body) c->jl_body = kb_strdup(body);
    } else if (jl_type_is(v, page_types)) {
        /* a page's dates and language are weaker than an article's, but
         * better than nothing when the article object is absent */
        set_once(&c->jl_lang, jl_name(json_object_get(v, "inLanguage")));
    }
    jl_walk(c, json_object_get(v, "@graph"), depth + 1);
    jl_walk(c, json_object_get(v, "mainEntity"), depth + 1);
}

static void jsonld(struct ctx *c, const xmlNode *script)
{
    xmlChar *t = xmlNodeGetContent((xmlNode *)script);
    json_t *j;
    if (!t) return;
    j = json_loads((const char *)t, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    xmlFree(t);
    if (!j) return;
    jl_walk(c, j, 0);
    json_decref(j);
}

/* ---- metadata pass ------------------------------------------------------ */

static void meta_tag(struct ctx *c, const xmlNode *n)
{
    char *key = attr(n, "property");
    char *content = attr(n, "content");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    if (!key) key = attr(n, "http-equiv");
    if (key && content) {
        const char *k = key;
        if (ieq(k, "og:title")) set_once(&c->og_title, content);
        else if (ieq(k, "og:site_name")) set_once(&c->og_site, content);
        else if (ieq(k, "application-name")) set_once(&c->app_name, content);
        else if (ieq(k, "og:url")) set_once(&c->og_url, content);
        else if (ieq(k, "og:locale")) set_once(&c->og_locale, content);
        else if (ieq(k, "content-language") || ieq(k, "language") || ieq(k, "dc.language"))
            set_once(&c->m_lang, content);
        else if (ieq(k, "author") || ieq(k, "dc.creator") || ieq(k, "byl") ||
                 ieq(k, "parsely-author") || ieq(k, "sailthru.author") ||
                 ((ieq(k, "article:author") || ieq(k, "twitter:creator")) &&
                  !strstr(content, "://") && content[0] != '@'))
            set_once(&c->m_author, content);
        else if (ieq(k, "article:published_time") || ieq(k, "og:published_time") ||
                 ieq(k, "datePublished") || ieq(k, "pubdate") || ieq(k, "publishdate") ||
                 ieq(k, "publish-date") || ieq(k, "publish_date") || ieq(k, "dc.date.issued") ||
                 ieq(k, "dc.date") || ieq(k, "dcterms.created") || ieq(k, "dcterms.date") ||
                 ieq(k, "sailthru.date") || ieq(k, "parsely-pub-date") || ieq(k, "date") ||
                 ieq(k, "article.published") || ieq(k, "content_publisheddate") ||
                 ieq(k, "originalpublicationdate"))
            set_once(&c->m_date, content);
    }
    xmlFree(key);
    xmlFree(content);
}

static int has_attr_value(const xmlNode *n, const char *name, const char *value)
{
    char *v = attr(n, name);
    int r = v && strcasecmp(v, value) == 0;
    xmlFree(v);
    return r;
}

static void meta_walk(struct ctx *c, const xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        const char *name;
        int article;
        if (n->type != XML_ELEMENT_NODE || !n->name) continue;
        name = (const char *)n->name;
        article = name[0] == 'a' && strcmp(name, "article") == 0;
        if (!name[0] || !strchr("amtlsh", name[0])) {
            /* no tag below starts with another letter: skip the compares */
        } else if (strcmp(name, "meta") == 0) {
            meta_tag(c, n);
        } else if (strcmp(name, "title") == 0) {
            if (!c->m_title) c->m_title = node_text(n);
        } else if (strcmp(name, "link") == 0) {
            char *rel = attr(n, "rel");
            if (rel && strcasecmp(rel, "canonical") == 0) {
                char *href = attr(n, "href");
                set_once(&c->canonical, href);
                xmlFree(href);
            }
            xmlFree(rel);
        } else if (strcmp(name, "script") == 0) {
            if (has_attr_value(n, "type", "application/ld+json")) jsonld(c, n);
            continue;
        } else if (strcmp(name, "h1") == 0) {
            if (!c->h1) c->h1 = node_text(n);
            if (c->n_h1 < (int)(sizeof c->h1s / sizeof c->h1s[0])) c->h1s[c->n_h1] = n;
            c->n_h1++;
        } else if (strcmp(name, "h2") == 0) {
            if (c->n_h2 < (int)(sizeof c->h2s / sizeof c->h2s[0])) c->h2s[c->n_h2++] = n;
        } else if (strcmp(name, "time") == 0) {
            char *dt = attr(n, "datetime");
            if (dt) {
                char *ip = attr(n, "itemprop");
                if ((ip && strcasecmp(ip, "datePublished") == 0) || xmlHasProp((xmlNode *)n, (const xmlChar *)"pubdate"))
                    set_once(&c->ip_date, dt);
                else if (c->in_article)
                    set_once(&c->time_date, dt);
                else
                    set_once(&c->time_any_date, dt);
                xmlFree(ip);
                xmlFree(dt);
            }
        } else if (strcmp(name, "html") == 0) {
            char *l = attr(n, "lang");
            if (!l) l = attr(n, "xml:lang");
            set_once(&c->html_lang, l);
            xmlFree(l);
        }
        if (strcmp(name, "meta") != 0 && n->properties && (attr_ref(n, "itemprop") || name[0] == 'a')) {
            char *ip = attr(n, "itemprop");
            if (ip && strcasecmp(ip, "author") == 0 && !c->ip_author) {
                char *v = attr(n, "content");
                if (v) set_once(&c->ip_author, v);
                else c->ip_author = node_text(n);
                xmlFree(v);
            } else if (ip && strcasecmp(ip, "datePublished") == 0) {
                char *v = attr(n, "content");
                if (!v) v = attr(n, "datetime");
                set_once(&c->ip_date, v);
                xmlFree(v);
            }
            xmlFree(ip);
            if (strcmp(name, "a") == 0 && has_attr_value(n, "rel", "author") && !c->ip_author)
                c->ip_author = node_text(n);
        }
        if (depth < MAX_DEPTH) {
            c->in_article += article;
            meta_walk(c, n->children, depth + 1);
            c->in_article -= article;
        }
    }
}

/* ---- class/id weights --------------------------------------------------- */

/* Words in class/id that mark boilerplate. Matched against the tokens of
 * the attribute (split at anything not a letter or digit); words of five
 * letters or more also as prefixes, so "comments" and "sharethis" match but
 * "ad" is not "adidas" and "tag" not "tagesschau". Strong words name a kind of
 * block that is never the article (comments, share bars, related links);
 * weak words name layout regions that sometimes wrap the article anyway
 * ("page-banner", "widget Blog", "box modal-enabled"). */
static const char *const strong_words[] = {
    "advert", "advertisement", "agegate", "author", "bacajuga", "breadcrumb", "breadcrumbs",
    "bildunterschrift", "byline", "dateline", "disclaimer", "disclosure", "kommentar", "legend",
    "meta", "metadata", "noprint", "postmeta", "postmetadata", "sociable",
    "caption", "comment", "komentar", "consent", "cookie", "copyright", "credit", "disqus",
    "gdpr", "iklan", "login", "newsletter", "outbrain", "popular", "populer", "promo", "rating",
    "recommend", "related", "replies", "reply", "share", "sharing", "signup", "social", "sponsor",
    "subscribe", "subscription", "taboola", "tagcloud", "tags", "terkait", "topik", "trending", NULL};
static const char *const weak_words[] = {
    "ad", "ads", "banner", "combx", "community", "contact", "dropdown", "facebook", "foot",
    "footer", "hidden", "masthead", "menu", "modal", "nav", "navbar", "navigation", "pager",
    "pagination", "popup", "print", "remark", "rss", "shoutbox", "sidebar", "skyscraper",
    "toolbar", "tweet", "twitter", "whatsapp", "widget", "teaser", "slider", "carousel",
    "infobox", "flyout", "factbox", "references", NULL};
/* "baca juga", "also read", "read more" are multi-token: see neg_pairs. */
static const char *const pos_words[] = {
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "isi", "berita", "detail", "artikel", "konten", "read", NULL};

/* w[0..n) is lower-case already; the first-letter test keeps this off
 * the profile (it runs for every class token of every element). */
static int word_is(const char *w, size_t n, const char *want, int prefix)
{
    size_t k;
    if (!n || w[0] != want[0]) return 0;
    k = strlen(want);
    if (prefix ? n < k : n != k) return 0;
    return memcmp(w, want, k) == 0;
}

/* Whether the lower-case token w[0..n) matches a word of list (words of
 * five letters or more also as prefixes). */
static int in_list(const char *w, size_t n, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++) {
        size_t k;
        if (w[0] != list[i][0]) continue;
        k = strlen(list[i]);
        if ((k >= 5 ? n >= k : n == k) && memcmp(w, list[i], k) == 0) return 1;
    }
    return 0;
}

/* Weight of one class or id value: -25 for boilerplate words, +25 for
 * content words (Readability's getClassWeight scale); a value with both
 * counts as negative only when the negative word is a strong one. */
static int value_weight(const char *v, int *strong_neg)
{
    const char *p = v;
    char wb[2][48], *w = wb[0], *prev = NULL;
    size_t prev_n = 0;
    int neg = 0, pos = 0, flip = 0;
    while (*p) {
        size_t n = 0, i;
        w = wb[flip];
        while (*p && !isalnum((unsigned char)*p)) p++;
        for (; *p && isalnum((unsigned char)*p); p++)
            if (n < sizeof wb[0]) w[n++] = (char)tolower((unsigned char)*p);
        if (!n) break;
        if (in_list(w, n, strong_words)) {
            neg = 1;
            *strong_neg = 1;
        }
        if (in_list(w, n, weak_words)) neg = 1;
        if (prev && ((word_is(prev, prev_n, "baca", 0) && word_is(w, n, "juga", 0)) ||
                     (word_is(prev, prev_n, "also", 0) && word_is(w, n, "read", 0)) ||
                     (word_is(prev, prev_n, "read", 0) && word_is(w, n, "more", 0)) ||
                     (word_is(prev, prev_n, "more", 0) && word_is(w, n, "from", 0)))) {
            neg = 1;
            *strong_neg = 1;
        }
        for (i = 0; pos_words[i] && !pos; i++)
            if (word_is(w, n, pos_words[i], 0)) pos = 1;
        prev = w;
        prev_n = n;
        flip ^= 1;
    }
    if (neg && (!pos || *strong_neg)) return -25;
    if (neg) return 0; /* "widget-content", "sidebar-text": a layout box, not a body */
    return pos ? 25 : 0;
}

static int class_weight(const xmlNode *n, int *strong_neg)
{
    const char *cl = attr_ref(n, "class"), *id = attr_ref(n, "id");
    int w = 0;
    *strong_neg = 0;
    if (cl) w += value_weight(cl, strong_neg);
    if (id) w += value_weight(id, strong_neg);
    return w;
}

/* Class names that content management systems give the article body,
 * compared with '-' and '_' removed ("entry-content", "article__body",
 * "post_content"). */
static const char *const body_classes[] = {
    "articlebody", "articlecontent", "articletext", "articledetail", "articlebodytext",
    "articlecontentbody", "entrycontent", "entrybody", "postcontent", "postbody", "posttext",
    "postentry", "storybody", "storycontent", "storytext", "newscontent", "newstext", "newsbody",
    "contentarticle", "textarticle", "txtarticle", "blogcontent", "blogpostcontent",
    "tdpostcontent", "fieldnamebody", "bodytext", "detailcontent", "detailtext",
    "detailbodytext", "readcontent", "contentdetail", "singlecontent", "itemfulltext",
    "itempagebody", "contentbody", "richtext", "articlebodycontent", NULL};

static int is_body_class(const char *v)
{
    while (*v) {
        char w[40];
        size_t n = 0, i;
        int over = 0;
        while (*v && isspace((unsigned char)*v)) v++;
        for (; *v && !isspace((unsigned char)*v); v++) {
            if (*v == '-' || *v == '_') continue;
            if (n + 1 < sizeof w) w[n++] = (char)tolower((unsigned char)*v);
            else over = 1;
        }
        w[n] = '\0';
        if (!n || over) continue;
        for (i = 0; body_classes[i]; i++)
            if (strcmp(w, body_classes[i]) == 0) return 1;
    }
    return 0;
}

static int sem_of(const xmlNode *n)
{
    const char *v;
    if (!n->properties) return is_tag(n, "article") || is_tag(n, "main") ? SEM_TAG : SEM_NONE;
    v = attr_ref(n, "itemprop");
    if (v && strcasecmp(v, "articleBody") == 0) return SEM_ITEMPROP;
    v = attr_ref(n, "class");
    if (v && is_body_class(v)) return SEM_CLASS;
    v = attr_ref(n, "id");
    if (v && is_body_class(v)) return SEM_CLASS;
    if (is_tag(n, "article") || is_tag(n, "main")) return SEM_TAG;
    v = attr_ref(n, "role");
    return v && strcasecmp(v, "main") == 0 ? SEM_TAG : SEM_NONE;
}

/* Whether hay contains needle (lower-case ASCII), ignoring ASCII case. */
static int ci_contains(const char *hay, const char *needle)
{
    size_t k = strlen(needle);
    for (; *hay; hay++)
        if (tolower((unsigned char)*hay) == needle[0] && strncasecmp(hay, needle, k) == 0) return 1;
    return 0;
}

static int is_hidden(const xmlNode *n)
{
    const char *v;
    if (!n->properties) return 0;
    if (attr_ref(n, "hidden")) return 1;
    v = attr_ref(n, "aria-hidden");
    if (v && strcmp(v, "true") == 0) return 1;
    v = attr_ref(n, "style");
    return v && (ci_contains(v, "display:none") || ci_contains(v, "display: none") ||
                 ci_contains(v, "visibility:hidden") || ci_contains(v, "visibility: hidden"));
}

/* ---- numbering, junk marking and statistics ----------------------------- */

static void number(struct ctx *c, xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (c->n_st % 1024 == 0) c->st = kb_realloc(c->st, (c->n_st + 1024) * sizeof *c->st);
        memset(&c->st[c->n_st], 0, sizeof c->st[0]);
        c->st[c->n_st].tag = tag_of(n);
        n->_private = (void *)(uintptr_t)(++c->n_st);
        if (depth < MAX_DEPTH) number(c, n->children, depth + 1);
    }
}

/* Whether n holds an <article>, <main> or itemprop=articleBody: libxml2
 * 2.9 does not know HTML5 elements, so a <nav> left open by the page keeps
 * everything after it as its children. */
static int wraps_article(const xmlNode *n, int depth)
{
    for (n = n->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is_tag(n, "article") || is_tag(n, "main") || sem_of(n) == SEM_ITEMPROP) return 1;
        if (depth < 64 && wraps_article(n, depth + 1)) return 1;
    }
    return 0;
}

/* Whether n is an author box: an itemscope element that is the page's
 * author (itemprop="author" or "creator"), not just a name in a byline. */
static int is_author_box(const xmlNode *n)
{
    const char *v;
    if (!n->properties || !attr_ref(n, "itemscope")) return 0;
    v = attr_ref(n, "itemprop");
    return v && (strcasecmp(v, "author") == 0 || strcasecmp(v, "creator") == 0);
}

/* Hard junk by tag and visibility; class/id weights and soft flags. */
static void mark(struct ctx *c, xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        struct nstat *s = st_of(c, n);
        const struct tag *t;
        int strong = 0;
        if (!s) continue;
        t = tg(c, n);
        if ((t && (t->flags & T_DROP) && !((t->flags & T_WRAP) && wraps_article(n, 0))) || is_hidden(n) ||
            depth >= MAX_DEPTH) {
            s->junk = 1;
            continue;
        }
        /* WordPress and others put "tag-x category-y comments-open" on the
         * article element itself: sectioning roots are judged by content */
        if (!is_tag(n, "body") && !is_tag(n, "html") && !is_tag(n, "article") && !is_tag(n, "main")) {
            s->weight = class_weight(n, &strong);
            /* an embedded post ("twitter-tweet", "instagram-media") is a
             * quotation the article makes: its text is part of the story */
            if (s->weight < 0 && !strong && is_tag(n, "blockquote")) s->weight = 0;
            /* a schema.org Person given as the author ("itemprop=author
             * itemscope") is the author box: photo, name and biography */
            if (s->weight >= 0 && is_author_box(n)) {
                s->weight = -25;
                strong = 1;
            }
            if (s->weight < 0) s->neg = strong ? NEG_STRONG : NEG_WEAK;
            if (t && (t->flags & T_SOFT) && !s->neg) s->neg = NEG_TAG;
        }
        s->sem = (unsigned char)sem_of(n);
        if (s->sem && !s->neg && c->n_sem < sizeof c->sem / sizeof c->sem[0]) c->sem[c->n_sem++] = n;
        mark(c, n->children, depth + 1);
    }
}

/* Length of text t as it will be written (whitespace runs count one). */
static size_t text_len(const unsigned char *t, size_t *commas)
{
    size_t n = 0, k;
    int space = 1;
    while (*t) {
        if (is_space_at(t, 2, &k)) {
            if (!space) n++;
            space = 1;
            t += k;
            continue;
        }
        if (*t == ',') (*commas)++;
        else if (t[0] == 0xEF && t[1] == 0xBC && t[2] == 0x8C) (*commas)++; /* fullwidth comma */
        if ((*t & 0xC0) != 0x80) n++;
        space = 0;
        t++;
    }
    return n;
}

/* Bottom-up statistics of the children of parent into *acc (the parent's
 * record); own text stops at block elements. */
static void stats(struct ctx *c, xmlNode *parent, struct nstat *acc, int in_link, int depth)
{
    xmlNode *n;
    for (n = parent->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            size_t commas = 0;
            size_t len = n->content ? text_len(n->content, &commas) : 0;
            acc->text += len;
            acc->own += len;
            acc->commas += commas;
            if (in_link) {
                acc->link += len;
                acc->own_link += len;
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            struct nstat *s = st_of(c, n);
            const struct tag *t = tg(c, n);
            int link = in_link || is_tag(n, "a");
            if (!s || s->junk) continue;
            s->text = s->link = s->own = s->own_link = s->commas = s->n_prose = 0;
            if (depth < MAX_DEPTH) stats(c, n, s, link, depth + 1);
            acc->text += s->text;
            acc->link += s->link;
            acc->n_prose += s->n_prose;
            if (t && (t->flags & T_BLOCK) && s->own >= 80 && s->own_link * 2 < s->own) acc->n_prose++;
            if (!(t && (t->flags & T_BLOCK)) && !is_tag(n, "br")) {
                /* inline: its own text is the parent's own text */
                acc->own += s->own;
                acc->own_link += s->own_link;
                acc->commas += s->commas;
            }
        }
    }
}

static double link_density(const struct nstat *s)
{
    return s->text ? (double)s->link / (double)s->text : 0.0;
}

/* Soft junk (class/id, header, form): junk unless the element holds most of
 * the page's prose. */
static void resolve_soft(struct ctx *c, xmlNode *n, const struct nstat *body, int depth)
{
    for (; n; n = n->next) {
        struct nstat *s = st_of(c, n);
        if (!s || s->junk) continue;
        if (s->neg) {
            /* header and form are soft by tag: libxml2 2.9 does not know
             * HTML5 sectioning, and a missing </header> or an ASP.NET page
             * <form> can swallow the article */
            int majority = s->n_prose * 2 > body->n_prose && s->n_prose >= 2 && link_density(s) < 0.5;
            int keep;
            if (s->neg == NEG_TAG)
                keep = majority || s->text * 2 > body->text;
            else if (s->neg == NEG_WEAK) /* a third of the prose: a wrapper, not a region */
                keep = (s->n_prose * 3 >= body->n_prose && s->n_prose >= 2) || s->text * 3 > body->text;
            else
                keep = (majority && s->n_prose >= 3) ||
                       (s->text * 2 > body->text && link_density(s) < 0.3 && s->text > 500);
            if (!keep) {
                s->junk = 1;
                continue;
            }
        }
        if (depth < MAX_DEPTH) resolve_soft(c, n->children, body, depth + 1);
    }
}

/* ---- scoring ------------------------------------------------------------ */

static void init_candidate(struct ctx *c, xmlNode *n)
{
    struct nstat *s = st_of(c, n);
    const struct tag *t;
    if (!s || s->candidate) return;
    t = tg(c, n);
    s->candidate = 1;
    s->score = (t ? t->prior : 0) + s->weight;
}

static void score(struct ctx *c, xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        struct nstat *s = st_of(c, n);
        const struct tag *t;
        if (!s || s->junk) continue;
        t = tg(c, n);
        if (t && (t->flags & T_BLOCK) && !(t->flags & T_HEAD) && s->own >= MIN_PARA) {
            double own = (double)s->own;
            double sc = 1.0 + (double)s->commas + (own / 100.0 < 3.0 ? (double)(s->own / 100) : 3.0);
            xmlNode *a = n->parent;
            int level;
            sc *= 1.0 - (double)s->own_link / own;
            /* a text-holding block with no block parent is its own candidate */
            init_candidate(c, n);
            s->score += sc / 2.0;
            for (level = 0; a && a->type == XML_ELEMENT_NODE && level < 5; level++, a = a->parent) {
                struct nstat *as = st_of(c, a);
                if (!as) break;
                init_candidate(c, a);
                as->score += sc / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
            }
        }
        if (depth < MAX_DEPTH) score(c, n->children, depth + 1);
    }
}

struct best {
    xmlNode *node[5]; /* borrowed; top five candidates, best first */
    double score[5];
};

static void pick(struct ctx *c, xmlNode *n, struct best *b, int depth)
{
    for (; n; n = n->next) {
        struct nstat *s = st_of(c, n);
        if (!s || s->junk) continue;
        if (s->candidate && !is_tag(n, "html")) {
            /* a block of one short line (a video player's label) cannot be
             * the article, however its scores add up */
            double f = s->score * (1.0 - link_density(s)) * (s->text < 140 ? 0.25 : 1.0);
            int i, j;
            for (i = 0; i < 5; i++) {
                if (!b->node[i] || f > b->score[i]) {
                    for (j = 4; j > i; j--) {
                        b->node[j] = b->node[j - 1];
                        b->score[j] = b->score[j - 1];
                    }
                    b->node[i] = n;
                    b->score[i] = f;
                    break;
                }
            }
        }
        if (depth < MAX_DEPTH) pick(c, n->children, b, depth + 1);
    }
}

static int is_ancestor(const xmlNode *a, const xmlNode *n)
{
    for (n = n ? n->parent : NULL; n; n = n->parent)
        if (n == a) return 1;
    return 0;
}

/* Step 5: widen the winner when the other strong candidates sit under one
 * of its ancestors (Readability's "alternative candidate ancestors"). */
static xmlNode *widen(struct ctx *c, const struct best *b)
{
    xmlNode *top = b->node[0], *a;
    int i, n_alt = 0;
    for (i = 1; i < 5; i++)
        if (b->node[i] && b->score[i] >= 0.75 * b->score[0] && !is_ancestor(b->node[i], top) &&
            !is_ancestor(top, b->node[i]))
            n_alt++;
    if (n_alt < 2) {
        /* climb while the parent holds clearly more prose at a low link
         * density: the winner was one section of a longer text */
        for (a = top->parent; a && a->type == XML_ELEMENT_NODE && !is_tag(a, "body"); a = a->parent) {
            struct nstat *ts = st_of(c, top), *as = st_of(c, a);
            if (!ts || !as || as->n_prose < ts->n_prose + 2 || link_density(as) > 0.25 ||
                as->text > ts->text * 3)
                break;
            top = a;
        }
        return top;
    }
    for (a = top->parent; a && a->type == XML_ELEMENT_NODE && !is_tag(a, "body"); a = a->parent) {
        int k = 0;
        for (i = 1; i < 5; i++)
            if (b->node[i] && b->score[i] >= 0.75 * b->score[0] && is_ancestor(a, b->node[i])) k++;
        if (k >= 2) return a;
    }
    return top;
}

/* The best container the markup names (step 5b): the highest SEM_* level
 * among elements with some prose and few links, the one with most text
 * within a level. */
static xmlNode *best_semantic(struct ctx *c)
{
    xmlNode *best = NULL;
    const struct nstat *bs = NULL;
    size_t i;
    for (i = 0; i < c->n_sem; i++) {
        const struct nstat *s = st_of(c, c->sem[i]);
        const xmlNode *a;
        int junk = 0;
        if (!s || s->junk || s->text < 200 || link_density(s) > 0.4 || !s->n_prose) continue;
        for (a = c->sem[i]->parent; a && !junk; a = a->parent) {
            const struct nstat *as = st_of(c, a);
            junk = as && as->junk;
        }
        if (junk) continue;
        if (!best || s->sem > bs->sem || (s->sem == bs->sem && s->text > bs->text)) {
            best = c->sem[i];
            bs = s;
        }
    }
    return best;
}

/* Scores pick the wrong block when a short box carries a "content" class
 * or the article's paragraphs hold few commas; the markup's own container is
 * then a better answer. It replaces the winner when it holds clearly more of
 * the text, or most of a wider winner's. */
static xmlNode *prefer_semantic(struct ctx *c, xmlNode *top)
{
    xmlNode *sem = best_semantic(c);
    const struct nstat *ss, *ts;
    if (!sem || sem == top) return top;
    ss = st_of(c, sem);
    ts = st_of(c, top);
    if (!ss || !ts) return top;
    if (is_ancestor(sem, top)) /* the winner is part of the container */
        return ts->text * 10 < ss->text * 7 ? sem : top;
    if (is_ancestor(top, sem)) /* the winner is wider */
        return ss->text * 10 >= ts->text * 6 ? sem : top;
    return ss->text * 10 >= ts->text * 8 || ss->n_prose > ts->n_prose ? sem : top;
}

/* ---- output ------------------------------------------------------------- */

static const char *const junk_openers[] = {
    "baca juga", "baca:", "baca selengkapnya", "lihat juga", "simak juga", "tonton juga",
    "simak video", "saksikan video", "artikel terkait", "berita terkait", "read more",
    "read also", "also read", "see also", "related:", "related articles", "related posts",
    "related stories", "advertisement", "scroll to continue", "scroll untuk", "iklan",
    "foto:", "photo:", "(foto", "(photo", "sumber foto", "ilustrasi:", "image:", "bagikan",
    "share this", "share on", "ikuti berita", "ikuti kami", "follow us", "dapatkan update",
    "download aplikasi", "tags:", "tag:", "topik:", "copyright", "\xc2\xa9", "all rights reserved",
    "hak cipta", "tagged:", "tagged with", "tags", "kategorie:", "kategorien:", "category:",
    "categories:", "posted by", "posted in", "filed under", "eingestellt von", "this entry was posted",
    "der beitrag wurde", "dieser beitrag wurde", "erstellt am", "aktualisiert am", "zuletzt aktualisiert",
    "gef\xc3\xa4llt mir", "teilen:", "seite teilen", "artikel teilen", "diesen artikel teilen",
    "weiterlesen", "zum weiterlesen", "mehr zum thema", "lesen sie auch", "lesen sie mehr",
    "auch interessant", "das k\xc3\xb6nnte", "explore further", "keine kommentare", "leave a comment",
    "leave a reply", "kommentar schreiben", "kommentare schreiben", "titelbild:", "bild:", "bildquelle",
    "fotos:", "anzeige", "werbung", "subscribe now", "abonnieren", "sign up for", "follow the",
    "editor:", "penulis:", "pewarta:", "reporter:", "tonton:", "dapatkan berita", "simak berita",
    "artikel ini telah tayang", "klik di sini", "halaman selanjutnya",
    /* calls to action: paywall, print and share prompts, disclaimers */
    "to view the full story", "to continue reading", "if you enjoyed", "already a subscriber",
    "already have an account", "print recipe", "rezept drucken", "alle angaben ohne gew\xc3\xa4hr",
    "m\xc3\xb6" "chten sie den artikel",
    "bereits abonnent", "jetzt abonnieren", "sudah berlangganan",
    /* French, Spanish, Portuguese, Italian, Dutch, Polish */
    "lire aussi", "\xc3\xa0 lire aussi", "voir aussi", "lire la suite", "sur le m\xc3\xaame sujet",
    "lee tambi\xc3\xa9n", "lea tambi\xc3\xa9n", "le\xc3\xa9 tambi\xc3\xa9n", "ver tambi\xc3\xa9n",
    "te puede interesar", "le puede interesar", "mira:", "mira tambi\xc3\xa9n", "noticias relacionadas",
    "leia tamb\xc3\xa9m", "veja tamb\xc3\xa9m", "leia mais", "leggi anche", "articoli correlati",
    "lees ook", "lees meer", "zobacz r\xc3\xb3wnie\xc5\xbc", "zobacz te\xc5\xbc", "czytaj tak\xc5\xbc" "e",
    "czytaj te\xc5\xbc", "przeczytaj tak\xc5\xbc" "e", "przeczytaj r\xc3\xb3wnie\xc5\xbc", NULL};

/* Headings that open the page's trailer: whatever follows them inside the
 * chosen container is related links, comments or an author box. */
static const char *const trailer_heads[] = {
    "related", "related posts", "related articles", "related stories", "you may also like",
    "more from", "more stories", "read more", "comments", "leave a reply", "leave a comment",
    "about the author", "\xc3\xbc" "ber den autor", "\xc3\xbc" "ber die autorin", "zur autorin",
    "zum autor", "kommentare", "kommentar schreiben", "das k\xc3\xb6nnte sie auch interessieren",
    "das k\xc3\xb6nnte dich auch interessieren", "auch interessant", "weitere artikel",
    "mehr zum thema", "mehr zu diesem thema", "\xc3\xa4" "hnliche artikel", "\xc3\xa4" "hnliche beitr\xc3\xa4" "ge",
    "verwandte artikel", "lesen sie auch", "neueste artikel", "meistgelesen", "am meisten gelesen",
    "beliebte artikel", "baca juga", "berita terkait", "artikel terkait", "berita lainnya",
    "terpopuler", "komentar", "tentang penulis",
    /* French, Spanish, Portuguese, Italian, Dutch, Polish */
    "commentaires", "lire aussi", "\xc3\xa0 lire aussi", "sur le m\xc3\xaame sujet", "articles similaires",
    "\xc3\xa0 propos de l'auteur", "comentarios", "noticias relacionadas", "art\xc3\xad" "culos relacionados",
    "te puede interesar", "lee tambi\xc3\xa9n", "sobre el autor", "coment\xc3\xa1rios", "leia tamb\xc3\xa9m",
    "not\xc3\xad" "cias relacionadas", "sobre o autor", "commenti", "articoli correlati", "leggi anche",
    "reacties", "lees ook", "gerelateerde artikelen", "over de auteur", "komentarze", "zobacz r\xc3\xb3wnie\xc5\xbc",
    "zobacz te\xc5\xbc", "czytaj tak\xc5\xbc" "e", "podobne artyku\xc5\x82y", "o autorze", NULL};

/* Byte compare of k bytes ignoring case for ASCII and for the Latin-1
 * letters of UTF-8 (U+00C0..U+00DE fold to U+00E0..U+00FE): the phrase
 * lists are lower case and "\xc3\x9c" (capital U umlaut) must match "\xc3\xbc". */
static int phrase_eq(const char *p, const char *want, size_t k)
{
    size_t i;
    for (i = 0; i < k; i++) {
        unsigned char a = (unsigned char)p[i], b = (unsigned char)want[i];
        if (i > 0 && (unsigned char)p[i - 1] == 0xC3 && (unsigned char)want[i - 1] == 0xC3) {
            if (a >= 0x80 && a <= 0x9E && a != 0x97) a = (unsigned char)(a + 0x20);
            if (a != b) return 0;
            continue;
        }
        if (tolower(a) != tolower(b)) return 0;
    }
    return 1;
}

/* Whether the heading p[0..n) is one of trailer_heads, ignoring case and
 * trailing punctuation ("Kommentare (3)", "Related:"). */
static int is_trailer_head(const char *p, size_t n)
{
    size_t i;
    while (n && (p[n - 1] == ':' || p[n - 1] == '.' || p[n - 1] == ' ' || p[n - 1] == ')' ||
                 isdigit((unsigned char)p[n - 1]) || p[n - 1] == '('))
        n--;
    for (i = 0; trailer_heads[i]; i++) {
        size_t k = strlen(trailer_heads[i]);
        if (n == k && phrase_eq(p, trailer_heads[i], k)) return 1;
    }
    return 0;
}

static int opens_like_junk(const char *p, size_t len)
{
    size_t i;
    for (i = 0; junk_openers[i]; i++) {
        size_t k = strlen(junk_openers[i]);
        if (len >= k && phrase_eq(p, junk_openers[i], k)) return 1;
    }
    return 0;
}

/* Write a kept paragraph. A heading waits in c->heading until a paragraph
 * follows it: a heading whose section was all dropped ("Related posts"
 * above a dropped link list, "Comments" above a dropped form) goes too. */
static void para_write(struct ctx *c, const char *p, size_t n, int heading)
{
    if (heading) {
        buf_reset(&c->heading);
        append_(&c->heading, p, n);
        return;
    }
    if (c->heading.len) {
        if (c->text.len) append_(&c->text, "\n\n", 2);
        append_(&c->text, c->heading.ptr, c->heading.len);
        buf_reset(&c->heading);
    }
    if (c->text.len) append_(&c->text, "\n\n", 2);
    append_(&c->text, p, n);
}

static void para_flush(struct ctx *c, int heading)
{
    struct buf *p = &c->para;
    size_t n = p->len;
    int keep = 1;
    while (n && (p->ptr[n - 1] == ' ' || p->ptr[n - 1] == '\n')) n--;
    c->pending_space = 0;
    c->br_run = 0;
    if (!n) goto done;
    if (heading && c->title && strncasecmp(p->ptr, c->title, n) == 0 && c->title[n] == '\0') keep = 0;
    if (heading && c->text.len && is_trailer_head(p->ptr, n)) c->trailer = 1;
    /* a bold line that reads as a trailer heading ("Über den Autor" in a
     * styled <div>) waits like a heading: written only if text follows */
    else if (!heading && n < 40 && c->text.len && is_trailer_head(p->ptr, n)) heading = 1;
    if (c->trailer) keep = 0;
    /* a block that is mostly link text is navigation, unless it is long */
    if (!heading && c->para_link * 10 > n * 6 && n < 300) keep = 0;
    if (n < 200 && opens_like_junk(p->ptr, n)) keep = 0;
    if (keep) para_write(c, p->ptr, n, heading);
done:
    buf_reset(p);
    c->para_link = 0;
}

static void put_text(struct ctx *c, const unsigned char *t)
{
    size_t k;
    while (*t) {
        if (!c->in_pre && is_space_at(t, 2, &k)) {
            c->pending_space = 1;
            t += k;
            continue;
        }
        if (c->pending_space && c->para.len && c->para.ptr[c->para.len - 1] != '\n') {
            putc_(&c->para, ' ');
            if (c->in_link) c->para_link++;
        }
        c->pending_space = 0;
        c->br_run = 0;
        if (c->in_pre && *t == '\r') {
            t++;
            continue;
        }
        putc_(&c->para, (char)*t);
        if (c->in_link) c->para_link++;
        t++;
    }
}

static void emit(struct ctx *c, xmlNode *n, int depth);

/* Write one node (not its following siblings). */
static void emit_node(struct ctx *c, xmlNode *n, int depth)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) put_text(c, n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
        struct nstat *s = st_of(c, n);
        const struct tag *t;
        int block, link, pre;
        if (!s || s->junk || depth >= MAX_DEPTH) return;
        if (is_tag(n, "br")) {
            if (++c->br_run >= 2) {
                para_flush(c, 0);
            } else if (c->para.len) {
                putc_(&c->para, '\n');
                c->pending_space = 0;
            }
            return;
        }
        t = tg(c, n);
        block = t && (t->flags & T_BLOCK);
        link = is_tag(n, "a");
        pre = t && (t->flags & T_PRE);
        if (block) para_flush(c, 0);
        c->in_link += link;
        c->in_pre += pre;
        emit(c, n->children, depth + 1);
        c->in_link -= link;
        c->in_pre -= pre;
        if (block) para_flush(c, t->flags & T_HEAD);
        else if (is_tag(n, "img") == 0 && !link && c->para.len == 0) c->br_run = 0;
    }
}

/* Write n and its following siblings. */
static void emit(struct ctx *c, xmlNode *n, int depth)
{
    for (; n; n = n->next) emit_node(c, n, depth);
}

/* Output the winner and its qualifying siblings (Readability's sibling
 * rule: a fifth of the top score, or a prose paragraph with few links). */
static void emit_content(struct ctx *c, xmlNode *top, double top_score)
{
    xmlNode *parent = top->parent, *sib;
    double threshold = top_score * 0.2 > 10.0 ? top_score * 0.2 : 10.0;
    const struct nstat *ts = st_of(c, top);
    int named = ts && ts->sem >= SEM_CLASS;
    if (!parent || is_tag(top, "body") || parent->type != XML_ELEMENT_NODE) {
        emit_node(c, top, 0);
        para_flush(c, 0);
        return;
    }
    for (sib = parent->children; sib; sib = sib->next) {
        struct nstat *s = st_of(c, sib);
        int take = 0;
        if (sib == top) {
            take = 1;
        } else if (s && !s->junk && s->text) {
            double ld = link_density(s);
            if (s->candidate && s->score * (1.0 - ld) >= threshold) take = 1;
            else if (named) /* a named body's neighbours join only on their score */
                take = 0;
            else if (is_tag(sib, "p") || (tg(c, sib) && (tg(c, sib)->flags & T_HEAD) == 0 && s->own == s->text)) {
                if (s->text > 80 && ld < 0.25) take = 1;
                else if (s->text > 0 && s->text <= 80 && ld == 0.0 && is_tag(sib, "p")) take = 1;
            }
        } else if (sib->type == XML_TEXT_NODE && sib->content) {
            size_t commas = 0;
            if (text_len(sib->content, &commas) > 80) take = 1;
        }
        if (take) {
            if (sib->type == XML_TEXT_NODE) {
                put_text(c, sib->content);
                para_flush(c, 0);
            } else {
                para_flush(c, 0);
                c->in_link += is_tag(sib, "a");
                emit_node(c, sib, 0);
                c->in_link -= is_tag(sib, "a");
                para_flush(c, 0);
            }
        }
    }
}

/* ---- the lead (step 5c) ------------------------------------------------- */

/* Many pages put the article's lead ("teaser", "excerpt", "intro",
 * "Einleitung", "chapo") in the header next to the <h1>, outside the
 * container that holds the body, and often in a box whose class reads like
 * boilerplate ("teaser") or in a <header>, which step 3 drops. The lead is
 * the prose between the title heading and the chosen container. */

#define LEAD_MAX_BLOCKS 6 /* more prose than this between title and body is not a lead */
#define LEAD_MAX_VISIT 4000 /* elements walked between the title and the body */

/* Copy of s keeping only letters and digits (ASCII lower-cased, other
 * bytes as they are), at most cap-1 bytes; returns the length. */
static size_t alnum_fold(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x80 || isalnum(ch)) out[n++] = (char)tolower(ch);
    }
    out[n] = '\0';
    return n;
}

/* Whether heading text h and title t name the same thing once punctuation
 * and spacing are ignored: "Kicker<span>Title</span>" against "Kicker -
 * Title", or a heading that is the title without its kicker. The shorter
 * must hold 16 letters or more and sit inside the longer. */
static int title_like(const char *h, const char *t)
{
    char a[512], b[512];
    size_t na = alnum_fold(h, a, sizeof a), nb = alnum_fold(t, b, sizeof b);
    if (na < 16 || nb < 16 || na + 1 >= sizeof a || nb + 1 >= sizeof b) return 0;
    return na <= nb ? strstr(b, a) != NULL : strstr(a, b) != NULL;
}

/* The <h1> that carries the title: the first whose text matches the final
 * title (one is a prefix of the other, or title_like), else the only one. */
static const xmlNode *title_heading(const struct ctx *c, int *by_text)
{
    int i, n = c->n_h1 < 8 ? c->n_h1 : 8;
    *by_text = 0;
    if (!c->title) return c->n_h1 == 1 ? c->h1s[0] : NULL;
    for (i = 0; i < n; i++) {
        char *t = node_text(c->h1s[i]);
        int match = 0;
        if (t) {
            size_t a = strlen(t), b = strlen(c->title), k = a < b ? a : b;
            match = k >= 8 && strncasecmp(t, c->title, k) == 0;
            if (!match) match = title_like(t, c->title);
        }
        free(t);
        if (match) {
            *by_text = 1;
            return c->h1s[i];
        }
    }
    return c->n_h1 == 1 ? c->h1s[0] : NULL;
}

/* For the lead only: with no <h1> at all, the first <h2> whose text is the
 * title (title_like), since some pages set the headline in an <h2>. */
static const xmlNode *title_heading_lead(const struct ctx *c, int *by_text)
{
    const xmlNode *h = title_heading(c, by_text);
    int i;
    if (h || c->n_h1 || !c->title) return h;
    for (i = 0; i < c->n_h2; i++) {
        char *t = node_text(c->h2s[i]);
        int match = t && title_like(t, c->title);
        free(t);
        if (match) {
            *by_text = 1;
            return c->h2s[i];
        }
    }
    return NULL;
}

/* Levels from n up to its ancestor a (n itself: 0); -1 when a is not one. */
static int levels_up(const xmlNode *a, const xmlNode *n)
{
    int k = 0;
    for (; n; n = n->parent, k++)
        if (n == a) return k;
    return -1;
}

/* Step 5d: pages that show several articles one after another (infinite
 * scroll, a feed of full posts) can make a longer neighbour win. When the
 * <h1> carrying the page's title is far from the chosen block, the best
 * candidate in the smallest element around that heading which holds prose
 * replaces it, provided that element does not also hold the winner. */
static xmlNode *near_title(struct ctx *c, xmlNode *top)
{
    int by_text;
    const xmlNode *h = title_heading(c, &by_text);
    xmlNode *a;
    struct best b;
    const struct nstat *s;
    if (!h || !by_text || h == top || is_ancestor(top, h)) return top;
    for (a = top->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        if (is_ancestor(a, h)) break;
    if (!a || levels_up(a, top) <= 2) return top;
    /* the smallest ancestor of h with two prose blocks */
    for (a = h->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent) {
        s = st_of(c, a);
        if (s && !s->junk && s->n_prose >= 2) break;
    }
    if (!a || a->type != XML_ELEMENT_NODE || is_tag(a, "body") || is_ancestor(a, top)) return top;
    memset(&b, 0, sizeof b);
    pick(c, a->children, &b, 0);
    if (!b.node[0]) return top;
    s = st_of(c, b.node[0]);
    if (!s || s->n_prose < 2) return top;
    return widen(c, &b);
}

/* Words a class/id gives a lead or standfirst; a heading so named
 * ("<h2 class=article-lead>") is the lead set large, not a section title. */
static const char *const lead_words[] = {
    "lead", "intro", "summary", "abstract", "subtitle", "subheadline", "standfirst", "excerpt",
    "deck", "chapo", "description", NULL};

static int names_lead(const xmlNode *n)
{
    const char *vals[2];
    int i;
    vals[0] = attr_ref(n, "class");
    vals[1] = attr_ref(n, "id");
    for (i = 0; i < 2; i++) {
        const char *v = vals[i];
        while (v && *v) {
            char w[48];
            size_t k = 0;
            while (*v && !isalnum((unsigned char)*v)) v++;
            for (; *v && isalnum((unsigned char)*v); v++)
                if (k < sizeof w) w[k++] = (char)tolower((unsigned char)*v);
            if (k && in_list(w, k, lead_words)) return 1;
        }
    }
    return 0;
}

/* Whether the own text of block n reads like prose: enough words, few
 * links, and a sentence end unless it is long. A heading qualifies only
 * when allow_head is set (the first block after the title) and its class
 * names a lead. */
static int lead_like(const struct ctx *c, const xmlNode *n, const struct nstat *s, int allow_head)
{
    const struct tag *t = tg(c, n);
    xmlChar *raw;
    size_t len, words = 0, i;
    int end_ok = 0;
    if (!t || !(t->flags & T_BLOCK) || (t->flags & T_LIST)) return 0;
    if ((t->flags & T_HEAD) && (!allow_head || !names_lead(n))) return 0;
    if (s->own < 40 || s->own_link * 5 > s->own || s->neg == NEG_STRONG) return 0;
    raw = xmlNodeGetContent((xmlNode *)n);
    if (!raw) return 0;
    len = strlen((const char *)raw);
    while (len && isspace(raw[len - 1])) len--;
    for (i = 0; i < len; i++)
        if (isspace(raw[i]) && i + 1 < len && !isspace(raw[i + 1])) words++;
    if (len) {
        unsigned char e = raw[len - 1];
        end_ok = e == '.' || e == '!' || e == '?' || e == '"' || e == ')' || e == ':' ||
                 (len >= 3 && (unsigned char)raw[len - 3] == 0xE2); /* closing quotes, ellipsis */
    }
    xmlFree(raw);
    return words >= 8 && (end_ok || s->own >= 150);
}

/* Whether n's text equals that of one of take[0..n_take): a header that
 * carries the lead twice (desktop and mobile variants) gives it once. */
static int same_text_taken(const xmlNode *n, xmlNode *const *take, size_t n_take)
{
    char *t = node_text(n), *u;
    size_t i;
    int same = 0;
    for (i = 0; t && i < n_take && !same; i++) {
        u = node_text(take[i]);
        same = u && strcmp(t, u) == 0;
        free(u);
    }
    free(t);
    return same;
}

/* Write the lead blocks take[0..n) as paragraphs of their own. A block
 * may sit in soft junk (its own "teaser" box), so its junk mark is lifted
 * while it is written. A block whose text body (may be NULL) repeats --
 * the body's first paragraph restating the lead -- is written only once,
 * by the body. */
static void emit_taken(struct ctx *c, xmlNode *const *take, size_t n, const char *body)
{
    size_t i;
    for (i = 0; i < n; i++) {
        struct nstat *s = st_of(c, take[i]);
        unsigned char junk = s->junk;
        if (body) {
            char *t = node_text(take[i]);
            int dup = t && strstr(body, t) != NULL;
            free(t);
            if (dup) continue;
        }
        s->junk = 0;
        para_flush(c, 0);
        emit_node(c, take[i], 0);
        para_flush(c, 0);
        s->junk = junk;
    }
}

/* The title heading h sits inside the winner top, but in a soft-junk box
 * (a <header>, a "teaser" wrapper) that step 3 dropped, with the lead after
 * it in the same box: write the lead-like blocks that follow h inside the
 * outermost such box, at most LEAD_MAX_BLOCKS of them, else none. */
static void emit_header_lead(struct ctx *c, xmlNode *top, const xmlNode *h)
{
    xmlNode *box = NULL, *a, *cur, *take[LEAD_MAX_BLOCKS];
    size_t n_take = 0, visit = 0;
    for (a = h->parent; a && a != top; a = a->parent) {
        const struct nstat *s = st_of(c, a);
        if (!s) return;
        if (s->junk && (!s->neg || s->neg == NEG_STRONG)) return; /* hard or strong junk */
        if (s->junk) box = a;
    }
    if (!box) return;
    cur = (xmlNode *)h;
    while (cur != box && !cur->next) cur = cur->parent;
    cur = cur == box ? NULL : cur->next;
    while (cur && visit++ < LEAD_MAX_VISIT) {
        struct nstat *s = st_of(c, cur);
        int descend = 0;
        if (cur->type == XML_ELEMENT_NODE && s) {
            int soft_ok = !s->junk || (s->neg && s->neg != NEG_STRONG);
            if (soft_ok && lead_like(c, cur, s, n_take == 0)) {
                if (!same_text_taken(cur, take, n_take)) {
                    if (n_take == LEAD_MAX_BLOCKS) return;
                    take[n_take++] = cur;
                }
            } else if (soft_ok) {
                descend = 1;
            }
        }
        if (descend && cur->children) {
            cur = cur->children;
            continue;
        }
        while (cur && cur != box && !cur->next) cur = cur->parent;
        cur = !cur || cur == box ? NULL : cur->next;
    }
    emit_taken(c, take, n_take, NULL);
}

/* Emit the lead blocks between the title heading and top (document order),
 * before top's own text. Subtrees that are hard junk or carry a strong
 * boilerplate word are skipped; <header> and weak words ("teaser") are
 * looked into, since that is where leads live. */
static void emit_lead(struct ctx *c, xmlNode *top)
{
    int by_text;
    const xmlNode *h = title_heading_lead(c, &by_text);
    xmlNode *cur, *take[LEAD_MAX_BLOCKS];
    size_t n_take = 0, visit = 0;
    char *body = NULL; /* top's text, to spot a lead the body repeats */
    if (h && h != top && is_ancestor(top, h)) {
        emit_header_lead(c, top, h);
        return;
    }
    if (!h || h == top || is_ancestor(h, top)) return;
    /* walk forward from the end of h's subtree; reaching top ends the walk,
     * walking out of top's ancestors means h was after top */
    cur = (xmlNode *)h;
    while (cur && !cur->next) cur = cur->parent;
    cur = cur ? cur->next : NULL;
    while (cur && cur != top && visit++ < LEAD_MAX_VISIT) {
        struct nstat *s = st_of(c, cur);
        int descend = 0;
        if (cur->type == XML_ELEMENT_NODE && s) {
            int soft_ok = !s->junk || (s->neg && s->neg != NEG_STRONG);
            if (is_ancestor(cur, top)) {
                descend = 1;
            } else if (soft_ok && lead_like(c, cur, s, n_take == 0)) {
                if (!same_text_taken(cur, take, n_take)) {
                    if (n_take == LEAD_MAX_BLOCKS) return;
                    take[n_take++] = cur;
                }
            } else if (soft_ok) {
                descend = 1;
            }
        }
        if (descend && cur->children) {
            cur = cur->children;
            continue;
        }
        while (cur && !cur->next) {
            cur = cur->parent;
            if (cur && cur->type != XML_ELEMENT_NODE) cur = NULL;
        }
        cur = cur ? cur->next : NULL;
    }
    if (cur != top) return;
    if (n_take) body = node_text(top);
    emit_taken(c, take, n_take, body);
    free(body);
}

/* ---- paragraph classifier fallback (step 6b) ----------------------------- */

/* When the chosen container yields almost nothing (the article sits in a
 * box step 3 dropped, or the winner was a short widget), the page is read
 * the way jusText reads it: every leaf text block is classified on its own
 * as good (prose: lead_like), bad (mostly links) or short, a short block
 * turns good when it sits between good ones (or is a heading before one),
 * and the good blocks are written in document order. */

#define JT_MAX 4096 /* blocks classified per page */
#define JT_SHORT_TEXT 500 /* bytes of main text below which the fallback runs */

enum { JT_BAD, JT_SHORT, JT_GOOD };

struct jt {
    xmlNode **node;       /* owned array of borrowed nodes, document order */
    unsigned char *cls;   /* owned; JT_* per node */
    size_t n;
    size_t good_text;     /* characters in good blocks */
};

static void jt_collect(struct ctx *c, xmlNode *n, struct jt *j, int depth)
{
    for (; n && j->n < JT_MAX; n = n->next) {
        struct nstat *s = st_of(c, n);
        const struct tag *t;
        if (!s || depth >= MAX_DEPTH) continue;
        if ((s->junk && !s->neg) || s->neg == NEG_STRONG) continue; /* hard junk, strong class words */
        t = tg(c, n);
        if (t && (t->flags & T_BLOCK) && s->own >= MIN_PARA && s->text - s->own < MIN_PARA) {
            unsigned char k = JT_SHORT;
            if (lead_like(c, n, s, 0)) k = JT_GOOD;
            else if (s->own_link * 2 > s->own) k = JT_BAD;
            j->node[j->n] = n;
            j->cls[j->n++] = k;
            continue;
        }
        jt_collect(c, n->children, j, depth + 1);
    }
}

/* Replace c->text with the good blocks of the page when they hold clearly
 * more text. */
static void jt_fallback(struct ctx *c)
{
    struct jt j;
    size_t i, good = 0;
    memset(&j, 0, sizeof j);
    j.node = kb_malloc(JT_MAX * sizeof *j.node);
    j.cls = kb_malloc(JT_MAX);
    jt_collect(c, c->body->children, &j, 0);
    /* context: a short block between good neighbours (or a heading right
     * before a good block) is part of the text */
    for (i = 0; i < j.n; i++) {
        size_t p, q;
        int prev_good = 0, next_good = 0;
        if (j.cls[i] != JT_SHORT) continue;
        for (p = i; p-- > 0;)
            if (j.cls[p] != JT_SHORT) {
                prev_good = j.cls[p] == JT_GOOD;
                break;
            }
        for (q = i + 1; q < j.n; q++)
            if (j.cls[q] != JT_SHORT) {
                next_good = j.cls[q] == JT_GOOD;
                break;
            }
        if (next_good && (prev_good || (tg(c, j.node[i])->flags & T_HEAD))) j.cls[i] = JT_GOOD + 1;
    }
    for (i = 0; i < j.n; i++)
        if (j.cls[i] >= JT_GOOD) good += st_of(c, j.node[i])->own;
    if (good >= 200 && good > 2 * c->text.len) {
        buf_reset(&c->text);
        buf_reset(&c->heading);
        buf_reset(&c->para);
        c->para_link = 0;
        c->trailer = 0;
        for (i = 0; i < j.n; i++) {
            struct nstat *s = st_of(c, j.node[i]);
            unsigned char junk = s->junk;
            if (j.cls[i] < JT_GOOD) continue;
            s->junk = 0; /* soft junk: the fallback reads past class words */
            para_flush(c, 0);
            emit_node(c, j.node[i], 0);
            para_flush(c, (tg(c, j.node[i])->flags & T_HEAD) != 0);
            s->junk = junk;
        }
    }
    free(j.node);
    free(j.cls);
}

/* ---- metadata finishing ------------------------------------------------- */

/* Title without a " | Site" / " - Site" suffix (or prefix). */
static char *strip_site(const char *title, const char *site)
{
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ",
                                       " \xc2\xbb ", " \xc2\xb7 ", " / ", NULL};
    size_t i, len = strlen(title);
    for (i = 0; seps[i]; i++) {
        const char *last = NULL, *p = title, *first;
        size_t k = strlen(seps[i]);
        while ((p = strstr(p, seps[i])) != NULL) {
            last = p;
            p += k;
        }
        if (!last) continue;
        first = strstr(title, seps[i]);
        if (site && *site) {
            if (strcasecmp(last + k, site) == 0 || strncasecmp(last + k, site, strlen(site)) == 0)
                return kb_strndup(title, (size_t)(last - title));
            if ((size_t)(first - title) == strlen(site) && strncasecmp(title, site, (size_t)(first - title)) == 0)
                return kb_strdup(first + k);
        }
        /* no site name to compare: drop a short last part (<= 4 words) that is
         * shorter than what precedes it */
        {
            size_t tail = len - (size_t)(last - title) - k, words = 1;
            const char *q;
            for (q = last + k; *q; q++) words += *q == ' ';
            if (words <= 4 && tail < (size_t)(last - title)) return kb_strndup(title, (size_t)(last - title));
        }
    }
    return kb_strdup(title);
}

static char *host_of(const char *url)
{
    const char *p, *e;
    if (!url) return NULL;
    p = strstr(url, "://");
    if (!p) return NULL;
    p += 3;
    e = p;
    while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#') e++;
    if (e == p) return NULL;
    if ((size_t)(e - p) > 4 && strncasecmp(p, "www.", 4) == 0) p += 4;
    return kb_strndup(p, (size_t)(e - p));
}

/* A date in a URL path: /2024/10/18/, /2024-10-18, /20241018 or /2024/10/. */
static int url_date(const char *url, char out[DATE_MAX])
{
    const char *p;
    if (!url || !(p = strstr(url, "://"))) return -1;
    p = strchr(p + 3, '/');
    for (; p && *p; p++) {
        int y, m, d;
        char tmp[16];
        if (*p != '/' && *p != '-' && *p != '_') continue;
        if (sscanf(p + 1, "%4d/%2d/%2d/", &y, &m, &d) == 3 || sscanf(p + 1, "%4d-%2d-%2d", &y, &m, &d) == 3 ||
            (isdigit((unsigned char)p[1]) && strspn(p + 1, "0123456789") == 8 &&
             sscanf(p + 1, "%4d%2d%2d", &y, &m, &d) == 3)) {
            if (y >= 1995 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
                snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
                if (date_normalize(tmp, strlen(tmp), out) == 0) return 0;
            }
        }
    }
    return -1;
}

static char *norm_date(const char *s)
{
    char out[DATE_MAX];
    if (s && date_normalize(s, strlen(s), out) == 0) return kb_strdup(out);
    return NULL;
}

static char *norm_lang(const char *s)
{
    size_t n = 0;
    char t[16];
    if (!s) return NULL;
    while (s[n] && isalpha((unsigned char)s[n]) && n < 8) {
        t[n] = (char)tolower((unsigned char)s[n]);
        n++;
    }
    if (n < 2 || n > 3) return NULL;
    t[n] = '\0';
    return kb_strdup(t);
}

static char *resolve_url(const char *href, const char *base)
{
    const char *p;
    if (!href) return NULL;
    if (strstr(href, "://")) return kb_strdup(href);
    if (!base || !(p = strstr(base, "://"))) return NULL;
    if (href[0] == '/' && href[1] == '/') {
        size_t k = (size_t)(p - base) + 1;
        char *r = kb_malloc(k + strlen(href) + 1);
        memcpy(r, base, k);
        memcpy(r + k, href, strlen(href) + 1);
        return r;
    }
    if (href[0] == '/') {
        const char *e = strchr(p + 3, '/');
        size_t k = e ? (size_t)(e - base) : strlen(base);
        char *r = kb_malloc(k + strlen(href) + 1);
        memcpy(r, base, k);
        memcpy(r + k, href, strlen(href) + 1);
        return r;
    }
    return NULL;
}

static void finish_meta(struct ctx *c, const char *url, struct extract_result *r)
{
    const char *site = c->og_site ? c->og_site : c->jl_publisher ? c->jl_publisher : c->app_name;
    const char *t = c->og_title ? c->og_title : c->jl_headline;
    const char *author = c->jl_author ? c->jl_author : c->m_author ? c->m_author : c->ip_author;
    const char *dates[6];
    const char *langs[4];
    size_t i;

    if (t) r->title = strip_site(t, site);
    else if (c->n_h1 == 1 && c->h1) r->title = kb_strdup(c->h1);
    else if (c->m_title) r->title = strip_site(c->m_title, site);
    else if (c->h1) r->title = kb_strdup(c->h1);

    r->url = resolve_url(c->canonical, url);
    if (!r->url) r->url = resolve_url(c->og_url, url);
    if (!r->url && url) r->url = kb_strdup(url);

    if (site) r->site = kb_strdup(site);
    else r->site = host_of(r->url ? r->url : url);
    if (author) r->author = kb_strdup(author);

    dates[0] = c->m_date;
    dates[1] = c->jl_date;
    dates[2] = c->ip_date;
    dates[3] = c->time_date;
    dates[4] = NULL;
    for (i = 0; i < 4 && !r->published; i++) r->published = norm_date(dates[i]);
    if (!r->published) {
        char out[DATE_MAX];
        if (url_date(r->url, out) == 0 || url_date(url, out) == 0) r->published = kb_strdup(out);
    }
    if (!r->published) r->published = norm_date(c->time_any_date);

    langs[0] = c->html_lang;
    langs[1] = c->m_lang;
    langs[2] = c->jl_lang;
    langs[3] = c->og_locale;
    for (i = 0; i < 4 && !r->lang; i++) r->lang = norm_lang(langs[i]);
}

/* articleBody as text: whitespace collapsed inside lines, one paragraph per
 * non-empty line. */
static void body_text(const char *s, struct buf *out)
{
    const char *p = s;
    buf_reset(out);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *line = kb_strndup(p, n), *cl = clean_dup(line);
        if (cl) {
            if (out->len) append_(out, "\n\n", 2);
            append_(out, cl, strlen(cl));
        }
        free(cl);
        free(line);
        p += n;
        if (*p) p++;
    }
}

static void ctx_release(struct ctx *c)
{
    char **f[] = {&c->m_title, &c->og_title, &c->jl_headline, &c->h1, &c->og_site, &c->jl_publisher,
                  &c->app_name, &c->m_author, &c->jl_author, &c->ip_author, &c->m_date, &c->jl_date,
                  &c->ip_date, &c->time_date, &c->time_any_date, &c->canonical, &c->og_url,
                  &c->html_lang, &c->m_lang, &c->og_locale, &c->jl_lang, &c->jl_body};
    size_t i;
    for (i = 0; i < sizeof f / sizeof f[0]; i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
    free(c->st);
    if (c->doc) xmlFreeDoc(c->doc);
    buf_release(&c->text);
    buf_release(&c->para);
    buf_release(&c->heading);
}

void extract_result_init(struct extract_result *r)
{
    memset(r, 0, sizeof *r);
}

void extract_result_release(struct extract_result *r)
{
    free(r->title);
    free(r->published);
    free(r->site);
    free(r->author);
    free(r->url);
    free(r->lang);
    free(r->text);
    extract_result_init(r);
}

static xmlNode *find_body(xmlNode *n)
{
    for (; n; n = n->next) {
        if (is_tag(n, "body")) return n;
        if (is_tag(n, "html")) {
            xmlNode *b = find_body(n->children);
            if (b) return b;
        }
    }
    return NULL;
}

int extract_html(const char *html, size_t len, const char *content_type, const char *url,
                 struct extract_result *out, struct kb_err *err)
{
    struct ctx c;
    struct buf u8;
    xmlNode *root;
    int rc = 0;

    extract_result_init(out);
    if (len > EXTRACT_MAX_INPUT)
        return kb_err_set(err, KB_ETOOBIG, "extract: page of %zu bytes exceeds the %zu-byte limit", len,
                          EXTRACT_MAX_INPUT);
    memset(&c, 0, sizeof c);
    buf_init(&c.text, 0);
    buf_init(&c.para, 0);
    buf_init(&c.heading, 0);
    buf_init(&u8, 0);

    charset_detect(html, len, content_type, out->charset);
    rc = charset_to_utf8(html, len, out->charset, &u8, err);
    if (rc == 0 && u8.len > (size_t)INT32_MAX) rc = kb_err_set(err, KB_ETOOBIG, "extract: page too large");
    if (rc == 0 && u8.len == 0) {
        out->text = kb_strdup("");
        goto done;
    }
    if (rc == 0) {
        c.doc = htmlReadMemory(u8.ptr, (int)u8.len, NULL, "UTF-8",
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
        if (!c.doc) rc = kb_err_set(err, KB_EPARSE, "extract: libxml2 could not parse the page");
    }
    if (rc) goto done;
    root = xmlDocGetRootElement(c.doc);
    if (root) meta_walk(&c, root, 0);
    finish_meta(&c, url, out);
    c.title = out->title;
    c.body = root ? (is_tag(root, "body") ? root : find_body(root)) : NULL;
    if (!c.body) c.body = root;
    if (c.body) {
        struct nstat *bs;
        struct best b;
        number(&c, c.body, 0);
        mark(&c, c.body, 0);
        bs = st_of(&c, c.body);
        if (bs && !bs->junk) {
            xmlNode *top, *anchored;
            bs->junk = 0;
            stats(&c, c.body, bs, 0, 0);
            resolve_soft(&c, c.body->children, bs, 0);
            bs->text = bs->link = bs->own = bs->own_link = bs->commas = bs->n_prose = 0;
            stats(&c, c.body, bs, 0, 0);
            score(&c, c.body->children, 0);
            memset(&b, 0, sizeof b);
            pick(&c, c.body->children, &b, 0);
            top = b.node[0] ? widen(&c, &b) : c.body;
            top = prefer_semantic(&c, top);
            anchored = near_title(&c, top);
            emit_lead(&c, anchored);
            emit_content(&c, anchored, b.node[0] ? b.score[0] : 0.0);
            /* a short text is trusted when the title heading chose it or
             * the markup names it as the body */
            if (c.text.len < JT_SHORT_TEXT && anchored == top && st_of(&c, top)->sem < SEM_CLASS) jt_fallback(&c);
        }
    }
    /* Step 7: the structured body wins when the page shows much less. */
    if (c.jl_body) {
        size_t jl = strlen(c.jl_body);
        if (jl > 200 && c.text.len * 10 < jl * 6) {
            body_text(c.jl_body, &c.text);
            out->from_jsonld = 1;
        }
    }
    out->text_len = c.text.len;
    out->text = buf_take(&c.text);
done:
    buf_release(&u8);
    ctx_release(&c);
    if (rc) extract_result_release(out);
    return rc;
}
