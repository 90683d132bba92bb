/* t_date.c -- date_normalize, date_order_evidence and date_days, table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "err.h"

static const struct {
    const char *in;
    enum date_order order;
    const char *want; /* NULL: KB_EPARSE expected */
} norm_rows[] = {
    /* ISO forms */
    {"2025-10-18", DATE_ORDER_AUTO, "2025-10-18"},
    {"2025-10-18T08:30:00+07:00", DATE_ORDER_AUTO, "2025-10-18T08:30:00"},
    {"2025-10-18T08:30:00.123Z", DATE_ORDER_AUTO, "2025-10-18T08:30:00"},
    {"2025-10-18 08:30:00", DATE_ORDER_AUTO, "2025-10-18T08:30:00"},
    {"2025-10-18 08:30", DATE_ORDER_AUTO, "2025-10-18T08:30:00"},
    {"  2025/1/5 ", DATE_ORDER_AUTO, "2025-01-05"},
    {"20251018", DATE_ORDER_AUTO, "2025-10-18"},
    {"2024-02-29", DATE_ORDER_AUTO, "2024-02-29"},
    {"2023-02-29", DATE_ORDER_AUTO, NULL},
    {"2025-13-01", DATE_ORDER_AUTO, NULL},
    {"2025-10-18 25:00", DATE_ORDER_AUTO, "2025-10-18"}, /* bad time: date only */
    /* numeric day/month order */
    {"10/21/2025 20:43", DATE_ORDER_AUTO, "2025-10-21T20:43:00"},
    {"1/7/2025 9:05", DATE_ORDER_AUTO, "2025-07-01T09:05:00"},
    {"1/7/2025 9:05", DATE_ORDER_MDY, "2025-01-07T09:05:00"},
    {"21/10/2025", DATE_ORDER_MDY, "2025-10-21"}, /* proves itself D/M */
    {"21/10/2025", DATE_ORDER_AUTO, "2025-10-21"},
    {"05-10-2025", DATE_ORDER_AUTO, "2025-10-05"},
    {"18.10.2025 pukul 08.30 WIB", DATE_ORDER_AUTO, "2025-10-18T08:30:00"},
    {"13/13/2025", DATE_ORDER_AUTO, NULL},
    {"31/4/2025", DATE_ORDER_AUTO, NULL},
    {"21/10/25", DATE_ORDER_AUTO, NULL}, /* two-digit numeric year: too ambiguous */
    /* month names */
    {"18 Oktober 2025", DATE_ORDER_AUTO, "2025-10-18"},
    {"Sabtu, 18 Okt 2025 08:30 WIB", DATE_ORDER_AUTO, "2025-10-18T08:30:00"},
    {"Jum'at, 1 Agu 2025", DATE_ORDER_AUTO, "2025-08-01"},
    {"Kamis, 7 Agustus 2025 | 14:05 WIB", DATE_ORDER_AUTO, "2025-08-07T14:05:00"},
    {"3 Mei 2024", DATE_ORDER_AUTO, "2024-05-03"},
    {"12 Des 2019, 23:59", DATE_ORDER_AUTO, "2019-12-12T23:59:00"},
    {"1 Nopember 2001", DATE_ORDER_AUTO, "2001-11-01"},
    {"Sat, 18 Oct 2025 08:30:00 +0700", DATE_ORDER_AUTO, "2025-10-18T08:30:00"},
    {"Mon, 06 Jan 97 10:00:00 GMT", DATE_ORDER_AUTO, "1997-01-06T10:00:00"},
    {"18-Oct-2025", DATE_ORDER_AUTO, "2025-10-18"},
    {"October 18, 2025 8:30 pm", DATE_ORDER_AUTO, "2025-10-18T20:30:00"},
    {"Dec. 1, 2020 12:15 AM", DATE_ORDER_AUTO, "2020-12-01T00:15:00"},
    {"SENIN, 20 JANUARI 2020", DATE_ORDER_AUTO, "2020-01-20"},
    {"18\xc2\xa0Oktober\xc2\xa0" "2025", DATE_ORDER_AUTO, "2025-10-18"}, /* no-break spaces */
    {"30 Februari 2025", DATE_ORDER_AUTO, NULL},
    {"18 Oktober", DATE_ORDER_AUTO, NULL},
    /* not dates */
    {"", DATE_ORDER_AUTO, NULL},
    {"kemarin", DATE_ORDER_AUTO, NULL},
    {"Oktober 2025", DATE_ORDER_AUTO, NULL},
    {"12345", DATE_ORDER_AUTO, NULL},
    {"99999999999999999999-01-01", DATE_ORDER_AUTO, NULL},
    {"\xff\xfe\x00garbage", DATE_ORDER_AUTO, NULL},
};

