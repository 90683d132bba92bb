/* t_sent.c -- unit tests for sent.c (sentence splitting).
 *
 * Table-driven: each row is an input and the sentences expected from it,
 * joined with " | ". Flag rows check SENT_* bits of one sentence. Golden
 * pairs in tests/golden/sentences/ (NNN.in -> NNN.out, one sentence per
 * line) and the acceptance points on ../shared/data/seeds follow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "sent.h"
#include "testutil.h"

#define SEP " | "

/* The sentences of s joined with SEP, in a caller-freed string. */
static char *joined(const char *s, size_t n, struct spans *sp)
{
    struct buf b = BUF_INIT;
    size_t k;
    spans_reset(sp);
    sent_split(s, n, sp);
    for (k = 0; k < sp->n; k++) {
        assert_true(sp->v[k].len > 0);
        assert_true(sp->v[k].off + sp->v[k].len <= n);
        if (k) assert_int_equal(buf_puts(&b, SEP), 0);
        assert_int_equal(buf_append(&b, s + sp->v[k].off, sp->v[k].len), 0);
    }
    return buf_take(&b);
}

struct row {
    const char *in;
    const char *want;
};

static void run_rows(const struct row *rows, size_t n)
{
    struct spans sp = SPANS_INIT;
    size_t i;
    for (i = 0; i < n; i++) {
        char *got = joined(rows[i].in, strlen(rows[i].in), &sp);
        int bad = strcmp(got, rows[i].want) != 0;
        if (bad)
            print_error("row %zu\n  in:   %s\n  want: %s\n  got:  %s\n", i, rows[i].in,
                        rows[i].want, got);
        free(got);
        if (bad) {
            spans_release(&sp);
            fail();
        }
    }
    spans_release(&sp);
}

#define RUN(rows) run_rows(rows, sizeof rows / sizeof rows[0])

static void test_basic(void **state)
{
    static const struct row rows[] = {
        {"Harga cabai naik. Pedagang mengeluh.", "Harga cabai naik. | Pedagang mengeluh."},
        {"Siapa yang datang? Tidak ada! Semua diam.", "Siapa yang datang? | Tidak ada! | Semua diam."},
        {"Baris satu.\nBaris dua.", "Baris satu. | Baris dua."},
        {"Baris satu\r\nBaris dua\rBaris tiga", "Baris satu | Baris dua | Baris tiga"},
        {"  Spasi di depan.   Lalu spasi.  ", "Spasi di depan. | Lalu spasi."},
        {"Apa?! Benar begitu?!", "Apa?! | Benar begitu?!"},
        {"Mereka menunggu… Lalu hujan turun.", "Mereka menunggu… | Lalu hujan turun."},
        {"", ""},
        {"\n\n  \n", ""},
        {". . .", ""},
        {"(*)", ""},
    };
    (void)state;
    RUN(rows);
}

