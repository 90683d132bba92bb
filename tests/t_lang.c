/* t_lang.c -- language identification: paragraphs written for these tests
 * (Indonesian, Malay, English, German, ...), "und" for empty and short
 * input, hostile bytes, the id/ms word score, per-paragraph detection, and
 * accuracy over the Indonesian news in ../shared/data/news-id (skipped when
 * that folder is absent). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "lang.h"
#include "span.h"
#include "testutil.h"

static struct lang_ctx *ctx;

static int setup(void **state)
{
    struct kb_err err = {0, ""};
    ctx = lang_new(&err);
    if (!ctx)
        fprintf(stderr, "lang_new: %s\n", err.msg);
    return ctx ? 0 : -1;
}

static int teardown(void **state)
{
    lang_free(ctx);
    return 0;
}

static const struct {
    const char *text;
    const char *lang;
} doc_rows[] = {
    /* Indonesian: news prose, a lower-cased outlet, chat style, a headline, capitals */
    {"Pemerintah berencana menaikkan harga bahan bakar minyak bersubsidi mulai bulan depan "
     "karena beban anggaran terus membengkak. Menteri Keuangan mengatakan subsidi energi tahun "
     "ini sudah melampaui Rp500 triliun, jauh di atas target yang ditetapkan dalam APBN.", "id"},
    {"Polisi menangkap dua pria yang diduga mencuri sepeda motor di kawasan Tebet, Jakarta "
     "Selatan, Senin malam. Kapolsek setempat menjelaskan kedua tersangka sudah lama diincar "
     "karena kerap beraksi di parkiran minimarket.", "id"},
    {"Banjir merendam ratusan rumah warga di tiga kecamatan setelah hujan deras mengguyur "
     "wilayah itu sejak sore. Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke "
     "tempat pengungsian sementara di balai desa.", "id"},
    {"bank indonesia memperkirakan inflasi pada akhir tahun tetap terkendali di kisaran 2,5 "
     "persen plus minus satu persen, seiring pasokan pangan yang cukup dan harga energi yang "
     "stabil.", "id"},
    {"Gue nggak nyangka banget antreannya sepanjang ini, padahal udah datang dari jam enam "
     "pagi. Katanya sih stoknya terbatas, jadi ya pasrah aja.", "id"},
    {"Harga Cabai Rawit di Pasar Induk Naik Dua Kali Lipat Jelang Lebaran", "id"},
    {"WARGA DIMINTA WASPADA TERHADAP PENIPUAN BERKEDOK UNDIAN BERHADIAH DI MEDIA SOSIAL", "id"},
    {"Pedagang kos-kosan di sekitar kampus mengeluhkan sepinya penyewa sejak perkuliahan "
     "daring diberlakukan, sementara biaya listrik dan air terus naik setiap bulan.", "id"},
    /* Malay */
    {"Kerajaan negeri akan memperuntukkan sebanyak RM50 juta bagi membaiki jalan raya yang "
     "rosak akibat banjir, kata Menteri Besar dalam satu kenyataan semalam. Beliau berkata "
     "kerja-kerja pembaikan dijangka bermula selepas musim tengkujuh berakhir dan akan "
     "melibatkan syarikat kontraktor tempatan.", "ms"},
    {"Polis telah menahan tiga lelaki yang disyaki terlibat dalam kes rompakan di sebuah kedai "
     "emas di Kuala Lumpur pada petang Isnin. Ketua Polis Daerah berkata, suspek berusia antara "
     "25 hingga 40 tahun itu ditahan di sebuah rumah di Cheras kira-kira pukul 11 malam.", "ms"},
    {"Kadar pengangguran negara menurun kepada 3.4 peratus pada bulan Ogos berbanding 3.5 "
     "peratus pada bulan sebelumnya, menurut Jabatan Perangkaan. Bilangan penganggur "
     "berkurangan sebanyak 8,000 orang, manakala jumlah tenaga buruh meningkat sedikit.", "ms"},
    {"Harga minyak sawit mentah dijangka kekal tinggi sepanjang tahun ini kerana permintaan "
     "yang kukuh dari India dan China, kata penganalisis. Bagaimanapun, mereka mengingatkan "
     "bahawa pengeluaran yang lebih rendah di Indonesia mungkin menjejaskan bekalan global.", "ms"},
    {"Pasukan bola sepak negara akan bertemu Thailand dalam perlawanan akhir kejohanan itu di "
     "Stadium Nasional Bukit Jalil pada hari Sabtu ini. Jurulatih pasukan berkata para pemain "
     "berada dalam keadaan baik dan bersedia untuk memberikan persembahan terbaik.", "ms"},
    {"Penduduk kampung itu terpaksa berpindah ke pusat pemindahan sementara selepas air naik "
     "dengan mendadak pada awal pagi. Mereka berharap bantuan makanan dan ubat-ubatan dapat "
     "disalurkan dengan segera oleh pihak berkuasa.", "ms"},
    /* English, German and others */
    {"The central bank kept its benchmark interest rate unchanged on Wednesday, saying "
     "inflation remained within its target range while the currency had stabilised after "
     "weeks of volatility.", "en"},
    {"Rescue teams searched through the night for survivors after a landslide buried several "
     "houses in a mountain village, officials said, adding that heavy rain was hampering the "
     "operation.", "en"},
    {"Die Bundesregierung will die Förderung für Elektroautos im kommenden Jahr deutlich "
     "ausweiten, teilte das Wirtschaftsministerium am Dienstag in Berlin mit. Kritiker "
     "bemängeln, dass vor allem wohlhabende Haushalte davon profitieren würden.", "de"},
    {"Nach tagelangen Regenfällen sind in mehreren Gemeinden Süddeutschlands die Flüsse über "
     "die Ufer getreten. Feuerwehr und Technisches Hilfswerk waren die ganze Nacht im Einsatz, "
     "um Keller leer zu pumpen.", "de"},
    {"Le gouvernement a annoncé mardi une hausse du salaire minimum à partir du mois prochain, "
     "une mesure réclamée depuis longtemps par les syndicats.", "fr"},
    {"El gobierno anunció el martes un aumento del salario mínimo a partir del próximo mes, "
     "una medida que los sindicatos reclamaban desde hace años.", "es"},
    {"Het kabinet kondigde dinsdag aan dat het minimumloon volgende maand omhoog gaat, een "
     "maatregel waar de vakbonden al lang om vroegen.", "nl"},
};

