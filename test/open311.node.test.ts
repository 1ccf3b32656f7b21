/**
 * A FixMyStreet-like Open311 client against the real server process (the built server over a
 * SQLite file), doing what FixMyStreet's `Open311.pm` does: it asks for `.xml` only and reads it as
 * XML::Simple does (lists forced for service, attribute, value, request, error, request_update),
 * posts form-encoded with its api_key, and pulls `servicerequestupdates.xml?start_date=&end_date=&api_key=`,
 * mapping statuses with FixMyStreet's `map_state`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { inboxItem, transition } from './e2e/api.js';
import { requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

type Element = Record<string, unknown>;

/** FixMyStreet's `_get_xml_object`: ForceArray on its group tags, values as text. */
const xmlSimple = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => ['service', 'attribute', 'value', 'request', 'error', 'request_update', 'group'].includes(name),
});

/** FixMyStreet's `map_state`: Open311 update statuses to its own states. */
function mapState(status: string): string {
  const state = status.toLowerCase().replace(/_/g, ' ');
  const map: Record<string, string> = { fixed: 'fixed - council', 'not councils responsibility': 'not responsible', 'no further action': 'unable to fix', open: 'confirmed', closed: 'fixed - council' };
  return map[state] ?? state;
}

/** FixMyStreet's W3CDTF, as it formats `start_date` and `end_date`. */
const w3c = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