static void test_abbreviations(void **state)
{
    static const struct row rows[] = {
        {"Dr. Siti Rahma hadir di Jl. Merdeka No. 5 pagi tadi.",
         "Dr. Siti Rahma hadir di Jl. Merdeka No. 5 pagi tadi."},
        {"Prof. Budi dan H. Ahmad serta Hj. Aminah datang.",
         "Prof. Budi dan H. Ahmad serta Hj. Aminah datang."},
        {"Pengacara Yusuf, S.H., M.Si. menjelaskan duduk perkaranya.",
         "Pengacara Yusuf, S.H., M.Si. menjelaskan duduk perkaranya."},
        {"Ia membeli beras, gula, minyak, dll. yang dibutuhkan warga.",
         "Ia membeli beras, gula, minyak, dll. yang dibutuhkan warga."},
        {"Ia membeli beras, gula, dsb. Warga pun senang.",
         "Ia membeli beras, gula, dsb. | Warga pun senang."},
        {"Harganya Rp. 15.000 per kilogram di pasar.", "Harganya Rp. 15.000 per kilogram di pasar."},
        {"Surat itu a.n. kepala desa dan berlaku s.d. akhir bulan.",
         "Surat itu a.n. kepala desa dan berlaku s.d. akhir bulan."},
        {"Ia tinggal di Kec. Cibinong, Kab. Bogor, Prov. Jawa Barat.",
         "Ia tinggal di Kec. Cibinong, Kab. Bogor, Prov. Jawa Barat."},
        {"Penulisnya J. Smith dari A.S. bersama Mr. Lee.",
         "Penulisnya J. Smith dari A.S. bersama Mr. Lee."},
        {"Jend. Sudirman dan Kol. Anwar hadir. Acara dimulai.",
         "Jend. Sudirman dan Kol. Anwar hadir. | Acara dimulai."},
        {"Perusahaan Maju Jaya Inc. Kemudian mengumumkan laba.",
         "Perusahaan Maju Jaya Inc. | Kemudian mengumumkan laba."},
        {"Barang tsb. sudah dikirim kemarin.", "Barang tsb. sudah dikirim kemarin."},
    };
    (void)state;
    RUN(rows);
}

static void test_numbers_urls(void **state)
{
    static const struct row rows[] = {
        {"Sebanyak 2.000.000 peluru dikirim. Jumlahnya naik 1,5 persen.",
         "Sebanyak 2.000.000 peluru dikirim. | Jumlahnya naik 1,5 persen."},
        {"Rapat dimulai pukul 10.20 WIB di gedung DPR.", "Rapat dimulai pukul 10.20 WIB di gedung DPR."},
        {"Kamis (3/12) nilainya US$540 juta. Itu rekor.",
         "Kamis (3/12) nilainya US$540 juta. | Itu rekor."},
        {"Laporan lengkap ada di https://contoh.go.id/Data.Baru/lapor.pdf hari ini.",
         "Laporan lengkap ada di https://contoh.go.id/Data.Baru/lapor.pdf hari ini."},
        {"Kunjungi www.contoh.co.id. Informasi lain menyusul.",
         "Kunjungi www.contoh.co.id. | Informasi lain menyusul."},
        {"Kirim surel ke redaksi.Kabar@contoh.id untuk koreksi.",
         "Kirim surel ke redaksi.Kabar@contoh.id untuk koreksi."},
        {"Berita dikutip dari beritaku.net pagi ini.", "Berita dikutip dari beritaku.net pagi ini."},
        {"Inflasi tahun 2024. Tahun berikutnya turun.", "Inflasi tahun 2024. | Tahun berikutnya turun."},
    };
    (void)state;
    RUN(rows);
}

static void test_quotes(void **state)
{
    static const struct row rows[] = {
        {"\xE2\x80\x9C" "Kami menolak rencana itu,\xE2\x80\x9D kata juru bicara tersebut.",
         "\xE2\x80\x9C" "Kami menolak rencana itu,\xE2\x80\x9D kata juru bicara tersebut."},
        {"Ia berkata \xE2\x80\x9C" "semua aman.\xE2\x80\x9D Polisi lalu pergi.",
         "Ia berkata \xE2\x80\x9C" "semua aman.\xE2\x80\x9D | Polisi lalu pergi."},
        {"\"Kapan selesai?\" tanya warga. \"Besok,\" jawabnya.",
         "\"Kapan selesai?\" tanya warga. | \"Besok,\" jawabnya."},
        {"\"Kami siap.\" katanya kepada wartawan.", "\"Kami siap.\" katanya kepada wartawan."},
        {"Dia diam. \"Tidak ada komentar,\" ujarnya.",
         "Dia diam. | \"Tidak ada komentar,\" ujarnya."},
    };
    (void)state;
    RUN(rows);
}

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */

/* A quotation of several sentences stays one unit with its speaker, in
 * every way news text writes it; unbalanced marks fall back to splitting. */