static void test_normalize(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof norm_rows / sizeof norm_rows[0]; i++) {
        char out[DATE_MAX];
        int rc = date_normalize_order(norm_rows[i].in, strlen(norm_rows[i].in), norm_rows[i].order, out);
        if (norm_rows[i].want) {
            if (rc != 0 || strcmp(out, norm_rows[i].want) != 0)
                fail_msg("row %zu \"%s\": got rc %d \"%s\", want \"%s\"", i, norm_rows[i].in, rc, out,
                         norm_rows[i].want);
        } else if (rc != KB_EPARSE || out[0] != '\0') {
            fail_msg("row %zu \"%s\": got rc %d \"%s\", want KB_EPARSE", i, norm_rows[i].in, rc, out);
        }
    }
}

/* date_normalize is date_normalize_order with AUTO; a NUL inside the input
 * and a length shorter than the string must both be honoured. */
static void test_normalize_len(void **state)
{
    char out[DATE_MAX];
    (void)state;
    assert_int_equal(date_normalize("2025-10-18 08:30", 10, out), 0);
    assert_string_equal(out, "2025-10-18");
    assert_int_equal(date_normalize("18 Okt\0 2025", 12, out), 0);
    assert_string_equal(out, "2025-10-18");
    assert_int_equal(date_normalize(NULL, 0, out), KB_EPARSE);
}

static const struct {
    const char *in;
    enum date_order want;
} evidence_rows[] = {
    {"10/21/2025 20:43", DATE_ORDER_MDY},
    {"21/10/2025", DATE_ORDER_DMY},
    {"Selasa, 21/10/2025", DATE_ORDER_DMY},
    {"10/5/2025", DATE_ORDER_AUTO},
    {"2025-10-21", DATE_ORDER_AUTO},
    {"21 Oktober 2025", DATE_ORDER_AUTO},
    {"13/13/2025", DATE_ORDER_AUTO},
    {"", DATE_ORDER_AUTO},
};

static void test_evidence(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof evidence_rows / sizeof evidence_rows[0]; i++)
        if (date_order_evidence(evidence_rows[i].in, strlen(evidence_rows[i].in)) != evidence_rows[i].want)
            fail_msg("row %zu \"%s\"", i, evidence_rows[i].in);
}

static const struct {
    const char *iso;
    int rc;
    int64_t days;
} days_rows[] = {
    {"1970-01-01", 0, 0},
    {"1970-01-02", 0, 1},
    {"1969-12-31", 0, -1},
    {"2000-03-01", 0, 11017},
    {"2024-02-29", 0, 19782},
    {"2025-10-18", 0, 20379},
    {"2025-10-18T08:30:00", 0, 20379},
    {"1900-03-01", 0, -25508},
    {"2025-10-1", KB_EPARSE, 0},
    {"2025-02-29", KB_EPARSE, 0},
    {"2025-10-18x", KB_EPARSE, 0},
    {"", KB_EPARSE, 0},
};

static void test_days(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof days_rows / sizeof days_rows[0]; i++) {
        int64_t d = 0;
        int rc = date_days(days_rows[i].iso, &d);
        if (rc != days_rows[i].rc || (rc == 0 && d != days_rows[i].days))
            fail_msg("row %zu \"%s\": rc %d days %lld", i, days_rows[i].iso, rc, (long long)d);
    }
}

/* Every day from 1900 to 2100 round-trips through normalize and days, and
 * consecutive days differ by exactly one. */
static void test_days_continuous(void **state)
{
    int64_t prev = 0;
    int y, m, d, first = 1;
    (void)state;
    for (y = 1900; y <= 2100; y++)
        for (m = 1; m <= 12; m++)
            for (d = 1; d <= 31; d++) {
                char in[48], out[DATE_MAX];
                int64_t days;
                snprintf(in, sizeof in, "%d/%d/%d", d, m, y);
                if (date_normalize(in, strlen(in), out) != 0) continue; /* 31/4 etc. */
                assert_int_equal(date_days(out, &days), 0);
                if (!first && days != prev + 1) fail_msg("%s -> %lld after %lld", out, (long long)days, (long long)prev);
                prev = days;
                first = 0;
            }
    assert_int_equal(prev, 47846); /* 2100-12-31, checked with Python datetime */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_normalize_len),
        cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_days_continuous),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
