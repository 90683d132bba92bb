/* t_extract.c -- charset detection/conversion and HTML extraction.
 *
 * Table-driven: charset rows {bytes, content type, expected label, expected
 * UTF-8}; metadata/text rows {page, must contain, must not contain}; golden
 * pages tests/golden/extract/NNN.html -> NNN.txt (pages written for kabar);
 * hostile input (empty, NUL bytes, invalid UTF-8, a 2 MB line, deep
 * nesting). The last test runs the readability test pages from
 * ../shared/data and skips when they are absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <zlib.h>

#include "buf.h"
#include "charset.h"
#include "err.h"
#include "extract.h"

/* ---- charset -------------------------------------------------------------- */

static const struct {
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *ctype;
    const char *label;
    const char *utf8;
} cs_rows[] = {
    {"plain ascii", 0, NULL, "utf-8", "plain ascii"},
    {"Kaf\xc3\xa9", 0, NULL, "utf-8", "Kaf\xc3\xa9"},
    {"Kaf\xe9 \x93ok\x94", 0, NULL, "windows-1252", "Kaf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d"},
    {"\xef\xbb\xbfhai", 0, "text/html; charset=iso-8859-1", "utf-8", "hai"},
    {"\xff\xfeh\0i\0", 6, NULL, "utf-16le", "hi"},
    {"\xfe\xff\0h\0i", 6, NULL, "utf-16be", "hi"},
    {"harga \x80 5", 0, "text/html; charset=ISO-8859-1", "windows-1252", "harga \xe2\x82\xac 5"},
    {"<meta charset=\"windows-1252\"><p>\x96</p>", 0, NULL, "windows-1252", "<meta charset=\"windows-1252\"><p>\xe2\x80\x93</p>"},
    {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=latin1\">\xe9", 0, NULL, "windows-1252",
     "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=latin1\">\xc3\xa9"},
    /* declared UTF-8 but the bytes are Latin-1: the bytes win */
    {"<meta charset=utf-8>Kaf\xe9", 0, NULL, "windows-1252", "<meta charset=utf-8>Kaf\xc3\xa9"},
    /* declared Latin-1 but the bytes are UTF-8 */
    {"Kaf\xc3\xa9", 0, "text/html; charset=iso-8859-1", "utf-8", "Kaf\xc3\xa9"},
    /* a label only iconv knows */
    {"\xcf\xf0\xe8", 0, "text/html; charset=windows-1251", "windows-1251", "\xd0\x9f\xd1\x80\xd0\xb8"},
    /* NUL dropped, controls become spaces, overlong and surrogate become U+FFFD */
    {"a\0b\x01" "c", 5, "text/html; charset=utf-8", "utf-8", "ab c"},
    {"x\xc0\xafy\xed\xa0\x80z\xc3\xa9", 0, "charset=utf-8", "utf-8",
     "x\xef\xbf\xbd\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz\xc3\xa9"},
    {"", 0, NULL, "utf-8", ""},
};

static void test_charset(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cs_rows / sizeof cs_rows[0]; i++) {
        char name[CHARSET_NAME_MAX];
        struct buf out;
        size_t len = cs_rows[i].len ? cs_rows[i].len : strlen(cs_rows[i].in);
        buf_init(&out, 0);
        charset_detect(cs_rows[i].in, len, cs_rows[i].ctype, name);
        if (strcmp(name, cs_rows[i].label) != 0)
            fail_msg("row %zu: label \"%s\", want \"%s\"", i, name, cs_rows[i].label);
        assert_int_equal(charset_to_utf8(cs_rows[i].in, len, name, &out, NULL), 0);
        if (strcmp(buf_cstr(&out), cs_rows[i].utf8) != 0)
            fail_msg("row %zu: got \"%s\", want \"%s\"", i, buf_cstr(&out), cs_rows[i].utf8);
        assert_true(charset_utf8_valid(out.ptr ? out.ptr : "", out.len));
        buf_release(&out);
    }
}

static void test_charset_cap(void **state)
{
    struct buf out;
    (void)state;
    buf_init(&out, 4);
    assert_int_equal(charset_to_utf8("lebih dari empat", 16, "utf-8", &out, NULL), KB_ETOOBIG);
    buf_release(&out);
}