static void test_quotes_multi(void **state)
{
    static const struct row rows[] = {
        /* attribution after the quote */
        {"\"Air naik sangat cepat. Dalam dua jam ketinggian sudah mencapai 1,5 meter,\" kata "
         "Teguh di kantornya.",
         "\"Air naik sangat cepat. Dalam dua jam ketinggian sudah mencapai 1,5 meter,\" kata "
         "Teguh di kantornya."},
        {LQ "Kami sudah siap. Semua personel disiagakan," RQ " ujar Kapolres. Ia lalu pergi.",
         LQ "Kami sudah siap. Semua personel disiagakan," RQ " ujar Kapolres. | Ia lalu pergi."},
        {"\"Siapa yang bertanggung jawab? Kami menunggu jawaban,\" ujarnya.",
         "\"Siapa yang bertanggung jawab? Kami menunggu jawaban,\" ujarnya."},
        {"\"Kami menunggu... Tidak ada yang datang!\" seru Ani.",
         "\"Kami menunggu... Tidak ada yang datang!\" seru Ani."},
        {"\"Kapan? Besok?\" tanya warga.", "\"Kapan? Besok?\" tanya warga."},
        /* attribution before the quote */
        {"Bupati mengatakan, \"Bantuan sudah dikirim. Warga diminta tenang.\" Evakuasi berlanjut.",
         "Bupati mengatakan, \"Bantuan sudah dikirim. Warga diminta tenang.\" | Evakuasi berlanjut."},
        {"Ia menegaskan: " LQ "Jalan rusak. Perbaikan dimulai besok." RQ,
         "Ia menegaskan: " LQ "Jalan rusak. Perbaikan dimulai besok." RQ},
        /* the quote ends the paragraph or is followed by a new sentence */
        {"Warga panik. \"Air datang tiba-tiba. Kami tidak sempat mengungsi.\"",
         "Warga panik. | \"Air datang tiba-tiba. Kami tidak sempat mengungsi.\""},
        {"\"Semua aman. Jangan khawatir.\" Polisi lalu pergi.",
         "\"Semua aman. Jangan khawatir.\" | Polisi lalu pergi."},
        /* two quotations, each with its speaker */
        {"\"Kami lapar. Tolong kami,\" kata Ani. \"Sudah dua hari. Belum ada bantuan,\" tambahnya.",
         "\"Kami lapar. Tolong kami,\" kata Ani. | \"Sudah dua hari. Belum ada bantuan,\" tambahnya."},
        /* mixed marks and ” written for both ends, as scraped text has them */
        {"\"Harga naik lagi. Kami bingung," RQ " keluh Sari.",
         "\"Harga naik lagi. Kami bingung," RQ " keluh Sari."},
        {RQ "Stok aman. Tidak perlu panik," RQ " kata Budi.",
         RQ "Stok aman. Tidak perlu panik," RQ " kata Budi."},
        /* a quotation glued to the sentence before it */
        {"Harga turun." LQ "Kami senang. Semoga bertahan," RQ " kata Ani.",
         "Harga turun. | " LQ "Kami senang. Semoga bertahan," RQ " kata Ani."},
        {"Harga turun.\"Kami senang. Semoga bertahan,\" kata Ani.",
         "Harga turun. | \"Kami senang. Semoga bertahan,\" kata Ani."},
        {"Ia berkata, " LQ "Jalan rusak.Perbaikan belum dimulai," RQ " tegasnya.",
         "Ia berkata, " LQ "Jalan rusak.Perbaikan belum dimulai," RQ " tegasnya."},
        /* a quotation nested in another */
        {LQ "Ia bilang \"tidak ada uang\". Itu bohong," RQ " kata Rudi.",
         LQ "Ia bilang \"tidak ada uang\". Itu bohong," RQ " kata Rudi."},
        /* unbalanced marks never swallow the paragraph */
        {"\"Kami menolak. Polisi datang. Warga bubar.",
         "\"Kami menolak. | Polisi datang. | Warga bubar."},
        {"Kami menolak. Polisi datang,\" katanya. Warga bubar.",
         "Kami menolak. | Polisi datang,\" katanya. | Warga bubar."},
        {"\"Kami menolak. Polisi datang. \"Bubar,\" kata komandan.",
         "\"Kami menolak. | Polisi datang. | \"Bubar,\" kata komandan."},
        {"Layar 6,5\" cukup besar. Harganya murah.", "Layar 6,5\" cukup besar. | Harganya murah."},
        /* quotation marks on names and terms change nothing */
        {"Istilah \"open cycle\" dipakai. Lalu berubah.",
         "Istilah \"open cycle\" dipakai. | Lalu berubah."},
        {"Ia membaca " LQ "Kompas" RQ ". Lalu ia pergi.",
         "Ia membaca " LQ "Kompas" RQ ". | Lalu ia pergi."},
        /* a line break ends a paragraph even inside a quotation */
        {"\"Kami siap.\nSemua aman,\" katanya.", "\"Kami siap. | Semua aman,\" katanya."},
    };
    (void)state;
    RUN(rows);
}

