#!/usr/bin/env python3
"""gen.py -- writes the WARC/ARC fixtures of tests/t_warc.c and tests/t_read.c.

Every page here was written for kabar (invented Indonesian news text); run
`python3 tests/data/warc/gen.py` from the repository root to regenerate.
Outputs are deterministic (fixed gzip mtime)."""
import gzip, io, os, zlib

HERE = os.path.dirname(os.path.abspath(__file__))

PARA = [
    "Pemerintah Kabupaten Sleman membuka pasar tani baru di lapangan Denggung pada Sabtu pagi, "
    "diikuti lebih dari seratus petani dari tujuh kecamatan.",
    "Kepala Dinas Pertanian mengatakan pasar itu akan buka setiap akhir pekan agar petani dapat "
    "menjual sayur, beras, dan buah langsung kepada pembeli tanpa perantara.",
    "Sejumlah pembeli mengaku harga di pasar tani lebih murah dibandingkan pasar biasa, terutama "
    "untuk cabai rawit dan bawang merah yang sedang naik.",
]
PARA2 = [
    "Hujan deras yang mengguyur Kota Bandung sejak Senin sore membuat beberapa ruas jalan di kawasan "
    "Pasteur tergenang hingga setinggi lutut orang dewasa.",
    "Petugas pemadam kebakaran dan relawan membantu warga memindahkan barang ke tempat yang lebih "
    "tinggi, sementara lalu lintas dialihkan ke jalan alternatif.",
]


def page(title, paras, date=None):
    meta = '<meta property="article:published_time" content="%s">' % date if date else ""
    body = "".join("<p>%s</p>\n" % p for p in paras)
    return ("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>%s</title>%s</head>"
            "<body><nav><a href=\"/\">Beranda</a> <a href=\"/daerah\">Daerah</a></nav>"
            "<article><h1>%s</h1>\n%s</article><footer>Hak cipta contoh</footer></body></html>\n"
            % (title, meta, title, body)).encode("utf-8")


def chunked(data, size=100):
    out = b""
    for i in range(0, len(data), size):
        c = data[i:i + size]
        out += b"%x\r\n" % len(c) + c + b"\r\n"
    return out + b"0\r\n\r\n"


def http(body, ctype="text/html; charset=utf-8", status="200 OK", extra=b""):
    return (b"HTTP/1.1 " + status.encode() + b"\r\nContent-Type: " + ctype.encode() + b"\r\n" + extra +
            b"\r\n" + body)


def record(rtype, block, uri=None, date="2024-11-02T03:04:05Z", ctype=None, rid=1):
    h = "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n" % (rtype, rid)
    if uri:
        h += "WARC-Target-URI: %s\r\n" % uri
    if date:
        h += "WARC-Date: %s\r\n" % date
    if ctype:
        h += "Content-Type: %s\r\n" % ctype
    h += "Content-Length: %d\r\n\r\n" % len(block)
    return h.encode() + block + b"\r\n\r\n"


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def records():
    p1 = page("Pasar Tani Baru Dibuka di Sleman", PARA, "2024-11-01T08:00:00+07:00")
    p2 = page("Banjir Genangi Jalan Pasteur Bandung", PARA2)
    gzbody = gz(p2)
    return [
        record("warcinfo", b"software: kabar gen.py\r\nformat: WARC File Format 1.1\r\n",
               ctype="application/warc-fields", rid=1),
        record("request", b"GET /sleman HTTP/1.1\r\nHost: berita.contoh.id\r\n\r\n",
               uri="https://berita.contoh.id/sleman", ctype="application/http; msgtype=request", rid=2),
        # 1: chunked HTML response with the page's own date
        record("response", http(chunked(p1), extra=b"Transfer-Encoding: chunked\r\n"),
               uri="https://berita.contoh.id/sleman", ctype="application/http; msgtype=response", rid=3),
        # a redirect: not an article
        record("response", http(b"", status="301 Moved Permanently", extra=b"Location: /x\r\n"),
               uri="https://berita.contoh.id/lama", ctype="application/http; msgtype=response", rid=4),
        # 2: gzip content coding, no date in the page: the WARC-Date is used
        record("response", http(gzbody, extra=b"Content-Encoding: gzip\r\n"),
               uri="https://kabar.contoh.co.id/banjir", date="2024-11-04T10:00:00Z",
               ctype="application/http; msgtype=response", rid=5),
        record("metadata", b"via: https://berita.contoh.id/\r\n", uri="https://berita.contoh.id/sleman",
               ctype="application/warc-fields", rid=6),
        # an image response: skipped
        record("response", http(b"\x89PNG\r\n\x1a\n", ctype="image/png"), uri="https://berita.contoh.id/a.png",
               ctype="application/http; msgtype=response", rid=7),
        # 3: a resource record with a Wayback address
        record("resource", page("Harga Cabai Turun", [PARA[2], PARA[1]]),
               uri="http://web.archive.org/web/20240105010203/https://pasar.contoh.id/cabai",
               date="2024-01-05T01:02:03Z", ctype="text/html", rid=8),
    ]


