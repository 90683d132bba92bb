/* t_story.c -- the story record and its JSON, text and Markdown forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "story.h"

struct row {
    int64_t id;
    const char *url, *site, *title, *published;
    int64_t dup;
};

static const struct row arts[] = {
    {1, "https://www.kabarharian.id/a", NULL, "Banjir [Sukamaju]", "2025-03-10T08:00:00", 0},
    {2, "https://warta.com/b", "warta.com", "Warga mengungsi", "2025-03-10", 0},
    {3, "/tmp/lokal.txt", NULL, NULL, "2025-03-11", 0},
    {4, "https://agregator.net/c", "agregator.net", "Banjir [Sukamaju]", "2025-03-11", 1},
    {5, "https://warta.com/d", "warta.com", "Tanpa tanggal", NULL, 0},
};

static void build(struct story *s)
{
    static const int64_t src1[] = {1, 2, 4}, src2[] = {3};
    size_t i;

    story_init(s);
    s->id = 7;
    s->title = strdup("Banjir *Sukamaju*");
    for (i = 0; i < sizeof arts / sizeof *arts; i++)
        story_add_article(s, arts[i].id, arts[i].url, arts[i].site, arts[i].title,
                          arts[i].published, arts[i].dup, "Teks.", 5);
    story_add_sentence(s, "Sekitar 1.200 warga mengungsi.", 30, 1, 2, src1, 3, 0.9);
    story_add_sentence(s, "Air mulai surut.", 16, 3, 0, src2, 1, 0.5);
    story_update_meta(s);
}

static void test_meta(void **state)
{
    struct story s;

    (void)state;
    build(&s);
    assert_string_equal(s.first_published, "2025-03-10");
    assert_string_equal(s.last_published, "2025-03-11");
    /* kabarharian.id (from its url), warta.com, the local file, agregator.net */
    assert_int_equal(s.n_sites, 4);
    story_release(&s);
    assert_int_equal(s.n_articles, 0);
    assert_null(s.title);
    story_release(&s); /* releasing twice is harmless */
}

static void test_json(void **state)
{
    static const struct {
        const char *path; /* "key" or "key.index.key" */
        const char *want; /* JSON text of the value */
    } rows[] = {
        {"id", "7"},
        {"title", "\"Banjir *Sukamaju*\""},
        {"first_published", "\"2025-03-10\""},
        {"articles.0.duplicate_of", "null"},
        {"articles.3.duplicate_of", "1"},
        {"articles.0.site", "null"},
        {"articles.2.title", "null"},
        {"articles.4.published", "null"},
        {"summary.0.sources", "[1, 2, 4]"},
        {"summary.0.article", "1"},
        {"summary.0.sentence", "2"},
        {"summary.1.text", "\"Air mulai surut.\""},
        {"facts.people", "[]"},
        {"facts.quotes", "[]"},
        {"disagreements", "[]"},
        {"timeline.0.date", "\"2025-03-10\""},
        {"timeline.0.sources", "[2]"},
        {"timeline.0.text", "\"Warga mengungsi\""}, /* date-only sorts first that day */
        {"timeline.1.sources", "[1, 4]"},
        /* 3 is canonical but untitled: the copy's title stands in, cited with
         * its original (1), which carries the same headline */
        {"timeline.1.text", "\"Banjir [Sukamaju]\""},
    };
    struct story s;
    json_t *j;
    size_t i;

    (void)state;
    build(&s);
    j = story_to_json(&s);
    assert_int_equal(json_array_size(json_object_get(j, "timeline")), 2);
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        char path[64], *tok, *save = NULL, *got;
        json_t *v = j;
        strcpy(path, rows[i].path);
        for (tok = strtok_r(path, ".", &save); tok && v; tok = strtok_r(NULL, ".", &save))
            v = (*tok >= '0' && *tok <= '9') ? json_array_get(v, strtoul(tok, NULL, 10))
                                             : json_object_get(v, tok);
        assert_non_null(v);
        got = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        /* JSON_COMPACT drops the space after commas; compare without it */
        {
            char want[128], *w = want;
            const char *p;
            for (p = rows[i].want; *p; p++)
                if (*p != ' ' || p[-1] != ',') *w++ = *p;
            *w = '\0';
            if (strcmp(got, want) != 0) fail_msg("%s: got %s want %s", rows[i].path, got, want);
        }
        free(got);
    }
    json_decref(j);
    story_release(&s);
}

static void test_text_md(void **state)
{
    static const struct {
        int md;
        const char *needle;
    } rows[] = {
        {0, "[7] Banjir *Sukamaju*"},
        {0, "2025-03-10 to 2025-03-11, 5 articles, 4 sites"},
        {0, " 1. Sekitar 1.200 warga mengungsi. [1,2,4]"},
        {0, " 2. Air mulai surut. [3]"},
        {0, "(copy of 1)"},
        {0, "https://warta.com/b (warta.com) 2025-03-10"},
        {1, "# Banjir \\*Sukamaju\\*"},
        {1, "1. Sekitar 1.200 warga mengungsi. [\\[1\\]](<https://www.kabarharian.id/a>)"},
        {1, "[\\[4\\]](<https://agregator.net/c>)"},
        {1, "- \\[1\\] [Banjir \\[Sukamaju\\]](<https://www.kabarharian.id/a>)"},
        {1, "(copy of 1)"},
    };
    struct story s;
    struct buf t = BUF_INIT, m = BUF_INIT;
    size_t i;

    (void)state;
    build(&s);
    assert_int_equal(story_to_text(&s, &t), 0);
    assert_int_equal(story_to_md(&s, &m), 0);
    for (i = 0; i < sizeof rows / sizeof *rows; i++) {
        const char *hay = buf_cstr(rows[i].md ? &m : &t);
        if (!strstr(hay, rows[i].needle)) fail_msg("missing %s in:\n%s", rows[i].needle, hay);
    }
    buf_release(&t);
    buf_release(&m);
    story_release(&s);
}

static void test_hostile(void **state)
{
    struct story s;
    struct buf out;
    json_t *j;
    char *dump;

    (void)state;
    story_init(&s); /* empty story renders */
    j = story_to_json(&s);
    assert_true(json_is_null(json_object_get(j, "title")));
    json_decref(j);
    buf_init(&out, 0);
    assert_int_equal(story_to_text(&s, &out), 0);
    assert_string_equal(buf_cstr(&out), "[0] (untitled)\nundated, 0 articles, 0 sites\n");
    buf_release(&out);
    s.title = strdup("Judul \xff\xfe rusak \xc3");
    story_add_article(&s, 1, NULL, "s\xe2\x82", "t\xc0", "2025", 0, NULL, 0);
    story_add_sentence(&s, "bad \xed\xa0\x80 utf8", 13, 1, 0, NULL, 0, 0);
    story_update_meta(&s);
    j = story_to_json(&s);
    dump = json_dumps(j, 0);
    assert_non_null(dump); /* invalid bytes become U+FFFD, never a failed dump */
    assert_non_null(strstr(dump, "\\ufffd") ? dump : strstr(dump, "\xef\xbf\xbd"));
    free(dump);
    json_decref(j);
    buf_init(&out, 16); /* a capped buffer reports KB_ETOOBIG, no crash */
    assert_int_equal(story_to_text(&s, &out), KB_ETOOBIG);
    buf_release(&out);
    story_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meta),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_text_md),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