/* A quotation longer than 80 words is cut at its sentence ends, and every
 * piece says so (SENT_QUOTE_PART), so that a summary can leave it out. */
static void test_quote_too_long(void **state)
{
    struct buf b = BUF_INIT;
    struct spans sp = SPANS_INIT;
    size_t k;
    (void)state;
    assert_int_equal(buf_puts(&b, "Ia membuka rapat. \""), 0);
    for (k = 0; k < 9; k++)
        assert_int_equal(buf_puts(&b, "Kami akan terus bekerja keras demi warga desa ini. "), 0);
    assert_int_equal(buf_puts(&b, "Terima kasih,\" kata Kades. Rapat ditutup."), 0);
    sent_split(b.ptr, b.len, &sp);
    assert_int_equal(sp.n, 12);
    assert_int_equal(sp.v[0].flags, SENT_PARA_START);
    for (k = 1; k <= 10; k++) assert_int_equal(sp.v[k].flags, SENT_QUOTE | SENT_QUOTE_PART);
    assert_int_equal(sp.v[11].flags, 0);
    spans_release(&sp);
    /* one word fewer than the limit is kept whole */
    buf_reset(&b);
    assert_int_equal(buf_puts(&b, "\""), 0);
    for (k = 0; k < 7; k++)
        assert_int_equal(buf_puts(&b, "Kami akan terus bekerja keras demi warga desa ini. "), 0);
    assert_int_equal(buf_puts(&b, "Satu dua tiga empat lima enam tujuh delapan,\" katanya."), 0);
    sent_split(b.ptr, b.len, &sp);
    assert_int_equal(sp.n, 1);
    assert_int_equal(sp.v[0].flags, SENT_QUOTE | SENT_PARA_START);
    spans_release(&sp);
    buf_release(&b);
}

/* Titles and initials at a real sentence end, decided by what follows: a
 * capitalised function word starts a sentence, a name does not; a label
 * noun before a single letter makes it a numeral or a group name. */
