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

int article_site_from_url(const char *url, char *out, size_t cap)
{
    const char *p = strstr(url, "://"), *end;
    size_t len;

    if (!p) return KB_EINVAL;
    p += 3;
    end = p + strcspn(p, "/?#:");
    if (end == p) return KB_EINVAL;
    /* "www." and "m." are presentation prefixes of one outlet */
    if (end - p > 4 && strncmp(p, "www.", 4) == 0) p += 4;
    else if (end - p > 2 && strncmp(p, "m.", 2) == 0) p += 2;
    len = (size_t)(end - p);
    if (len + 1 > cap) return KB_EINVAL;
    memcpy(out, p, len);
    out[len] = '\0';
    return 0;
}
