import { buildWorkshop, parseWorkshop, renderIndicatorsHandout, WorkshopError } from '@narahubung/workshop';
import { describe, expect, it } from 'vitest';
import { sampleAnswer } from './test-support/indicators.js';

// The library in a real browser (web-test-runner, Mocha: 'vitest' resolves to the Mocha and
// @esm-bundle/chai shim there, as for core's tests): the caller fetches the font bytes, buildWorkshop returns the files in memory, and the
// same input gives the same bytes. Vitest's Node run matches this file too and skips it.
const inBrowser = typeof window !== 'undefined';

async function fonts() {
  const load = async (name: string) => new Uint8Array(await (await fetch(`/node_modules/dejavu-fonts-ttf/ttf/${name}`)).arrayBuffer());
  return { regular: await load('DejaVuSans.ttf'), bold: await load('DejaVuSans-Bold.ttf') };
}

const yaml = `organizer: { name: Ombudsman Republik Indonesia, unit: Perwakilan Provinsi Lampung, email: lampung@example.id, logo: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'%3E%3Ccircle cx='5' cy='5' r='4' fill='%231a4073'/%3E%3C/svg%3E" }
event:
  title: Workshop Focal Point (Narahubung)
  start: 2021-06-02T08:00
  end: 2021-06-02T15:30
  timeZone: Asia/Jakarta
  venue: { name: Hotel Novotel Bandar Lampung }
letter:
  number: B/001/2021
  date: 2021-05-26
  place: Bandar Lampung
  subject: Undangan
  signatory: { name: Contoh, position: Kepala Perwakilan, nip: 197301011999031001 }
agenda: [{ start: "08:00", activity: Pembukaan }]
invitees:
  - { name: Łukasz Nguyễn "Kab." Tanggamus, position: Inspektur, institution: Inspektorat, email: a@example.id, phone: 081234567890 }
commitment:
  title: Komitmen
  preamble: Kami yang bertanda tangan di bawah ini
  points: [Cepat, transparan, akuntabel dan tuntas]
  signatories: [{ institution: Inspektorat Provinsi Lampung, position: Inspektur }]
certificate: { text: Peserta, number: "{seq:3}/SERT/{year}", verifyUrl: "https://example.id/cek?n={number}", signatory: { name: Contoh, position: Kepala Perwakilan } }
`;

(inBrowser ? describe : describe.skip)('@narahubung/workshop in a browser', () => {
  it('builds every file in memory (an SVG emblem, QR codes), the same bytes twice', async () => {
    const workshop = parseWorkshop(yaml);
    expect(workshop.invitees[0]!.phone).to.equal('081234567890');
    const options = { fonts: await fonts() };
    const first = await buildWorkshop(workshop, options);
    const second = await buildWorkshop(workshop, options);
    expect(first.map((file) => file.path)).to.include.members(['agenda.pdf', 'invitations.pdf', 'invitation.ics', 'commitment.pdf', 'attendance.pdf', 'certificates.pdf', 'manifest.json']);
    first.forEach((file, index) => expect(Array.from(file.bytes)).to.deep.equal(Array.from(second[index]!.bytes)));
    const pdf = new TextDecoder('latin1').decode(first.find((file) => file.path === 'commitment.pdf')!.bytes.slice(0, 8));
    expect(pdf).to.equal('%PDF-1.7');
    const manifest = JSON.parse(new TextDecoder().decode(first.find((file) => file.path === 'manifest.json')!.bytes)) as { certificates: { issued: { number: string }[] } };
    expect(manifest.certificates.issued.map((record) => record.number)).to.deep.equal(['001/SERT/2021']);
    const ics = new TextDecoder().decode(first.find((file) => file.path === 'invitation.ics')!.bytes);
    expect(ics).to.contain('METHOD:REQUEST');
    expect(ics.replace(/\r\n /g, '')).to.contain(`CN="Łukasz Nguyễn ^'Kab.^' Tanggamus"`);
  });

  it('reports a bad file with the field and the line', () => {
    let caught: unknown;
    try {
      parseWorkshop(yaml.replace('email: a@example.id', 'email: a'));
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(WorkshopError);
    expect((caught as WorkshopError).problems[0]!.path).to.equal('invitees[0].email');
    expect((caught as WorkshopError).problems[0]!.line).to.equal(16);
  });

  it("renders the indicators' handout, the same bytes twice", async () => {
    const answer = sampleAnswer({ agencyName: (index) => `Dinas Contoh ${index + 1} (Māori, café)` });
    const options = { locale: 'id' as const, fonts: await fonts() };
    const first = await renderIndicatorsHandout(answer, options);
    const second = await renderIndicatorsHandout(answer, options);
    expect(Array.from(first)).to.deep.equal(Array.from(second));
    expect(new TextDecoder('latin1').decode(first.slice(0, 8))).to.equal('%PDF-1.7');
  });
});
