<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AttachmentList</name>
    <message>
        <location filename="../../ui/attachment_list.py" line="147"/>
        <location filename="../../ui/attachment_list.py" line="241"/>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="177"/>
        <source>Berkas hingga 5 MB; terkirim saat sinkron.</source>
        <translation>Files up to 5 MB; sent when syncing.</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="181"/>
        <source>Lampirkan berkas…</source>
        <translation>Attach files…</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="182"/>
        <source>Lampirkan berkas ke tiket ini</source>
        <translation>Attach files to this ticket</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="187"/>
        <source>Tidak ada lampiran.</source>
        <translation>No attachments.</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="209"/>
        <source>Lampiran tidak dapat dibuka: %1</source>
        <translation>The attachment cannot be opened: %1</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="223"/>
        <source>Lampiran tidak dapat disimpan: %1</source>
        <translation>The attachment cannot be saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="230"/>
        <source>Pilih berkas untuk dilampirkan</source>
        <translation>Choose files to attach</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="236"/>
        <source>Simpan lampiran sebagai</source>
        <translation>Save attachment as</translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <location filename="../../ui/attachment_list.py" line="91"/>
        <source>Nama berkas</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="94"/>
        <source>menunggu sinkronisasi</source>
        <translation>waiting for sync</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="96"/>
        <source>ditolak server — lihat Konflik &amp; ditolak</source>
        <translation>refused by the server — see Conflicts &amp; rejected</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="98"/>
        <source>tersimpan untuk offline</source>
        <translation>saved for offline use</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="100"/>
        <source>belum diunduh</source>
        <translation>not downloaded yet</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="100"/>
        <source>tidak disimpan di meja ini</source>
        <translation>not kept on this desk</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="109"/>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="111"/>
        <source>Buka %1 dengan aplikasi sistem</source>
        <translation>Open %1 with the system application</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="113"/>
        <source>Simpan sebagai…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="114"/>
        <source>Simpan salinan %1</source>
        <translation>Save a copy of %1</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="118"/>
        <source>Tiket ini sudah di luar lingkup meja ini; berkasnya tidak disimpan di komputer ini.</source>
        <translation>This ticket is no longer in this desk&apos;s scope; its files are not kept on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="122"/>
        <source>Berkas lebih dari 10 MB tidak diunduh untuk offline; lihat di server pengaduan.</source>
        <translation>Files over 10 MB are not downloaded for offline use; see them on the complaints server.</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="125"/>
        <source>Belum diunduh: berkas tersedia setelah sinkronisasi berikutnya.</source>
        <translation>Not downloaded yet: the file arrives with the next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/attachment_list.py" line="132"/>
        <source>Jenis berkas ini tidak dibuka langsung; gunakan “Simpan sebagai…”.</source>
        <translation>This kind of file is not opened directly; use “Save as…”.</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../ui/desk_controller.py" line="73"/>
        <location filename="../../ui/desk_controller.py" line="333"/>
        <source>Menyimpan</source>
        <translation>Saving</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="81"/>
        <source>Menautkan</source>
        <translation>Linking</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="87"/>
        <source>Melepaskan</source>
        <translation>Unlinking</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="91"/>
        <source>Melampirkan berkas</source>
        <translation>Attaching a file</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="100"/>
        <source>Menugaskan</source>
        <translation>Assigning</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="117"/>
        <source>Keluar akun?</source>
        <translation>Log out?</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="122"/>
        <source>Lanjutkan keluar akun?</source>
        <translation>Log out now?</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="123"/>
        <location filename="../../ui/desk_controller.py" line="139"/>
        <source>Keluar akun</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="124"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="157"/>
        <source>Alasan: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="158"/>
        <source>Tulis alasan yang dapat dibaca pelapor atau OPD penerima.</source>
        <translation>Write a reason the reporter or the receiving agency can read.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="252"/>
        <location filename="../../ui/desk_controller.py" line="280"/>
        <source>Ekspor antrean</source>
        <translation>Export the queue</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="254"/>
        <source>Buku kerja Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/desk_controller.py" line="281"/>
        <source>%n tiket diekspor ke %1</source>
        <translation>
            <numerusform>%n ticket exported to %1</numerusform>
            <numerusform>%n tickets exported to %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="288"/>
        <location filename="../../ui/desk_controller.py" line="296"/>
        <source>Mengekspor antrean</source>
        <translation>Exporting the queue</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="312"/>
        <source>Balasan disalin ke papan klip</source>
        <translation>Reply copied to the clipboard</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="318"/>
        <location filename="../../ui/desk_controller.py" line="341"/>
        <source>Mengirim ulang</source>
        <translation>Resending</translation>
    </message>
    <message>
        <location filename="../../ui/desk_controller.py" line="358"/>
        <source>Tidak dapat dilakukan</source>
        <translation>Cannot be done</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../ui/queue_pane.py" line="105"/>
        <source>Belum ada pengaduan di perangkat ini</source>
        <translation>No complaints on this computer yet</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="111"/>
        <source>Masuk ke server pengaduan lalu sinkronkan untuk mengambil antrean OPD Anda,
atau catat pengaduan yang datang langsung ke loket.</source>
        <translation>Log in to the complaints server and sync to fetch your agency&apos;s queue,
or register a complaint made in person at the desk.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="122"/>
        <source>Masuk ke server…</source>
        <translation>Log in to the server…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="124"/>
        <source>Masuk ke server</source>
        <translation>Log in to the server</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="125"/>
        <source>Catat pengaduan langsung…</source>
        <translation>Register a walk-in complaint…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="126"/>
        <source>Catat pengaduan langsung</source>
        <translation>Register a walk-in complaint</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="133"/>
        <source>Antrean kosong</source>
        <translation>Empty queue</translation>
    </message>
</context>
<context>
    <name>FieldLabel</name>
    <message>
        <location filename="../../ui/field_label.py" line="75"/>
        <source>Salin teks lengkap</source>
        <translation>Copy the whole text</translation>
    </message>