/* ---- extraction rows -------------------------------------------------- */

#define P(s) "<p>" s "</p>"
#define LONG1 "Pemerintah provinsi menyiapkan anggaran tambahan untuk memperbaiki jalan yang rusak akibat banjir, kata gubernur."
#define LONG2 "Perbaikan ditargetkan selesai sebelum musim mudik, sementara jalur alternatif dibuka untuk kendaraan kecil."
#define LEAD "Pemerintah kota berjanji semua jalan rusak di pusat kota diperbaiki sebelum arus mudik dimulai."
#define LONG3 "Warga diminta melapor bila menemukan lubang baru melalui aplikasi pengaduan milik pemerintah daerah setempat."

static const struct {
    const char *html;
    const char *ctype;
    const char *url;
    const char *field; /* "text", "title", "published", "site", "author", "url", "lang" */
    const char *has;   /* must contain (NULL: field must be absent) */
    const char *hasnt; /* must not contain, or NULL */
} ex_rows[] = {
    {"<html><body><div class=isi>" P(LONG1) P(LONG2) P(LONG3) "</div><div class=baca-juga><a href=/x>Berita lain yang panjang sekali judulnya di sini</a></div></body></html>",
     NULL, NULL, "text", LONG1 "\n\n" LONG2 "\n\n" LONG3, "Berita lain"},
    {"<body><nav><a href=/>Beranda</a> <a href=/a>Politik</a></nav><article>" P(LONG1) P(LONG2) "</article><footer>Hak cipta 2024</footer></body>",
     NULL, NULL, "text", LONG2, "Beranda"},
    {"<body><div>" P(LONG1) "<p>Baca Juga: <a href=/y>Jalan Tol Baru Dibuka</a></p>" P(LONG2) "</div></body>", NULL, NULL, "text", LONG2, "Jalan Tol"},
    {"<body><div>" P(LONG1) "<figure><img src=a.jpg><figcaption>Jalan berlubang di Bekasi (Foto: Antara)</figcaption></figure>" P(LONG2) "</div></body>",
     NULL, NULL, "text", LONG1, "Foto: Antara"},
    {"<body><div>" P(LONG1) "<div class=\"social-share\">Bagikan artikel ini ke teman Anda lewat WhatsApp</div>" P(LONG2) "</div></body>",
     NULL, NULL, "text", LONG1, "WhatsApp"},
    {"<body><div>" P(LONG1) "<div style=\"display: none\">teks tersembunyi yang tidak boleh muncul</div>" P(LONG2) "</div></body>",
     NULL, NULL, "text", LONG2, "tersembunyi"},
    {"<body><div>" P(LONG1) "<h2>Jalur alternatif</h2>" P(LONG2) "<h3>Berita Terkait</h3><ul><li><a href=/1>Satu</a><li><a href=/2>Dua</a></ul></div></body>",
     NULL, NULL, "text", "\n\nJalur alternatif\n\n", "Berita Terkait"},
    {"<body><div><p>a&nbsp;b   c\n\td &amp; e</p>" P(LONG1) "</div></body>", NULL, NULL, "text", "a b c d & e", NULL},
    {"<body><div><p>baris satu<br>baris dua</p>" P(LONG1) "</div></body>", NULL, NULL, "text", "baris satu\nbaris dua", NULL},
    {"<body><div><pre>  kode   tetap\n  rapi</pre>" P(LONG1) "</div></body>", NULL, NULL, "text", "  kode   tetap\n  rapi", NULL},
    /* an unclosed <nav> swallows the article (libxml2 2.9 knows no HTML5): kept, menu still dropped */
    {"<body><nav><ul><li><a href=/>Beranda</a></li><li><a href=/p>Politik</a></li></ul><main><article>" P(LONG1) P(LONG2)
     "</article></main></body>", NULL, NULL, "text", LONG1 "\n\n" LONG2, "Beranda"},
    /* a closed <nav> without an article inside is still dropped */
    {"<body><nav><p>Menu utama situs berita dengan banyak tautan dan teks yang cukup panjang untuk dihitung</p></nav><div>" P(LONG1) P(LONG2) "</div></body>",
     NULL, NULL, "text", LONG1, "Menu utama"},
    /* a page whose text sits only in <noscript> */
    {"<body><noscript><div>" P(LONG1) P(LONG2) "</div></noscript></body>", NULL, NULL, "text", LONG2, NULL},
    /* a short box with a "content" class does not beat the marked article body */
    {"<body><div class=\"widget-content text\"><p>Kabar Kota adalah portal berita daerah yang terbit setiap hari sejak 2010.</p></div>"
     "<div class=entry-content>" P(LONG1) P(LONG2) P(LONG3) "</div></body>", NULL, NULL, "text", LONG3, "portal berita daerah"},
    /* itemprop=articleBody is the strongest container hint */
    {"<body><div><p>Sorotan: " LONG3 "</p></div><div itemprop=articleBody>" P(LONG1) P(LONG2) "</div></body>", NULL, NULL, "text",
     LONG1 "\n\n" LONG2, "Sorotan"},
    /* author box and post metadata by class */
    {"<body><article>" P(LONG1) P(LONG2) "<div class=author-box><p>Rina Marlina adalah wartawan ekonomi yang meliput pasar dan harga pangan.</p></div>"
     "<div class=\"entry-meta\">Diterbitkan pada Senin dalam kategori Ekonomi dan Bisnis Daerah</div></article></body>", NULL, NULL, "text", LONG2,
     "wartawan ekonomi"},
    {"<body><article>" P(LONG1) P(LONG2) "</article></body>", NULL, NULL, "text", LONG1, "Diterbitkan"},
    /* a trailer heading drops what follows it */
    {"<body><div>" P(LONG1) P(LONG2) "<h2>Berita Terkait</h2>" P("Gubernur meresmikan pasar baru di pinggir kota pada akhir pekan yang lalu, kata warga.")
     "</div></body>", NULL, NULL, "text", LONG2, "meresmikan pasar"},
    {"<body><div>" P(LONG1) "<h2>Komentar (3)</h2><p>Setuju sekali dengan rencana pemerintah memperbaiki jalan di daerah kami.</p></div></body>", NULL, NULL,
     "text", LONG1, "Setuju sekali"},
    /* short junk lines by their opening words */
    {"<body><div>" P(LONG1) P("Editor: Budi Santoso") P("Tags: jalan, banjir, mudik") P(LONG2) "</div></body>", NULL, NULL, "text", LONG2, "Budi"},
    {"<body><div>" P(LONG1) P("Tags: jalan, banjir, mudik") P(LONG2) "</div></body>", NULL, NULL, "text", LONG1, "mudik\n"},
    /* a heading that is only a section word mid-article is kept */
    {"<body><div>" P(LONG1) "<h2>Anggaran</h2>" P(LONG2) "</div></body>", NULL, NULL, "text", "Anggaran\n\n" LONG2, NULL},
    /* only the winner and the siblings that qualify are written, not every
     * node after the winner */
    {"<body><div><div class=x>" P(LONG1) P(LONG2) "</div><div class=y><p>Kotak samping tanpa koma</p></div></div></body>", NULL, NULL, "text",
     LONG2, "Kotak samping"},
    /* the lead in the header between the title heading and the body (step 5c),
     * also in a box whose class reads like boilerplate ("teaser") */
    {"<head><title>Jalan Rusak Diperbaiki | Kabar Kota</title></head><body><article><header><h1>Jalan Rusak Diperbaiki</h1>"
     "<div class=entry-excerpt><p>Pemprov menyiapkan dana darurat, dan perbaikan dimulai pekan depan di tiga kabupaten.</p></div></header>"
     "<div class=entry-content>" P(LONG1) P(LONG2) P(LONG3) "</div></article></body>", NULL, NULL, "text",
     "Pemprov menyiapkan dana darurat, dan perbaikan dimulai pekan depan di tiga kabupaten.\n\n" LONG1, NULL},
    {"<head><title>Jalan Rusak Diperbaiki</title></head><body><h1>Jalan Rusak Diperbaiki</h1><div class=teaser-text><p>Pemprov menyiapkan dana "
     "darurat, dan perbaikan dimulai pekan depan di tiga kabupaten yang terdampak.</p></div><div class=article-body>" P(LONG1) P(LONG2) P(LONG3)
     "</div></body>", NULL, NULL, "text", "yang terdampak.\n\n" LONG1, NULL},
    /* ... but not a byline, a link line or a box with a strong class word */
    {"<head><title>Jalan Rusak Diperbaiki</title></head><body><h1>Jalan Rusak Diperbaiki</h1><p>Oleh Rina Marlina | Senin, 3 Mei 2024</p>"
     "<div class=author-bio><p>Rina Marlina adalah wartawan ekonomi yang sudah sepuluh tahun meliput pasar dan harga pangan di Jawa Tengah.</p></div>"
     "<div class=article-body>" P(LONG1) P(LONG2) P(LONG3) "</div></body>", NULL, NULL, "text", LONG1, "Rina"},
    {"<head><title>Jalan Rusak Diperbaiki</title></head><body><h1>Jalan Rusak Diperbaiki</h1><p><a href=/a>Baca berita lain tentang jalan rusak "
     "di kota kita</a> dan <a href=/b>kumpulan foto banjir sepanjang tahun ini</a>.</p><div class=article-body>" P(LONG1) P(LONG2) P(LONG3)
     "</div></body>", NULL, NULL, "text", LONG1, "kumpulan foto"},
    /* no lead when the title heading comes after the body */
    {"<head><title>Jalan Rusak Diperbaiki</title></head><body><div class=article-body>" P(LONG1) P(LONG2) P(LONG3) "</div><h1>Jalan Rusak "
     "Diperbaiki</h1><p>Ringkasan lain yang panjang, dengan koma, dan kata-kata yang cukup banyak untuk dihitung.</p></body>", NULL, NULL, "text",
     LONG3, "Ringkasan lain"},
    /* an embedded post quoted by the article is part of it */
    {"<body><div class=entry-content>" P(LONG1) "<blockquote class=twitter-tweet><p>Jalan di depan rumah kami akhirnya ditambal setelah tiga bulan "
     "menunggu.</p></blockquote>" P(LONG2) "</div></body>", NULL, NULL, "text", "akhirnya ditambal", NULL},
    /* several full articles on one page (infinite scroll): the one under the
     * <h1> carrying the title wins over a longer neighbour (step 5d) */
    {"<head><title>Pasar Baru Dibuka</title></head><body><div class=feed><div class=item><h1>Pasar Baru Dibuka</h1><div class=txt>"
     "<p>Pasar tradisional di pinggir kota dibuka kembali setelah direnovasi selama enam bulan oleh pemerintah kota.</p>"
     "<p>Pedagang lama mendapat kios tanpa biaya sewa pada tahun pertama, sementara pedagang baru mendaftar lewat kelurahan.</p></div></div>"
     "<div class=item><h1>Banjir Surut</h1><div class=kolom><div class=isi><div class=txt>" P(LONG1) P(LONG2) P(LONG3) P(LONG1) P(LONG2)
     "</div></div></div></div></div></body>", NULL, NULL,
     "text", "Pedagang lama mendapat kios", "Perbaikan ditargetkan"},
    /* the paragraph classifier reads the page when the winner is a short box
     * and the article sits in boxes step 3 dropped (step 6b) */
    {"<body><div class=widget>" P(LONG1) "</div><div class=widget>" P(LONG2) "</div><div class=widget>" P(LONG3) "</div><div class=widget>"
     "<p>Dinas pekerjaan umum menambah tiga regu lapangan yang bekerja bergiliran siang dan malam hingga akhir bulan.</p></div>"
     "<div class=widget><ul><li><a href=/1>Beranda</a></li><li><a href=/2>Politik</a></li><li><a href=/3>Ekonomi</a></li></ul></div>"
     "<div class=box><p>Kabar Kota, portal berita, terbit setiap hari.</p></div></body>", NULL, NULL, "text", LONG1 "\n\n" LONG2 "\n\n" LONG3,
     "Beranda"},
    /* trailer headings and junk openers in other languages */
    {"<body><div>" P(LONG1) P(LONG2) "<h3>Noticias relacionadas</h3>" P("El gobernador inaugur\xc3\xb3 un mercado nuevo en las afueras de la ciudad "
     "el fin de semana pasado.") "</div></body>", NULL, NULL, "text", LONG2, "mercado nuevo"},
    {"<body><div>" P(LONG1) P("Zobacz r\xc3\xb3wnie\xc5\xbc: Nowa droga otwarta") P(LONG2) "</div></body>", NULL, NULL, "text", LONG2, "Nowa droga"},
    /* author box: a schema.org Person given as itemprop=author, and a bold
     * trailer line above it (capital umlaut folded) go; a trailer-looking line
     * with text after it stays */
    {"<body><article>" P(LONG1) P(LONG2) "<div style=\"font-weight:bold\">\xc3\x9c" "ber den Autor</div><div itemprop=author itemscope "
     "itemtype=\"http://schema.org/Person\"><p>Rina menulis tentang pangan dan pertanian sejak lama untuk majalah dan koran nasional.</p></div>"
     "</article></body>", NULL, NULL, "text", LONG2, "ber den Autor"},
    {"<body><article>" P(LONG1) P(LONG2) "<div itemprop=author itemscope><p>Rina menulis tentang pangan dan pertanian sejak lama untuk "
     "majalah dan koran nasional.</p></div></article></body>", NULL, NULL, "text", LONG2, "Rina menulis"},
    {"<body><article>" P(LONG1) "<div><b>Komentar</b></div>" P(LONG2) "</article></body>", NULL, NULL, "text", "Komentar\n\n" LONG2, NULL},
    {"<body><article>" P(LONG1) P(LONG2) "<p><b>Komentar</b></p></article></body>", NULL, NULL, "text", LONG2, "Komentar"},
    /* a byline name with itemprop=author but no itemscope is not a box */
    {"<body><article><p>Oleh <span itemprop=author>Rina Marlina</span>, wartawan yang meliput banjir di Bekasi sejak pekan lalu.</p>" P(LONG1)
     "</article></body>", NULL, NULL, "text", "Rina Marlina", NULL},
    /* fact boxes; paywall, print and share prompts */
    {"<body><div class=isi>" P(LONG1) "<div class=\"mol-factbox floatRHS\"><h3>Fakta</h3><p>Panjang jalan yang rusak mencapai dua belas "
     "kilometer menurut dinas.</p></div>" P(LONG2) P(LONG3) "</div></body>", NULL, NULL, "text", LONG3, "dua belas"},
    {"<body><div>" P(LONG1) P(LONG2) P("To view the full story, please subscribe to Kabar Harian.") "</div></body>", NULL, NULL, "text", LONG2,
     "subscribe"},
    {"<body><div>" P(LONG1) P("If you enjoyed reading this post, please consider a donation.") P(LONG2) "</div></body>", NULL, NULL, "text",
     LONG2, "enjoyed"},
    {"<body><div>" P(LONG1) P("REZEPT DRUCKEN") P("M\xc3\x96" "CHTEN SIE DEN ARTIKEL TEILEN?") P(LONG2) "</div></body>", NULL, NULL,
     "text", LONG1 "\n\n" LONG2, NULL},
    /* the lead under a title <h1> that carries a kicker span ("Kicker" +
     * title, the page title "Kicker - title"), with a logo <h1> before it */
    {"<head><meta property=\"og:title\" content=\"Kabar Kota - Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik\"></head><body>"
     "<h1>KabarKota.id</h1><div class=kepala><h1><span>Kabar Kota</span>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</h1>"
     "<p class=x>" LEAD "</p></div><div class=isi>" P(LONG1) P(LONG2) P(LONG3) "</div></body>", NULL, NULL, "text", LEAD "\n\n" LONG1, NULL},
    /* the title and the lead in a <header> inside the chosen block */
    {"<head><title>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</title></head><body><article><header>"
     "<h1>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</h1><div class=teaser><p>" LEAD "</p></div></header>"
     P(LONG1) P(LONG2) "</article></body>", NULL, NULL, "text", LEAD "\n\n" LONG1, NULL},
    /* ... given once when the header repeats it */
    {"<head><title>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</title></head><body><article><header>"
     "<h1>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</h1><div class=teaser><p>" LEAD "</p><p>" LEAD "</p></div></header>"
     P(LONG1) P(LONG2) P(LONG3) "</article></body>", NULL, NULL, "text", LEAD "\n\n" LONG1, LEAD "\n\n" LEAD},
    /* ... and once when the body repeats it as its first paragraph */
    {"<head><title>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</title></head><body><div class=atas><h1>Jalan Rusak di Bekasi "
     "Diperbaiki Sebelum Mudik</h1><p class=x>" LEAD "</p></div><div class=isi>" P(LEAD) P(LONG1) P(LONG2) P(LONG3) "</div></body>",
     NULL, NULL, "text", LEAD "\n\n" LONG1, LEAD "\n\n" LEAD},
    /* a heading whose class names the lead, right under the title */
    {"<head><title>Jalan Rusak di Bekasi Diperbaiki</title></head><body><div class=atas><h1>Jalan Rusak di Bekasi Diperbaiki</h1>"
     "<h2 class=\"article-lead\">" LEAD "</h2></div><div class=kanan><div class=isi>" P(LONG1) P(LONG2) P(LONG3) "</div></div></body>",
     NULL, NULL, "text", LEAD "\n\n" LONG1, NULL},
    /* ... but not an ordinary section heading */
    {"<head><title>Jalan Rusak di Bekasi Diperbaiki</title></head><body><div class=atas><h1>Jalan Rusak di Bekasi Diperbaiki</h1>"
     "<h2>" LEAD "</h2></div><div class=kanan><div class=isi>" P(LONG1) P(LONG2) P(LONG3) "</div></div></body>",
     NULL, NULL, "text", LONG1, LEAD},
    /* no <h1>: the <h2> that is the title anchors the lead */
    {"<head><title>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</title></head><body><div class=atas><h2><span>Kota</span>"
     "<span>Jalan Rusak di Bekasi Diperbaiki Sebelum Mudik</span></h2><div class=intro>" LEAD "</div></div><div class=kanan>"
     "<div class=isi>" P(LONG1) P(LONG2) P(LONG3) "</div></div></body>", NULL, NULL, "text", LEAD "\n\n" LONG1, NULL},
    /* a references section is a region, not the article */
    {"<body><div class=isi>" P(LONG1) P(LONG2) P(LONG3) "<div class=references><p>1. Sari A, Budi B, Citra C, dkk. Jalan dan "
     "banjir di kota pesisir. Jurnal Teknik Sipil. 2019;12:33-41.</p></div></div></body>", NULL, NULL, "text", LONG3, "Jurnal Teknik"},
    /* metadata */
    {"<head><meta property=\"og:title\" content=\"Judul OG - Situs\"><meta property=\"og:site_name\" content=\"Situs\"></head><body>" P(LONG1) "</body>",
     NULL, NULL, "title", "Judul OG", "Situs"},
    {"<head><title>Harga Cabai Naik | Kabar Pasar</title></head><body><h1>Harga Cabai Naik</h1><h1>Lain</h1>" P(LONG1) "</body>", NULL, NULL, "title",
     "Harga Cabai Naik", "Kabar Pasar"},
    {"<head><title>x</title></head><body><h1>Satu-satunya Judul</h1>" P(LONG1) "</body>", NULL, NULL, "title", "Satu-satunya Judul", NULL},
    {"<head><meta property=\"article:published_time\" content=\"2024-10-18T08:30:00+07:00\"></head><body>" P(LONG1) "</body>", NULL, NULL,
     "published", "2024-10-18T08:30:00", NULL},
    {"<body><article><time datetime=\"2023-05-03\">3 Mei</time>" P(LONG1) "</article></body>", NULL, NULL, "published", "2023-05-03", NULL},
    {"<body>" P(LONG1) "</body>", NULL, "https://berita.contoh.id/read/2022/01/09/123/judul", "published", "2022-01-09", NULL},
    {"<body>" P(LONG1) "</body>", NULL, "https://www.contoh.id/a", "site", "contoh.id", NULL},
    {"<head><link rel=canonical href=\"/read/1\"></head><body>" P(LONG1) "</body>", NULL, "https://contoh.id/amp/read/1", "url",
     "https://contoh.id/read/1", NULL},
    {"<head><meta name=author content=\"Rina Marlina\"></head><body>" P(LONG1) "</body>", NULL, NULL, "author", "Rina Marlina", NULL},
    {"<head><meta property=\"article:author\" content=\"https://facebook.com/x\"></head><body>" P(LONG1) "</body>", NULL, NULL, "author", NULL, NULL},
    {"<html lang=\"id-ID\"><body>" P(LONG1) "</body></html>", NULL, NULL, "lang", "id", NULL},
    {"<body>" P(LONG1) "</body>", NULL, NULL, "lang", NULL, NULL},
    /* charset from the header argument beats the (missing) meta */
    {"<body><p>Kaf\xe9 di Kota Lama Semarang sudah berdiri sejak 1938 dan kini dikelola generasi ketiga.</p></body>", "text/html; charset=iso-8859-1",
     NULL, "text", "Kaf\xc3\xa9 di Kota", NULL},
    /* broken JSON-LD is ignored, not fatal */
    {"<head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": </script></head><body>" P(LONG1) "</body>", NULL, NULL,
     "text", LONG1, NULL},
};

