filedesc://berita.arc 127.0.0.1 20241102030405 text/plain 66
1 0 kabar
URL IP-address Archive-date Content-type Archive-length

https://berita.contoh.id/sleman 10.0.0.1 20241102030405 text/html 826
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8

<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Pasar Tani Baru Dibuka di Sleman</title></head><body><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav><article><h1>Pasar Tani Baru Dibuka di Sleman</h1>
<p>Pemerintah Kabupaten Sleman membuka pasar tani baru di lapangan Denggung pada Sabtu pagi, diikuti lebih dari seratus petani dari tujuh kecamatan.</p>
<p>Kepala Dinas Pertanian mengatakan pasar itu akan buka setiap akhir pekan agar petani dapat menjual sayur, beras, dan buah langsung kepada pembeli tanpa perantara.</p>
<p>Sejumlah pembeli mengaku harga di pasar tani lebih murah dibandingkan pasar biasa, terutama untuk cabai rawit dan bawang merah yang sedang naik.</p>
</article><footer>Hak cipta contoh</footer></body></html>