</context>
<context>
    <name>InboxDialog</name>
    <message>
        <location filename="../../ui/inbox.py" line="81"/>
        <location filename="../../ui/inbox.py" line="86"/>
        <source>Konflik &amp; penolakan</source>
        <translation>Conflicts &amp; rejections</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="90"/>
        <source>Server memutuskan hal-hal ini saat sinkron. Baca, tindak lanjuti bila perlu, lalu tandai sudah dibaca.</source>
        <translation>The server decided these during sync. Read them, follow up where needed, then mark them as read.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="101"/>
        <source>Daftar konflik dan penolakan</source>
        <translation>List of conflicts and rejections</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="111"/>
        <source>Tidak ada yang perlu diperhatikan.</source>
        <translation>Nothing needs your attention.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="115"/>
        <location filename="../../ui/inbox.py" line="116"/>
        <source>Tandai terpilih sudah dibaca</source>
        <translation>Mark selected as read</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="118"/>
        <location filename="../../ui/inbox.py" line="120"/>
        <source>Tandai semua sudah dibaca</source>
        <translation>Mark all as read</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="122"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="48"/>
        <source>Masuk ke Tanggap</source>
        <translation>Log in to Tanggap</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="53"/>
        <source>Masuk ke server pengaduan</source>
        <translation>Log in to the complaints server</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="56"/>
        <source>Gunakan akun petugas OPD Anda. Tanpa jaringan, pilih “Kerja offline”.</source>
        <translation>Use your agency officer account. Without a network, choose “Work offline”.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="66"/>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="69"/>
        <location filename="../../ui/login_dialog.py" line="74"/>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="71"/>
        <location filename="../../ui/login_dialog.py" line="75"/>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="73"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="78"/>
        <source>Pesan kesalahan</source>
        <translation>Error message</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="82"/>
        <source>Kerja offline</source>
        <translation>Work offline</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="83"/>
        <source>Kerja offline dengan data tersimpan</source>
        <translation>Work offline with the stored data</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="87"/>
        <location filename="../../ui/login_dialog.py" line="90"/>
        <location filename="../../ui/login_dialog.py" line="125"/>
        <location filename="../../ui/login_dialog.py" line="129"/>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="102"/>
        <source>Alamat server harus diawali https:// (atau http:// di jaringan kantor).</source>
        <translation>The server address must start with https:// (or http:// on the office network).</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="105"/>
        <source>Isi nama pengguna dan kata sandi.</source>
        <translation>Enter your username and password.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="107"/>
        <source>Menghubungi server…</source>
        <translation>Contacting the server…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="80"/>
        <source>Tanggap - Pengaduan Masyarakat</source>
        <translation>Tanggap - Public Complaints</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="323"/>
        <source>Pengaturan tidak dapat disimpan: %1</source>
        <translation>The settings cannot be saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="334"/>
        <source>Kesalahan tak terduga</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="335"/>
        <source>%1 gagal: %2
Rincian ada di log: %3</source>
        <translation>%1 failed: %2
Details are in the log: %3</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="336"/>
        <source>Pekerjaan</source>
        <translation>Task</translation>
    </message>
</context>
<context>
    <name>MarkDeliveredDialog</name>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="70"/>
        <source>Sudah diposting</source>
        <translation>Posted</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="71"/>
        <source>Tempel tautan unggahan balasan Anda (misalnya balasan di X atau Instagram).</source>
        <translation>Paste the link to your posted reply (for example the reply on X or Instagram).</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="72"/>
        <source>Tautan unggahan</source>
        <translation>Link to the post</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="76"/>
        <source>Sudah ditindaklanjuti di LAPOR!</source>
        <translation>Followed up in LAPOR!</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="77"/>
        <source>Tulis nomor tindak lanjut dari SP4N-LAPOR!.</source>
        <translation>Enter the follow-up number from SP4N-LAPOR!.</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="78"/>
        <source>Nomor tindak lanjut LAPOR!</source>
        <translation>LAPOR! follow-up number</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="82"/>
        <source>Sudah ditelepon</source>
        <translation>Phoned</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="83"/>
        <source>Catat hasil telepon: siapa yang dihubungi, kapan, dan apa tanggapannya.</source>
        <translation>Note the call: whom you reached, when, and what they said.</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="84"/>
        <source>Catatan telepon</source>
        <translation>Call note</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="88"/>
        <source>Sudah diserahkan</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="90"/>
        <source>Surat jawaban sudah diserahkan atau dikirim. Catatan (tidak wajib): diterima oleh siapa, atau nomor resi pos.</source>
        <translation>The reply letter was handed over or posted. Note (optional): who received it, or the postal receipt number.</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="93"/>
        <source>Catatan penyerahan</source>
        <translation>Hand-over note</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="108"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="108"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MessageCard</name>
    <message>
        <location filename="../../ui/message_card.py" line="90"/>
        <source>BALASAN PUBLIK</source>
        <translation>PUBLIC REPLY</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="91"/>
        <source>CATATAN INTERNAL — tidak terlihat pelapor</source>
        <translation>INTERNAL NOTE — not visible to the reporter</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="93"/>
        <source>PESAN PELAPOR</source>
        <translation>REPORTER&apos;S MESSAGE</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="92"/>
        <source>Peristiwa</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="105"/>
        <source>◷ menunggu sinkronisasi</source>
        <translation>◷ waiting for sync</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="107"/>
        <source>✓ terkirim</source>
        <translation>✓ sent</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="109"/>
        <source>⚠ ditandai server</source>
        <translation>⚠ flagged by the server</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="122"/>
        <source>Pengiriman ke pelapor</source>
        <translation>Delivery to the reporter</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="142"/>
        <location filename="../../ui/message_card.py" line="148"/>
        <source>Isi pesan</source>
        <translation>Message text</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="154"/>
        <source>◷ ditandai sudah disampaikan, menunggu sinkronisasi</source>
        <translation>◷ marked as passed on, waiting to sync</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="156"/>
        <source>◷ dikirim ulang, menunggu sinkronisasi</source>
        <translation>◷ resent, waiting to sync</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="164"/>
        <source>Sudah diposting…</source>
        <translation>Posted…</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="166"/>
        <source>Sudah ditindaklanjuti di LAPOR!…</source>
        <translation>Followed up in LAPOR!…</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="168"/>
        <source>Salin balasan</source>
        <translation>Copy reply</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="168"/>
        <source>Salin teks balasan ke papan klip</source>
        <translation>Copy the reply&apos;s text to the clipboard</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="169"/>
        <source>Buka unggahan asli ↗</source>
        <translation>Open original post ↗</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="169"/>
        <source>Buka unggahan asli pelapor di peramban</source>
        <translation>Open the reporter&apos;s original post in the browser</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="170"/>
        <source>Tandai balasan sudah diposting, dengan tautannya</source>
        <translation>Mark the reply as posted, with its link</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="172"/>
        <source>Sudah ditelepon…</source>
        <translation>Phoned…</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="173"/>
        <source>Tandai balasan sudah disampaikan lewat telepon</source>
        <translation>Mark the reply as passed on by phone</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="175"/>
        <source>Cetak surat jawaban…</source>
        <translation>Print reply letter…</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="175"/>
        <source>Pratinjau dan cetak surat jawaban</source>
        <translation>Preview and print the reply letter</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="176"/>
        <source>Sudah diserahkan…</source>
        <translation>Handed over…</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="176"/>
        <source>Tandai surat jawaban sudah diserahkan</source>
        <translation>Mark the reply letter as handed over</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="177"/>
        <source>Kirim ulang</source>
        <translation>Resend</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="177"/>
        <source>Kirim ulang balasan lewat kanal yang sama</source>
        <translation>Send the reply again over the same channel</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="179"/>
        <source>Kirim ke alamat lain…</source>
        <translation>Send to another address…</translation>
    </message>
    <message>
        <location filename="../../ui/message_card.py" line="180"/>
        <source>Kirim balasan ke surel atau WhatsApp lain</source>
        <translation>Send the reply to another e-mail address or WhatsApp number</translation>
    </message>
