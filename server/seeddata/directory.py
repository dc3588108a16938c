"""The OPDs, officers, categories and canned replies of a demo Kabupaten Banyuwangi."""

from __future__ import annotations

import random
from datetime import date, time

from desktop.domain import Role, Tier
from server.seeddata.records import (
    OfficeHours,
    SeedCannedResponse,
    SeedCategory,
    SeedDirectory,
    SeedOfficer,
    SeedOpd,
)

REGION = "Kabupaten Banyuwangi, Jawa Timur"
TZ = "Asia/Jakarta"

# Fixed, so docs and `tanggap demo` can name them whatever the seed.
WELL_KNOWN_PASSWORD = "demo-tanggap-2026"
ADMIN_USERNAME = "admin"
ADMIN_OPD = "DISKOMINFO-BWI"
WELL_KNOWN_USERNAMES = ("admin", "spv.dinkes", "petugas.dinkes")

_WEEKDAYS_0800_1600 = {d: (time(8, 0), time(16, 0)) for d in range(5)}
# Front-line services open on Saturday morning too.
SATURDAY_SERVICE: OfficeHours = {**_WEEKDAYS_0800_1600, 5: (time(8, 0), time(12, 0))}
# Kecamatan offices start early and close early on Friday.
KECAMATAN_HOURS: OfficeHours = {
    **{d: (time(7, 30), time(15, 30)) for d in range(4)},
    4: (time(7, 30), time(14, 0)),
}