static void test_abbr_at_end(void **state)
{
    static const struct row rows[] = {
        {"Gedung itu di Jalan Kramat Raya no. Lebih dari 100 orang ditahan di sana.",
         "Gedung itu di Jalan Kramat Raya no. | Lebih dari 100 orang ditahan di sana."},
        {"Tarif naik untuk zona I. Aturan itu berlaku besok.",
         "Tarif naik untuk zona I. | Aturan itu berlaku besok."},
        {"Indonesia di Grup F. Laga berikutnya di Hanoi.",
         "Indonesia di Grup F. | Laga berikutnya di Hanoi."},
        {"Ia wafat setelah Perang Dunia II. Jenazahnya dimakamkan di Bogor.",
         "Ia wafat setelah Perang Dunia II. | Jenazahnya dimakamkan di Bogor."},
        {"Raja Charles I. Ia naik takhta muda.", "Raja Charles I. | Ia naik takhta muda."},
        {"Pengacaranya Ani, S.H. Ia menolak berkomentar.",
         "Pengacaranya Ani, S.H. | Ia menolak berkomentar."},
        {"Kantornya di Jl. Dr. Wahidin No. 3. Namun kini pindah.",
         "Kantornya di Jl. Dr. Wahidin No. 3. | Namun kini pindah."},
        /* a name or a lower-case word after them: no end */
        {"Budi I. Santoso datang.", "Budi I. Santoso datang."},
        {"Ia tinggal di Kab. bogor bersama keluarganya.",
         "Ia tinggal di Kab. bogor bersama keluarganya."},
        {"Rumahnya di Jl. Lebak Bulus dekat stasiun.", "Rumahnya di Jl. Lebak Bulus dekat stasiun."},
        {"Kantor PT. Ini Itu Jaya buka.", "Kantor PT. Ini Itu Jaya buka."},
        /* abbreviations that were missing */
        {"Deputi BPS, Moh. Edy Mahmud, hadir.", "Deputi BPS, Moh. Edy Mahmud, hadir."},
        {"Ia lulus Ph. D. dari Leiden.", "Ia lulus Ph. D. dari Leiden."},
        {"Hubungi Telp. (021) 555 atau Fax. (021) 556 hari ini.",
         "Hubungi Telp. (021) 555 atau Fax. (021) 556 hari ini."},
        {"Ia tinggal di Dsn. Kaluwan Dk. Botoh sejak kecil.",
         "Ia tinggal di Dsn. Kaluwan Dk. Botoh sejak kecil."},
        {"Korban dibawa ke RS. Santo Borromeus oleh Rev. George.",
         "Korban dibawa ke RS. Santo Borromeus oleh Rev. George."},
        /* a number cut by a space is not an end */
        {"Pengikutnya 2.904. 678 akun aktif.", "Pengikutnya 2.904. 678 akun aktif."},
    };
    (void)state;
    RUN(rows);
}

/* In mixed-case text a lower-case word after a mark starts a sentence
 * only where the capital was evidently lost. */
static void test_lower_start(void **state)
{
    static const struct row rows[] = {
        {"Apa penyebabnya? tidak ada yang tahu.", "Apa penyebabnya? | tidak ada yang tahu."},
        {"Kapan selesai? tanya warga.", "Kapan selesai? tanya warga."},
        {"Benarkah? ujarnya heran.", "Benarkah? ujarnya heran."},
        {"Ia pindah ke Bandung. kemudian ia bekerja.", "Ia pindah ke Bandung. | kemudian ia bekerja."},
        {"Harga naik 2 persen. b. Stok aman.", "Harga naik 2 persen. b. | Stok aman."},
        {"Ia membeli gula dll. yang lain.", "Ia membeli gula dll. yang lain."},
        {"Kami tiba di Jl. merdeka pagi.", "Kami tiba di Jl. merdeka pagi."},
    };
    (void)state;
    RUN(rows);
}

static void test_ellipsis_glue(void **state)
{
    static const struct row rows[] = {
        {"Ia ragu... tetapi akhirnya setuju.", "Ia ragu... tetapi akhirnya setuju."},
        {"Ia ragu... Akhirnya ia setuju.", "Ia ragu... | Akhirnya ia setuju."},
        {"Harga naik tajam.Pemerintah turun tangan.", "Harga naik tajam. | Pemerintah turun tangan."},
        {"Menurut Lee Jae-hun.Kremlin menolak.", "Menurut Lee Jae-hun. | Kremlin menolak."},
        {"Semua sudah siap. .Kapal berangkat pagi.", "Semua sudah siap. | Kapal berangkat pagi."},
        {"Ringkasan BeritaPemerintah menaikkan harga BBM.",
         "Ringkasan Berita | Pemerintah menaikkan harga BBM."},
        {"Video diunggah ke YouTube dan dibagikan lewat WhatsApp serta PowerPoint.",
         "Video diunggah ke YouTube dan dibagikan lewat WhatsApp serta PowerPoint."},
        {"Vaksin AstraZeneca dan layanan TransJakarta dibahas.",
         "Vaksin AstraZeneca dan layanan TransJakarta dibahas."},
        {"Ia memakai iPhone dan makan di McDonald bersama tim OpenAI.",
         "Ia memakai iPhone dan makan di McDonald bersama tim OpenAI."},
        {"Sidang ditunda.\xE2\x80\x9DHakim keluar ruangan.",
         "Sidang ditunda.\xE2\x80\x9D | Hakim keluar ruangan."},
    };
    (void)state;
    RUN(rows);
}

