/* feed.c -- RSS 2.0 / RSS 1.0 / Atom documents into feed items.
 *
 * Owns: the libxml2 document of one feed_parse call and the per-item string
 * buffers (reused from item to item); nothing outlives the call.
 *
 * Safety: the XML parser runs with XML_PARSE_NONET | XML_PARSE_RECOVER |
 * XML_PARSE_NOERROR | XML_PARSE_NOWARNING and deliberately WITHOUT
 * XML_PARSE_NOENT and XML_PARSE_DTDLOAD: entity references are left in the
 * tree as nodes and never expanded (a "billion laughs" feed stays small),
 * and no external DTD or entity is fetched. The text of an element is
 * collected by our own walk over text and CDATA nodes, which skips entity
 * reference nodes (libxml2's xmlNodeGetContent would expand them). The five
 * predefined XML entities and character references are decoded by the
 * parser itself, so ordinary text is unaffected.
 *
 * Algorithm: find the root (rss, rdf:RDF or Atom feed; otherwise KB_EPARSE),
 * read the channel/feed metadata (link, language), then for each item/entry
 * pick, by element name and namespace:
 *   url       RSS link, else guid unless isPermaLink="false"; Atom
 *             link[rel=alternate or no rel], else an http(s) id
 *   date      pubDate, dc:date, Atom published, else updated
 *   body      content:encoded (RSS) / Atom content (type html: as is;
 *             xhtml: the serialised children; text: escaped to HTML)
 *   summary   description / Atom summary
 *   author    author, dc:creator, Atom author/name
 * Element names are matched on their local name with the namespace checked
 * where two vocabularies share a name (content, date, creator). */
#include "feed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "mem.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define SNIFF_BYTES 4096
#define FIELD_MAX ((size_t)64 << 20) /* bytes of one item field */
#define DEPTH_MAX 256

/* Per-item field buffers, reused across items. */
enum { I_URL, I_GUID, I_TITLE, I_DATE, I_UPDATED, I_AUTHOR, I_HTML, I_SUMMARY, I_COUNT };

struct parse {
    struct buf f[I_COUNT];  /* field text; ptr NULL/len 0 when absent */
    int have[I_COUNT];      /* 1 when the field was seen */
    struct buf site;        /* channel link */
    struct buf lang;        /* channel language */
    feed_item_fn fn;        /* borrowed */
    void *ctx;              /* borrowed */
    size_t index;           /* items so far */
};

/* Appends to capped buffers may fail with KB_ETOOBIG; the field then keeps
 * the prefix that fitted, which is the right outcome for a runaway feed. */
static void capped(int rc) { (void)rc; }

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static int name_is(const xmlNode *n, const char *local) { return n->name && strcmp((const char *)n->name, local) == 0; }

static int ns_is(const xmlNode *n, const char *uri)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, uri) == 0;
}

static const char *attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;
    for (a = n->properties; a; a = a->next)
        if (a->name && strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

/* Text and CDATA below n, entity references skipped (see the top). */
static int collect(const xmlNode *n, struct buf *out, int depth)
{
    const xmlNode *c;
    if (depth > DEPTH_MAX) return 0;
    for (c = n->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            if (buf_puts(out, (const char *)c->content)) return KB_ETOOBIG;
        } else if (c->type == XML_ELEMENT_NODE) {
            if (collect(c, out, depth + 1)) return KB_ETOOBIG;
        }
    }
    return 0;
}

static void set_text(struct parse *p, int f, const xmlNode *n)
{
    buf_reset(&p->f[f]);
    (void)collect(n, &p->f[f], 0); /* a field past FIELD_MAX keeps its prefix */
    p->have[f] = 1;
}

static int trimmed_empty(const struct buf *b)
{
    size_t i;
    for (i = 0; i < b->len; i++)
        if (b->ptr[i] != ' ' && b->ptr[i] != '\t' && b->ptr[i] != '\n' && b->ptr[i] != '\r') return 0;
    return 1;
}

static const char *val(struct parse *p, int f)
{
    if (!p->have[f] || trimmed_empty(&p->f[f])) return NULL;
    return buf_cstr(&p->f[f]);
}

static int is_http(const char *s)
{
    return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

/* Escape plain text as HTML so that every body reaches the caller as HTML. */
static void escape_into(struct buf *out, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        int rc;
        switch (s[i]) {
        case '<': rc = buf_puts(out, "&lt;"); break;
        case '>': rc = buf_puts(out, "&gt;"); break;
        case '&': rc = buf_puts(out, "&amp;"); break;
        case '\n': rc = buf_puts(out, "<br>\n"); break;
        default: rc = buf_putc(out, s[i]); break;
        }
        if (rc) return;
    }
}