# (code, short, kind, name, address, office hours, parent)
_OPD_ROWS: tuple[tuple[str, str, str, str, str, OfficeHours | None, str | None], ...] = (
    (
        "DINKES-BWI",
        "dinkes",
        "dinas",
        "Dinas Kesehatan",
        "Jl. Letkol Istiqlah No. 42, Banyuwangi",
        None,
        None,
    ),
    (
        "RSUD-BWI",
        "rsud",
        "rsud",
        "RSUD Blambangan",
        "Jl. Letkol Istiqlah No. 49, Banyuwangi",
        SATURDAY_SERVICE,
        "DINKES-BWI",
    ),
    (
        "DPUBM-BWI",
        "pubm",
        "dinas",
        "Dinas Pekerjaan Umum Bina Marga",
        "Jl. Ahmad Yani No. 101, Banyuwangi",
        None,
        None,
    ),
    (
        "DPUPENGAIRAN-BWI",
        "pengairan",
        "dinas",
        "Dinas Pekerjaan Umum Pengairan",
        "Jl. Ahmad Yani No. 99, Banyuwangi",
        None,
        None,
    ),
    (
        "DISPENDUKCAPIL-BWI",
        "dukcapil",
        "dinas",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Jl. KH. Agus Salim No. 81, Banyuwangi",
        SATURDAY_SERVICE,
        None,
    ),
    ("DLH-BWI", "dlh", "dinas", "Dinas Lingkungan Hidup", "Jl. Basuki Rahmat No. 15, Banyuwangi", None, None),
    (
        "DISHUB-BWI",
        "dishub",
        "dinas",
        "Dinas Perhubungan",
        "Jl. Letjen S. Parman No. 25, Banyuwangi",
        None,
        None,
    ),
    (
        "SATPOLPP-BWI",
        "satpolpp",
        "satpol",
        "Satuan Polisi Pamong Praja",
        "Jl. Ahmad Yani No. 84, Banyuwangi",
        None,
        None,
    ),
    (
        "DISKOMINFO-BWI",
        "kominfo",
        "dinas",
        "Dinas Komunikasi, Informatika dan Persandian",
        "Jl. Ahmad Yani No. 78, Banyuwangi",
        None,
        None,
    ),
    ("DINSOS-BWI", "dinsos", "dinas", "Dinas Sosial", "Jl. Kepiting No. 7, Banyuwangi", None, None),
    (
        "DISDIK-BWI",
        "disdik",
        "dinas",
        "Dinas Pendidikan",
        "Jl. KH. Agus Salim No. 95, Banyuwangi",
        None,
        None,
    ),
    (
        "DPMPTSP-BWI",
        "dpmptsp",
        "dinas",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Jl. Sritanjung No. 1 (Mal Pelayanan Publik), Banyuwangi",
        SATURDAY_SERVICE,
        None,
    ),
    (
        "BAPENDA-BWI",
        "bapenda",
        "badan",
        "Badan Pendapatan Daerah",
        "Jl. Dr. Wahidin Sudirohusodo No. 12, Banyuwangi",
        None,
        None,
    ),
    (
        "PERUMDAM-BWI",
        "perumdam",
        "bumd",
        "Perumda Air Minum Banyuwangi",
        "Jl. Adi Sucipto No. 30, Banyuwangi",
        SATURDAY_SERVICE,
        None,
    ),
    (
        "DISPERKIM-BWI",
        "perkim",
        "dinas",
        "Dinas Perumahan dan Kawasan Permukiman",
        "Jl. Jaksa Agung Suprapto No. 10, Banyuwangi",
        None,
        None,
    ),
    (
        "DISNAKER-BWI",
        "disnaker",
        "dinas",
        "Dinas Tenaga Kerja, Transmigrasi dan Perindustrian",
        "Jl. Gajah Mada No. 19, Banyuwangi",
        None,
        None,
    ),
    (
        "DISPERTAN-BWI",
        "dispertan",
        "dinas",
        "Dinas Pertanian dan Pangan",
        "Jl. Kolonel Sugiono No. 4, Banyuwangi",
        None,
        None,
    ),
    (
        "DISBUDPAR-BWI",
        "disbudpar",
        "dinas",
        "Dinas Kebudayaan dan Pariwisata",
        "Jl. Brawijaya No. 5, Banyuwangi",
        None,
        None,
    ),
    (
        "BPBD-BWI",
        "bpbd",
        "badan",
        "Badan Penanggulangan Bencana Daerah",
        "Jl. Yos Sudarso No. 60, Banyuwangi",
        None,
        None,
    ),
    (
        "INSPEKTORAT-BWI",
        "inspektorat",
        "inspektorat",
        "Inspektorat Daerah",
        "Jl. Diponegoro No. 3, Banyuwangi",
        None,
        None,
    ),
    (
        "KEC-BANYUWANGI-BWI",
        "kec-banyuwangi",
        "kecamatan",
        "Kecamatan Banyuwangi",
        "Jl. Ikan Tongkol No. 1, Kertosari, Banyuwangi",
        KECAMATAN_HOURS,
        None,
    ),
    (
        "KEC-GENTENG-BWI",
        "kec-genteng",
        "kecamatan",
        "Kecamatan Genteng",
        "Jl. Raya Genteng No. 2, Genteng Kulon, Genteng",
        KECAMATAN_HOURS,
        None,
    ),
    (
        "KEC-ROGOJAMPI-BWI",
        "kec-rogojampi",
        "kecamatan",
        "Kecamatan Rogojampi",
        "Jl. Raya Rogojampi No. 148, Rogojampi",
        KECAMATAN_HOURS,
        None,
    ),
    (
        "KEC-MUNCAR-BWI",
        "kec-muncar",
        "kecamatan",
        "Kecamatan Muncar",
        "Jl. Raya Muncar No. 12, Tembokrejo, Muncar",
        KECAMATAN_HOURS,
        None,
    ),
    (
        "KEC-KALIBARU-BWI",
        "kec-kalibaru",
        "kecamatan",
        "Kecamatan Kalibaru",
        "Jl. Raya Jember No. 245, Kalibaru Wetan, Kalibaru",
        KECAMATAN_HOURS,
        None,
    ),
    (
        "KEC-GLENMORE-BWI",
        "kec-glenmore",
        "kecamatan",
        "Kecamatan Glenmore",
        "Jl. Raya Glenmore No. 7, Karangharjo, Glenmore",
        KECAMATAN_HOURS,
        None,
    ),
)