static const char *field(const struct extract_result *r, const char *f)
{
    if (strcmp(f, "text") == 0) return r->text;
    if (strcmp(f, "title") == 0) return r->title;
    if (strcmp(f, "published") == 0) return r->published;
    if (strcmp(f, "site") == 0) return r->site;
    if (strcmp(f, "author") == 0) return r->author;
    if (strcmp(f, "url") == 0) return r->url;
    if (strcmp(f, "lang") == 0) return r->lang;
    return NULL;
}

static void test_rows(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof ex_rows / sizeof ex_rows[0]; i++) {
        struct extract_result r;
        const char *v;
        int rc = extract_html(ex_rows[i].html, strlen(ex_rows[i].html), ex_rows[i].ctype, ex_rows[i].url, &r, NULL);
        if (rc != 0) fail_msg("row %zu: rc %d", i, rc);
        v = field(&r, ex_rows[i].field);
        if (!ex_rows[i].has && v) fail_msg("row %zu: %s = \"%s\", want absent", i, ex_rows[i].field, v);
        if (ex_rows[i].has && (!v || !strstr(v, ex_rows[i].has)))
            fail_msg("row %zu: %s = \"%s\", want it to contain \"%s\"", i, ex_rows[i].field, v ? v : "(null)",
                     ex_rows[i].has);
        if (ex_rows[i].hasnt && v && strstr(v, ex_rows[i].hasnt))
            fail_msg("row %zu: %s = \"%s\" contains \"%s\"", i, ex_rows[i].field, v, ex_rows[i].hasnt);
        assert_true(charset_utf8_valid(r.text, r.text_len));
        extract_result_release(&r);
    }
}