static void test_documents(void **state)
{
    for (size_t i = 0; i < sizeof doc_rows / sizeof doc_rows[0]; i++) {
        char out[LANG_CODE_MAX];
        double conf = -1;
        assert_int_equal(lang_detect(ctx, doc_rows[i].text, strlen(doc_rows[i].text), out, &conf), 0);
        if (strcmp(out, doc_rows[i].lang) != 0)
            fail_msg("row %zu: got %s, want %s: %.60s", i, out, doc_rows[i].lang, doc_rows[i].text);
        assert_true(conf > 0 && conf <= 1);
    }
}

static const char *const und_rows[] = {
    "", " ", "\n\n\t", "ok", "Ya.", "12345 678,90 -- 2024", "!!! ??? ...", "Jakarta",
    "\xff\xfe\xfd\xfc", "a b c d e f g h",
};

static void test_und(void **state)
{
    for (size_t i = 0; i < sizeof und_rows / sizeof und_rows[0]; i++) {
        char out[LANG_CODE_MAX];
        double conf = -1;
        assert_int_equal(lang_detect(ctx, und_rows[i], strlen(und_rows[i]), out, &conf), 0);
        if (strcmp(out, "und") != 0)
            fail_msg("row %zu: got %s for \"%s\"", i, out, und_rows[i]);
        assert_true(conf == 0);
    }
    char out[LANG_CODE_MAX] = "xx";
    assert_int_equal(lang_detect(ctx, NULL, 0, out, NULL), 0);
    assert_string_equal(out, "und");
    assert_int_equal(lang_detect(NULL, "teks", 4, out, NULL), KB_EINVAL);
    assert_string_equal(out, "und");
    assert_int_equal(lang_detect(ctx, "teks", 4, NULL, NULL), KB_EINVAL);
}