# Kecamatan office code -> the kecamatan name used in locations.
KECAMATAN_OFFICES: dict[str, str] = {
    "KEC-BANYUWANGI-BWI": "Banyuwangi",
    "KEC-GENTENG-BWI": "Genteng",
    "KEC-ROGOJAMPI-BWI": "Rogojampi",
    "KEC-MUNCAR-BWI": "Muncar",
    "KEC-KALIBARU-BWI": "Kalibaru",
    "KEC-GLENMORE-BWI": "Glenmore",
}
_KEC = tuple(KECAMATAN_OFFICES)

# (code, name, tier, OPDs; "KEC" expands to every kecamatan office)
_CATEGORY_ROWS: tuple[tuple[str, str, Tier, tuple[str, ...]], ...] = (
    ("JALAN-RUSAK", "Jalan rusak dan berlubang", Tier.NON_PENGAWASAN, ("DPUBM-BWI", "KEC")),
    ("PJU-MATI", "Lampu penerangan jalan umum (PJU) mati", Tier.RINGAN, ("DISHUB-BWI", "DISPERKIM-BWI")),
    ("SAMPAH", "Sampah dan TPS penuh", Tier.RINGAN, ("DLH-BWI", "KEC")),
    ("PENCEMARAN", "Pencemaran lingkungan (limbah, bau, asap)", Tier.NON_PENGAWASAN, ("DLH-BWI",)),
    (
        "BANJIR-DRAINASE",
        "Banjir dan saluran drainase tersumbat",
        Tier.NON_PENGAWASAN,
        ("DPUPENGAIRAN-BWI", "BPBD-BWI"),
    ),
    ("POHON-LONGSOR", "Pohon tumbang dan tanah longsor", Tier.RINGAN, ("BPBD-BWI", "DLH-BWI")),
    ("LAYANAN-PUSKESMAS", "Layanan puskesmas", Tier.NORMATIF, ("DINKES-BWI",)),
    ("ANTREAN-RSUD", "Antrean dan layanan RSUD", Tier.NORMATIF, ("RSUD-BWI",)),
    ("BPJS-KIS", "BPJS Kesehatan dan KIS daerah", Tier.NORMATIF, ("DINKES-BWI", "DINSOS-BWI", "RSUD-BWI")),
    ("ADMINDUK", "KTP-el, KK dan akta", Tier.RINGAN, ("DISPENDUKCAPIL-BWI", "KEC")),
    ("BANSOS", "Bantuan sosial (PKH, BPNT, BLT)", Tier.NORMATIF, ("DINSOS-BWI", "KEC")),
    ("PUNGLI", "Pungutan liar", Tier.PENGAWASAN, ("INSPEKTORAT-BWI",)),
    ("PENYALAHGUNAAN", "Dugaan penyalahgunaan wewenang", Tier.PENGAWASAN, ("INSPEKTORAT-BWI",)),
    ("IZIN-USAHA", "Perizinan usaha dan bangunan (NIB, PBG)", Tier.NORMATIF, ("DPMPTSP-BWI",)),
    ("AIR-PDAM", "Air PDAM mati atau keruh", Tier.RINGAN, ("PERUMDAM-BWI",)),
    ("PARKIR-LIAR", "Parkir liar dan juru parkir", Tier.RINGAN, ("DISHUB-BWI", "SATPOLPP-BWI")),
    ("KETERTIBAN-UMUM", "PKL, bangunan liar dan ketertiban umum", Tier.RINGAN, ("SATPOLPP-BWI", "KEC")),
    ("PENDIDIKAN", "Pendidikan (SPMB, sekolah, guru)", Tier.NORMATIF, ("DISDIK-BWI",)),
    ("PAJAK-DAERAH", "PBB dan pajak daerah", Tier.NORMATIF, ("BAPENDA-BWI",)),
    ("KETENAGAKERJAAN", "Ketenagakerjaan (upah, PHK, kartu kuning)", Tier.NORMATIF, ("DISNAKER-BWI",)),
    ("PUPUK-PERTANIAN", "Pupuk bersubsidi dan pertanian", Tier.NORMATIF, ("DISPERTAN-BWI",)),
    ("RTLH", "Rumah tidak layak huni", Tier.NON_PENGAWASAN, ("DISPERKIM-BWI",)),
    ("WISATA", "Layanan wisata (Ijen, pantai, event)", Tier.NORMATIF, ("DISBUDPAR-BWI",)),
    ("APLIKASI-LAYANAN", "Aplikasi dan website layanan pemkab", Tier.RINGAN, ("DISKOMINFO-BWI",)),
    ("LAYANAN-KECAMATAN", "Layanan kantor kecamatan dan desa", Tier.RINGAN, ("KEC",)),
)