static void test_bullets_headings(void **state)
{
    static const struct row rows[] = {
        {"- Harga naik\n- Stok aman", "Harga naik | Stok aman"},
        {"1. Pertama diperiksa.\n2. Kedua dicatat.", "Pertama diperiksa. | Kedua dicatat."},
        {"Poin utama \xE2\x80\xA2 Harga naik \xE2\x80\xA2 Stok aman",
         "Poin utama | Harga naik | Stok aman"},
        {"Tahun 2024. Harga naik.", "Tahun 2024. | Harga naik."},
    };
    (void)state;
    RUN(rows);
}

struct flag_row {
    const char *in;
    size_t idx;     /* sentence index */
    unsigned want;  /* exact flags */
};

static void test_flags(void **state)
{
    static const struct flag_row rows[] = {
        {"Harga Beras Naik Lagi\nPedagang mengeluh sejak pagi.", 0, SENT_HEADING | SENT_PARA_START},
        {"Harga Beras Naik Lagi\nPedagang mengeluh sejak pagi.", 1, SENT_PARA_START},
        {"Apa yang terjadi? Semua bingung.", 0, SENT_QUESTION | SENT_PARA_START},
        {"Apa yang terjadi? Semua bingung.", 1, 0},
        {"\"Kapan?\" tanya dia. Lalu pergi.", 0, SENT_QUOTE | SENT_PARA_START},
        {"Mengapa Korea Utara?", 0, SENT_QUESTION | SENT_PARA_START},
        {"ini adalah sebuah baris panjang tanpa tanda baca yang memuat lebih dari lima belas "
         "kata sehingga tidak mungkin dianggap sebagai judul atau subjudul",
         0, SENT_PARA_START},
        {"Poin PentingIndonesia menang.", 0, SENT_HEADING | SENT_PARA_START},
        {"Poin PentingIndonesia menang.", 1, 0},
        {"- Stok aman", 0, SENT_PARA_START},
        {"\"Air naik. Kami panik,\" kata Teguh. Ia pergi.", 0, SENT_QUOTE | SENT_PARA_START},
        {"\"Air naik. Kami panik,\" kata Teguh. Ia pergi.", 1, 0},
        {"Ia berkata, " LQ "Kapan?" RQ, 0, SENT_QUOTE | SENT_QUESTION | SENT_PARA_START},
        {"Istilah \"open cycle\" dipakai luas.", 0, SENT_PARA_START},
        {"Judulnya \"Tanah Air Kita di Masa Depan Nanti\" terbit.", 0,
         SENT_QUOTE | SENT_PARA_START},
        {"\"Kami menolak. Polisi datang.", 0, SENT_PARA_START},
    };
    struct spans sp = SPANS_INIT;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        spans_reset(&sp);
        sent_split(rows[i].in, strlen(rows[i].in), &sp);
        assert_true(rows[i].idx < sp.n);
        if (sp.v[rows[i].idx].flags != rows[i].want) {
            print_error("flag row %zu: want %u got %u\n", i, rows[i].want, sp.v[rows[i].idx].flags);
            spans_release(&sp);
            fail();
        }
    }
    spans_release(&sp);
}

/* Lower-cased outlets: no capital anywhere, so "next word is lower-case"
 * cannot veto a boundary. */
