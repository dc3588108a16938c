"""A long complaint as citizens really write them, for screenshots and layout tests.

An 8,000-character letter pasted from Word: its bullets (•, the Symbol font's , ),
Javanese-Indonesian slang, emoji with skin tones, a very long unbroken word.
"""

from __future__ import annotations

_OPENING = (
    "Dengan hormat,\n\n"
    "Saya Rr. Siti Nurhaliza Kusumawardhani, warga RT 03/RW 07 Kelurahan Kebalenan, "
    "ingin menyampaikan pengaduan soal pelayanan KTP-el dan KK di kecamatan. Mohon maaf kalau "
    "tulisannya panjang, soalnya sudah 3x bolak-balik gak ada kejelasan 🙏🏻🙏🏻\n\n"
)
_POINTS = (
    "• Tgl 2 bulan lalu sy dtg jam 07.30, antrian sdh penuh, kata petugas blanko habis. Disuruh "
    "balik minggu dpn. Lha sy kerja harian, izin sehari ya potong gaji pak 🥲",
    " Minggu berikutnya datang lagi, petugasnya bilang sistemnya lagi down, suruh nunggu. "
    "Nunggu sampe jam 2 siang gak ada kabar, akhirnya pulang. Anak sy nangis kelaparan 🥺",
    " Sdh coba daftar online lewat aplikasi tapi OTP gak pernah masuk, nomor WA layanan "
    "cuma centang satu. Tetangga sy jg sama, katanya harus 'kenal orang dalam' biar cepet 😤",
    "- Yang bikin sedih, ibu sy sdh sepuh (78 th) butuh KTP buat BPJS, tiap ke puskesmas "
    "ditanya terus KTP-nya mana. Gimana mau berobat kalo data gak beres 😭",
    "• Mohon kejelasan jadwal & syarat yang pasti, ditempel di papan pengumuman. Jangan tiap "
    "petugas beda jawaban. Kami ini wong cilik pak, mboten ngertos carane 🙏",
)
_CLOSING = (
    "\n\nDemikian pengaduan ini saya sampaikan. Besar harapan kami agar Bapak/Ibu berkenan "
    "menindaklanjuti. Atas perhatiannya saya ucapkan matur nuwun sanget 🙏🏻\n\n"
    "Hormat saya,\nSiti (0812-3456-7890)\n"
    "Lampiran: foto antrian, tangkapan layar aplikasi, "
    "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/view?usp=sharing"
)


def long_letter(length: int = 8000) -> str:
    """About ``length`` characters: the opening, the points repeated and numbered, the closing."""
    parts = [_OPENING]
    total = len(_OPENING) + len(_CLOSING)
    i = 0
    while total < length:
        point = _POINTS[i % len(_POINTS)]
        if i >= len(_POINTS):
            point = f"{point} (kejadian ke-{i // len(_POINTS) + 1})"
        parts.append(point + "\n")
        total += len(point) + 1
        i += 1
    parts.append(_CLOSING)
    return "".join(parts)