</context>
<context>
    <name>NoKeyringDialog</name>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="49"/>
        <source>Keyring sistem tidak tersedia</source>
        <translation>No system keyring</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="54"/>
        <source>Tanggap menyimpan data pelapor di komputer ini secara terenkripsi. Kuncinya biasanya disimpan di keyring sistem, tetapi keyring itu tidak tersedia sekarang.</source>
        <translation>Tanggap keeps reporters&apos; data on this computer encrypted. Its key is normally kept in the system keyring, but that keyring is not available now.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="60"/>
        <source>Yang dapat Anda lakukan:
• Tutup Tanggap, buka kunci keyring (Linux: GNOME Keyring atau KWallet di sesi desktop; Windows: Credential Manager di profil Anda), lalu buka Tanggap lagi; atau
• Pakai frasa sandi: Anda mengetiknya setiap kali Tanggap dibuka (paling sedikit 12 karakter). Frasa sandi yang hilang tidak dapat dipulihkan: data di komputer ini harus diambil ulang dari server.

Data pelapor tidak pernah disimpan tanpa enkripsi.</source>
        <translation>What you can do:
• Close Tanggap, unlock the keyring (Linux: GNOME Keyring or KWallet in the desktop session; Windows: Credential Manager in your profile), then open Tanggap again; or
• Use a passphrase: you type it every time Tanggap opens (at least 12 characters). A lost passphrase cannot be recovered: the data on this computer must then be fetched again from the server.

Reporters&apos; data is never stored unencrypted.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="70"/>
        <source>Pakai frasa sandi…</source>
        <translation>Use a passphrase…</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="72"/>
        <source>Tutup Tanggap</source>
        <translation>Close Tanggap</translation>
    </message>
</context>
<context>
    <name>NoticeModel</name>
    <message>
        <location filename="../../ui/inbox.py" line="36"/>
        <source>Konflik</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="37"/>
        <source>Ditolak</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="38"/>
        <source>Tertahan</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="39"/>
        <location filename="../../ui/inbox.py" line="40"/>
        <source>Keluar dari meja ini</source>
        <translation>Left this desk</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="42"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="42"/>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="42"/>
        <source>Tiket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/inbox.py" line="42"/>
        <source>Apa yang terjadi</source>
        <translation>What happened</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="94"/>
        <source>Frasa sandi Tanggap</source>
        <translation>Tanggap passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="100"/>
        <source>Buat frasa sandi untuk data di komputer ini (paling sedikit 12 karakter). Anda akan memintanya setiap kali Tanggap dibuka; simpan di tempat aman.</source>
        <translation>Choose a passphrase for the data on this computer (at least 12 characters). You will be asked for it every time Tanggap opens; keep it somewhere safe.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="105"/>
        <source>Data di komputer ini dilindungi frasa sandi. Ketik frasa sandinya untuk membuka Tanggap.</source>
        <translation>The data on this computer is protected by a passphrase. Type it to open Tanggap.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="112"/>
        <source>Frasa sandi</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="113"/>
        <source>&amp;Frasa sandi:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="116"/>
        <source>Ulangi frasa sandi</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="118"/>
        <source>&amp;Ulangi:</source>
        <translation>&amp;Repeat:</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="128"/>
        <source>Buat dan buka</source>
        <translation>Create and open</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="128"/>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="132"/>
        <source>Tutup Tanggap</source>
        <translation>Close Tanggap</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="150"/>
        <source>Frasa sandi terlalu pendek: paling sedikit 12 karakter.</source>
        <translation>The passphrase is too short: at least 12 characters.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="153"/>
        <source>Kedua frasa sandi tidak sama. Ketik ulang keduanya.</source>
        <translation>The two passphrases differ. Type both again.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock_dialog.py" line="164"/>
        <source>Frasa sandi salah: data di komputer ini tidak dapat dibuka. Coba lagi.</source>
        <translation>Wrong passphrase: the data on this computer cannot be opened. Try again.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../ui/print_preview.py" line="103"/>
        <location filename="../../ui/print_preview.py" line="124"/>
        <source>Pratinjau cetak</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="135"/>
        <source>Perkecil</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="137"/>
        <source>Perbesar</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="138"/>
        <source>Sesuaikan lebar</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="145"/>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="148"/>
        <source>Simpan sebagai PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="149"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="162"/>
        <location filename="../../ui/print_preview.py" line="165"/>
        <source>Ukuran kertas</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="280"/>
        <source>Menyiapkan ukuran kertas lain…</source>
        <translation>Preparing the other paper size…</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="319"/>
        <source>Dokumen tidak dapat dibaca</source>
        <translation>The document cannot be read</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/print_preview.py" line="321"/>
        <source>%n halaman</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="326"/>
        <location filename="../../ui/print_preview.py" line="329"/>
        <source>Printer: %1</source>
        <translation>Printer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="330"/>
        <source>Belum ada printer terpasang; simpan sebagai PDF</source>
        <translation>No printer installed; save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="438"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="472"/>
        <source>Printer tidak dapat dibuka. Periksa printer atau pilih yang lain.</source>
        <translation>The printer cannot be opened. Check the printer or choose another one.</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="476"/>
        <source>Printer menolak halaman berikutnya.</source>
        <translation>The printer refused the next page.</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="480"/>
        <source>Pencetakan gagal diselesaikan.</source>
        <translation>Printing could not be finished.</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="522"/>
        <source>Simpan sebagai PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="522"/>
        <source>Dokumen PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="537"/>
        <location filename="../../ui/print_preview.py" line="552"/>
        <source>Tidak dapat menyimpan ke %1: %2</source>
        <translation>Cannot save to %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="177"/>
        <source>Cetak identitas pelapor (dirahasiakan)</source>
        <translation>Print the reporter&apos;s identity (withheld)</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="178"/>
        <source>Cetak identitas pelapor yang dirahasiakan</source>
        <translation>Print the withheld reporter&apos;s identity</translation>
    </message>
    <message>
        <location filename="../../ui/print_preview.py" line="180"/>
        <source>Hanya bila pelapor sendiri yang menerima cetakan ini. Pilihan ini dicatat.</source>
        <translation>Only when the reporter themselves receives this print. The choice is logged.</translation>
    </message>
