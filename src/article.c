/* article.c -- the article record: allocation and small field helpers. */
#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

struct article *article_new(void)
{
    return kb_calloc(1, sizeof(struct article));
}

void article_free(struct article *a)
{
    if (!a) return;
    free(a->url);
    free(a->site);
    free(a->title);
    free(a->published);
    free(a->lang);
    free(a->text);
    free(a->origin);
    free(a);
}

void article_set(char **field, const char *s, size_t len)
{
    free(*field);
    *field = s ? kb_strndup(s, len) : NULL;
}

/* Second-level labels under which country-code registries sell names
 * (kontan.co.id, bps.go.id, ui.ac.id,
 * bbc.co.uk, abc.net.au, thestar.com.my). Under a two-letter TLD these make
 * a two-label public suffix. A heuristic stand-in for the Public Suffix
 * List that is right for the Indonesian, Malaysian, Singaporean, British
 * and Australian outlets kabar meets; a generic TLD (.com, .net) never has
 * a two-label suffix here. */
static const char *const second_levels[] = {
    "co", "com", "net", "org", "or", "go", "gov", "ac", "edu", "sch", "web", "my",
    "mil", "biz", "ponpes", "desa", "ne", "gv", "nic", NULL,
};

static int is_second_level(const char *s, size_t len)
{
    int k;
    for (k = 0; second_levels[k]; k++)
        if (strlen(second_levels[k]) == len && memcmp(second_levels[k], s, len) == 0) return 1;
    return 0;
}

int article_site_from_url(const char *url, char *out, size_t cap)
{
    const char *p, *end, *at, *q;
    char host[256];
    size_t len, i, dots = 0, start;
    size_t last = 0, prev = 0; /* offsets just after the last and the second-last dot */
    int numeric = 1;

    if (!url) return KB_EINVAL;
    p = strstr(url, "://");
    if (p) p += 3;
    else if (url[0] == '/' && url[1] == '/') p = url + 2; /* scheme-relative */
    else return KB_EINVAL;
    end = p + strcspn(p, "/?#");
    /* user:password@host */
    for (at = NULL, q = p; q < end; q++)
        if (*q == '@') at = q;
    if (at) p = at + 1;
    if (p < end && *p == '[') { /* an IPv6 literal is its own site */
        q = memchr(p, ']', (size_t)(end - p));
        if (!q) return KB_EINVAL;
        len = (size_t)(q - p) + 1;
        if (len + 1 > cap) return KB_EINVAL;
        memcpy(out, p, len);
        out[len] = '\0';
        return 0;
    }
    q = memchr(p, ':', (size_t)(end - p)); /* the port */
    if (q) end = q;
    while (end > p && end[-1] == '.') end--; /* "kompas.com." is fully qualified */
    len = (size_t)(end - p);
    if (len == 0 || len >= sizeof host) return KB_EINVAL;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c >= 0x80))
            return KB_EINVAL;
        if (c == '.') {
            if (i == 0 || p[i - 1] == '.') return KB_EINVAL; /* empty label */
            dots++;
            prev = last;
            last = i + 1;
        } else if (!(c >= '0' && c <= '9')) {
            numeric = 0;
        }
        host[i] = (char)c;
    }
    host[len] = '\0';
    start = 0;
    if (!numeric && dots >= 2) {
        /* the registrable domain: one label above the public suffix */
        size_t sl_len = last - prev - 1, tld_len = len - last;
        int two_label_suffix = tld_len == 2 && is_second_level(host + prev, sl_len);
        if (!two_label_suffix) {
            start = prev;
        } else if (dots >= 3) {
            /* find the dot before prev */
            size_t k = prev - 1;
            while (k > 0 && host[k - 1] != '.') k--;
            start = k;
        }
    }
    len -= start;
    if (len + 1 > cap) return KB_EINVAL;
    memcpy(out, host + start, len + 1);
    return 0;
}

size_t article_outlet(const char *site, const char *url, char *out, size_t cap)
{
    size_t n;

    if (cap == 0) return 0;
    if (site && *site) {
        n = strlen(site);
    } else if (url && article_site_from_url(url, out, cap) == 0) {
        return strlen(out);
    } else if (url) {
        /* "PATH:LINE" -> "PATH": strip a ':' followed only by digits */
        size_t d, h;
        n = strlen(url);
        /* "PATH:LINE#0123456789ab": ingest's name for a second, different
         * article under one synthetic url (ingest.c); the file is the same */
        for (h = n; h > 0 && ((url[h - 1] >= '0' && url[h - 1] <= '9') ||
                              (url[h - 1] >= 'a' && url[h - 1] <= 'f'));
             h--) {}
        if (n - h == ARTICLE_URL_HASH_HEX && h > 1 && url[h - 1] == '#') n = h - 1;
        for (d = n; d > 0 && url[d - 1] >= '0' && url[d - 1] <= '9'; d--) {}
        if (d < n && d > 1 && url[d - 1] == ':') n = d - 1;
        site = url;
    } else {
        out[0] = '\0';
        return 0;
    }
    if (n > cap - 1) n = cap - 1;
    memcpy(out, site, n);
    out[n] = '\0';
    return n;
}