static void test_lowercase_text(void **state)
{
    static const struct row rows[] = {
        {"harga beras naik. pedagang mengeluh. dr. ani menjelaskan.",
         "harga beras naik. | pedagang mengeluh. | dr. ani menjelaskan."},
    };
    (void)state;
    RUN(rows);
}

/* Invalid UTF-8, NUL bytes, lone continuation bytes: never a crash, spans
 * in range and trimmed. */
static void test_bad_bytes(void **state)
{
    static const char in[] = "Data \xFF\xFE rusak. Ada\0NUL di sini. \x80\x80. \xE2\x80 Akhir";
    struct spans sp = SPANS_INIT;
    size_t k, n = sizeof in - 1;
    (void)state;
    sent_split(in, n, &sp);
    assert_true(sp.n >= 3);
    for (k = 0; k < sp.n; k++) {
        assert_true(sp.v[k].len > 0 && sp.v[k].off + sp.v[k].len <= n);
        assert_true(in[sp.v[k].off] != ' ' && in[sp.v[k].off + sp.v[k].len - 1] != ' ');
    }
    assert_memory_equal(in + sp.v[0].off, "Data \xFF\xFE rusak.", sp.v[0].len);
    spans_release(&sp);
    /* every truncation of a multi-byte tail stays in bounds */
    for (k = 0; k <= n; k++) {
        char *c = kb_malloc(k ? k : 1);
        memcpy(c, in, k);
        spans_init(&sp);
        sent_split(c, k, &sp);
        spans_release(&sp);
        free(c);
    }
    sent_split(NULL, 0, &sp);
    assert_int_equal(sp.n, 0);
}

/* A 10 MB single line: must finish quickly (linear) and split correctly. */
static void test_huge_line(void **state)
{
    const char *unit = "Harga naik 2.000 rupiah di Jl. Merdeka. ";
    size_t ul = strlen(unit), reps = (10u << 20) / ul, k;
    char *big = kb_malloc(reps * ul);
    struct spans sp = SPANS_INIT;
    (void)state;
    for (k = 0; k < reps; k++) memcpy(big + k * ul, unit, ul);
    sent_split(big, reps * ul, &sp);
    assert_int_equal(sp.n, reps);
    assert_int_equal(sp.v[reps - 1].len, ul - 1);
    spans_release(&sp);
    /* one 10 MB word without spaces or punctuation, and one of only dots */
    memset(big, 'a', reps * ul);
    sent_split(big, reps * ul, &sp);
    assert_int_equal(sp.n, 1);
    spans_release(&sp);
    memset(big, '.', reps * ul);
    sent_split(big, reps * ul, &sp);
    assert_int_equal(sp.n, 0);
    spans_release(&sp);
    for (k = 0; k < reps * ul; k++) big[k] = (k % 2) ? 'B' : 'a';
    sent_split(big, reps * ul, &sp);
    assert_true(sp.n >= 1);
    spans_release(&sp);
    free(big);
    /* quotations: one sentence per attributed quote; marks only; an opening
     * mark with a 10 MB paragraph of nested quotations after it */
    {
        const char *qu = "\"Harga naik. Stok aman,\" kata Ani. ";
        size_t ql = strlen(qu), qreps = (10u << 20) / ql, total;
        big = kb_malloc(qreps * ql);
        for (k = 0; k < qreps; k++) memcpy(big + k * ql, qu, ql);
        sent_split(big, qreps * ql, &sp);
        assert_int_equal(sp.n, qreps);
        assert_int_equal(sp.v[0].flags, SENT_QUOTE | SENT_PARA_START);
        spans_release(&sp);
        memset(big, '"', qreps * ql);
        sent_split(big, qreps * ql, &sp);
        assert_int_equal(sp.n, 0);
        spans_release(&sp);
        total = qreps * ql;
        memcpy(big, "\xE2\x80\x9C", 3);
        for (k = 3; k + ql <= total; k += ql) memcpy(big + k, qu, ql);
        memset(big + k, ' ', total - k);
        sent_split(big, total, &sp);
        assert_true(sp.n >= qreps - 1);
        spans_release(&sp);
        free(big);
    }
}