</context>
<context>
    <name>QueuePane</name>
    <message>
        <location filename="../../ui/queue_pane.py" line="178"/>
        <source>Tugaskan…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="179"/>
        <source>Tugaskan tiket terpilih ke petugas</source>
        <translation>Assign the selected tickets to an officer</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="180"/>
        <source>Alihkan…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="181"/>
        <location filename="../../ui/queue_pane.py" line="182"/>
        <source>Alihkan tiket ke OPD lain</source>
        <translation>Transfer the ticket to another agency</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="187"/>
        <source>Ekspor antrean ini ke CSV atau XLSX (Ctrl+Shift+E)</source>
        <translation>Export this queue to CSV or XLSX (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="188"/>
        <source>Ekspor antrean ke CSV atau XLSX</source>
        <translation>Export the queue to CSV or XLSX</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="198"/>
        <source>Cari nomor tiket, judul, isi atau pelapor…  (Ctrl+F)</source>
        <translation>Search tracking number, title, text or reporter…  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="199"/>
        <source>Cari pengaduan</source>
        <translation>Search complaints</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="202"/>
        <source>Per masalah</source>
        <translation>By incident</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="203"/>
        <source>Tampilkan satu baris per masalah</source>
        <translation>Show one row per incident</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="206"/>
        <source>Pengaduan yang tertaut ke satu masalah tampil sebagai satu baris, dengan tenggat paling mendesak</source>
        <translation>Complaints linked to one incident show as one row, with the most urgent deadline</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="227"/>
        <source>Saring kanal</source>
        <translation>Filter by channel</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="229"/>
        <source>Saring kategori</source>
        <translation>Filter by category</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="231"/>
        <source>Saring status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="233"/>
        <source>Saring petugas</source>
        <translation>Filter by officer</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="256"/>
        <source>Antrean pengaduan</source>
        <translation>Complaint queue</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="267"/>
        <source>Kolom antrean</source>
        <translation>Queue columns</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="278"/>
        <source>Klik kanan untuk memilih kolom</source>
        <translation>Right-click to choose the columns</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="339"/>
        <source>Pilih kolom antrean</source>
        <translation>Choose the queue&apos;s columns</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="349"/>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="356"/>
        <source>Pilih otomatis menurut lebar</source>
        <translation>Choose by width</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="386"/>
        <source>Semua kanal</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="392"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="395"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="401"/>
        <source>Semua petugas</source>
        <translation>All officers</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="305"/>
        <location filename="../../ui/queue_pane.py" line="402"/>
        <source>Belum ditugaskan</source>
        <translation>Unassigned</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_pane.py" line="430"/>
        <location filename="../../ui/queue_pane.py" line="515"/>
        <source>%n tiket</source>
        <translation>
            <numerusform>%n ticket</numerusform>
            <numerusform>%n tickets</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="464"/>
        <source>Tiket %1 ada di tampilan %2.</source>
        <translation>Ticket %1 is in the %2 view.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="474"/>
        <source>diarsipkan</source>
        <translation>archived</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="476"/>
        <source>Tiket %1 tidak ada di tampilan mana pun (%2); ditampilkan di kanan.</source>
        <translation>Ticket %1 is in no view (%2); shown on the right.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_pane.py" line="497"/>
        <source>%n hasil di %1</source>
        <translation>
            <numerusform>%n result in %1</numerusform>
            <numerusform>%n results in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_pane.py" line="512"/>
        <source>%n hasil</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/reason_dialog.py" line="21"/>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/reason_dialog.py" line="29"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/reason_dialog.py" line="39"/>
        <source>Alasan wajib diisi.</source>
        <translation>A reason is required.</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <location filename="../../ui/supervisor.py" line="53"/>
        <location filename="../../ui/supervisor.py" line="58"/>
        <source>Tugaskan ke petugas</source>
        <translation>Assign to officer</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/supervisor.py" line="59"/>
        <source>%n tiket dipilih</source>
        <translation>
            <numerusform>%n ticket selected</numerusform>
            <numerusform>%n tickets selected</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="65"/>
        <source>Petugas tujuan</source>
        <translation>Officer to assign</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="71"/>
        <source>Petugas:</source>
        <translation>Officer:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="76"/>
        <source>Tugaskan</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="78"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <location filename="../../ui/printing.py" line="102"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="103"/>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="104"/>
        <source>Struk 80 mm</source>
        <translation>80 mm receipt roll</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="150"/>
        <location filename="../../ui/printing.py" line="272"/>
        <source>Menyiapkan tanda terima</source>
        <translation>Preparing the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="163"/>
        <source>Tanda terima %1</source>
        <translation>Receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="204"/>
        <source>Surat jawaban %1</source>
        <translation>Reply letter %1</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="217"/>
        <location filename="../../ui/printing.py" line="226"/>
        <source>Menyiapkan surat jawaban</source>
        <translation>Preparing the reply letter</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="265"/>
        <source>Tanda terima tidak dapat dibuat: %1</source>
        <translation>The receipt could not be made: %1</translation>
    </message>
</context>
<context>
    <name>ReplyEditor</name>
    <message>
        <location filename="../../ui/reply_editor.py" line="47"/>
        <source>Balasan publik</source>
        <translation>Public reply</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="48"/>
        <source>Tulis balasan publik untuk pelapor</source>
        <translation>Write a public reply to the reporter</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="49"/>
        <source>Catatan internal</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="50"/>
        <source>Tulis catatan internal, tidak terlihat pelapor</source>
        <translation>Write an internal note, not visible to the reporter</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="59"/>
        <source>Templat balasan</source>
        <translation>Reply templates</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="68"/>
        <source>Teks balasan</source>
        <translation>Reply text</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="81"/>
        <source>Kirim</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="137"/>
        <source>Sisipkan templat…</source>
        <translation>Insert template…</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="162"/>
        <source>Kirim balasan</source>
        <translation>Send reply</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="163"/>
        <source>Dilihat pelapor. Ctrl+Enter untuk mengirim.</source>
        <translation>The reporter will see this. Ctrl+Enter to send.</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="164"/>
        <source>Tulis balasan untuk pelapor…</source>
        <translation>Write a reply to the reporter…</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="167"/>
        <source>Simpan catatan</source>
        <translation>Save note</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="168"/>
        <source>Hanya untuk petugas OPD, tidak pernah dikirim ke pelapor.</source>
        <translation>For agency staff only; never sent to the reporter.</translation>
    </message>
    <message>
        <location filename="../../ui/reply_editor.py" line="169"/>
        <source>Tulis catatan internal (tidak terlihat pelapor)…</source>
        <translation>Write an internal note (not seen by the reporter)…</translation>
    </message>
</context>
<context>
    <name>ResendElsewhereDialog</name>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="128"/>
        <source>Kirim ke alamat lain</source>
        <translation>Send to another address</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="130"/>
        <source>Balasan akan dikirim ulang ke alamat ini. Pastikan alamat berasal dari pelapor sendiri.</source>
        <translation>The reply will be sent again to this address. Make sure the reporter gave it themselves.</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="134"/>
        <source>Surel</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="135"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="136"/>
        <location filename="../../ui/delivery_dialog.py" line="140"/>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="138"/>
        <location filename="../../ui/delivery_dialog.py" line="142"/>
        <source>Alamat surel atau nomor WhatsApp</source>
        <translation>E-mail address or WhatsApp number</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="139"/>
        <source>nama@contoh.id atau 0812 3456 7890</source>
        <translation>name@example.id or 0812 3456 7890</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="144"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/delivery_dialog.py" line="144"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SearchElsewhereBar</name>
    <message>
        <location filename="../../ui/queue_pane.py" line="582"/>
        <source>Hasil di tampilan lain</source>
        <translation>Results in other views</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="605"/>
        <source>Tidak ada di tampilan ini.</source>
        <translation>None in this view.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="605"/>
        <source>Juga:</source>
        <translation>Also:</translation>
    </message>
    <message>
        <location filename="../../ui/queue_pane.py" line="608"/>
        <location filename="../../ui/queue_pane.py" line="609"/>
        <source>Tampilkan %1</source>
        <translation>Show %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="31"/>
        <location filename="../../ui/settings_dialog.py" line="35"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="39"/>
        <source>Bahasa antarmuka</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="43"/>
        <source>Selang sinkronisasi dalam detik</source>
        <translation>Sync interval in seconds</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="45"/>
        <source> detik</source>
        <translation> seconds</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="47"/>
        <source>Ukuran tanda terima</source>
        <translation>Receipt size</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="48"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="49"/>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="50"/>
        <source>Struk termal 80 mm</source>
        <translation>Thermal slip 80 mm</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="51"/>
        <source>Beri tahu bila tiket saya mendekati atau melewati tenggat</source>
        <translation>Notify me when my tickets near or pass a deadline</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="52"/>
        <source>Notifikasi tenggat</source>
        <translation>Deadline notifications</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="53"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="54"/>
        <source>Sinkron otomatis tiap</source>
        <translation>Sync automatically every</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Tanda terima</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="60"/>
        <source>Bahasa berganti begitu disimpan. Printer dan kertas dipilih saat mencetak dan diingat untuk tiap ukuran.</source>
        <translation>The language changes as soon as you save. Printer and paper are chosen when printing and remembered for each size.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="70"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/sidebar.py" line="29"/>
        <location filename="../../ui/sidebar.py" line="74"/>
        <source>Pengaduan masyarakat</source>
        <translation>Public complaints</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="31"/>
        <source>ANTREAN</source>
        <translation>QUEUE</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="37"/>
        <source>Tampilan antrean</source>
        <translation>Queue views</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="47"/>
        <source>+  Pengaduan langsung</source>
        <translation>+  Walk-in complaint</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="48"/>
        <source>Catat pengaduan langsung</source>
        <translation>Register a walk-in complaint</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="51"/>
        <source>Beban kerja petugas</source>
        <translation>Officer workload</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="52"/>
        <source>Buka panel beban kerja petugas</source>
        <translation>Open the officer workload panel</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="83"/>
        <source>Belum masuk — bekerja offline</source>
        <translation>Not logged in — working offline</translation>
    </message>
    <message>
        <location filename="../../ui/sidebar.py" line="88"/>
        <source>Keluar akun — masuk lagi untuk sinkronisasi</source>
        <translation>Logged out — log in again to sync</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <location filename="../../ui/summary_dialog.py" line="98"/>
        <location filename="../../ui/summary_dialog.py" line="104"/>
        <source>Ringkasan kinerja</source>
        <translation>Performance summary</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="108"/>
        <source>Pengaduan masuk dan selesai, waktu tanggapan pertama, ketepatan tenggat, tunggakan, kepuasan pelapor (IKM) dan sampainya balasan dalam satu periode, dari data di perangkat ini.</source>
        <translation>Complaints received and resolved, first-response time, deadlines met, backlog, citizens&apos; satisfaction (IKM) and replies reaching them over a period, from the data on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="125"/>
        <source>Tanggal mulai</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="126"/>
        <source>Tanggal akhir</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="130"/>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="134"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="138"/>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="139"/>
        <source>Periode bulan ini</source>
        <translation>Period: this month</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="141"/>
        <source>Bulan lalu</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="142"/>
        <source>Periode bulan lalu</source>
        <translation>Period: last month</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="150"/>
        <source>Cakupan ringkasan</source>
        <translation>Summary scope</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="157"/>
        <source>Cakupan</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="163"/>
        <source>Pesan kesalahan</source>
        <translation>Error message</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="173"/>
        <source>Menyusun ringkasan…</source>
        <translation>Building the summary…</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="178"/>
        <source>Menyusun ringkasan</source>
        <translation>Building the summary</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="186"/>
        <source>Tampilkan pratinjau</source>
        <translation>Show preview</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="189"/>
        <source>Tampilkan pratinjau ringkasan</source>
        <translation>Show the summary preview</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="196"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="219"/>
        <source>Tiket saya (%1)</source>
        <translation>My tickets (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="225"/>
        <source>Seluruh %1</source>
        <translation>All of %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="230"/>
        <source>Petugas: %1</source>
        <translation>Officer: %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="233"/>
        <source>Semua OPD</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="240"/>
        <source>Pengaduan yang ditugaskan kepada Anda.</source>
        <translation>Complaints assigned to you.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="242"/>
        <source>Pengaduan yang ditugaskan kepada petugas ini.</source>
        <translation>Complaints assigned to this officer.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="244"/>
        <source>Semua pengaduan OPD ini, dengan tabel per petugas.</source>
        <translation>Every complaint of this agency, with a table per officer.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="246"/>
        <source>Semua OPD yang datanya ada di perangkat ini.</source>
        <translation>Every agency whose data is on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="290"/>
        <source>Tanggal mulai (%1) jatuh setelah tanggal akhir (%2). Perbaiki periodenya.</source>
        <translation>The start date (%1) is after the end date (%2). Correct the period.</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="309"/>
        <location filename="../../ui/summary_dialog.py" line="401"/>
        <source>Menyusun ringkasan kinerja</source>
        <translation>Building the performance summary</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="382"/>
        <source>Ringkasan kinerja %1</source>
        <translation>Performance summary %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="192"/>
        <source>Ekspor…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="194"/>
        <source>Ekspor tabel ringkasan ke XLSX atau CSV</source>
        <translation>Export the summary tables to XLSX or CSV</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="318"/>
        <source>Ekspor tabel ringkasan</source>
        <translation>Export summary tables</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="320"/>
        <source>Buku kerja Excel (*.xlsx);;CSV, satu berkas per tabel (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV, one file per table (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="352"/>
        <source>Diekspor ke %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../ui/summary_dialog.py" line="358"/>
        <source>Mengekspor ringkasan</source>
        <translation>Exporting the summary</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_status.py" line="96"/>
        <source>Menyinkronkan</source>
        <translation>Syncing</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../ui/sync_status.py" line="176"/>
        <source>Status sambungan</source>
        <translation>Connection status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="178"/>
        <source>Op menunggu sinkronisasi</source>
        <translation>Ops waiting for sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="180"/>
        <source>Sinkron terakhir</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="188"/>
        <source>Kesalahan sinkronisasi</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="194"/>
        <source>Buka kotak konflik</source>
        <translation>Open the conflicts inbox</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="198"/>
        <location filename="../../ui/sync_status.py" line="200"/>
        <location filename="../../ui/sync_status.py" line="210"/>
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="182"/>
        <source>Riwayat tiket yang dimuat</source>
        <translation>Ticket history loaded</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="184"/>
        <source>Tiket yang sudah selesai dimuat di latar belakang; antrean kerja sudah bisa dipakai.</source>
        <translation>Finished tickets are loading in the background; the work queue can be used already.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="244"/>
        <source>riwayat: %1 dari %2 tiket</source>
        <translation>history: %1 of %2 tickets</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="210"/>
        <source>Menyinkronkan…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="214"/>
        <source>● Offline — belum masuk</source>
        <translation>● Offline — not logged in</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="217"/>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="220"/>
        <source>● Belum pernah sinkron</source>
        <translation>● Never synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="223"/>
        <source>● Offline</source>
        <translation>● Offline</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="232"/>
        <source>%n perubahan menunggu dikirim</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="234"/>
        <source>Semua perubahan sudah terkirim</source>
        <translation>All changes sent</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="238"/>
        <source>Sinkron terakhir: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="240"/>
        <source>Belum pernah sinkron</source>
        <translation>Never synced</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="254"/>
        <source>%n perlu perhatian</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/sync_status.py" line="272"/>
        <source>Sinkron gagal %n kali berturut-turut</source>
        <translation>
            <numerusform>Sync failed %n time in a row</numerusform>
            <numerusform>Sync failed %n times in a row</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="274"/>
        <source>sejak %1</source>
        <translation>since %1</translation>
    </message>
</context>
<context>
    <name>TicketPane</name>
    <message>
        <location filename="../../ui/ticket_pane.py" line="95"/>
        <source>Bapak/Ibu</source>
        <translation>Sir/Madam</translation>
    </message>
</context>
<context>
    <name>TicketQueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="86"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="88"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="89"/>
        <source>Tenggat berisiko</source>
        <translation>Deadline at risk</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="90"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="91"/>
        <source>Pelapor</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="92"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="93"/>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="96"/>
        <source>Identitas dirahasiakan</source>
        <translation>Identity withheld</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="97"/>
        <source>Belum ditugaskan</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="98"/>
        <source>Tidak ada tenggat</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="99"/>
        <source>dijeda</source>
        <translation>paused</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="135"/>
        <source>Memuat antrean</source>
        <translation>Loading the queue</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="236"/>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="238"/>
        <source>Tahap yang tenggatnya paling dekat dan sisa waktunya (hk = hari kerja)</source>
        <translation>The stage with the nearest deadline and the time left (wd = working days)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_model.py" line="305"/>
        <source>%n pengaduan</source>
        <translation>
            <numerusform>%n complaint</numerusform>
            <numerusform>%n complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TicketView</name>
    <message>
        <location filename="../../ui/ticket_view.py" line="83"/>
        <source>Pilih pengaduan di antrean untuk melihatnya.</source>
        <translation>Select a complaint in the queue to see it.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="110"/>
        <source>Nomor tiket</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="160"/>
        <location filename="../../ui/ticket_view.py" line="161"/>
        <source>Buka unggahan asli di peramban</source>
        <translation>Open the original post in the browser</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="171"/>
        <source>Judul pengaduan</source>
        <translation>Complaint title</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="164"/>
        <source>Cetak tanda terima tiket ini</source>
        <translation>Print this ticket&apos;s receipt</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="118"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="121"/>
        <source>Arsip · di luar lingkup meja ini</source>
        <translation>Archive · outside this desk&apos;s scope</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="124"/>
        <source>Tiket ini dialihkan, ditugaskan ulang atau dibatasi sehingga tidak lagi ditangani meja ini. Isinya disimpan untuk dibaca saja.</source>
        <translation>This ticket was transferred, reassigned or restricted, so this desk no longer handles it. It is kept read-only.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="130"/>
        <source>Kanal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="135"/>
        <source>Tanggapan pelapor</source>
        <translation>Citizen&apos;s feedback</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="148"/>
        <location filename="../../ui/ticket_view.py" line="332"/>
        <source>Tenggat ▾</source>
        <translation>Deadlines ▾</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="150"/>
        <source>Tampilkan semua tenggat</source>
        <translation>Show all deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="151"/>
        <source>Tampilkan atau sembunyikan tenggat setiap tahap</source>
        <translation>Show or hide every stage&apos;s deadline</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="154"/>
        <source>Mirip ▾</source>
        <translation>Similar ▾</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="156"/>
        <source>Tampilkan pengaduan yang mirip</source>
        <translation>Show similar complaints</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="157"/>
        <source>Pengaduan lain yang mungkin masalah yang sama</source>
        <translation>Other complaints that are probably the same problem</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="159"/>
        <source>Asli ↗</source>
        <translation>Original ↗</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="163"/>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="165"/>
        <source>Pratinjau dan cetak tanda terima tiket ini (Ctrl+P)</source>
        <translation>Preview and print this ticket&apos;s receipt (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="181"/>
        <source>PELAPOR</source>
        <translation>REPORTER</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="182"/>
        <source>KATEGORI</source>
        <translation>CATEGORY</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="183"/>
        <source>PETUGAS</source>
        <translation>OFFICER</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="184"/>
        <source>DITERIMA</source>
        <translation>RECEIVED</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="185"/>
        <source>LOKASI</source>
        <translation>LOCATION</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="186"/>
        <source>KONTAK</source>
        <translation>CONTACT</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="204"/>
        <source>Tenggat berisiko</source>
        <translation>Deadline at risk</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="207"/>
        <source>Semua tenggat</source>
        <translation>All deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="217"/>
        <source>Masalah</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="222"/>
        <source>Lepaskan</source>
        <translation>Unlink</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="223"/>
        <source>Lepaskan pengaduan ini dari masalahnya</source>
        <translation>Unlink this complaint from its incident</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="225"/>
        <source>Lepaskan dari masalah ini; percakapan dan tenggat pengaduan ini tetap miliknya</source>
        <translation>Unlink from this incident; this complaint keeps its own thread and deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="239"/>
        <source>Pengaduan mirip</source>
        <translation>Similar complaints</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="247"/>
        <source>Ubah status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="255"/>
        <source>Ubah status ke %1</source>
        <translation>Change status to %1</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="273"/>
        <source>Isi pengaduan</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="275"/>
        <source>Pengaduan</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="282"/>
        <location filename="../../ui/ticket_view.py" line="286"/>
        <source>Percakapan</source>
        <translation>Thread</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="291"/>
        <source>Lampiran</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="303"/>
        <source>Balas semua pengaduan masalah ini</source>
        <translation>Answer every complaint of this incident</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="306"/>
        <source>Satu balasan publik untuk setiap pengaduan, dikirim lewat kanal pelapornya masing-masing</source>
        <translation>One public reply per complaint, each sent through its reporter&apos;s own channel</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="327"/>
        <source>Mirip (%1)</source>
        <translation>Similar (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="332"/>
        <source>Tenggat ▴</source>
        <translation>Deadlines ▴</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_view.py" line="371"/>
        <source>%n perubahan menunggu dikirim</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="399"/>
        <source>%1 %3 · tenggat %2</source>
        <translation>%1 %3 · due %2</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="533"/>
        <source>Tidak ada pengaduan yang mirip.</source>
        <translation>No similar complaints.</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="547"/>
        <source>Sudah tertaut</source>
        <translation>Already linked</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="550"/>
        <source>Tautkan</source>
        <translation>Link</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="551"/>
        <source>Tautkan %1 ke masalah ini</source>
        <translation>Link %1 to this incident</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="375"/>
        <source>Identitas dirahasiakan</source>
        <translation>Identity withheld</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="386"/>
        <source>Belum ditugaskan</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="402"/>
        <source>dijeda</source>
        <translation>paused</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_view.py" line="434"/>
        <source>Bagian dari masalah: %1 (%n pengaduan)</source>
        <translation>
            <numerusform>Part of the incident: %1 (%n complaint)</numerusform>
            <numerusform>Part of the incident: %1 (%n complaints)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/ticket_view.py" line="440"/>
        <source>Balas sekali untuk semua %n pengaduan masalah ini</source>
        <translation>
            <numerusform>Answer the %n complaint of this incident once</numerusform>
            <numerusform>Answer all %n complaints of this incident once</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="449"/>
        <source>Percakapan (%1)</source>
        <translation>Thread (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="450"/>
        <source>Lampiran (%1)</source>
        <translation>Attachments (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/ticket_view.py" line="480"/>
        <source>Belum ada balasan atau catatan.</source>
        <translation>No replies or notes yet.</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/supervisor.py" line="95"/>
        <source>Alihkan ke OPD lain</source>
        <translation>Transfer to another agency</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="104"/>
        <source>OPD tujuan</source>
        <translation>Receiving agency</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="108"/>
        <source>OPD tujuan:</source>
        <translation>Receiving agency:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="110"/>
        <source>Alasan pengalihan</source>
        <translation>Reason for the transfer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="111"/>
        <source>Mengapa pengaduan ini bukan wewenang OPD kita?</source>
        <translation>Why is this complaint outside our agency&apos;s authority?</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="113"/>
        <source>Alasan:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="120"/>
        <source>Alihkan</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="121"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="134"/>
        <source>Pilih OPD tujuan.</source>
        <translation>Choose the receiving agency.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="137"/>
        <source>Alasan pengalihan wajib diisi.</source>
        <translation>A reason for the transfer is required.</translation>
    </message>
</context>
<context>
    <name>ViewListModel</name>
    <message>
        <location filename="../../ui/views.py" line="32"/>
        <source>Antrean saya</source>
        <translation>My queue</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="33"/>
        <source>Semua di OPD</source>
        <translation>All in agency</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="34"/>
        <source>Belum ditugaskan</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="35"/>
        <source>Hampir jatuh tempo</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="36"/>
        <source>Terlambat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="37"/>
        <source>Menunggu pelapor</source>
        <translation>Waiting for reporter</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="38"/>
        <source>Selesai</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="39"/>
        <source>Konflik &amp; ditolak</source>
        <translation>Conflicts &amp; rejected</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="40"/>
        <source>Balasan belum sampai</source>
        <translation>Replies not delivered</translation>
    </message>
    <message>
        <location filename="../../ui/views.py" line="84"/>
        <source>%1, %2 tiket</source>
        <translation>%1, %2 tickets</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="67"/>
        <source>Pengaduan langsung</source>
        <translation>Walk-in complaint</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="72"/>
        <source>Catat pengaduan yang datang ke loket</source>
        <translation>Register a complaint made at the desk</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="75"/>
        <source>Nomor tiket langsung berlaku walau sedang offline; dikirim ke server saat sinkron.</source>
        <translation>The tracking number is valid at once, even offline; it goes to the server at the next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="88"/>
        <location filename="../../ui/walk_in_dialog.py" line="119"/>
        <source>Nama pelapor</source>
        <translation>Reporter name</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="90"/>
        <source>Kontak pelapor</source>
        <translation>Reporter contact</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="91"/>
        <source>Nomor HP atau surel</source>
        <translation>Mobile number or e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="93"/>
        <location filename="../../ui/walk_in_dialog.py" line="121"/>
        <source>Kerahasiaan</source>
        <translation>Confidentiality</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="95"/>
        <source>identitas boleh dilihat petugas</source>
        <translation>officers may see the identity</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="96"/>
        <source>identitas disembunyikan</source>
        <translation>identity hidden</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="97"/>
        <source>seluruh laporan dibatasi</source>
        <translation>whole report restricted</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="104"/>
        <source>Judul pengaduan</source>
        <translation>Complaint title</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="106"/>
        <source>Ringkas, mis. “Lampu PJU mati di Jl. Ahmad Yani”</source>
        <translation>Short, e.g. “Street light out on Jl. Ahmad Yani”</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="108"/>
        <location filename="../../ui/walk_in_dialog.py" line="123"/>
        <source>Isi pengaduan</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="110"/>
        <source>Uraikan pengaduan seperti yang disampaikan pelapor.</source>
        <translation>Describe the complaint as the reporter told it.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="112"/>
        <location filename="../../ui/walk_in_dialog.py" line="124"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="113"/>
        <source>(belum ditentukan)</source>
        <translation>(not decided yet)</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="117"/>
        <location filename="../../ui/walk_in_dialog.py" line="125"/>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="118"/>
        <source>Alamat, desa/kelurahan, kecamatan</source>
        <translation>Address, village, district</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="120"/>
        <source>Kontak</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="122"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="133"/>
        <source>Dokumen terlampir</source>
        <translation>Attached documents</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="136"/>
        <source>Tambah berkas…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="137"/>
        <source>Tambah dokumen pendukung</source>
        <translation>Add supporting documents</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="140"/>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="141"/>
        <source>Hapus semua dokumen dari daftar</source>
        <translation>Remove every document from the list</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="144"/>
        <source>Dokumen</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="149"/>
        <source>Pesan kesalahan</source>
        <translation>Error message</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="158"/>
        <source>Pengaduan tercatat</source>
        <translation>Complaint registered</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="161"/>
        <source>Nomor tiket baru</source>
        <translation>New tracking number</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="165"/>
        <source>Berikan nomor ini kepada pelapor. Menunggu sinkronisasi ke server.</source>
        <translation>Give this number to the reporter. Waiting to sync to the server.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="171"/>
        <source>Cetak tanda terima…</source>
        <translation>Print receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="173"/>
        <source>Cetak tanda terima</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="183"/>
        <location filename="../../ui/walk_in_dialog.py" line="186"/>
        <source>Simpan pengaduan</source>
        <translation>Save complaint</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="187"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="208"/>
        <source>Tidak dapat dilampirkan (kosong, tidak terbaca atau lebih dari 5 MB): %1</source>
        <translation>Cannot be attached (empty, unreadable or over 5 MB): %1</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="223"/>
        <source>Tidak ada (opsional, maks. 5 MB per berkas)</source>
        <translation>None (optional, at most 5 MB a file)</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="228"/>
        <source>Pilih dokumen pendukung</source>
        <translation>Choose supporting documents</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="232"/>
        <source>Wajib untuk pengaduan terbuka</source>
        <translation>Required for a public complaint</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="234"/>
        <source>Boleh dikosongkan; tidak ditampilkan ke petugas lain</source>
        <translation>May be left empty; not shown to other officers</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="240"/>
        <source>Nama pelapor wajib diisi untuk pengaduan terbuka.</source>
        <translation>A public complaint needs the reporter&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="243"/>
        <source>Kontak harus nomor telepon (mis. 0812…) atau alamat surel.</source>
        <translation>The contact must be a phone number (e.g. 0812…) or an e-mail address.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="245"/>
        <source>Judul pengaduan wajib diisi.</source>
        <translation>The complaint needs a title.</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="247"/>
        <source>Isi pengaduan terlalu pendek (minimal 10 karakter).</source>
        <translation>The complaint text is too short (at least 10 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="293"/>
        <source>Selesai</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/walk_in_dialog.py" line="302"/>
        <source>Menyimpan pengaduan</source>
        <translation>Saving the complaint</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../ui/menus.py" line="27"/>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="29"/>
        <source>Pengaduan &amp;langsung…</source>
        <translation>&amp;Walk-in complaint…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="32"/>
        <source>&amp;Pengaturan…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="33"/>
        <source>&amp;Masuk…</source>
        <translation>&amp;Log in…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="34"/>
        <source>&amp;Keluar akun</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="36"/>
        <source>&amp;Tutup</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="38"/>
        <source>&amp;Tiket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="39"/>
        <source>Tiket &amp;berikutnya</source>
        <translation>&amp;Next ticket</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="40"/>
        <source>Tiket &amp;sebelumnya</source>
        <translation>&amp;Previous ticket</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="41"/>
        <source>&amp;Balas</source>
        <translation>&amp;Reply</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="42"/>
        <source>&amp;Catatan internal</source>
        <translation>Internal &amp;note</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="44"/>
        <source>&amp;Cari</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="46"/>
        <source>&amp;Kolom antrean</source>
        <translation>Queue &amp;columns</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="49"/>
        <source>&amp;Ubah status</source>
        <translation>&amp;Change status</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="53"/>
        <source>Tampilkan semua &amp;tenggat</source>
        <translation>Show all &amp;deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="59"/>
        <source>Cetak &amp;tanda terima…</source>
        <translation>Print &amp;receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="63"/>
        <source>&amp;Supervisor</source>
        <translation>S&amp;upervisor</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="66"/>
        <source>&amp;Tugaskan ke petugas…</source>
        <translation>&amp;Assign to officer…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="68"/>
        <source>&amp;Alihkan ke OPD lain…</source>
        <translation>&amp;Transfer to another agency…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="69"/>
        <source>&amp;Beban kerja petugas</source>
        <translation>Officer &amp;workload</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="71"/>
        <source>&amp;Laporan</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="73"/>
        <source>Ringkasan &amp;kinerja…</source>
        <translation>&amp;Performance summary…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="76"/>
        <source>&amp;Ekspor antrean…</source>
        <translation>&amp;Export the queue…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="79"/>
        <source>Sin&amp;kron</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="80"/>
        <source>&amp;Sinkronkan sekarang</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="81"/>
        <source>&amp;Kotak konflik…</source>
        <translation>&amp;Conflicts inbox…</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="88"/>
        <source>(tidak ada yang bisa diubah)</source>
        <translation>(nothing to change)</translation>
    </message>
    <message>
        <location filename="../../ui/menus.py" line="107"/>
        <source>Masuk dulu untuk mencetak ringkasan.</source>
        <translation>Log in first to print a summary.</translation>
    </message>
</context>
<context>
    <name>WorkloadModel</name>
    <message>
        <location filename="../../ui/supervisor.py" line="149"/>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="150"/>
        <source>Tiket terbuka</source>
        <translation>Open tickets</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="151"/>
        <source>Terlambat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="152"/>
        <source>Tenggat terdekat</source>
        <translation>Nearest deadline</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="164"/>
        <source>Belum ditugaskan</source>
        <translation>Unassigned</translation>
    </message>
</context>
<context>
    <name>WorkloadPanel</name>
    <message>
        <location filename="../../ui/supervisor.py" line="204"/>
        <location filename="../../ui/supervisor.py" line="211"/>
        <source>Beban kerja petugas</source>
        <translation>Officer workload</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="216"/>
        <source>Tabel beban kerja</source>
        <translation>Workload table</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor.py" line="227"/>
        <source>Pilih tiket di antrean lalu tekan “Tugaskan…” untuk memindahkannya.</source>
        <translation>Select tickets in the queue, then press “Assign…” to move them.</translation>
    </message>
</context>
</TS>