/* Atom text constructs: type="html" (escaped markup, already unescaped by
 * the parser), "xhtml" (inline XHTML: serialise the children), or text. */
static void atom_text(struct parse *p, int f, xmlNode *n)
{
    const char *type = attr(n, "type");
    buf_reset(&p->f[f]);
    p->have[f] = 1;
    if (type && strcmp(type, "xhtml") == 0) {
        xmlBufferPtr xb = xmlBufferCreate();
        xmlNode *c;
        if (!xb) return;
        for (c = n->children; c; c = c->next) xmlNodeDump(xb, n->doc, c, 0, 0);
        capped(buf_append(&p->f[f], (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb)));
        xmlBufferFree(xb);
    } else if (type && strcmp(type, "html") != 0 && strstr(type, "html") == NULL) {
        struct buf t;
        buf_init(&t, FIELD_MAX);
        (void)collect(n, &t, 0);
        escape_into(&p->f[f], t.ptr ? t.ptr : "", t.len);
        buf_release(&t);
    } else if (type || f == I_HTML || f == I_SUMMARY) {
        /* html, or no type: Atom's default is text, but feeds in the wild
         * put markup there unescaped; either way it is fine as HTML */
        if (!type) {
            struct buf t;
            buf_init(&t, FIELD_MAX);
            (void)collect(n, &t, 0);
            if (t.len && memchr(t.ptr, '<', t.len)) capped(buf_append(&p->f[f], t.ptr, t.len));
            else escape_into(&p->f[f], t.ptr ? t.ptr : "", t.len);
            buf_release(&t);
        } else {
            (void)collect(n, &p->f[f], 0);
        }
    } else {
        (void)collect(n, &p->f[f], 0);
    }
}

static void item_reset(struct parse *p)
{
    int f;
    for (f = 0; f < I_COUNT; f++) {
        buf_reset(&p->f[f]);
        p->have[f] = 0;
    }
}

static int emit(struct parse *p, const xmlNode *item)
{
    struct feed_item it;
    const char *guid = val(p, I_GUID);

    memset(&it, 0, sizeof it);
    it.url = val(p, I_URL);
    if (!it.url && is_http(guid)) it.url = guid;
    it.title = val(p, I_TITLE);
    it.published = val(p, I_DATE) ? val(p, I_DATE) : val(p, I_UPDATED);
    it.author = val(p, I_AUTHOR);
    it.html = val(p, I_HTML);
    it.html_len = it.html ? p->f[I_HTML].len : 0;
    it.summary = val(p, I_SUMMARY);
    it.summary_len = it.summary ? p->f[I_SUMMARY].len : 0;
    it.site_url = p->site.len ? buf_cstr(&p->site) : NULL;
    it.lang = p->lang.len ? buf_cstr(&p->lang) : NULL;
    it.line = xmlGetLineNo(item);
    it.index = ++p->index;
    return p->fn(p->ctx, &it);
}

static void rss_item(struct parse *p, const xmlNode *item)
{
    xmlNode *c;
    item_reset(p);
    for (c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (ns_is(c, NS_CONTENT) && name_is(c, "encoded")) set_text(p, I_HTML, c);
        else if (ns_is(c, NS_DC) && name_is(c, "date")) { if (!p->have[I_DATE]) set_text(p, I_DATE, c); }
        else if (ns_is(c, NS_DC) && name_is(c, "creator")) { if (!p->have[I_AUTHOR]) set_text(p, I_AUTHOR, c); }
        else if (ns_is(c, NS_ATOM) && name_is(c, "link")) {
            const char *href = attr(c, "href"), *rel = attr(c, "rel");
            if (href && !p->have[I_URL] && (!rel || strcmp(rel, "alternate") == 0)) {
                capped(buf_puts(&p->f[I_URL], href));
                p->have[I_URL] = 1;
            }
        } else if (c->ns && !ns_is(c, NS_RSS1)) {
            continue; /* media:, slash:, wfw:, ... */
        } else if (name_is(c, "title")) set_text(p, I_TITLE, c);
        else if (name_is(c, "link")) set_text(p, I_URL, c);
        else if (name_is(c, "guid")) {
            const char *pl = attr(c, "isPermaLink");
            if (!pl || strcmp(pl, "false") != 0) set_text(p, I_GUID, c);
        } else if (name_is(c, "pubDate")) set_text(p, I_DATE, c);
        else if (name_is(c, "description")) set_text(p, I_SUMMARY, c);
        else if (name_is(c, "author")) set_text(p, I_AUTHOR, c);
    }
}