/* NULs, invalid UTF-8 and cut sequences inside Indonesian text: ignored. */
static void test_hostile_bytes(void **state)
{
    static const char para[] = "Pemerintah berencana menaikkan harga bahan bakar minyak "
                               "bersubsidi mulai bulan depan karena beban anggaran terus "
                               "membengkak, kata Menteri Keuangan.";
    char buf[sizeof para * 2];
    size_t n = 0;
    for (size_t i = 0; i + 1 < sizeof para; i++) {
        buf[n++] = para[i];
        if (i % 17 == 5)
            buf[n++] = '\0';
        if (i % 23 == 7)
            buf[n++] = (char)0xC3; /* lead byte without its continuation */
    }
    buf[n++] = (char)0xE2; /* truncated 3-byte sequence at the very end */
    char out[LANG_CODE_MAX];
    double conf;
    assert_int_equal(lang_detect(ctx, buf, n, out, &conf), 0);
    assert_string_equal(out, "id");

    /* random bytes: any answer, but a NUL-terminated code and a sane confidence */
    unsigned long x = 12345;
    char rnd[600];
    for (int round = 0; round < 300; round++) {
        size_t len = (size_t)(round * 2) % sizeof rnd;
        for (size_t i = 0; i < len; i++) {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            rnd[i] = (char)(x >> 56);
        }
        memset(out, 'X', sizeof out);
        assert_int_equal(lang_detect(ctx, rnd, len, out, &conf), 0);
        assert_true(memchr(out, '\0', sizeof out) != NULL);
        assert_true(conf >= 0 && conf <= 1);
    }
}

/* Only the first LANG_SCAN_MAX bytes count: a long Indonesian text followed
 * by English is Indonesian, and a huge input is not a problem. */
static void test_scan_limit(void **state)
{
    static const char id[] = "Harga beras di pasar tradisional kembali naik karena pasokan "
                             "dari daerah sentra produksi berkurang akibat musim kemarau. ";
    static const char en[] = "The price of rice rose again at traditional markets because "
                             "supply from the main producing regions fell in the dry season. ";
    struct buf b = BUF_INIT;
    while (b.len < LANG_SCAN_MAX)
        assert_int_equal(buf_puts(&b, id), 0);
    while (b.len < 2 * 1024 * 1024)
        assert_int_equal(buf_puts(&b, en), 0);
    char out[LANG_CODE_MAX];
    assert_int_equal(lang_detect(ctx, b.ptr, b.len, out, NULL), 0);
    assert_string_equal(out, "id");
    assert_int_equal(lang_detect(ctx, b.ptr + LANG_SCAN_MAX + 200, b.len - LANG_SCAN_MAX - 200,
                                 out, NULL), 0);
    assert_string_equal(out, "en");
    buf_release(&b);
}

static const struct {
    const char *text;
    int sign; /* expected sign of lang_id_ms_score */
} idms_rows[] = {
    {"karena", 1},
    {"kerana", -1},
    {"Uang", 1},
    {"WANG", -1},
    {"bahwa yang", 1},
    {"bahawa yang", -1},
    {"kualitas aktivitas", 1},
    {"kualiti aktiviti", -1},
    {"televisyen", -1},
    {"syarikat-syarikat", -1},
    {"kos-kosan", 0},      /* an Indonesian compound, not Malay "kos" */
    {"pasca-kerana", 0},   /* compound parts are not words */
    {"tidak sudah juga sekarang", 0}, /* shared words carry no evidence */
    {"kerana2", 0},        /* glued to a digit: not a plain word */
    {"", 0},
};

static void test_id_ms_score(void **state)
{
    for (size_t i = 0; i < sizeof idms_rows / sizeof idms_rows[0]; i++) {
        int s = lang_id_ms_score(idms_rows[i].text, strlen(idms_rows[i].text));
        int sign = (s > 0) - (s < 0);
        if (sign != idms_rows[i].sign)
            fail_msg("row %zu (%s): score %d", i, idms_rows[i].text, s);
    }
    /* one word repeated cannot outweigh everything: it counts at most 3 times */
    assert_int_equal(lang_id_ms_score("wang wang wang wang wang wang", 29),
                     lang_id_ms_score("wang wang wang", 14));
    assert_int_equal(lang_id_ms_score(NULL, 5), 0);
}

