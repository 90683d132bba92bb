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

/* Days since 1970-01-01 of a normalised date; returns 0 and sets *days, or
 * KB_EPARSE. */
int date_days(const char *iso, int64_t *days);

#endif
