/* stopwords.h -- function words skipped for retrieval and clustering.
 *
 * Kept deliberately short: words like tahun, bulan, hari, kata, mengatakan
 * and baru are NOT stopwords here, because dates and quote attribution need
 * them (the stopwords-iso list drops them). */
#ifndef KB_STOPWORDS_H
#define KB_STOPWORDS_H

#include <stddef.h>

/* 1 when the folded word w[0..len) is an Indonesian or English stopword. */
int stopword_is(const char *w, size_t len);

/* The built-in list, for tests and for listing it: stopword_count() words,
 * stopword_at(i) the i-th in byte order (static storage, never freed), or
 * NULL when i >= stopword_count(). */
size_t stopword_count(void);
const char *stopword_at(size_t i);

#endif