static void test_paragraphs(void **state)
{
    static const char text[] =
        "Harga Beras Naik\n"
        "\n"
        "Harga beras medium di sejumlah pasar tradisional naik sejak awal pekan karena pasokan "
        "dari sentra produksi berkurang, kata pedagang.\r\n"
        "  \n"
        "\"We expect prices to stay high until the next harvest,\" the trade minister told "
        "reporters on Tuesday.\n"
        "Pemerintah berjanji menggelar operasi pasar untuk menekan harga.";
    struct lang_paras p = LANG_PARAS_INIT;
    assert_int_equal(lang_detect_paragraphs(ctx, text, sizeof text - 1, &p), 0);
    assert_int_equal(p.n, 4);
    static const struct {
        const char *start;
        const char *lang;
        unsigned flags;
    } want[] = {
        {"Harga Beras Naik", "id", LANG_PARA_INHERITED},
        {"Harga beras medium", "id", 0},
        {"\"We expect", "en", 0},
        {"Pemerintah berjanji", "id", 0},
    };
    for (size_t i = 0; i < 4; i++) {
        assert_memory_equal(text + p.v[i].off, want[i].start, strlen(want[i].start));
        assert_string_equal(p.v[i].lang, want[i].lang);
        assert_int_equal(p.v[i].flags, want[i].flags);
        /* trimmed: no surrounding whitespace, CR included */
        assert_true(text[p.v[i].off] != ' ' && text[p.v[i].off + p.v[i].len - 1] != '\r');
    }
    assert_memory_equal(text + p.v[3].off + p.v[3].len - 6, "harga.", 6);
    lang_paras_release(&p);
    assert_null(p.v);

    assert_int_equal(lang_detect_paragraphs(ctx, "", 0, &p), 0);
    assert_int_equal(p.n, 0);
    assert_int_equal(lang_detect_paragraphs(ctx, "\n\n \n", 4, &p), 0);
    assert_int_equal(p.n, 0);
    assert_int_equal(lang_detect_paragraphs(NULL, "x", 1, &p), KB_EINVAL);
    lang_paras_release(&p);
}

static void test_bad_model_dir(void **state)
{
    struct kb_err err = {0, ""};
    assert_null(lang_new_dir("/nonexistent/kabar-models", &err));
    assert_int_equal(err.code, KB_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/kabar-models"));
    lang_free(NULL);
}

/* ---- accuracy over ../shared/data/news-id ----------------------------- */

struct tally {
    size_t docs, right;
};

/* Detects the language of every article text in one CSV file. */
static void count_csv(const char *path, char *data, size_t len, void *tally)
{
    struct tally *t = tally;
    struct buf rec = BUF_INIT;
    struct spans f = SPANS_INIT;
    struct csv c;
    long col = -1;
    int rc;
    (void)path;
    csv_init(&c, data, len, csv_detect_delim(data, len));
    if (csv_next(&c, &rec, &f, NULL) == 1)
        for (size_t i = 0; i < f.n; i++) {
            const char *h = rec.ptr + f.v[i].off;
            if (!strcmp(h, "clean_text") || !strcmp(h, "isi_berita") || !strcmp(h, "berita"))
                col = (long)i;
        }
    while (col >= 0 && (rc = csv_next(&c, &rec, &f, NULL)) != 0 && rc != KB_EPARSE) {
        if (rc < 0 || (size_t)col >= f.n || f.v[col].len == 0)
            continue;
        char out[LANG_CODE_MAX];
        assert_int_equal(lang_detect(ctx, rec.ptr + f.v[col].off, f.v[col].len, out, NULL), 0);
        t->docs++;
        t->right += strcmp(out, "id") == 0;
    }
    buf_release(&rec);
    spans_release(&f);
}

static void test_news_id_accuracy(void **state)
{
    static const char *const sets[] = {"news-id/inflation", "news-id/detik1000",
                                       "news-id/hoax-valid"};
    char dir[4096];
    struct tally t = {0, 0};
    int found = 0;

    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
        snprintf(dir, sizeof dir, "%s/%s", shared_dir(), sets[s]);
        if (each_file(dir, ".csv", count_csv, &t) >= 0)
            found = 1;
    }
    if (!found) {
        fprintf(stderr, "# %s/news-id not found: skipping the accuracy test\n", shared_dir());
        skip();
    }
    assert_true(t.docs >= 1000);
    double acc = (double)t.right / (double)t.docs;
    fprintf(stderr, "# news-id: %zu of %zu documents Indonesian (%.2f%%)\n", t.right, t.docs,
            100 * acc);
    assert_true(acc >= 0.99);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_documents),     cmocka_unit_test(test_und),
        cmocka_unit_test(test_hostile_bytes), cmocka_unit_test(test_scan_limit),
        cmocka_unit_test(test_id_ms_score),   cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_bad_model_dir), cmocka_unit_test(test_news_id_accuracy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
