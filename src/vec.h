/* vec.h -- a term dictionary and sparse weighted term vectors.
 *
 * Clustering and summaries compare bags of terms by cosine. Terms are
 * interned once in a vec_dict (string -> dense uint32 id), and a vector is
 * an array of (id, weight) entries sorted by id, so a dot product is a
 * linear merge of two arrays. Nothing here knows about languages or
 * weighting schemes: callers decide what a term and a weight are. */
#ifndef KB_VEC_H
#define KB_VEC_H

#include <stddef.h>
#include <stdint.h>

#define VEC_NONE UINT32_MAX /* "no such term" from vec_dict_find */

struct vec_dict {
    char **terms;      /* owned array of owned NUL-terminated terms, indexed by id */
    size_t *lens;      /* owned; bytes of each term */
    uint32_t n;        /* terms interned */
    uint32_t cap;      /* entries allocated in terms/lens */
    uint32_t *slots;   /* owned open-addressing table of id+1 (0 = empty) */
    size_t n_slots;    /* power of two */
};

void vec_dict_init(struct vec_dict *d);
void vec_dict_release(struct vec_dict *d);
/* Id of term[0..len), interning it when new. Ids are dense from 0. */
uint32_t vec_dict_intern(struct vec_dict *d, const char *term, size_t len);
/* Id of term[0..len), or VEC_NONE when it was never interned. */
uint32_t vec_dict_find(const struct vec_dict *d, const char *term, size_t len);
/* The term of id (borrowed from d, valid until vec_dict_release); sets *len. */
const char *vec_dict_term(const struct vec_dict *d, uint32_t id, size_t *len);

struct vec_ent {
    uint32_t id; /* term id in some vec_dict */
    float w;     /* weight */
};

struct vec {
    struct vec_ent *v; /* owned; sorted by id, ids unique after vec_finish */
    size_t n;          /* entries in use */
    size_t cap;        /* entries allocated */
};

#define VEC_INIT {NULL, 0, 0}

void vec_init(struct vec *x);
void vec_release(struct vec *x);
void vec_reset(struct vec *x);
/* Append an entry (any order; duplicates allowed until vec_finish). */
void vec_push(struct vec *x, uint32_t id, float w);
/* Sort by id and sum the weights of duplicate ids. */
void vec_finish(struct vec *x);
/* Keep the k entries of largest weight (ties: smaller id), still sorted by id. */
void vec_top(struct vec *x, size_t k);
/* Scale to unit L2 norm (a zero vector stays zero). */
void vec_normalize(struct vec *x);
/* Dot product of two finished vectors. */
double vec_dot(const struct vec *a, const struct vec *b);
/* acc += b (both finished; acc stays finished). */
void vec_add(struct vec *acc, const struct vec *b);
/* dst = copy of src. */
void vec_copy(struct vec *dst, const struct vec *src);
/* Weight of id in a finished vector, 0 when absent. */
float vec_get(const struct vec *x, uint32_t id);

#endif
