/* vec.c -- term dictionary (open addressing) and sparse vectors.
 *
 * The dictionary owns a copy of every term and maps it to a dense id with
 * a linear-probing table of id+1 values (0 = empty slot), hashed with
 * XXH3-64 and kept at most half full so probes stay short. Vectors are
 * sorted (id, weight) arrays: building one is push + vec_finish (sort,
 * merge duplicates), and dot/add are linear merges, O(n + m). */
#include "vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "mem.h"

void vec_dict_init(struct vec_dict *d)
{
    memset(d, 0, sizeof *d);
}

void vec_dict_release(struct vec_dict *d)
{
    uint32_t i;

    for (i = 0; i < d->n; i++) free(d->terms[i]);
    free(d->terms);
    free(d->lens);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

static size_t slot_of(const struct vec_dict *d, const char *term, size_t len)
{
    uint64_t h = XXH3_64bits(term, len);
    size_t mask = d->n_slots - 1, i = (size_t)h & mask;

    for (;;) {
        uint32_t s = d->slots[i];
        if (s == 0) return i;
        if (d->lens[s - 1] == len && memcmp(d->terms[s - 1], term, len) == 0) return i;
        i = (i + 1) & mask;
    }
}

static void grow_slots(struct vec_dict *d)
{
    size_t old_n = d->n_slots, i;
    uint32_t *old = d->slots;

    d->n_slots = old_n ? old_n * 2 : 64;
    d->slots = kb_calloc(d->n_slots, sizeof *d->slots);
    for (i = 0; i < old_n; i++) {
        uint32_t s = old[i];
        if (s) d->slots[slot_of(d, d->terms[s - 1], d->lens[s - 1])] = s;
    }
    free(old);
}

uint32_t vec_dict_find(const struct vec_dict *d, const char *term, size_t len)
{
    uint32_t s;

    if (d->n_slots == 0) return VEC_NONE;
    s = d->slots[slot_of(d, term, len)];
    return s ? s - 1 : VEC_NONE;
}

uint32_t vec_dict_intern(struct vec_dict *d, const char *term, size_t len)
{
    size_t i;

    /* half full at most: linear probing degrades quickly beyond that */
    if ((size_t)(d->n + 1) * 2 > d->n_slots) grow_slots(d);
    i = slot_of(d, term, len);
    if (d->slots[i]) return d->slots[i] - 1;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->terms = kb_realloc(d->terms, d->cap * sizeof *d->terms);
        d->lens = kb_realloc(d->lens, d->cap * sizeof *d->lens);
    }
    d->terms[d->n] = kb_strndup(term, len);
    d->lens[d->n] = len;
    d->slots[i] = ++d->n;
    return d->n - 1;
}

const char *vec_dict_term(const struct vec_dict *d, uint32_t id, size_t *len)
{
    if (id >= d->n) {
        *len = 0;
        return "";
    }
    *len = d->lens[id];
    return d->terms[id];
}

void vec_init(struct vec *x)
{
    x->v = NULL;
    x->n = x->cap = 0;
}

void vec_release(struct vec *x)
{
    free(x->v);
    vec_init(x);
}

void vec_reset(struct vec *x)
{
    x->n = 0;
}

void vec_push(struct vec *x, uint32_t id, float w)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 16;
        x->v = kb_realloc(x->v, x->cap * sizeof *x->v);
    }
    x->v[x->n].id = id;
    x->v[x->n].w = w;
    x->n++;
}

static int cmp_id(const void *a, const void *b)
{
    const struct vec_ent *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_weight_desc(const void *a, const void *b)
{
    const struct vec_ent *x = a, *y = b;
    if (x->w != y->w) return x->w < y->w ? 1 : -1;
    return (x->id > y->id) - (x->id < y->id);
}

void vec_finish(struct vec *x)
{
    size_t i, o = 0;

    if (x->n < 2) return;
    qsort(x->v, x->n, sizeof *x->v, cmp_id);
    for (i = 1; i < x->n; i++) {
        if (x->v[i].id == x->v[o].id) x->v[o].w += x->v[i].w;
        else x->v[++o] = x->v[i];
    }
    x->n = o + 1;
}

void vec_top(struct vec *x, size_t k)
{
    if (x->n <= k) return;
    qsort(x->v, x->n, sizeof *x->v, cmp_weight_desc);
    x->n = k;
    qsort(x->v, x->n, sizeof *x->v, cmp_id);
}

void vec_normalize(struct vec *x)
{
    double ss = 0;
    size_t i;

    for (i = 0; i < x->n; i++) ss += (double)x->v[i].w * x->v[i].w;
    if (ss <= 0) return;
    ss = 1.0 / sqrt(ss);
    for (i = 0; i < x->n; i++) x->v[i].w = (float)(x->v[i].w * ss);
}

double vec_dot(const struct vec *a, const struct vec *b)
{
    size_t i = 0, j = 0;
    double s = 0;

    while (i < a->n && j < b->n) {
        if (a->v[i].id < b->v[j].id) i++;
        else if (a->v[i].id > b->v[j].id) j++;
        else {
            s += (double)a->v[i].w * b->v[j].w;
            i++;
            j++;
        }
    }
    return s;
}

void vec_add(struct vec *acc, const struct vec *b)
{
    struct vec_ent *out;
    size_t i = 0, j = 0, o = 0, cap = acc->n + b->n;

    if (b->n == 0) return;
    out = kb_malloc(cap * sizeof *out);
    while (i < acc->n || j < b->n) {
        if (j == b->n || (i < acc->n && acc->v[i].id < b->v[j].id)) out[o++] = acc->v[i++];
        else if (i == acc->n || b->v[j].id < acc->v[i].id) out[o++] = b->v[j++];
        else {
            out[o] = acc->v[i++];
            out[o++].w += b->v[j++].w;
        }
    }
    free(acc->v);
    acc->v = out;
    acc->n = o;
    acc->cap = cap;
}

void vec_copy(struct vec *dst, const struct vec *src)
{
    vec_reset(dst);
    if (src->n > dst->cap) {
        dst->cap = src->n;
        dst->v = kb_realloc(dst->v, dst->cap * sizeof *dst->v);
    }
    if (src->n) memcpy(dst->v, src->v, src->n * sizeof *src->v);
    dst->n = src->n;
}

float vec_get(const struct vec *x, uint32_t id)
{
    size_t lo = 0, hi = x->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->v[mid].id == id) return x->v[mid].w;
        if (x->v[mid].id < id) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}
