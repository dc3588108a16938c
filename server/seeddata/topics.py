"""What citizens of Banyuwangi complain about, per category, in the words they use.

Where a category has several themes (PDAM off / murky / billed), "title", "formal" and "casual"
list them in the same order: one draw picks the theme, so subject and text agree.

Slots filled per complaint: {desa} {kec} {jalan} {dusun} {rt} {tempat} {lama} {n} {jam}.
"""

from __future__ import annotations

from typing import TypedDict


class Topic(TypedDict):
    title: tuple[str, ...]  # what the reporter (or the intake officer) writes as subject
    formal: tuple[str, ...]  # the core of an e-mail / LAPOR! report
    casual: tuple[str, ...]  # the core of a post or chat
    detail: tuple[str, ...]  # extra facts, any register
    action: tuple[str, ...]  # follow-up the OPD reports, officialese
    done: tuple[str, ...]  # what the OPD did, officialese
    ask: tuple[str, ...]  # what the OPD needs from the reporter
    notes: tuple[str, ...]  # internal notes, casual
    tags: tuple[str, ...]


TOPICS: dict[str, Topic] = {
    "JALAN-RUSAK": {
        "title": (
            "Jalan rusak di {jalan}, {desa}",
            "Jalan berlubang di Dusun {dusun} {desa}",
            "Mohon perbaikan jalan {desa} Kec. {kec}",
        ),
        "formal": (
            "Saya ingin melaporkan kondisi jalan di {jalan}, Desa {desa}, Kecamatan {kec}, {tempat}, yang rusak parah dan berlubang cukup dalam.",
            "Ruas jalan Dusun {dusun} Desa {desa} sepanjang kurang lebih {n}00 meter mengalami kerusakan berat sejak {lama} yang lalu.",
            "Dengan ini kami warga RT {rt} Desa {desa} menyampaikan bahwa jalan poros desa rusak dan belum pernah diperbaiki.",
        ),
        "casual": (
            "jalan di {jalan} {tempat} bolong2 parah min 🚧",
            "ini jalan {desa} kapan dibenerin sih, udah {lama} kayak kubangan kebo",
            "jalan dusun {dusun} ancur lur, lubangnya segede ban truk",
        ),
        "detail": (
            "Sudah ada {n} pengendara motor yang jatuh di situ.",
            "Kalau malam tidak kelihatan karena tidak ada lampu.",
            "Anak-anak sekolah tiap pagi lewat sini.",
            "Truk pasir dari arah {kec} tiap hari lewat, makin parah.",
            "Warga sudah swadaya nutup pakai sirtu tapi hanyut lagi pas hujan.",
        ),
        "action": (
            "Tim UPTD PU Bina Marga wilayah {kec} telah dijadwalkan melakukan survei lokasi.",
            "Ruas tersebut telah kami survei dan diusulkan dalam pemeliharaan rutin.",
        ),
        "done": (
            "lubang jalan di lokasi telah ditambal oleh tim UPTD PU Bina Marga wilayah {kec}",
            "ruas jalan tersebut telah diperbaiki dengan pengaspalan ulang sepanjang {n}0 meter",
        ),
        "ask": ("titik lokasi (share location) dan foto kerusakan jalan",),
        "notes": (
            "udah dicek ke lokasi, lubangnya emang gede, perlu hotmix",
            "masuk usulan pemeliharaan, sementara dipasang rambu dulu",
            "ini jalan kabupaten kok, bukan provinsi. lanjut",
            "nunggu material dari UPT, minggu depan katanya",
        ),
        "tags": ("#jalanrusak", "#banyuwangi", "#infobanyuwangi"),
    },
    "PJU-MATI": {
        "title": ("PJU mati di {jalan}", "Lampu jalan mati {tempat}", "Penerangan jalan {desa} padam"),
        "formal": (
            "Lampu penerangan jalan umum di {jalan}, {tempat}, sudah padam sejak {lama} yang lalu.",
            "Kami melaporkan {n} titik lampu PJU di Desa {desa}, Kecamatan {kec}, tidak menyala pada malam hari.",
        ),
        "casual": (
            "min lampu jalan {tempat} mati udah {lama}, gelap bgt 💡",
            "PJU {jalan} mati semua lur, rawan begal iki",
            "tolong dong lampu jalan di {desa} dinyalain lagi, serem lewat malem",
        ),
        "detail": (
            "Kalau malam gelap gulita, rawan kecelakaan dan jambret.",
            "Tiangnya juga sudah miring.",
            "Dulu pernah diperbaiki tapi seminggu mati lagi.",
        ),
        "action": ("Laporan telah diteruskan kepada tim pemeliharaan PJU untuk pengecekan.",),
        "done": ("lampu PJU di lokasi telah diganti dan kembali menyala",),
        "ask": ("nomor tiang PJU atau titik lokasi yang lebih jelas",),
        "notes": (
            "lampu LED stok habis, nunggu pengadaan",
            "tim PJU jalan malam ini",
            "ternyata kabelnya dicuri, bukan lampunya",
        ),
        "tags": ("#pju", "#banyuwangi"),
    },
    "SAMPAH": {
        "title": (
            "TPS {desa} penuh, sampah tidak diangkut",
            "Sampah menumpuk di {tempat}",
            "Buang sampah sembarangan di {jalan}",
        ),
        "formal": (
            "Tumpukan sampah di TPS {desa}, Kecamatan {kec}, sudah {lama} tidak diangkut sehingga menimbulkan bau tidak sedap.",
            "Kami mohon armada pengangkut sampah kembali beroperasi rutin di wilayah RT {rt} Desa {desa}.",
            "Banyak orang membuang sampah sembarangan di pinggir {jalan} sehingga menumpuk dan menyumbat saluran.",
        ),
        "casual": (
            "truk sampah udah {lama} ga lewat {desa}, gimana nih",
            "sampah {tempat} numpuk min, baunya sampe rumah 🤮",
            "orang buang sampah sembarangan di {jalan}, tolong dikasih tegur min",
        ),
        "detail": (
            "Banyak lalat dan anak-anak mulai gatal-gatal.",
            "Sampahnya sampai meluber ke badan jalan.",
            "Ada yang bakar sampah tiap sore, asapnya masuk rumah.",
        ),
        "action": ("Laporan telah kami teruskan ke UPTD Kebersihan untuk penjadwalan pengangkutan.",),
        "done": ("sampah di lokasi telah diangkut dan jadwal armada wilayah {kec} dinormalkan kembali",),
        "ask": ("foto tumpukan sampah dan titik lokasinya",),
        "notes": (
            "dump truck wilayah {kec} lagi rusak, pinjam dari wilayah sebelah",
            "sudah koordinasi sama kades buat TPS sementara",
        ),
        "tags": ("#sampah", "#banyuwangibersih"),
    },
    "PENCEMARAN": {
        "title": ("Limbah pabrik ikan di {desa}", "Pencemaran sungai {desa}", "Asap pabrik di {kec}"),
        "formal": (
            "Limbah cair dari usaha pengolahan ikan di sekitar Desa {desa}, Kecamatan {kec}, dibuang langsung ke sungai dan menimbulkan bau menyengat.",
            "Sungai di Dusun {dusun} berubah warna menjadi hitam dan banyak ikan mati sejak {lama} terakhir.",
            "Asap dari cerobong pabrik di Kecamatan {kec} setiap malam sekitar pukul {jam} masuk ke permukiman dan membuat warga sesak napas.",
        ),
        "casual": (
            "baunya limbah {desa} masya Allah min, ga bisa napas 😷",
            "air sungai {dusun} item pekat, ikan pada mati. pabrik mana ini yg buang",
            "asap pabrik {kec} tiap malem jam {jam} bikin sesak lur",
        ),
        "detail": (
            "Sumur warga juga mulai berbau.",
            "Sudah pernah dilaporkan ke desa tapi tidak ada tindak lanjut.",
            "Baunya paling parah habis maghrib.",
        ),
        "action": ("Tim pengawasan DLH akan melakukan pengambilan sampel air di lokasi.",),
        "done": (
            "tim DLH telah melakukan pengambilan sampel dan memberikan teguran tertulis kepada pelaku usaha",
        ),
        "ask": ("nama atau lokasi usaha yang diduga membuang limbah",),
        "notes": (
            "ini pabrik yg sama kayak tahun lalu, cek dokumen UKL-UPL nya",
            "hasil lab keluar 2 minggu",
        ),
        "tags": ("#muncar", "#lingkungan"),
    },
    "BANJIR-DRAINASE": {
        "title": ("Banjir di {desa} tiap hujan", "Saluran tersumbat di {jalan}", "Drainase {tempat} mampet"),
        "formal": (
            "Setiap hujan deras, {jalan} di Desa {desa} tergenang air setinggi lutut akibat saluran drainase yang tersumbat.",
            "Saluran irigasi di Dusun {dusun} jebol sehingga air meluap ke permukiman warga RT {rt}.",
        ),
        "casual": (
            "banjir lagi di {desa} min 🌧️ got nya mampet ga pernah dikeruk",
            "hujan bentar aja {jalan} langsung jadi sungai, parah bgt",
            "tolong gorong2 {tempat} dibersihin, airnya masuk rumah warga",
        ),
        "detail": (
            "Air masuk ke rumah sampai semata kaki.",
            "Motor banyak yang mogok.",
            "Saluran penuh sampah plastik dan lumpur.",
        ),
        "action": ("Tim akan melakukan normalisasi saluran di lokasi.",),
        "done": ("saluran drainase di lokasi telah dinormalisasi dan dibersihkan dari sedimentasi",),
        "ask": ("foto genangan dan titik saluran yang tersumbat",),
        "notes": (
            "perlu ekskavator mini, ajukan ke bidang OP",
            "ini saluran desa sebenarnya, tapi bantu koordinasi",
        ),
        "tags": ("#banjir", "#banyuwangi"),
    },
    "POHON-LONGSOR": {
        "title": ("Pohon tumbang di {jalan}", "Tebing longsor di {desa}", "Pohon rawan roboh {tempat}"),
        "formal": (
            "Terdapat pohon besar yang tumbang dan menutup sebagian badan {jalan}, {tempat}.",
            "Tebing di Dusun {dusun} Desa {desa} longsor dan mengancam rumah warga.",
            "Pohon besar di tepi {jalan} sudah miring dan akarnya terangkat, dikhawatirkan roboh saat angin kencang.",
        ),
        "casual": (
            "min ada pohon tumbang {tempat}, jalan ketutup separo ⚠️",
            "tebing dusun {dusun} longsor lg min, rumah warga mepet bgt",
            "pohon trembesi {jalan} udah miring bgt, takut roboh pas angin",
        ),
        "detail": (
            "Kabel listrik ikut tertimpa.",
            "Ada {n} rumah yang terancam.",
            "Kemarin sore angin kencang sekali.",
        ),
        "action": ("Tim reaksi cepat telah diberangkatkan ke lokasi.",),
        "done": ("pohon telah dievakuasi dan jalan kembali dapat dilalui",),
        "ask": ("titik lokasi dan foto kondisi terkini",),
        "notes": ("udah koordinasi PLN buat kabelnya", "TRC jalan jam 3"),
        "tags": ("#bpbdbanyuwangi",),
    },
    "LAYANAN-PUSKESMAS": {
        "title": (
            "Pelayanan Puskesmas {kec} lambat",
            "Petugas puskesmas {kec} kurang ramah",
            "Obat kosong di Puskesmas {kec}",
        ),
        "formal": (
            "Saya mengantar ibu saya berobat ke Puskesmas {kec} pada hari {hari} dan harus menunggu lebih dari {n} jam tanpa kejelasan.",
            "Petugas pendaftaran di Puskesmas {kec} bersikap tidak ramah dan membentak pasien lansia.",
            "Obat untuk penyakit kronis (hipertensi) di Puskesmas {kec} sudah {lama} kosong sehingga pasien diminta membeli sendiri.",
        ),
        "casual": (
            "puskesmas {kec} antrinya lama bgt min, dari jam 7 baru dipanggil jam 11",
            "petugas loket puskesmas {kec} judes amat, ibu2 tua dibentak2 😤",
            "obat di puskesmas {kec} kosong terus, disuruh beli di apotek. katanya gratis??",
        ),
        "detail": (
            "Dokternya baru datang jam 10.",
            "Tidak ada pengumuman apa pun.",
            "Antrean online tidak jalan.",
            "Ruang tunggu panas dan sempit.",
        ),
        "action": ("Pengaduan telah diteruskan kepada Kepala Puskesmas {kec} untuk klarifikasi.",),
        "done": (
            "Kepala Puskesmas {kec} telah melakukan pembinaan kepada petugas dan memperbaiki alur pelayanan",
        ),
        "ask": ("tanggal dan jam kunjungan serta nama poli yang dituju",),
        "notes": (
            "kapus {kec} sudah ditelpon, janji evaluasi",
            "stok amlodipin memang kosong dari gudang farmasi, lagi pengadaan",
        ),
        "tags": ("#puskesmas", "#dinkesbanyuwangi"),
    },
    "ANTREAN-RSUD": {
        "title": (
            "Antrean RSUD Blambangan sangat lama",
            "Pelayanan IGD RSUD Blambangan",
            "Sulit daftar online RSUD",
        ),
        "formal": (
            "Antrean poli penyakit dalam di RSUD Blambangan pada hari {hari} sangat panjang, pasien menunggu hingga {n} jam.",
            "Keluarga kami dirawat di IGD RSUD Blambangan namun menunggu kamar rawat inap lebih dari {n} jam.",
            "Aplikasi pendaftaran online RSUD Blambangan selalu gagal sehingga pasien tetap harus antre sejak subuh.",
        ),
        "casual": (
            "RSUD Blambangan antri dari subuh ampe siang belom dipanggil 😩",
            "igd rsud penuh terus min, pasien di lorong",
            "daftar online rsud error trs, ujung2nya antri manual jg",
        ),
        "detail": (
            "Pasiennya lansia dan pakai kursi roda.",
            "Nomor antrean sudah habis jam 8 pagi.",
            "Parkirnya juga penuh dan mahal.",
        ),
        "action": ("Pengaduan telah disampaikan kepada bidang pelayanan medik RSUD Blambangan.",),
        "done": (
            "manajemen RSUD Blambangan telah menambah loket pendaftaran dan memperbaiki sistem antrean daring",
        ),
        "ask": ("nomor rekam medis pasien dan tanggal kunjungan",),
        "notes": (
            "poli PD memang dokternya cuma 2 hari itu",
            "cek CCTV loket tgl segitu",
            "IT rsud bilang server antrean down jumat kemarin",
        ),
        "tags": ("#rsudblambangan",),
    },
    "BPJS-KIS": {
        "title": ("Kartu KIS tidak aktif", "Kepesertaan BPJS PBI dinonaktifkan"),
        "formal": (
            "Kartu KIS (PBI) atas nama orang tua saya tiba-tiba tidak aktif sehingga ditolak saat berobat.",
            "Kami mohon bantuan pengaktifan kembali kepesertaan BPJS Kesehatan yang dibiayai pemerintah daerah.",
        ),
        "casual": (
            "min KIS bapak ku tiba2 ga aktif, pas mau berobat ditolak. gimana ini",
            "bpjs pbi dicoret tanpa pemberitahuan, kami orang ga mampu min 🙏",
        ),
        "detail": (
            "Bapak saya harus cuci darah rutin.",
            "Kami sudah ke desa dan disuruh ke dinas.",
            "Kami termasuk keluarga miskin di DTKS.",
        ),
        "action": ("Data kepesertaan telah kami cek dan diusulkan reaktivasi.",),
        "done": (
            "kepesertaan BPJS Kesehatan atas nama pasien telah diaktifkan kembali melalui skema PBI daerah",
        ),
        "ask": ("NIK dan nomor kartu KIS peserta",),
        "notes": (
            "NIK nya ga padan dukcapil, suruh update dulu",
            "sudah masuk usulan reaktivasi batch bulan ini",
        ),
        "tags": ("#bpjs",),
    },
    "ADMINDUK": {
        "title": (
            "KTP-el belum dicetak, katanya blanko habis",
            "Pengurusan KK di Kecamatan {kec} berlarut-larut",
            "Akta kelahiran anak belum terbit",
        ),
        "formal": (
            "Saya melakukan perekaman KTP-el di Kecamatan {kec} sejak {lama} yang lalu namun sampai sekarang belum dicetak.",
            "Pengajuan perubahan KK atas nama keluarga kami di Desa {desa} belum selesai meskipun berkas sudah lengkap.",
            "Akta kelahiran anak kami yang diajukan secara online belum terbit juga.",
        ),
        "casual": (
            "ktp ku udah rekam {lama} blm jadi2 min, katanya blanko habis 🙄",
            "ngurus kk di kecamatan {kec} disuruh bolak balik terus, capek lur",
            "min akta lahir anak ku udah {lama} ga kelar2, mau daftar sekolah",
        ),
        "detail": (
            "Padahal KTP dibutuhkan untuk melamar kerja.",
            "Sudah {n} kali datang ke kecamatan.",
            "Statusnya di aplikasi masih 'diproses'.",
        ),
        "action": ("Berkas Saudara telah kami cek di sistem SIAK dan sedang diproses.",),
        "done": (
            "dokumen kependudukan Saudara telah selesai dicetak dan dapat diambil di kantor Kecamatan {kec}",
        ),
        "ask": ("NIK dan nomor pengajuan/registrasi online",),
        "notes": (
            "statusnya nyangkut di verifikasi, udah di-push",
            "blanko kiriman pusat baru datang rabu",
            "NIK ganda, perlu ke loket",
        ),
        "tags": ("#dukcapilbanyuwangi",),
    },
    "BANSOS": {
        "title": ("Bansos tidak tepat sasaran di {desa}", "PKH tidak cair", "Tidak terdaftar BPNT"),
        "formal": (
            "Penyaluran bantuan sosial di Desa {desa}, Kecamatan {kec}, kami nilai tidak tepat sasaran karena warga mampu justru menerima.",
            "Bantuan PKH atas nama ibu saya sudah {lama} tidak cair tanpa penjelasan.",
            "Keluarga kami tergolong tidak mampu namun tidak pernah terdaftar sebagai penerima BPNT.",
        ),
        "casual": (
            "bansos di {desa} yg dapet malah yg punya mobil min, yg miskin ga dapet 😡",
            "pkh mak ku udah {lama} ga cair, pas ditanya ke pendamping katanya nunggu",
            "kok aku ga dapet bpnt min, rumah masih gedek. tetangga yg mampu malah dapet",
        ),
        "detail": (
            "Kami keluarga dengan {n} anak dan suami sudah meninggal.",
            "Nama kami ada di DTKS tapi tidak pernah menerima.",
        ),
        "action": ("Data penerima telah kami verifikasi bersama pendamping sosial kecamatan.",),
        "done": (
            "data penerima telah dimutakhirkan dan pelapor diusulkan sebagai penerima pada periode berikutnya",
        ),
        "ask": ("NIK kepala keluarga dan nama pendamping PKH",),
        "notes": ("musdes pemutakhiran DTKS bulan depan", "udah dicek, emang ga masuk desil 1-4"),
        "tags": ("#bansos",),
    },
    "PUNGLI": {
        "title": (
            "Dugaan pungli pengurusan surat di {desa}",
            "Pungutan liar di sekolah",
            "Oknum minta uang pelicin",
        ),
        "formal": (
            "Saya dimintai uang sebesar Rp{n}00.000 oleh oknum perangkat desa {desa} untuk pengurusan surat keterangan yang seharusnya gratis.",
            "Terdapat pungutan tanpa dasar hukum kepada wali murid di salah satu sekolah negeri di Kecamatan {kec}.",
            "Oknum petugas meminta uang pelicin agar berkas izin cepat diproses.",
        ),
        "casual": (
            "ngurus surat di desa {desa} dimintain duit {n}00rb, katanya buat 'administrasi'. bukannya gratis??",
            "sekolah anak ku minta iuran {n}00rb buat pagar, wajib katanya",
            "ngurus izin disuruh kasih 'uang rokok' biar cepet. katanya zona integritas 🙄",
        ),
        "detail": (
            "Saya tidak diberi kuitansi.",
            "Banyak warga lain juga mengalami hal yang sama.",
            "Saya takut identitas saya diketahui.",
        ),
        "action": ("Pengaduan sedang ditelaah oleh tim pemeriksa.",),
        "done": (
            "tim Inspektorat telah melakukan klarifikasi dan memberikan rekomendasi sanksi kepada pejabat pembina",
        ),
        "ask": ("bukti pendukung (foto, rekaman atau kuitansi) dan waktu kejadian",),
        "notes": (
            "jadwalkan klarifikasi tertutup, jgn sampai bocor nama pelapor",
            "masuk PKPT? cek dulu irban wilayah",
        ),
        "tags": ("#saberpungli",),
    },
    "PENYALAHGUNAAN": {
        "title": ("Dugaan penyimpangan dana desa {desa}", "ASN bolos kerja", "Penyalahgunaan mobil dinas"),
        "formal": (
            "Kami menduga terdapat penyimpangan penggunaan dana desa di Desa {desa} karena proyek rabat beton tidak sesuai RAB.",
            "Ada oknum ASN di Kecamatan {kec} yang setiap hari tidak masuk kerja namun tetap menerima tunjangan.",
            "Mobil dinas berpelat merah dipakai untuk keperluan pribadi pada akhir pekan.",
        ),
        "casual": (
            "proyek desa {desa} asal2an, baru sebulan udah retak. duitnya kemana",
            "ada pegawai kecamatan {kec} tiap hari cuma absen trs ngilang, gaji jalan terus",
            "mobil dinas dipake mudik ke jember tuh min, plat merah nopol ada",
        ),
        "detail": ("Saya punya foto-fotonya.", "Warga takut melapor ke desa."),
        "action": ("Pengaduan sedang ditelaah dan dijadwalkan klarifikasi.",),
        "done": (
            "hasil pemeriksaan telah disampaikan kepada pimpinan untuk ditindaklanjuti sesuai ketentuan",
        ),
        "ask": ("data pendukung berupa foto, dokumen, atau keterangan saksi",),
        "notes": ("koordinasi sama DPMD soal dana desanya", "rahasia, cuma irban 2 yg pegang"),
        "tags": (),
    },
    "IZIN-USAHA": {
        "title": ("Pengurusan PBG lama", "NIB tidak bisa terbit"),
        "formal": (
            "Permohonan Persetujuan Bangunan Gedung (PBG) yang kami ajukan sejak {lama} yang lalu belum ada kejelasan.",
            "Kami kesulitan menerbitkan NIB melalui OSS karena data KBLI tidak sesuai dan tidak mendapat pendampingan.",
        ),
        "casual": (
            "urus PBG udah {lama} ga ada kabar min, mau buka toko jadi molor",
            "NIB error terus di OSS, ke MPP disuruh balik lagi",
        ),
        "detail": ("Semua persyaratan sudah kami unggah.", "Sudah {n} kali datang ke Mal Pelayanan Publik."),
        "action": ("Berkas permohonan Saudara sedang diverifikasi oleh tim teknis.",),
        "done": ("izin Saudara telah terbit dan dapat diunduh melalui sistem",),
        "ask": ("nomor registrasi permohonan",),
        "notes": ("nunggu rekomendasi teknis dari PU", "KBLI salah pilih, perlu didampingi ulang"),
        "tags": ("#mppbanyuwangi",),
    },
    "AIR-PDAM": {
        "title": ("Air PDAM mati di {desa}", "Air PDAM keruh", "Tagihan PDAM membengkak"),
        "formal": (
            "Aliran air PDAM di wilayah {desa}, Kecamatan {kec}, mati sejak {lama} tanpa pemberitahuan.",
            "Air PDAM yang mengalir ke rumah kami keruh dan berbau.",
            "Tagihan air bulan ini naik tiga kali lipat padahal pemakaian normal.",
        ),
        "casual": (
            "pdam mati lagi min 😭 udah {lama}, mandi pake apa ini",
            "air pdam {desa} keruh kayak kopi susu",
            "tagihan pdam bulan ini Rp{n}00rb, biasanya cuma 60rb. meteran rusak kali",
        ),
        "detail": (
            "Kami harus beli air galon untuk masak.",
            "Tetangga juga sama.",
            "Petugas sudah dihubungi lewat telepon tapi tidak diangkat.",
        ),
        "action": ("Tim teknik telah dijadwalkan memeriksa jaringan pipa di wilayah tersebut.",),
        "done": ("perbaikan pipa telah selesai dan aliran air di wilayah {desa} telah normal kembali",),
        "ask": ("nomor sambungan pelanggan",),
        "notes": ("pipa transmisi bocor di {jalan}, lagi dikerjain", "meteran diganti, tagihan dikoreksi"),
        "tags": ("#pdam",),
    },
    "PARKIR-LIAR": {
        "title": ("Parkir liar di bahu {jalan}", "Jukir {tempat} minta tarif lebih"),
        "formal": (
            "Banyak kendaraan parkir di bahu {jalan} sehingga menyebabkan kemacetan pada jam sibuk.",
            "Juru parkir di {tempat} menarik tarif Rp{n}.000 melebihi ketentuan tanpa karcis.",
        ),
        "casual": (
            "parkir di trotoar {jalan} bikin macet parah tiap sore",
            "jukir {tempat} narik 5rb ga pake karcis min",
        ),
        "detail": ("Pejalan kaki terpaksa turun ke jalan.", "Kalau ditanya karcis malah marah."),
        "action": ("Petugas akan melakukan penertiban di lokasi.",),
        "done": ("petugas telah melakukan penertiban dan pembinaan juru parkir di lokasi",),
        "ask": ("waktu kejadian dan ciri-ciri juru parkir",),
        "notes": ("jukir itu resmi atau liar? cek daftar", "gabung operasi sama satpol hari kamis"),
        "tags": ("#parkirliar",),
    },
    "KETERTIBAN-UMUM": {
        "title": ("PKL memakan badan jalan {tempat}", "Balap liar tiap malam di {jalan}"),
        "formal": (
            "Pedagang kaki lima di {tempat} berjualan hingga memakan badan jalan sehingga mengganggu lalu lintas.",
            "Setiap malam minggu terjadi balap liar di {jalan} yang sangat meresahkan warga.",
        ),
        "casual": (
            "pkl {tempat} sampe ke tengah jalan, macet",
            "balap liar {jalan} tiap malem minggu jam {jam} brisik bgt min, tolong ditertibkan",
        ),
        "detail": ("Knalpotnya brong sampai jam 2 pagi.", "Warga sudah menegur tapi tidak digubris."),
        "action": ("Laporan telah dijadwalkan dalam patroli ketertiban.",),
        "done": ("Satpol PP telah melakukan penertiban dan sosialisasi di lokasi",),
        "ask": ("hari dan jam kejadian yang paling sering",),
        "notes": ("koordinasi polsek buat balap liarnya", "PKL sudah diberi SP1"),
        "tags": ("#satpolpp",),
    },
    "PENDIDIKAN": {
        "title": ("Atap ruang kelas SDN {n} {desa} rusak", "SPMB jalur domisili bermasalah"),
        "formal": (
            "Atap ruang kelas di SDN {n} {desa}, Kecamatan {kec}, rusak dan bocor sehingga siswa belajar di teras.",
            "Anak kami tidak diterima pada SPMB jalur domisili meskipun jarak rumah ke sekolah kurang dari 1 km.",
        ),
        "casual": (
            "atap SD {desa} bolong min, anak2 belajar sambil kehujanan 😢",
            "spmb smp tahun ini aneh, yg deket malah ga ketrima",
        ),
        "detail": ("Sudah dilaporkan ke kepala sekolah.", "Kami khawatir atapnya roboh."),
        "action": ("Tim teknis Dinas Pendidikan akan meninjau sekolah tersebut.",),
        "done": (
            "sekolah tersebut telah masuk program rehabilitasi ruang kelas dan perbaikan darurat telah dilakukan",
        ),
        "ask": ("nama sekolah dan nomor pendaftaran siswa",),
        "notes": ("masuk DAK fisik tahun depan", "operator sekolah salah input koordinat"),
        "tags": ("#disdikbanyuwangi",),
    },
    "PAJAK-DAERAH": {
        "title": ("SPPT PBB salah nama", "PBB naik drastis", "Tidak bisa bayar PBB online"),
        "formal": (
            "SPPT PBB tahun ini atas tanah kami di Desa {desa} tercatat atas nama orang lain.",
            "Nilai PBB rumah kami naik hampir {n} kali lipat dibanding tahun lalu.",
            "Pembayaran PBB melalui aplikasi gagal namun saldo rekening kami sudah terpotong.",
        ),
        "casual": (
            "sppt pbb tanah ku kok atas nama org lain min",
            "pbb rumah ku naik {n}x lipat min, ini gimana ngitungnya",
            "bayar pbb lewat aplikasi gagal terus, saldo kepotong",
        ),
        "detail": ("Tanah tersebut warisan orang tua.", "Luas bangunannya juga salah."),
        "action": ("Data objek pajak Saudara sedang kami verifikasi.",),
        "done": ("data objek pajak telah dikoreksi dan SPPT baru telah diterbitkan",),
        "ask": ("NOP yang tertera pada SPPT",),
        "notes": (
            "NJOP zona itu emang naik, tapi luasnya salah input",
            "saldo kepotong -> cek ke bank persepsi",
        ),
        "tags": (),
    },
    "KETENAGAKERJAAN": {
        "title": ("Gaji di bawah UMK", "PHK sepihak tanpa pesangon"),
        "formal": (
            "Perusahaan tempat saya bekerja di Kecamatan {kec} membayar upah di bawah UMK Banyuwangi.",
            "Saya diberhentikan secara sepihak tanpa pesangon setelah bekerja {n} tahun.",
        ),
        "casual": (
            "gaji pabrik {kec} cuma 1,5jt min, jauh dr UMK",
            "di PHK tiba2 ga dapet pesangon, udah kerja {n} tahun 😞",
        ),
        "detail": ("Tidak ada BPJS Ketenagakerjaan.", "Banyak teman saya mengalami hal serupa."),
        "action": ("Pengaduan telah diteruskan kepada mediator hubungan industrial.",),
        "done": ("mediasi telah dilaksanakan dan para pihak mencapai kesepakatan",),
        "ask": ("nama perusahaan dan bukti hubungan kerja",),
        "notes": ("ini ranahnya pengawas provinsi kalau soal norma", "jadwalkan bipartit dulu"),
        "tags": (),
    },
    "PUPUK-PERTANIAN": {
        "title": ("Pupuk subsidi langka di {kec}", "Harga pupuk di kios melebihi HET"),
        "formal": (
            "Petani di Desa {desa} kesulitan mendapatkan pupuk bersubsidi padahal sudah terdaftar di e-RDKK.",
            "Kios pupuk di Kecamatan {kec} menjual pupuk subsidi di atas HET.",
        ),
        "casual": (
            "pupuk subsidi langka lagi lur, padahal mau tandur",
            "kios pupuk {desa} jual urea 150rb sak, HET kan ga segitu",
        ),
        "detail": ("Kami sudah masuk kelompok tani.", "Musim tanam sudah dekat."),
        "action": ("Petugas PPL akan melakukan pengecekan ke kios dan kelompok tani.",),
        "done": (
            "penyaluran pupuk di kios tersebut telah diawasi dan stok telah didistribusikan sesuai alokasi",
        ),
        "ask": ("nama kelompok tani dan kios resmi yang dituju",),
        "notes": ("alokasi {kec} memang tinggal dikit", "kios sudah ditegur distributor"),
        "tags": ("#petanibanyuwangi",),
    },
    "RTLH": {
        "title": ("Usulan bedah rumah", "Rumah warga lansia hampir roboh di {desa}"),
        "formal": (
            "Kami mengusulkan rumah Ibu {nama_lain} di Dusun {dusun}, Desa {desa}, untuk program rehabilitasi rumah tidak layak huni.",
        ),
        "casual": ("min ada rumah mbah2 di {desa} udah mau ambruk, tolong dibantu bedah rumah 🙏",),
        "detail": ("Dinding masih gedek bambu dan atap bocor.", "Beliau tinggal sendirian."),
        "action": ("Tim akan melakukan verifikasi lapangan terhadap calon penerima.",),
        "done": (
            "rumah tersebut telah ditetapkan sebagai penerima program rehabilitasi RTLH tahun anggaran berjalan",
        ),
        "ask": ("NIK pemilik rumah dan foto kondisi rumah",),
        "notes": ("kuota tahun ini udah penuh, masuk daftar tunggu",),
        "tags": (),
    },
    "WISATA": {
        "title": ("Toilet Pantai Boom kotor", "Pungutan di jalur Kawah Ijen"),
        "formal": (
            "Fasilitas toilet di kawasan wisata Pantai Boom sangat kotor dan tidak ada air.",
            "Terdapat pungutan tambahan di luar tiket resmi di jalur menuju Kawah Ijen.",
        ),
        "casual": (
            "toilet pantai boom jorok bgt min, malu sama turis",
            "naik ijen ditarik lagi 20rb di pos, katanya retribusi desa?",
        ),
        "detail": ("Kami rombongan {n} orang dari luar kota.", "Tidak ada petugas yang bisa ditanya."),
        "action": ("Pengaduan telah diteruskan kepada pengelola kawasan wisata.",),
        "done": ("pengelola telah memperbaiki fasilitas dan menertibkan pungutan di lokasi",),
        "ask": ("tanggal kunjungan dan lokasi tepatnya",),
        "notes": (
            "ijen itu BKSDA, kita cuma bisa koordinasi",
            "toilet udah dikasih petugas kebersihan tambahan",
        ),
        "tags": ("#ijen", "#banyuwangi"),
    },
    "APLIKASI-LAYANAN": {
        "title": ("Aplikasi layanan pemkab error", "Website pemkab tidak bisa dibuka"),
        "formal": (
            "Aplikasi layanan publik Pemkab Banyuwangi tidak dapat digunakan sejak {lama} terakhir.",
            "Laman resmi pemerintah kabupaten tidak dapat diakses dari jaringan seluler.",
        ),
        "casual": (
            "apk nya error trs min, login ga bisa2 📵",
            "web pemkab down ya? dari kemaren ga bisa dibuka",
        ),
        "detail": ("Muncul pesan 'terjadi kesalahan'.", "Sudah coba hapus cache dan instal ulang."),
        "action": ("Tim teknis sedang menelusuri kendala pada sistem.",),
        "done": ("kendala pada sistem telah diperbaiki dan layanan dapat digunakan kembali",),
        "ask": ("tangkapan layar pesan kesalahan dan jenis ponsel yang digunakan",),
        "notes": ("SSL expired lagi 🙃", "server pindah rack, udah normal"),
        "tags": (),
    },
    "LAYANAN-KECAMATAN": {
        "title": ("Kantor Desa {desa} tutup saat jam kerja", "Pelayanan surat di Kecamatan {kec} dipersulit"),
        "formal": (
            "Pada hari {hari} pukul 10.00 kantor Desa {desa} sudah tutup sehingga warga tidak dapat mengurus surat.",
            "Pelayanan surat pindah di Kantor Kecamatan {kec} dipersulit dengan syarat yang tidak jelas.",
        ),
        "casual": (
            "kantor desa {desa} jam 10 udah tutup, pegawainya kemana aja",
            "ngurus surat di kecamatan {kec} dilempar sana sini min",
        ),
        "detail": ("Saya sudah izin kerja untuk mengurus ini.", "Tidak ada papan informasi jam layanan."),
        "action": ("Camat telah meminta klarifikasi kepada perangkat yang bersangkutan.",),
        "done": ("jam layanan telah ditertibkan dan informasi persyaratan dipasang di ruang pelayanan",),
        "ask": ("waktu kedatangan dan jenis surat yang diurus",),
        "notes": ("sekdes lagi ada acara di kabupaten hari itu katanya", "udah ditegur pak camat"),
        "tags": (),
    },
}