static void atom_entry(struct parse *p, const xmlNode *entry)
{
    xmlNode *c;
    item_reset(p);
    for (c = entry->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !ns_is(c, NS_ATOM)) continue;
        if (name_is(c, "title")) {
            /* a title of type html holds markup: keep the text only */
            struct buf t;
            buf_init(&t, FIELD_MAX);
            atom_text(p, I_TITLE, c);
            if (memchr(p->f[I_TITLE].ptr ? p->f[I_TITLE].ptr : "", '<', p->f[I_TITLE].len) &&
                feed_html_text(p->f[I_TITLE].ptr, p->f[I_TITLE].len, &t) == 0) {
                buf_reset(&p->f[I_TITLE]);
                capped(buf_append(&p->f[I_TITLE], t.ptr ? t.ptr : "", t.len));
            }
            buf_release(&t);
        } else if (name_is(c, "link")) {
            const char *href = attr(c, "href"), *rel = attr(c, "rel");
            if (href && (!rel || strcmp(rel, "alternate") == 0) && !p->have[I_URL]) {
                capped(buf_puts(&p->f[I_URL], href));
                p->have[I_URL] = 1;
            }
        } else if (name_is(c, "id")) set_text(p, I_GUID, c);
        else if (name_is(c, "published")) set_text(p, I_DATE, c);
        else if (name_is(c, "updated")) set_text(p, I_UPDATED, c);
        else if (name_is(c, "content")) {
            if (!attr(c, "src")) atom_text(p, I_HTML, c);
        } else if (name_is(c, "summary")) atom_text(p, I_SUMMARY, c);
        else if (name_is(c, "author") && !p->have[I_AUTHOR]) {
            xmlNode *a;
            for (a = c->children; a; a = a->next)
                if (a->type == XML_ELEMENT_NODE && name_is(a, "name")) set_text(p, I_AUTHOR, a);
        }
    }
}

/* Channel/feed metadata: the site link and the language. */
static void channel_meta(struct parse *p, const xmlNode *ch, int atom)
{
    xmlNode *c;
    const xmlChar *lang = xmlNodeGetLang(ch);
    if (lang) {
        capped(buf_puts(&p->lang, (const char *)lang));
        xmlFree((void *)(uintptr_t)lang);
    }
    for (c = ch->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (atom && ns_is(c, NS_ATOM) && name_is(c, "link")) {
            const char *href = attr(c, "href"), *rel = attr(c, "rel");
            if (href && (!rel || strcmp(rel, "alternate") == 0) && !p->site.len) capped(buf_puts(&p->site, href));
        } else if (!atom && (!c->ns || ns_is(c, NS_RSS1)) && name_is(c, "link") && !p->site.len) {
            (void)collect(c, &p->site, 0);
        } else if (!atom && name_is(c, "language") && !p->lang.len) {
            (void)collect(c, &p->lang, 0);
        }
    }
    /* keep only the trimmed value */
    while (p->site.len && (p->site.ptr[p->site.len - 1] == ' ' || p->site.ptr[p->site.len - 1] == '\n'))
        buf_truncate(&p->site, p->site.len - 1);
}

static int walk(struct parse *p, xmlNode *root)
{
    xmlNode *c, *ch;
    int rc = 0;

    if (name_is(root, "feed") && ns_is(root, NS_ATOM)) {
        channel_meta(p, root, 1);
        for (c = root->children; c && !rc; c = c->next)
            if (c->type == XML_ELEMENT_NODE && ns_is(c, NS_ATOM) && name_is(c, "entry")) {
                atom_entry(p, c);
                rc = emit(p, c);
            }
        return rc;
    }
    if (name_is(root, "rss")) {
        for (ch = root->children; ch && !rc; ch = ch->next) {
            if (ch->type != XML_ELEMENT_NODE || !name_is(ch, "channel")) continue;
            channel_meta(p, ch, 0);
            for (c = ch->children; c && !rc; c = c->next)
                if (c->type == XML_ELEMENT_NODE && name_is(c, "item") && !c->ns) {
                    rss_item(p, c);
                    rc = emit(p, c);
                }
        }
        return rc;
    }
    /* RSS 1.0: rdf:RDF holds a channel and the items as siblings */
    for (ch = root->children; ch; ch = ch->next)
        if (ch->type == XML_ELEMENT_NODE && name_is(ch, "channel")) channel_meta(p, ch, 0);
    for (c = root->children; c && !rc; c = c->next)
        if (c->type == XML_ELEMENT_NODE && name_is(c, "item")) {
            rss_item(p, c);
            rc = emit(p, c);
        }
    return rc;
}

