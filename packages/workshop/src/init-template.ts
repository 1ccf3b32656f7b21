/** The commented example written by `narahubung-workshop init` (sample data throughout). */
export const initTemplate = `# Narahubung workshop file. Build every document with:
#   narahubung-workshop build workshop.yaml --out out
# Everything below is SAMPLE DATA: replace it with your workshop's.
# Values stay text as written: an 18-digit NIP or a phone number starting with 0 needs no quotes.
# yaml-language-server: $schema=./node_modules/@narahubung/workshop/dist/workshop.schema.json

organizer:                       # who holds the workshop and sends the letters
  name: Ombudsman Republik Indonesia
  unit: Perwakilan Provinsi Contoh
  address: Jl. Contoh No. 1, Kota Contoh
  phone: 0211234567
  email: perwakilan@example.id   # sender of the calendar invite
  # logo: logo.svg               # emblem: PNG, JPEG or SVG (drawn as vectors), relative to this file
  # coLogos: [ mitra.png ]       # co-organizers' emblems, on the right of the letterhead
  # letterhead: [ "Jl. Contoh No. 1", "Telp. 021 1234567" ]   # replaces address and contacts

event:
  title: Workshop Focal Point (Narahubung)
  theme: Penguatan pengelolaan pengaduan pelayanan publik
  start: 2026-06-02T08:00        # local time in timeZone
  end: 2026-06-02T15:30
  timeZone: Asia/Jakarta         # WIB; Asia/Makassar is WITA, Asia/Jayapura is WIT
  venue:
    name: Aula Kantor Contoh
    address: Jl. Contoh No. 1, Kota Contoh
  # online: https://meet.example.id/workshop   # an online link, instead of or besides a venue
  sequence: 0                    # raise by one after any change once invitations went out, and before --cancel

letter:
  number: B/001/PW/VI/2026
  date: 2026-05-20
  place: Kota Contoh
  subject: Undangan Workshop Focal Point (Narahubung)
  classification: Biasa          # sifat
  attachments: [agenda]          # lampiran: the agenda is appended to every letter (or a text, e.g. "-")
  # time: "08.00"                # the letter's time; default the first agenda item's
  signatory:
    name: Nama Penanda Tangan, S.H.
    position: Kepala Perwakilan
    nip: 197301011999031001
  copies:                        # tembusan
    - Ketua Ombudsman Republik Indonesia

agenda:                          # susunan acara
  - { start: "08:00", end: "08:30", activity: Registrasi, speaker: Panitia }
  - { start: "08:30", end: "09:00", activity: Pembukaan, speaker: Kepala Perwakilan }
  - { start: "09:00", end: "12:00", activity: Pengelolaan pengaduan pelayanan publik, speaker: Narasumber }

invitees:
  - name: Nama Peserta
    position: Inspektur
    institution: Inspektorat Kabupaten Contoh
    email: peserta@example.id
    phone: 081234567890          # printed nowhere unless attendance.columns asks for it
    # attended: true             # once they came; or build with --attended hadir.csv

commitment:
  title: Komitmen Bersama Pengelolaan Pengaduan Pelayanan Publik
  preamble: "Kami yang bertanda tangan di bawah ini menyatakan komitmen untuk:"
  points:
    - Mengelola pengaduan sesuai UU 25/2009 dan Perpres 76/2013.
    - Menyelesaikan pengaduan secara cepat, transparan, akuntabel dan tuntas.
  place: Kota Contoh
  signatories:                   # each gets a signature block and a PDF signature field
    - institution: Inspektorat Kabupaten Contoh
      position: Inspektur Kabupaten Contoh
      # name: leave out to leave a line to write the name at signing
      # nip: 197301011999031001
      # focalPoint: { name: Nama Narahubung, position: Auditor, email: narahubung@example.id, phone: 0812000000 }
      # agency: { id: inspektorat-contoh, regionCode: "99.01" }   # for narahubung-workshop directory
  # witnesses:                   # Menyaksikan
  #   - { name: Nama Anggota Ombudsman, position: Anggota Ombudsman Republik Indonesia }

certificate:
  text: sebagai Peserta Workshop Focal Point (Narahubung).
  # number: "{seq:3}/SERT/{monthRoman}/{year}"           # 001/SERT/VI/2026, ...
  # verifyUrl: https://example.id/sertifikat?nomor={number}   # a QR code on each certificate
  signatory:
    name: Nama Penanda Tangan, S.H.
    position: Kepala Perwakilan
    nip: 197301011999031001

attendance:
  blankRows: 10                  # empty rows for walk-in participants
  # columns: [name, position, institution, signature]   # add phone or email only if needed
`;