/* ---- hostile input -------------------------------------------------------- */

static void check_ok(const char *html, size_t len)
{
    struct extract_result r;
    assert_int_equal(extract_html(html, len, NULL, NULL, &r, NULL), 0);
    assert_non_null(r.text);
    assert_int_equal(strlen(r.text), r.text_len);
    assert_true(charset_utf8_valid(r.text, r.text_len));
    extract_result_release(&r);
}

static void test_hostile(void **state)
{
    static const char nul[] = "<p>satu\0dua</p>\0<p>\0";
    static const char bad[] = "<p>\xff\xfe\xc0\x80 \xed\xa0\x80 teks</p><p>\xf5\x80\x80\x80</p>";
    size_t big = 2u << 20, depth = 5000, i;
    char *p;
    struct extract_result r;
    struct kb_err err;
    (void)state;

    check_ok("", 0);
    check_ok("   \n  ", 6);
    check_ok(nul, sizeof nul - 1);
    check_ok(bad, sizeof bad - 1);
    check_ok("<<<>>></p></div><script>", 24);
    check_ok("<html><body></body></html>", 26);
    /* one 2 MB line of text */
    p = malloc(big + 16);
    assert_non_null(p);
    memcpy(p, "<p>", 3);
    for (i = 3; i < big; i++) p[i] = (char)('a' + i % 26);
    check_ok(p, big);
    /* deep nesting */
    for (i = 0; i < depth; i++) memcpy(p + i * 5, "<div>", 5);
    memcpy(p + depth * 5, "isi", 3);
    check_ok(p, depth * 5 + 3);
    free(p);
    /* limit */
    kb_err_clear(&err);
    assert_int_equal(extract_html("x", EXTRACT_MAX_INPUT + 1, NULL, NULL, &r, &err), KB_ETOOBIG);
    assert_int_equal(err.code, KB_ETOOBIG);
    assert_null(r.text);
    extract_result_release(&r); /* safe on an empty result */
}