def main():
    recs = records()
    plain = b"".join(recs)
    w = lambda name, data: open(os.path.join(HERE, name), "wb").write(data)
    w("berita.warc", plain)
    w("berita.warc.gz", b"".join(gz(r) for r in recs))        # one member per record
    w("berita-satu.warc.gz", gz(plain))                         # one member for the file
    members = [gz(r) for r in recs]
    cut = b"".join(members[:5]) + members[5] + members[6][: len(members[6]) // 2]
    w("terpotong.warc.gz", cut)                                 # cut inside a member
    w("terpotong.warc", plain[: plain.index(b"WARC-Type: resource") + 300])  # cut inside a block
    # garbage between records, and a record without Content-Length
    bad = recs[2] + b"ini bukan rekaman WARC\r\n\r\n" + \
        b"WARC/1.1\r\nWARC-Type: resource\r\n\r\n" + recs[4]
    w("rusak.warc", bad)
    # corrupt gzip: a flipped byte inside the compressed data of the 3rd member
    m = bytearray(members[2])
    m[len(m) // 2] ^= 0xFF
    w("rusak.warc.gz", members[0] + members[1] + bytes(m) + members[3])
    # ARC v1
    p = page("Pasar Tani Baru Dibuka di Sleman", PARA)
    resp = http(p)
    desc = b"1 0 kabar\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://berita.arc 127.0.0.1 20241102030405 text/plain %d\n" % len(desc) + desc + b"\n"
    arc += b"https://berita.contoh.id/sleman 10.0.0.1 20241102030405 text/html %d\n" % len(resp) + resp + b"\n"
    w("berita.arc", arc)
    # a directory of mixed inputs, none named for its format
    os.makedirs(os.path.join(HERE, "campur"), exist_ok=True)
    w("campur/halaman", page("Festival Kuliner Nusantara Digelar", [
        "Ratusan pengunjung memadati festival kuliner Nusantara di alun-alun kota sejak Jumat malam, "
        "mencicipi hidangan dari tiga puluh daerah.",
        "Panitia menyebut festival berlangsung tiga hari dan menghadirkan lebih dari seratus pedagang kecil."],
        "2024-10-25"))
    w("campur/arsip.dat", gz(plain))
    w("campur/umpan", (
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Umpan</title>'
        '<link>https://umpan.contoh.id/</link>\n<item><title>Rapat Anggaran</title>'
        '<link>https://umpan.contoh.id/rapat</link><pubDate>Tue, 05 Nov 2024 09:00:00 +0700</pubDate>'
        '<description>Dewan kota membahas rancangan anggaran tahun depan dalam rapat terbuka.</description>'
        '</item></channel></rss>\n').encode())
    w("campur/catatan.txt", "Catatan Redaksi\nRapat redaksi dipindah ke hari Kamis pukul sepuluh pagi.\n".encode())


if __name__ == "__main__":
    main()