# First names for officers; Javanese, Osing, Madurese and Balinese families all live in Banyuwangi.
_OFFICER_FIRST = (
    "agus",
    "budi",
    "dewi",
    "eko",
    "fitri",
    "hendra",
    "ika",
    "joko",
    "lilik",
    "made",
    "nanang",
    "rina",
    "sari",
    "teguh",
    "wahyu",
    "yuni",
    "arif",
    "bayu",
    "desi",
    "endah",
    "fajar",
    "gita",
    "hadi",
    "indah",
    "kukuh",
    "lukman",
    "maya",
    "nurul",
    "putu",
    "rizal",
    "santi",
    "tono",
    "umi",
    "vivi",
    "wulan",
    "yoga",
    "zainal",
    "anis",
    "bagus",
    "citra",
    "dimas",
    "erna",
)
_OFFICER_LAST = (
    "Setiawan",
    "Prasetyo",
    "Wulandari",
    "Hidayat",
    "Rahmawati",
    "Santoso",
    "Kurniawan",
    "Lestari",
    "Saputra",
    "Anggraini",
    "Firmansyah",
    "Susanti",
    "Wibowo",
    "Hariyanto",
    "Maulana",
    "Puspitasari",
    "Suryadi",
    "Fauzi",
    "Ramadhani",
    "Nugroho",
    "Handayani",
)
_OFFICER_FULL_FIRST = {"made": "I Made", "putu": "Ni Putu", "zainal": "Moh. Zainal", "anis": "Anis"}

# Words for generated passwords: easy to type from a printed list, not guessable from a username.
_PASSWORD_WORDS = (
    "gandrung",
    "ijen",
    "blambangan",
    "osing",
    "kemiren",
    "sritanjung",
    "seblang",
    "barong",
    "janger",
    "kupat",
    "rujak",
    "pecel",
    "kopi",
    "pulaumerah",
    "alaspurwo",
    "sukamade",
    "rawon",
    "kawah",
    "watudodol",
    "boom",
    "grajagan",
    "bangsring",
    "damar",
    "kebo",
)


def _opds() -> tuple[SeedOpd, ...]:
    return tuple(
        SeedOpd(
            code=code,
            name=name if kind in ("kecamatan", "rsud", "bumd") else f"{name} Kabupaten Banyuwangi",
            region=REGION,
            tz=TZ,
            address=address,
            kind=kind,
            office_hours=hours,
            parent_code=parent,
            short=short,
        )
        for code, short, kind, name, address, hours, parent in _OPD_ROWS
    )


def _categories() -> tuple[SeedCategory, ...]:
    rows = []
    for code, name, tier, opds in _CATEGORY_ROWS:
        expanded: list[str] = []
        for opd in opds:
            expanded.extend(_KEC if opd == "KEC" else (opd,))
        rows.append(SeedCategory(code=code, name=name, tier=tier, opd_codes=tuple(expanded)))
    return tuple(rows)