/* tests/golden/sentences/NNN.in -> NNN.out: one sentence per line. */
static void golden_one(const char *in_path, const char *in, size_t n_in, const char *want,
                       size_t n_out, void *ctx)
{
    struct buf got = BUF_INIT;
    struct spans sp = SPANS_INIT;
    size_t k;
    (void)ctx;
    sent_split(in, n_in, &sp);
    for (k = 0; k < sp.n; k++) {
        assert_int_equal(buf_append(&got, in + sp.v[k].off, sp.v[k].len), 0);
        assert_int_equal(buf_putc(&got, '\n'), 0);
    }
    if (got.len != n_out || memcmp(buf_cstr(&got), want, n_out) != 0) {
        print_error("golden %s differs; got:\n%s\n", in_path, buf_cstr(&got));
        fail();
    }
    buf_release(&got);
    spans_release(&sp);
}

static void test_golden(void **state)
{
    int seen = golden_each("tests/golden/sentences", ".in", ".out", golden_one, NULL);
    (void)state;
    if (seen < 0) skip();
    assert_true(seen > 0);
}

/* Acceptance on the real seeds (../shared/data; skipped when absent). */
static void test_seed_003(void **state)
{
    static const char *const want[] = {
        "Poin-Poin Penting",
        "Ukraina dan Korea Selatan menuduh Korea Utara mengirimkan ribuan tentara untuk membantu "
        "perang Rusia di Ukraina.",
        "Rusia dan Korea Utara membantah tuduhan tersebut, dan AS mengatakan pihaknya masih "
        "menyelidiki laporan tersebut.",
    };
    static const char *const prefix = "Sebuah perjanjian yang ditandatangani pada bulan Juni ";
    char path[4096];
    struct spans sp = SPANS_INIT;
    size_t n, k;
    char *txt;
    int found = seed_find("003_", path, sizeof path);
    (void)state;
    if (found < 0) {
        print_message("%s/seeds absent: skipping seed checks\n", shared_dir());
        skip();
    }
    if (!found) skip();
    txt = slurp(path, &n);
    assert_non_null(txt);
    sent_split(txt, n, &sp);
    assert_true(sp.n > 10);
    for (k = 0; k < 3; k++) {
        assert_int_equal(sp.v[k].len, strlen(want[k]));
        assert_memory_equal(txt + sp.v[k].off, want[k], sp.v[k].len);
    }
    assert_true(sp.v[0].flags & SENT_HEADING);
    assert_false(sp.v[1].flags & SENT_HEADING);
    assert_memory_equal(txt + sp.v[3].off, prefix, strlen(prefix));
    /* the sentence ends at the end of its own text, not in the next one */
    assert_true(txt[sp.v[3].off + sp.v[3].len - 1] == '.');
    assert_true(sp.v[3].len < 200);
    /* questions are flagged */
    for (k = 0; k < sp.n; k++) {
        if (sp.v[k].len == strlen("Apa yang kita ketahui?") &&
            memcmp(txt + sp.v[k].off, "Apa yang kita ketahui?", sp.v[k].len) == 0)
            break;
    }
    assert_true(k < sp.n);
    assert_true(sp.v[k].flags & SENT_QUESTION);
    spans_release(&sp);
    free(txt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_numbers_urls),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_quotes_multi),
        cmocka_unit_test(test_quote_too_long),
        cmocka_unit_test(test_abbr_at_end),
        cmocka_unit_test(test_lower_start),
        cmocka_unit_test(test_ellipsis_glue),
        cmocka_unit_test(test_bullets_headings),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_lowercase_text),
        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_seed_003),
    };
    return cmocka_run_group_tests_name("sent", tests, NULL, NULL);
}
