import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildInvitationIcs, eventUid, foldLine, parameterValue } from './ics.js';
import { validateWorkshop } from './parse.js';
import { sampleWorkshop } from './test-support/workshop.js';

const decoder = new TextDecoder();

function parse(bytes: Uint8Array) {
  const component = new ICAL.Component(ICAL.parse(decoder.decode(bytes)));
  const event = component.getFirstSubcomponent('vevent')!;
  return { component, event };
}

describe('invitation.ics', () => {
  const awkward = [
    'Inspektorat "Kab." Tanggamus',
    'Ketut; Made, Wayan: Putu',
    'Hứa Văn Đạt ^ caret',
    'Line one\nline two',
    `Ádám ${'é'.repeat(100)}`,
  ];
  const workshop = validateWorkshop(
    sampleWorkshop((file) => {
      file.invitees = awkward.map((name, index) => ({ name, position: 'Inspektur', institution: 'Inspektorat', email: `p${index}@example.id` }));
      file.event.description = 'é'.repeat(100);
    }),
  );
  const bytes = buildInvitationIcs(workshop, { locale: 'id' });

  it('gives every attendee back exactly as named, with METHOD:REQUEST and a reminder', () => {
    const { component, event } = parse(bytes);
    expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
    const attendees = event.getAllProperties('attendee');
    expect(attendees.map((attendee) => attendee.getParameter('cn'))).toEqual(awkward);
    expect(attendees.map((attendee) => attendee.getFirstValue())).toEqual(awkward.map((_, index) => `mailto:p${index}@example.id`));
    expect(attendees.every((attendee) => attendee.getParameter('rsvp') === 'TRUE' && attendee.getParameter('role') === 'REQ-PARTICIPANT')).toBe(true);
    expect(event.getFirstProperty('organizer')?.getParameter('cn')).toBe('Ombudsman Republik Indonesia Perwakilan Provinsi Contoh');
    expect(event.getFirstSubcomponent('valarm')).not.toBeNull();
    expect(String(event.getFirstPropertyValue('description')).split('\n\n')[0]).toBe('é'.repeat(100));
    expect(event.getFirstPropertyValue('uid')).toBe(eventUid(workshop));
  });

  it('lists the agenda and the letter number in the description', () => {
    const { event } = parse(bytes);
    const description = String(event.getFirstPropertyValue('description'));
    expect(description).toContain('Susunan acara:\n08.00-08.30 Registrasi (Panitia)\n08.30-09.00 Pembukaan');
    expect(description).toContain('Surat undangan Nomor B/001/2021 tanggal 26 Mei 2021');
    const english = parse(buildInvitationIcs(workshop, { locale: 'en' })).event;
    expect(String(english.getFirstPropertyValue('description'))).toContain('Agenda:\n08:00-08:30 Registrasi (Panitia)');
    expect(String(english.getFirstPropertyValue('description'))).toContain('Invitation letter No. B/001/2021 of 26 May 2021');
  });

  it('folds every line at 75 octets at most, without splitting a UTF-8 sequence', () => {
    const text = decoder.decode(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    expect(foldLine(`X:${'é'.repeat(80)}`).split('\r\n ').join('')).toBe(`X:${'é'.repeat(80)}`);
  });

  it('escapes parameter values as RFC 6868 says and always quotes them', () => {
    expect(parameterValue('a "b" ^ c\nd')).toBe(`"a ^'b^' ^^ c^nd"`);
    expect(parameterValue('Kab. Tanggamus, Lampung; WIB: 08.00')).toBe('"Kab. Tanggamus, Lampung; WIB: 08.00"');
  });

  it.each([
    ['Asia/Jakarta', '2021-06-02T01:00:00Z'],
    ['Asia/Makassar', '2021-06-02T00:00:00Z'],
    ['Asia/Jayapura', '2021-06-01T23:00:00Z'],
    ['Europe/Amsterdam', '2021-06-02T06:00:00Z'],
  ])('starts at the right instant in %s', (timeZone, instant) => {
    const inZone = validateWorkshop(sampleWorkshop((file) => (file.event.timeZone = timeZone)));
    const { event } = parse(buildInvitationIcs(inZone, { locale: 'id' }));
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(new Date(start.toUnixTime() * 1000).toISOString().replace('.000', '')).toBe(instant);
  });

  it('keeps the UID when the file is reformatted, takes SEQUENCE from the file and can cancel', () => {
    const changed = validateWorkshop(
      sampleWorkshop((file) => {
        file.event.sequence = 2;
        file.invitees.reverse();
      }),
    );
    expect(eventUid(changed)).toBe(eventUid(validateWorkshop(sampleWorkshop())));
    const { component, event } = parse(buildInvitationIcs(changed, { locale: 'id', cancel: true }));
    expect(component.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    const withUid = validateWorkshop(sampleWorkshop((file) => (file.event.uid = 'workshop-2021@example.id')));
    expect(eventUid(withUid)).toBe('workshop-2021@example.id');
  });
});