def _password(rng: random.Random, taken: set[str]) -> str:
    while True:
        first, second = rng.sample(_PASSWORD_WORDS, 2)
        password = f"{first}-{second}-{rng.randrange(1000, 10000)}"
        if password not in taken:
            taken.add(password)
            return password


def _officers(opds: tuple[SeedOpd, ...], rng: random.Random) -> tuple[SeedOfficer, ...]:
    taken: set[str] = set()
    officers = [
        SeedOfficer(ADMIN_USERNAME, "Administrator Tanggap", Role.ADMIN, ADMIN_OPD, WELL_KNOWN_PASSWORD)
    ]
    for opd in opds:
        spv_first = rng.choice(_OFFICER_FIRST)
        spv_name = f"{_OFFICER_FULL_FIRST.get(spv_first, spv_first.title())} {rng.choice(_OFFICER_LAST)}"
        spv_password = WELL_KNOWN_PASSWORD if opd.short == "dinkes" else _password(rng, taken)
        officers.append(SeedOfficer(f"spv.{opd.short}", spv_name, Role.SUPERVISOR, opd.code, spv_password))
        count = rng.randint(2, 4)
        firsts = rng.sample([f for f in _OFFICER_FIRST if f != spv_first], count)
        if opd.short == "dinkes":
            officers.append(
                SeedOfficer(
                    "petugas.dinkes", "Petugas Demo Dinkes", Role.OFFICER, opd.code, WELL_KNOWN_PASSWORD
                )
            )
            firsts = firsts[: count - 1]
        for first in firsts:
            name = f"{_OFFICER_FULL_FIRST.get(first, first.title())} {rng.choice(_OFFICER_LAST)}"
            officers.append(
                SeedOfficer(f"{first}.{opd.short}", name, Role.OFFICER, opd.code, _password(rng, taken))
            )
    return tuple(officers)


_GENERAL_CANNED: tuple[tuple[str, str], ...] = (
    (
        "Pengaduan diterima",
        "Yth. {nama_pelapor},\nterima kasih telah menyampaikan pengaduan. Pengaduan Saudara telah kami "
        "terima dengan nomor {nomor_tiket} dan akan kami tindak lanjuti paling lambat {tenggat}.\n"
        "Hormat kami.",
    ),
    (
        "Mohon lengkapi data",
        "Yth. {nama_pelapor},\nagar pengaduan nomor {nomor_tiket} dapat kami proses, mohon kesediaan "
        "Saudara melengkapi alamat lengkap (desa/kelurahan, RT/RW), waktu kejadian, serta foto "
        "pendukung bila ada. Terima kasih.",
    ),
    (
        "Sedang ditindaklanjuti",
        "Yth. {nama_pelapor},\npengaduan nomor {nomor_tiket} saat ini sedang ditindaklanjuti oleh bidang "
        "terkait. Perkembangan akan kami sampaikan kembali sebelum {tenggat}.",
    ),
    (
        "Selesai ditindaklanjuti",
        "Yth. {nama_pelapor},\nkami sampaikan bahwa pengaduan nomor {nomor_tiket} telah selesai "
        "ditindaklanjuti. Apabila Saudara belum puas, tanggapan dapat disampaikan dalam 10 hari "
        "sejak pesan ini. Terima kasih atas partisipasinya dalam membangun Banyuwangi.",
    ),
    (
        "Bukan kewenangan",
        "Yth. {nama_pelapor},\nsetelah kami pelajari, permasalahan pada pengaduan nomor {nomor_tiket} "
        "bukan merupakan kewenangan kami dan telah kami teruskan kepada instansi yang berwenang. "
        "Mohon maaf atas ketidaknyamanannya.",
    ),
    (
        "Balasan singkat media sosial",
        "Halo Kak {nama_pelapor}, terima kasih infonya 🙏 Laporan sudah kami catat dengan nomor "
        "{nomor_tiket} dan kami teruskan ke petugas. Ditunggu ya, paling lambat {tenggat}.",
    ),
)

