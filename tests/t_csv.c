/* t_csv.c -- the RFC 4180 splitter: table of {input, delimiter, expected
 * records}, each input placed at the very end of a page followed by a
 * PROT_NONE page so that any read past the end crashes (picohttpparser's
 * guard-page trick). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "csv.h"
#include "span.h"
#include "testutil.h"

/* Expected output: each record as "L<start line>:" + fields joined by '|'
 * + ";", then "!PARSE@L<line>" or "!BIG@L<line>;" for errors. */
static const struct {
    const char *in;
    size_t len; /* 0: strlen(in) */
    char delim;
    size_t cap; /* record buffer cap, 0 for none */
    const char *want;
} rows[] = {
    {"a,b,c\n1,2,3\n", 0, ',', 0, "L1:a|b|c;L2:1|2|3;"},
    {"a,b\r\n1,2\r\n", 0, ',', 0, "L1:a|b;L2:1|2;"},
    {"a,b\n1,2", 0, ',', 0, "L1:a|b;L2:1|2;"}, /* no final newline */
    {"a,b\r1,2\r", 0, ',', 0, "L1:a|b;L2:1|2;"}, /* lone CR ends records */
    {"\"x,y\",z\n", 0, ',', 0, "L1:x,y|z;"},
    {"\"say \"\"hi\"\"\",2\n", 0, ',', 0, "L1:say \"hi\"|2;"},
    {"\"\"\"\"\n", 0, ',', 0, "L1:\";"},
    {"\"\",\"\"\n", 0, ',', 0, "L1:|;"},
    {"\"line1\nline2\",b\nnext,x\n", 0, ',', 0, "L1:line1\nline2|b;L3:next|x;"},
    {"\"a\r\nb\",c\r\nd,e\r\n", 0, ',', 0, "L1:a\r\nb|c;L3:d|e;"},
    {"h\n\nv\n", 0, ',', 0, "L1:h;L2:;L3:v;"}, /* empty line = one empty field */
    {",,\n", 0, ',', 0, "L1:||;"},
    {"a;b,c\n1;2,3\n", 0, ';', 0, "L1:a|b,c;L2:1|2,3;"},
    {"a\tb\n1\t\"2\t3\"\n", 0, '\t', 0, "L1:a|b;L2:1|2\t3;"},
    {"\xEF\xBB\xBFh1,h2\n", 0, ',', 0, "L1:h1|h2;"}, /* BOM skipped */
    {"ab\"c\"d,e\n", 0, ',', 0, "L1:ab\"c\"d|e;"}, /* quote inside unquoted: literal */
    {"\"ab\"cd,e\n", 0, ',', 0, "L1:abcd|e;"}, /* text after closing quote kept */
    {"a,\"open\nnever closed\n", 0, ',', 0, "!PARSE@L1"},
    {"ok,1\n\"x", 0, ',', 0, "L1:ok|1;!PARSE@L2"},
    {"a\0b,c\n", 6, ',', 0, "L1:a?b|c;"}, /* NUL passes through (shown as ?) */
    {"\xff\xfe,\xc3\n", 0, ',', 0, "L1:\xff\xfe|\xc3;"}, /* invalid UTF-8 passes through */
    {"short,1\n\"a very long field\",2\nz,3\n", 0, ',', 12, "L1:short|1;!BIG@L2;L3:z|3;"},
    {"", 0, ',', 0, ""},
    {"\xEF\xBB\xBF", 0, ',', 0, ""},
};

static void render(struct buf *out, const struct buf *rec, const struct spans *fl, size_t line)
{
    size_t i, k;
    assert_int_equal(buf_printf(out, "L%zu:", line), 0);
    for (i = 0; i < fl->n; i++) {
        if (i) assert_int_equal(buf_putc(out, '|'), 0);
        for (k = 0; k < fl->v[i].len; k++) {
            char ch = rec->ptr[fl->v[i].off + k];
            assert_int_equal(buf_putc(out, ch ? ch : '?'), 0);
        }
        assert_int_equal(rec->ptr[fl->v[i].off + fl->v[i].len], '\0'); /* fields are C strings */
    }
    assert_int_equal(buf_putc(out, ';'), 0);
}

static void test_records(void **state)
{
    size_t r;
    (void)state;
    for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        size_t len = rows[r].len ? rows[r].len : strlen(rows[r].in);
        struct guarded g;
        const char *data = guard(&g, rows[r].in, len);
        struct csv c;
        struct buf rec, out;
        struct spans fl;
        struct kb_err err = {0, ""};
        int rc;

        buf_init(&rec, rows[r].cap);
        buf_init(&out, 0);
        spans_init(&fl);
        csv_init(&c, data, len, rows[r].delim);
        while ((rc = csv_next(&c, &rec, &fl, &err)) != 0) {
            if (rc == 1) {
                render(&out, &rec, &fl, c.rec_line);
            } else if (rc == KB_ETOOBIG) {
                assert_int_equal(buf_printf(&out, "!BIG@L%zu;", c.rec_line), 0);
            } else {
                assert_int_equal(rc, KB_EPARSE);
                assert_non_null(strstr(err.msg, "unterminated"));
                assert_int_equal(buf_printf(&out, "!PARSE@L%zu", c.rec_line), 0);
            }
        }
        if (strcmp(buf_cstr(&out), rows[r].want) != 0)
            fail_msg("row %zu: got \"%s\", want \"%s\"", r, buf_cstr(&out), rows[r].want);
        assert_int_equal(csv_next(&c, &rec, &fl, NULL), 0); /* stays at the end */
        buf_release(&rec);
        buf_release(&out);
        spans_release(&fl);
        unguard(&g);
    }
}

static const struct {
    const char *in;
    char want;
} delim_rows[] = {
    {"url,domain,title,date,clean_text\n", ','},
    {"\xEF\xBB\xBFkategori;berita\r\n", ';'},
    {"id\tjudul\ttautan\n", '\t'},
    {"\"a;b;c\",d,e\n", ','}, /* semicolons inside quotes do not count */
    {"judul;isi,berita;x\n", ';'},
    {"a,b;c\tx\n", ','}, /* a tie prefers the comma */
    {"single\n1;2;3;4\n", ','}, /* only the first line is the header */
    {"\"multi\nline;;;\",h2,h3\n", ','},
    {"", ','},
};

static void test_detect(void **state)
{
    size_t r;
    (void)state;
    for (r = 0; r < sizeof delim_rows / sizeof delim_rows[0]; r++)
        if (csv_detect_delim(delim_rows[r].in, strlen(delim_rows[r].in)) != delim_rows[r].want)
            fail_msg("row %zu", r);
    assert_int_equal(csv_count_delims("a,\"b,c\",d\nx,y,z,w", 17, ','), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
