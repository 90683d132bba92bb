/* date.h -- normalising the dates found in article metadata.
 *
 * Inputs seen in the wild: "2025-10-18", "2025-10-18T08:30:00+07:00",
 * "2025-10-18 08:30:00", "10/21/2025 20:43" (month first, as Detik's export),
 * "21/10/2025", "18 Oktober 2025", "Sabtu, 18 Okt 2025 08:30 WIB", RFC 822
 * ("Sat, 18 Oct 2025 08:30:00 +0700"). Output is "YYYY-MM-DD" or
 * "YYYY-MM-DDTHH:MM:SS" (local time as written; the zone is dropped). */
#ifndef KB_DATE_H
#define KB_DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_MAX 32 /* bytes for a normalised date including NUL */

/* Normalise s[0..len) into out. Returns 0, or KB_EPARSE when no date is
 * recognised (out is then ""). */
int date_normalize(const char *s, size_t len, char out[DATE_MAX]);

/* How to read an all-numeric "A/B/YYYY" date. DATE_ORDER_AUTO: a first number
 * > 12 means day first, a second number > 12 means month first, and an
 * ambiguous pair is read day first (the Indonesian habit). A reader that has
 * seen proof of one order in a file (date_order_evidence) passes it on. */
enum date_order {
    DATE_ORDER_AUTO = 0,
    DATE_ORDER_DMY,
    DATE_ORDER_MDY
};

/* date_normalize with an explicit order for ambiguous numeric dates (only
 * "A/B/YYYY"-style dates are affected; a date that proves its own order,
 * like 21/10/2025, is read that way whatever the hint). Same returns. */
int date_normalize_order(const char *s, size_t len, enum date_order order, char out[DATE_MAX]);

/* What s[0..len) proves about the numeric order: DATE_ORDER_DMY when it is
 * "A/B/YYYY" with A > 12, DATE_ORDER_MDY when B > 12, else DATE_ORDER_AUTO
 * (not numeric, or ambiguous). */
enum date_order date_order_evidence(const char *s, size_t len);

/* Days since 1970-01-01 of a normalised date; returns 0 and sets *days, or
 * KB_EPARSE. */
int date_days(const char *iso, int64_t *days);

#endif