describe('a FixMyStreet-like Open311 client (server process, SQLite file)', () => {
  const folder = tempFolder('narahubung-e2e-open311-');
  let server: ServerProcess;
  let endpoint: string;

  async function getXml(path: string): Promise<{ status: number; type: string | null; body: Element }> {
    const response = await fetch(`${endpoint}${path}`);
    const text = await response.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), text).toBe(true);
    return { status: response.status, type: response.headers.get('content-type'), body: xmlSimple.parse(text) as Element };
  }

  async function postXml(fields: Record<string, string | string[]>): Promise<{ status: number; body: Element; text: string }> {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
    const response = await fetch(`${endpoint}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() });
    const text = await response.text();
    return { status: response.status, body: xmlSimple.parse(text) as Element, text };
  }

  const requestsOf = (body: Element) => (body['service_requests'] as { request: Element[] }).request;

  beforeAll(async () => {
    requireBuild();
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
    endpoint = `${server.url}/open311/v2`;
  });

  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  it('reads the services, posts a report with coordinates and its api key, reads it back, and pulls its updates with statuses it understands', async () => {
    const started = new Date(Date.now() - 60_000);
    // get_service_list, get_service_meta_info
    const services = await getXml('/services.xml');
    expect(services.status).toBe(200);
    expect(services.type).toBe('text/xml; charset=utf-8');
    const list = (services.body['services'] as { service: Element[] }).service;
    expect(list.map((service) => service['service_code'])).toContain('no_service');
    expect(list[0]).toMatchObject({ metadata: 'true', type: 'realtime', group: ['Pengaduan'] });
    const definition = await getXml('/services/no_service.xml');
    const attribute = ((definition.body['service_definition'] as Element)['attributes'] as { attribute: Element[] }).attribute[0]!;
    expect(attribute).toMatchObject({ code: 'agency', datatype: 'singlevaluelist', required: 'false' });
    expect(((attribute['values'] as { value: Element[] }).value).map((value) => value['key'])).toContain('disdukcapil-bandar-lampung');

    // send_service_request: what _populate_service_request_params sends, with the key printed on the first start.
    const apiKey = server.apiKey('FixMyStreet Lampung');
    const report = {
      api_key: apiKey,
      service_code: 'no_service',
      description: 'Loket perekaman KTP-el di Kecamatan Kedaton tutup pada jam layanan.\n\nhttps://fixmystreet.example/report/4242\n',
      first_name: 'Open',
      last_name: 'Eleven Canary',
      email: 'open311.canary@example.id',
      lat: '-5.371900',
      long: '105.248300',
      media_url: 'https://fixmystreet.example/photo/4242.0.full.jpeg',
      'attribute[agency]': 'disdukcapil-bandar-lampung',
      'attribute[title]': 'Loket KTP-el tutup',
    };
    const created = await postXml(report);
    expect(created.status, created.text).toBe(201);
    const id = requestsOf(created.body)[0]!['service_request_id'] as string;
    expect(id).toMatch(/^NH-/);

    // A retry by a client that never saw the answer gets the same id, not a second complaint.
    const retried = await postXml(report);
    expect(retried.status).toBe(200);
    expect(requestsOf(retried.body)[0]!['service_request_id']).toBe(id);

    // Without the key, FixMyStreet's _process_error reads the spec's errors.
    const refused = await postXml({ ...report, api_key: 'nh_not-a-key-at-all-000000000000000000000' });
    expect(refused.status).toBe(403);
    expect((refused.body['errors'] as { error: Element[] }).error[0]).toMatchObject({ code: '403' });

    // get_service_requests with report_ids: by id, as XML. Open311 reports are anonymous, so by
    // default their free text and coordinates are not shown back; the reporter never is.
    const read = await fetch(`${endpoint}/requests/${id}.xml`);
    const readText = await read.text();
    expect(read.status).toBe(200);
    for (const hidden of ['Eleven Canary', 'open311.canary@example.id']) expect(readText).not.toContain(hidden);
    const [shown] = requestsOf(xmlSimple.parse(readText) as Element);
    expect(shown).toMatchObject({ service_request_id: id, status: 'open', service_code: 'no_service', agency_responsible: 'Dinas Kependudukan dan Pencatatan Sipil Kota Bandar Lampung' });
    expect(shown!['requested_datetime']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const byIds = await getXml(`/requests.xml?service_request_id=${id}`);
    expect(requestsOf(byIds.body).map((request) => request['service_request_id'])).toEqual([id]);

    // The focal point works on it (token printed on the first start); FixMyStreet pulls the updates.
    const token = server.token('Narahubung Disdukcapil Bandar Lampung');
    const item = await inboxItem(server.url, token, id);
    expect(item.body.confidentiality).toBe('anonymous');
    expect(item.body.reporter).toBeNull();
    for (const [to, note] of [['verified', ''], ['in_progress', 'Petugas loket dipanggil.'], ['resolved', 'Jam layanan sudah dipasang dan dipatuhi.']] as const) {
      const moved = await transition(server.url, token, id, to, note);
      expect(moved.status, moved.text).toBe(200);
    }
    const updates = await getXml(`/servicerequestupdates.xml?start_date=${w3c(started)}&end_date=${w3c(new Date(Date.now() + 60_000))}&api_key=${encodeURIComponent(apiKey)}`);
    expect(updates.status).toBe(200);
    const mine = ((updates.body['service_request_updates'] as { request_update?: Element[] }).request_update ?? []).filter((update) => update['service_request_id'] === id);
    expect(mine.map((update) => [update['update_id'], mapState(String(update['status']))])).toEqual([
      [`${id}:1`, 'investigating'],
      [`${id}:2`, 'in progress'],
      [`${id}:3`, 'fixed - council'],
    ]);
    expect(mine[2]).toMatchObject({ description: 'Jam layanan sudah dipasang dan dipatuhi.', external_status_code: 'resolved' });
    for (const update of mine) expect(String(update['updated_datetime'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    // A second report, rejected as not the agency's business: FixMyStreet must not call it fixed.
    const other = await postXml({ ...report, description: 'Pajak kendaraan saya ditagih dua kali di Samsat.', lat: '-5.4001', long: '105.2602' });
    expect(other.status).toBe(201);
    const otherId = requestsOf(other.body)[0]!['service_request_id'] as string;
    for (const body of [{ to: 'verified' }, { to: 'rejected', reason: 'not_competent', note: 'Pajak kendaraan ditangani Samsat.' }]) {
      const moved = await fetch(`${server.url}/v1/complaints/${otherId}/transitions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(moved.status).toBe(200);
    }
    const rejectedUpdates = await getXml(`/servicerequestupdates.xml?start_date=${w3c(started)}&end_date=${w3c(new Date(Date.now() + 60_000))}`);
    const rejection = (rejectedUpdates.body['service_request_updates'] as { request_update: Element[] }).request_update.find((update) => update['update_id'] === `${otherId}:2`);
    expect(mapState(String(rejection?.['status']))).toBe('not responsible');
    const [closed] = requestsOf((await getXml(`/requests/${otherId}.xml`)).body);
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'Ditolak: bukan kewenangan. Pajak kendaraan ditangani Samsat.' });
  }, 60_000);
});