int feed_parse(const char *xml, size_t len, feed_item_fn fn, void *ctx, struct kb_err *err)
{
    xmlParserCtxtPtr pc;
    xmlDocPtr doc;
    xmlNode *root;
    struct parse p;
    int rc = 0, f;
    const int opts = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

    if (!fn || (!xml && len)) return kb_err_set(err, KB_EINVAL, "feed_parse: bad argument");
    if (len > FEED_MAX_INPUT) return kb_err_set(err, KB_ETOOBIG, "feed too large (%zu bytes)", len);
    if (len == 0) return kb_err_set(err, KB_EPARSE, "empty feed");
    pc = xmlNewParserCtxt();
    if (!pc) return kb_err_set(err, KB_ENOMEM, "libxml2: no parser context");
    /* xmlCtxtUseOptions reports options it did not take: then we would not
     * know what the parser does with entities, so refuse to go on */
    if (xmlCtxtUseOptions(pc, opts) != 0) {
        xmlFreeParserCtxt(pc);
        return kb_err_set(err, KB_EPARSE, "libxml2 refused the parser options");
    }
    doc = xmlCtxtReadMemory(pc, xml, (int)len, NULL, NULL, opts);
    xmlFreeParserCtxt(pc);
    if (!doc) return kb_err_set(err, KB_EPARSE, "not well-formed XML");
    root = xmlDocGetRootElement(doc);
    if (!root ||
        !((name_is(root, "feed") && ns_is(root, NS_ATOM)) || name_is(root, "rss") || name_is(root, "RDF"))) {
        kb_err_set(err, KB_EPARSE, "not an RSS or Atom feed (root element <%.60s>)",
                   root && root->name ? (const char *)root->name : "none");
        xmlFreeDoc(doc);
        return KB_EPARSE;
    }
    memset(&p, 0, sizeof p);
    for (f = 0; f < I_COUNT; f++) buf_init(&p.f[f], FIELD_MAX);
    buf_init(&p.site, 4096);
    buf_init(&p.lang, 64);
    p.fn = fn;
    p.ctx = ctx;
    rc = walk(&p, root);
    for (f = 0; f < I_COUNT; f++) buf_release(&p.f[f]);
    buf_release(&p.site);
    buf_release(&p.lang);
    xmlFreeDoc(doc);
    return rc;
}

static int icontains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle), i, k;
    for (i = 0; i + n <= len; i++) {
        for (k = 0; k < n && lower((unsigned char)s[i + k]) == lower((unsigned char)needle[k]); k++) {}
        if (k == n) return 1;
    }
    return 0;
}

enum feed_kind feed_sniff(const char *s, size_t len)
{
    if (!s) return FEED_NONE;
    if (len > SNIFF_BYTES) len = SNIFF_BYTES;
    if (icontains(s, len, "<rss")) return FEED_RSS;
    if (icontains(s, len, "<feed") && icontains(s, len, NS_ATOM)) return FEED_ATOM;
    if (icontains(s, len, "<rdf:rdf") && icontains(s, len, NS_RSS1)) return FEED_RDF;
    return FEED_NONE;
}

/* ---- HTML fragments to text ------------------------------------------------ */

static int is_block(const char *tag)
{
    static const char *const blocks[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "blockquote", "tr", "table", "section", "article", "pre", "hr",
                                         "figure", "figcaption", "dd", "dt", NULL};
    int k;
    for (k = 0; blocks[k]; k++)
        if (strcmp(tag, blocks[k]) == 0) return 1;
    return 0;
}

struct textout {
    struct buf *out; /* borrowed */
    int space;       /* a blank is pending */
    int brk;         /* a paragraph break is pending */
    int rc;          /* first error */
};

static void put_text(struct textout *t, const char *s)
{
    for (; *s && !t->rc; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            t->space = 1;
            continue;
        }
        if (t->out->len) {
            if (t->brk) t->rc = buf_puts(t->out, "\n\n");
            else if (t->space) t->rc = buf_putc(t->out, ' ');
        }
        t->brk = t->space = 0;
        if (!t->rc) t->rc = buf_putc(t->out, (char)c);
    }
}

static void html_walk(struct textout *t, const xmlNode *n, int depth)
{
    const xmlNode *c;
    if (depth > DEPTH_MAX) return;
    for (c = n->children; c && !t->rc; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) put_text(t, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && c->name) {
            const char *tag = (const char *)c->name;
            int block = is_block(tag);
            if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0 || strcmp(tag, "noscript") == 0) continue;
            if (block) t->brk = 1;
            html_walk(t, c, depth + 1);
            if (block) t->brk = 1;
        }
    }
}

int feed_html_text(const char *html, size_t len, struct buf *out)
{
    htmlDocPtr doc;
    struct textout t;
    const xmlNode *root;
    size_t start = out->len;

    if (!html || len == 0) return 0;
    if (len > INT32_MAX) return KB_ETOOBIG;
    doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (!doc) return 0;
    memset(&t, 0, sizeof t);
    t.out = out;
    root = (const xmlNode *)doc;
    html_walk(&t, root, 0);
    xmlFreeDoc(doc);
    (void)start;
    return t.rc;
}