/* ---- golden pages ----------------------------------------------------------- */

static int slurp(const char *path, struct buf *b)
{
    gzFile f = gzopen(path, "rb");
    char chunk[16384];
    int n;
    buf_reset(b);
    if (!f) return -1;
    while ((n = gzread(f, chunk, sizeof chunk)) > 0)
        if (buf_append(b, chunk, (size_t)n)) break;
    gzclose(f);
    return n < 0 ? -1 : 0;
}

static void test_golden(void **state)
{
    struct buf html, want;
    int i, n = 0;
    (void)state;
    buf_init(&html, 0);
    buf_init(&want, 0);
    for (i = 1; i < 100; i++) {
        char hp[64], tp[64];
        struct extract_result r;
        snprintf(hp, sizeof hp, "tests/golden/extract/%03d.html", i);
        snprintf(tp, sizeof tp, "tests/golden/extract/%03d.txt", i);
        if (slurp(hp, &html) != 0) break;
        assert_int_equal(slurp(tp, &want), 0);
        assert_int_equal(extract_html(buf_cstr(&html), html.len, NULL, NULL, &r, NULL), 0);
        /* the .txt is the command's output: text plus a newline */
        if (want.len == 0 || want.len - 1 != r.text_len || memcmp(want.ptr, r.text, r.text_len) != 0)
            fail_msg("%s: got\n%s\n---- want\n%s", hp, r.text, buf_cstr(&want));
        extract_result_release(&r);
        n++;
    }
    buf_release(&html);
    buf_release(&want);
    if (n < 4) fail_msg("only %d golden pages found (run from the repository root)", n);
}