_OPD_CANNED: tuple[tuple[str, str, str], ...] = (
    (
        "DPUBM-BWI",
        "Jalan masuk jadwal pemeliharaan",
        "Yth. {nama_pelapor},\nruas jalan pada pengaduan {nomor_tiket} telah kami survei dan masuk "
        "jadwal pemeliharaan rutin UPTD wilayah. Penanganan sementara (penambalan/rambu) dilakukan "
        "sebelum {tenggat}.",
    ),
    (
        "DISPENDUKCAPIL-BWI",
        "KTP-el siap diambil",
        "Yth. {nama_pelapor},\nKTP-el Saudara terkait pengaduan {nomor_tiket} sudah tercetak dan dapat "
        "diambil di kantor kecamatan domisili pada jam layanan dengan membawa bukti pengaduan ini.",
    ),
    (
        "RSUD-BWI",
        "Permohonan maaf layanan",
        "Yth. {nama_pelapor},\nmanajemen RSUD Blambangan memohon maaf atas ketidaknyamanan yang "
        "Saudara alami (pengaduan {nomor_tiket}). Masukan Saudara telah kami sampaikan kepada unit "
        "terkait sebagai bahan evaluasi layanan.",
    ),
    (
        "DINKES-BWI",
        "Diteruskan ke puskesmas",
        "Yth. {nama_pelapor},\npengaduan {nomor_tiket} telah kami teruskan kepada kepala puskesmas "
        "terkait untuk klarifikasi dan perbaikan layanan. Hasilnya kami sampaikan sebelum {tenggat}.",
    ),
    (
        "PERUMDAM-BWI",
        "Gangguan distribusi air",
        "Yth. {nama_pelapor},\nmohon maaf, saat ini sedang ada perbaikan pipa distribusi di wilayah "
        "Saudara (pengaduan {nomor_tiket}). Aliran air diperkirakan normal kembali sebelum {tenggat}.",
    ),
    (
        "INSPEKTORAT-BWI",
        "Pengaduan pengawasan diterima",
        "Yth. {nama_pelapor},\npengaduan {nomor_tiket} kami terima dan akan ditelaah sesuai ketentuan. "
        "Identitas pelapor kami rahasiakan. Hasil penanganan kami sampaikan sebelum {tenggat}.",
    ),
)


def _non_working_days() -> tuple[tuple[str | None, date, str], ...]:
    days: list[tuple[str | None, date, str]] = []
    for year in range(2024, 2029):
        days.append((None, date(year, 12, 18), "Hari Jadi Banyuwangi"))
    days.append(("DISPENDUKCAPIL-BWI", date(2026, 9, 14), "Pemeliharaan server SIAK terpusat, layanan tutup"))
    days.append(("RSUD-BWI", date(2026, 10, 3), "Akreditasi rumah sakit, layanan rawat jalan tutup"))
    return tuple(days)


def build_directory(seed: int = 0) -> SeedDirectory:
    """The same seed always gives the same officers, names and passwords."""
    rng = random.Random(f"tanggap-directory:{seed}")
    opds = _opds()
    return SeedDirectory(
        opds=opds,
        officers=_officers(opds, rng),
        categories=_categories(),
        canned_responses=tuple(SeedCannedResponse(None, t, b) for t, b in _GENERAL_CANNED)
        + tuple(SeedCannedResponse(o, t, b) for o, t, b in _OPD_CANNED),
        non_working_days=_non_working_days(),
    )


def demo_logins(directory: SeedDirectory) -> list[tuple[str, str, str]]:
    """(username, password, role) of every seeded account, the well-known ones first."""
    well_known = [o for o in directory.officers if o.username in WELL_KNOWN_USERNAMES]
    well_known.sort(key=lambda o: WELL_KNOWN_USERNAMES.index(o.username))
    rest = [o for o in directory.officers if o.username not in WELL_KNOWN_USERNAMES]
    return [(o.username, o.password, o.role.value) for o in well_known + rest]