/* ---- shared data -------------------------------------------------------------- */

static void test_shared_pages(void **state)
{
    const char *root = "../shared/data/extraction/readability-testpages/test-pages";
    static const char *const pages[] = {"001", "002", "ars-1", "bbc-1", "cnn", "guardian-1", "nytimes-1",
                                        "wikipedia", "medium-1", "wordpress"};
    struct buf html;
    size_t i, found = 0, nonempty = 0;
    (void)state;
    buf_init(&html, 0);
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char path[256];
        struct extract_result r;
        snprintf(path, sizeof path, "%s/%s/source.html.gz", root, pages[i]);
        if (slurp(path, &html) != 0) continue;
        found++;
        assert_int_equal(extract_html(buf_cstr(&html), html.len, NULL, NULL, &r, NULL), 0);
        assert_true(charset_utf8_valid(r.text, r.text_len));
        if (r.text_len > 500) nonempty++;
        extract_result_release(&r);
    }
    buf_release(&html);
    if (!found) {
        print_message("# ../shared/data/extraction not found: skipping the readability test pages\n");
        skip();
        return;
    }
    /* every one of these pages has an article of several paragraphs */
    assert_int_equal(nonempty, found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_charset),     cmocka_unit_test(test_charset_cap), cmocka_unit_test(test_rows),
        cmocka_unit_test(test_hostile),     cmocka_unit_test(test_golden),      cmocka_unit_test(test_shared_pages),
    };
    xmlInitParser();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
