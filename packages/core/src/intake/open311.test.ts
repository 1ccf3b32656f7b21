/**
 * Conformance with Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2, its Service Discovery page)
 * and FixMyStreet's extension (servicerequestupdates), written from the specification: every route
 * in both formats, XML parsed back with a real parser and compared with the JSON, the element names
 * and order of each example response in the specification, its example requests sent as written
 * (with our api_key and service codes), its error shape and status codes. Runs in Node and Chromium.
 */
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { createPolicy } from '../policy.js';
import { createTestIntake, newKey, request, submission, submitOk, TOKENS } from '../test-support/fixtures.js';
import type { TestIntake } from '../test-support/fixtures.js';

const BASE = 'http://intake.test/open311/v2';

/** Values as text, as XML::Simple (FixMyStreet's parser) reads them; order kept in `ordered`. */
const parser = new XMLParser({ parseTagValue: false, trimValues: true, ignoreDeclaration: true, isArray: (name) => ['service', 'attribute', 'value', 'request', 'error', 'request_update', 'endpoint', 'format', 'media_url'].includes(name) });
const orderedParser = new XMLParser({ preserveOrder: true, ignoreDeclaration: true, trimValues: true });

type Tree = Record<string, unknown>;

async function get(intake: TestIntake, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return intake.handle(new Request(`${BASE}${path}`, { headers }));
}

function post(intake: TestIntake, format: 'xml' | 'json', fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return intake.handle(new Request(`${BASE}/requests.${format}`, { method: 'POST', body, headers }));
}

/** A POST as FixMyStreet sends one: coordinates, a name, an email, its api_key. */
const fixMyStreetReport = (extra: Record<string, string | string[]> = {}) => ({
  api_key: TOKENS.client,
  service_code: 'no_service',
  lat: '-5.429400',
  long: '105.261100',
  description: 'Loket perekaman KTP-el tutup pada jam layanan.\n\nhttps://fixmystreet.example/report/77\n',
  first_name: 'Budi',
  last_name: 'Santoso',
  email: 'budi@example.id',
  'attribute[agency]': 'disdukcapil-bandar-lampung',
  ...extra,
});

/** The XML answer: its content type, declaration and parsed body. */
async function xml(response: Response): Promise<Tree> {
  expect(response.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
  const text = await response.text();
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).to.equal(true);
  return parser.parse(text) as Tree;
}

async function json(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).to.equal('application/json; charset=utf-8');
  return response.json();
}

/** The element names of a document, nested: `['services', [['service', ['service_code', …]], …]]`. */
function shape(text: string): unknown {
  const walk = (nodes: Tree[]): unknown[] =>
    nodes
      .filter((node) => !('#text' in node))
      .map((node) => {
        const name = Object.keys(node).find((key) => key !== ':@')!;
        const children = walk(node[name] as Tree[]);
        return children.length === 0 ? name : [name, children];
      });
  return walk(orderedParser.parse(text) as Tree[])[0];
}

/** What the XML says, as JSON would say it: the check that both formats carry the same content. */
function asJson(value: unknown, lists: Record<string, string>): unknown {
  if (value === '' || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => asJson(item, lists));
  if (typeof value !== 'object' || value === null) return value;
  const out: Tree = {};
  for (const [name, inner] of Object.entries(value as Tree)) {
    const item = lists[name];
    out[name] = item !== undefined ? (inner === '' ? [] : asJson((inner as Tree)[item], lists)) : asJson(inner, lists);
  }
  return out;
}

/** JSON's values as text, as XML carries them. */
function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, asText(inner)]));
  return value === null ? null : String(value);
}

const REQUEST_FIELDS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('Open311: the example responses of the specification, element by element', () => {
  it('GET Service List: services/service with the seven fields, in both formats saying the same', async () => {
    const intake = await createTestIntake();
    const text = await (await get(intake, '/services.xml?jurisdiction_id=city.gov')).text();
    const fields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
    expect(shape(text)).to.deep.equal(['services', Array.from({ length: 11 }, () => ['service', fields])]);
    const fromXml = asJson((parser.parse(text) as Tree)['services'], {}) as { service: unknown[] };
    const fromJson = await json(await get(intake, '/services.json'));
    expect(fromXml.service).to.deep.equal(asText(fromJson));
    expect((fromJson as Tree[])[0]).to.deep.equal({ service_code: 'undue_delay', service_name: 'Penundaan berlarut', description: 'Penundaan berlarut', metadata: true, type: 'realtime', keywords: null, group: 'Pengaduan' });
  });

  it('GET Service Definition: service_definition with attributes/attribute/values/value', async () => {
    const intake = await createTestIntake();
    const text = await (await get(intake, '/services/improper_request.xml?jurisdiction_id=city.gov', { 'accept-language': 'en' })).text();
    const value = ['value', ['key', 'name']];
    expect(shape(text)).to.deep.equal([
      'service_definition',
      ['service_code', ['attributes', [['attribute', ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', ['values', [value, value, value, value]]]]]]],
    ]);
    const fromJson = (await json(await get(intake, '/services/improper_request.json', { 'accept-language': 'en' }))) as Tree;
    expect(asJson((parser.parse(text) as Tree)['service_definition'], { attributes: 'attribute', values: 'value' })).to.deep.equal(asText(fromJson));
    expect(fromJson).to.deep.include({ service_code: 'improper_request' });
    expect((fromJson['attributes'] as Tree[])[0]).to.deep.include({ variable: true, code: 'agency', datatype: 'singlevaluelist', required: false, order: 1, description: 'Agency reported' });
  });

  it('POST Service Request: the example request as written, answered service_requests/request', async () => {
    const intake = await createTestIntake();
    // The specification's example request, with our api_key and a service code of ours.
    const body =
      `api_key=${TOKENS.client}&jurisdiction_id=city.gov&service_code=other&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001`;
    const response = await intake.handle(new Request(`${BASE}/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body }));
    expect(response.status).to.equal(201);
    const text = await response.text();
    expect(shape(text)).to.deep.equal(['service_requests', [['request', ['service_request_id', 'service_notice', 'account_id']]]]);
    const [created] = (parser.parse(text) as { service_requests: { request: Tree[] } }).service_requests.request;
    expect(created!['account_id']).to.equal('123456');
    const id = String(created!['service_request_id']);
    const record = await intake.store.get(id);
    expect(record?.submission.incident).to.deep.equal({ place: '1234 5th street', location: { lat: 37.76524078, long: -122.4212043 } });
    expect(record?.submission.reporter).to.deep.equal({ name: 'john smith', email: 'smit333@sfgov.edu', phone: '+62111111111' });
    expect(record?.open311).to.deep.equal({ clientSystemId: 'fixmystreet-lampung', jurisdictionId: 'city.gov', deviceId: 'tt222111', accountId: '123456', mediaUrls: ['http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg'] });
    // A short description, no name: both allowed by the specification, so by the default policy.
    expect(record?.submission.title).to.equal('A large sinkhole is destroying the street');
  });

  it('GET Service Requests: the example query, answered service_requests/request with the seventeen fields in order', async () => {
    const intake = await createTestIntake({ policy: createPolicy({ open311ShowsAnonymousText: true }) });
    await post(intake, 'xml', fixMyStreetReport({ media_url: 'https://fixmystreet.example/photo/77.jpg' }));
    const example = await get(intake, '/requests.xml?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open&jurisdiction_id=city.gov');
    expect(example.status).to.equal(200);
    expect(shape(await example.text())).to.equal('service_requests');
    const text = await (await get(intake, '/requests.xml?status=open&jurisdiction_id=city.gov')).text();
    expect(shape(text)).to.deep.equal(['service_requests', [['request', REQUEST_FIELDS]]]);
    const fromJson = (await json(await get(intake, '/requests.json?status=open'))) as Tree[];
    const fromXml = asJson((parser.parse(text) as Tree)['service_requests'], {}) as { request: Tree[] };
    expect(fromXml.request.map((item) => ({ ...item, media_url: (item['media_url'] as unknown[])[0] }))).to.deep.equal(asText(fromJson));
    expect(Object.keys(fromJson[0]!)).to.deep.equal(REQUEST_FIELDS);
    expect(fromJson[0]).to.deep.include({ status: 'open', status_notes: null, service_code: 'no_service', lat: -5.4294, long: 105.2611, media_url: 'https://fixmystreet.example/photo/77.jpg', zipcode: null, address: null, service_notice: null });
    for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(fromJson[0]![field]).to.match(W3C);
  });

  it('GET Service Request: the example URL, one request by its id, in both formats', async () => {
    const intake = await createTestIntake();
    const missing = await get(intake, '/requests/123456.xml?jurisdiction_id=city.gov');
    expect(missing.status).to.equal(404);
    expect(shape(await missing.text())).to.deep.equal(['errors', [['error', ['code', 'description']]]]);
    const { trackingId } = await submitOk(intake);
    const text = await (await get(intake, `/requests/${trackingId}.xml`)).text();
    expect(shape(text)).to.deep.equal(['service_requests', [['request', REQUEST_FIELDS]]]);
    const [one] = (await json(await get(intake, `/requests/${trackingId.toLowerCase()}.json`))) as Tree[];
    expect(one).to.deep.include({ service_request_id: trackingId, status: 'open', service_code: 'undue_delay' });
  });

  it('GET service_request_id from a token: no token is ever issued (type realtime), so 404 in the format asked for', async () => {
    const intake = await createTestIntake();
    for (const format of ['xml', 'json'] as const) {
      const response = await get(intake, `/tokens/123456.${format}?jurisdiction_id=city.gov`);
      expect(response.status).to.equal(404);
      const body = format === 'xml' ? ((await xml(response))['errors'] as { error: Tree[] }).error : ((await json(response)) as Tree[]);
      expect(body[0]!['code']).to.equal(format === 'xml' ? '404' : 404);
    }
  });

  it('Errors: errors/error with code and description, in the format asked for; 403 for a missing or invalid api_key', async () => {
    const intake = await createTestIntake();
    for (const apiKey of [undefined, 'not-a-key-0123456789abcdef', TOKENS.disdukcapil]) {
      const fields = { ...fixMyStreetReport(), ...(apiKey ? { api_key: apiKey } : {}) };
      if (!apiKey) delete (fields as Record<string, unknown>)['api_key'];
      const response = await post(intake, 'xml', fields, { 'accept-language': 'en' });
      expect(response.status, String(apiKey)).to.equal(403);
      const text = await response.text();
      expect(shape(text)).to.deep.equal(['errors', [['error', ['code', 'description']]]]);
      expect((parser.parse(text) as { errors: { error: Tree[] } }).errors.error[0]).to.deep.equal({ code: '403', description: 'Missing or invalid api_key; the request cannot be created.' });
      const asJsonAnswer = await post(intake, 'json', fields, { 'accept-language': 'en' });
      expect(await json(asJsonAnswer)).to.deep.equal([{ code: 403, description: 'Missing or invalid api_key; the request cannot be created.' }]);
    }
    expect((await intake.store.query({ sort: 'received', limit: 10 })).items.length).to.equal(0);
  });

  it('Service Discovery: discovery with changeset, contact, key_service and endpoints/endpoint/formats/format', async () => {
    const intake = await createTestIntake({ basePath: '/api' });
    const response = await intake.handle(new Request('http://intake.test/api/open311/v2/discovery.xml'));
    const text = await response.text();
    expect(shape(text)).to.deep.equal(['discovery', ['changeset', 'contact', 'key_service', ['endpoints', [['endpoint', ['specification', 'url', 'changeset', 'type', ['formats', ['format', 'format']]]]]]]]);
    const fromJson = (await json(await intake.handle(new Request('http://intake.test/api/open311/v2/discovery.json')))) as Tree;
    expect(asJson((parser.parse(text) as Tree)['discovery'], { endpoints: 'endpoint', formats: 'format' })).to.deep.equal(fromJson);
    expect((fromJson['endpoints'] as Tree[])[0]).to.deep.equal({ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://intake.test/api/open311/v2', changeset: '2026-11-02T03:00:00Z', type: 'production', formats: ['text/xml', 'application/json'] });
  });

  it('GET Service Request Updates (FixMyStreet): the example URL, answered service_request_updates/request_update', async () => {
    const intake = await createTestIntake();
    const example = await get(intake, '/servicerequestupdates.xml?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&jurisdiction_id=city.gov');
    expect(example.status).to.equal(200);
    expect(shape(await example.text())).to.equal('service_request_updates');
    const { trackingId } = await submitOk(intake);
    intake.clock.now = new Date('2026-11-03T02:00:00Z');
    await request(intake, 'POST', `/v1/complaints/${trackingId}/transitions`, { to: 'verified', note: 'Berkas lengkap.' }, { authorization: `Bearer ${TOKENS.disdukcapil}` });
    const text = await (await get(intake, '/servicerequestupdates.xml?start_date=2026-11-01T00:00:00Z&end_date=2026-11-04T00:00:00Z')).text();
    expect(shape(text)).to.deep.equal(['service_request_updates', [['request_update', ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url', 'external_status_code']]]]);
    const fromJson = (await json(await get(intake, '/servicerequestupdates.json?start_date=2026-11-01T00:00:00Z&end_date=2026-11-04T00:00:00Z'))) as Tree[];
    const fromXml = asJson((parser.parse(text) as Tree)['service_request_updates'], {}) as { request_update: Tree[] };
    expect(fromXml.request_update.map((item) => ({ ...item, media_url: (item['media_url'] as unknown[])[0] }))).to.deep.equal(asText(fromJson));
    expect(fromJson).to.deep.equal([{ update_id: `${trackingId}:1`, service_request_id: trackingId, status: 'INVESTIGATING', updated_datetime: '2026-11-03T02:00:00Z', description: 'Berkas lengkap.', media_url: null, external_status_code: 'verified' }]);
  });
});

describe('Open311: every route in both formats', () => {
  const routes = ['/discovery', '/services', '/services/undue_delay', '/requests', '/servicerequestupdates'];

  it('answers every GET route 200 in XML and JSON, HEAD without a body, and other methods 405 with Allow in the same format', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    for (const route of [...routes, `/requests/${trackingId}`]) {
      for (const format of ['xml', 'json'] as const) {
        const path = `${route}.${format}`;
        const response = await get(intake, path);
        expect(response.status, path).to.equal(200);
        if (format === 'xml') await xml(response);
        else await json(response);
        const head = await intake.handle(new Request(`${BASE}${path}`, { method: 'HEAD' }));
        expect(head.status, `HEAD ${path}`).to.equal(200);
        expect(await head.text()).to.equal('');
        const wrong = await intake.handle(new Request(`${BASE}${path}`, { method: 'DELETE' }));
        expect(wrong.status, `DELETE ${path}`).to.equal(405);
        expect(wrong.headers.get('allow')).to.equal(route === '/requests' ? 'GET, POST' : 'GET');
        expect(wrong.headers.get('content-type')).to.equal(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
      }
    }
  });

  it('answers an unknown path 404 and an unknown format 400, as errors in XML unless .json was asked for', async () => {
    const intake = await createTestIntake();
    const cases: [string, number, string][] = [
      ['/nothing.json', 404, 'application/json; charset=utf-8'],
      ['/nothing.xml', 404, 'text/xml; charset=utf-8'],
      ['/nothing', 404, 'text/xml; charset=utf-8'],
      ['/services.csv', 400, 'text/xml; charset=utf-8'],
      ['/services/undue_delay.html', 400, 'text/xml; charset=utf-8'],
      ['/services/nope.json', 404, 'application/json; charset=utf-8'],
      ['/requests/%E0%A4%A.json', 404, 'application/json; charset=utf-8'],
    ];
    for (const [path, status, type] of cases) {
      const response = await get(intake, path, { 'accept-language': 'en' });
      expect(response.status, path).to.equal(status);
      expect(response.headers.get('content-type'), path).to.equal(type);
    }
    const csv = await xml(await get(intake, '/services.csv', { 'accept-language': 'en' }));
    expect((csv['errors'] as { error: Tree[] }).error[0]!['description']).to.equal('The format "csv" is not supported; use .xml or .json.');
  });

  it('answers a failing store 500 in the format asked for, with nothing of the failure', async () => {
    const { createMemoryStore } = await import('../memory-store.js');
    const store = createMemoryStore();
    store.query = async () => {
      throw new Error('disk full while reading Siti Aminah');
    };
    const intake = await createTestIntake({ store });
    for (const format of ['xml', 'json'] as const) {
      const response = await get(intake, `/requests.${format}`, { 'accept-language': 'en' });
      expect(response.status).to.equal(500);
      const text = await response.text();
      expect(text).to.include('Something went wrong on the server');
      expect(text).to.not.include('Siti');
    }
  });
});

describe('Open311: POST Service Request', () => {
  it('takes form-encoded and multipart bodies; keeps coordinates, address_id, device_id, account_id and several media_url; returns them as sent', async () => {
    const intake = await createTestIntake({ policy: createPolicy({ open311ShowsAnonymousText: true }) });
    const created = await post(intake, 'json', fixMyStreetReport({ address_id: 'PERSIL-18.71-0042', device_id: 'android-3f2a', account_id: 'fms-88123', media_url: ['https://fixmystreet.example/p/1.jpg', 'https://fixmystreet.example/p/2.jpg'] }));
    expect(created.status).to.equal(201);
    const [answer] = (await json(created)) as Tree[];
    expect(answer!['account_id']).to.equal('fms-88123');
    const [shown] = (await json(await get(intake, `/requests/${String(answer!['service_request_id'])}.json`))) as Tree[];
    expect(shown).to.deep.include({ lat: -5.4294, long: 105.2611, address_id: 'PERSIL-18.71-0042', media_url: ['https://fixmystreet.example/p/1.jpg', 'https://fixmystreet.example/p/2.jpg'] });
    const inXml = await xml(await get(intake, `/requests/${String(answer!['service_request_id'])}.xml`));
    expect((inXml['service_requests'] as { request: Tree[] }).request[0]!['media_url']).to.deep.equal(['https://fixmystreet.example/p/1.jpg', 'https://fixmystreet.example/p/2.jpg']);

    const form = new FormData();
    for (const [name, value] of Object.entries(fixMyStreetReport({ description: 'Dikirim sebagai multipart.' }))) form.append(name, String(value));
    const multipart = await intake.handle(new Request(`${BASE}/requests.xml`, { method: 'POST', body: form }));
    expect(multipart.status).to.equal(201);
    const withFile = new FormData();
    for (const [name, value] of Object.entries(fixMyStreetReport())) withFile.append(name, String(value));
    withFile.append('photo1', new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }), '77.0.full.jpeg');
    // FixMyStreet uploads photos of private reports as file parts: the report is taken, the files are not (send media_url).
    const files = await intake.handle(new Request(`${BASE}/requests.xml`, { method: 'POST', body: withFile }));
    expect(files.status).to.equal(201);
    const withFileId = String(((await xml(files))['service_requests'] as { request: Tree[] }).request[0]!['service_request_id']);
    expect((await intake.store.get(withFileId))?.attachments).to.deep.equal([]);
    const wrongType = await intake.handle(new Request(`${BASE}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(wrongType.status).to.equal(415);
  });

  it('requires what the specification requires (a service_code and a location), and names the Open311 field of every problem', async () => {
    const intake = await createTestIntake();
    const response = await post(intake, 'xml', { api_key: TOKENS.client, service_code: 'pungli', lat: '-95', description: 'x'.repeat(4001), email: 'not-an-email', media_url: 'javascript:alert(1)' }, { 'accept-language': 'en' });
    expect(response.status).to.equal(400);
    const descriptions = ((await xml(response))['errors'] as { error: Tree[] }).error.map((error) => error['description']);
    expect(descriptions).to.deep.equal([
      'long: lat and long are sent together.',
      'media_url: only http and https addresses are accepted.',
      'service_code: Category must be one of the options offered.',
      'description: Description must be 4000 characters or fewer.',
      'email: Your email is not a valid email address, like name@example.com.',
    ]);
    const noPlace = await post(intake, 'json', { api_key: TOKENS.client, service_code: 'other' }, { 'accept-language': 'en' });
    expect(await json(noPlace)).to.deep.equal([{ code: 400, description: 'lat: a location is required: lat and long, address_string, or address_id.' }]);
    const outOfRange = await post(intake, 'json', fixMyStreetReport({ lat: '-95', long: 'east' }), { 'accept-language': 'en' });
    expect(await json(outOfRange)).to.deep.equal([
      { code: 400, description: 'lat: Latitude must be between -90 and 90.' },
      { code: 400, description: 'long: Longitude is not in the right format.' },
    ]);
    // The bare minimum: a service and a place. No description, no name, no contact.
    const minimal = await post(intake, 'json', { api_key: TOKENS.client, service_code: 'undue_delay', address_string: 'Kantor Kecamatan Kedaton' });
    expect(minimal.status).to.equal(201);
    const [answer] = (await minimal.json()) as { service_request_id: string }[];
    const record = await intake.store.get(answer!.service_request_id);
    expect(record?.submission).to.deep.include({ title: 'Penundaan berlarut', description: '', confidentiality: 'anonymous' });
    expect(record?.submission.reporter).to.deep.equal({ name: '' });
  });

  it("asks for more when the agency's policy does, naming the Open311 fields", async () => {
    const intake = await createTestIntake({ policy: createPolicy({ open311Requires: { descriptionMin: 30, name: true, contact: true } }) });
    const response = await post(intake, 'json', { api_key: TOKENS.client, service_code: 'undue_delay', address_string: 'Kantor Kecamatan Kedaton', description: 'Antre lama.' }, { 'accept-language': 'en' });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as Tree[]).map((error) => error['description'])).to.deep.equal([
      'description: Description must be at least 30 characters.',
      'first_name: Your name is required.',
      'email: Enter an email address or a phone number so that we can contact you.',
    ]);
  });

  it('answers a retried POST (same api_key, same parameters) with the first service_request_id for 24 hours at least', async () => {
    const intake = await createTestIntake();
    const first = await post(intake, 'xml', fixMyStreetReport());
    expect(first.status).to.equal(201);
    const id = ((await xml(first))['service_requests'] as { request: Tree[] }).request[0]!['service_request_id'];
    for (const at of ['2026-11-02T03:00:05Z', '2026-11-03T02:59:00Z']) {
      intake.clock.now = new Date(at);
      const again = await post(intake, 'xml', fixMyStreetReport());
      expect(again.status, at).to.equal(200);
      expect(((await xml(again))['service_requests'] as { request: Tree[] }).request[0]!['service_request_id'], at).to.equal(id);
    }
    const other = await post(intake, 'xml', fixMyStreetReport({ description: 'Laporan lain di tempat yang sama.' }));
    expect(other.status).to.equal(201);
    intake.clock.now = new Date('2026-11-04T03:00:01Z');
    const later = await post(intake, 'xml', fixMyStreetReport());
    expect(later.status).to.equal(201);
    expect((await intake.store.query({ sort: 'received', limit: 10 })).items.length).to.equal(3);
  });

  it('refuses a jurisdiction the deployment does not serve, on every route; accepts any or none when none are configured', async () => {
    const configured = await createTestIntake({ open311: { jurisdictions: ['bandarlampungkota.go.id'] } });
    for (const path of ['/services.xml?jurisdiction_id=city.gov', '/requests.json?jurisdiction_id=city.gov', '/servicerequestupdates.xml?jurisdiction_id=city.gov']) {
      expect((await get(configured, path)).status, path).to.equal(404);
    }
    expect((await post(configured, 'json', fixMyStreetReport({ jurisdiction_id: 'city.gov' }))).status).to.equal(404);
    expect((await post(configured, 'json', fixMyStreetReport({ jurisdiction_id: 'bandarlampungkota.go.id' }))).status).to.equal(201);
    expect((await post(configured, 'json', fixMyStreetReport({ description: 'Tanpa jurisdiction_id.' }))).status).to.equal(201);
    const open = await createTestIntake();
    expect((await post(open, 'json', fixMyStreetReport({ jurisdiction_id: 'anything.example' }))).status).to.equal(201);
    expect((await get(open, '/services.xml?jurisdiction_id=anything.example')).status).to.equal(200);
  });

  it('gives an API key nothing but Open311 POST: v1 answers it 401', async () => {
    const intake = await createTestIntake();
    const { trackingId } = await submitOk(intake);
    const bearer = { authorization: `Bearer ${TOKENS.client}` };
    for (const [method, path, body] of [
      ['GET', '/v1/inbox', undefined],
      ['GET', `/v1/inbox/${trackingId}`, undefined],
      ['GET', '/v1/me', undefined],
      ['POST', `/v1/complaints/${trackingId}/transitions`, { to: 'verified' }],
    ] as const) {
      expect((await request(intake, method, path, body, bearer)).status, path).to.equal(401);
    }
  });
});

describe('Open311: GET Service Requests', () => {
  async function story() {
    const intake = await createTestIntake();
    const fp = { authorization: `Bearer ${TOKENS.disdukcapil}` };
    const ids = {
      open: (await submitOk(intake)).trackingId,
      closed: (await submitOk(intake, submission({ category: 'no_service' }))).trackingId,
      rejected: (await submitOk(intake, submission({ category: 'no_service' }))).trackingId,
      secret: (await submitOk(intake, submission({ confidentiality: 'secret' }))).trackingId,
    };
    intake.clock.now = new Date('2026-11-03T03:00:00Z');
    for (const to of ['verified', 'in_progress', 'resolved', 'closed']) await request(intake, 'POST', `/v1/complaints/${ids.closed}/transitions`, { to, note: to === 'resolved' ? 'Jam layanan dipasang.' : '' }, fp);
    await request(intake, 'POST', `/v1/complaints/${ids.rejected}/transitions`, { to: 'rejected', reason: 'not_competent', note: 'Ditangani BPJS Kesehatan.' }, fp);
    return { intake, ids };
  }
  const idsOf = async (intake: TestIntake, query: string) => ((await json(await get(intake, `/requests.json${query}`))) as Tree[]).map((item) => item['service_request_id']).sort();

  it('filters by service_request_id, service_code, status and dates, and never lists a secret complaint', async () => {
    const { intake, ids } = await story();
    expect(await idsOf(intake, '')).to.deep.equal([ids.open, ids.closed, ids.rejected].sort());
    expect(await idsOf(intake, `?service_request_id=${ids.open},${ids.secret},${ids.rejected.toLowerCase()}&status=closed`)).to.deep.equal([ids.open, ids.rejected].sort());
    expect(await idsOf(intake, '?service_code=no_service')).to.deep.equal([ids.closed, ids.rejected].sort());
    expect(await idsOf(intake, '?service_code=nope')).to.deep.equal([]);
    expect(await idsOf(intake, '?status=closed')).to.deep.equal([ids.closed, ids.rejected].sort());
    expect(await idsOf(intake, '?status=open')).to.deep.equal([ids.open]);
    expect(await idsOf(intake, '?status=open,closed&start_date=2026-11-02T03:00:00Z&end_date=2026-11-02T03:00:00Z')).to.deep.equal([ids.open, ids.closed, ids.rejected].sort());
    expect(await idsOf(intake, '?end_date=2026-11-02T02:59:59Z')).to.deep.equal([]);
    expect(await idsOf(intake, '?start_date=2026-11-02T03:00:01Z')).to.deep.equal([]);
    for (const query of ['?start_date=yesterday', '?end_date=2026-13-01', '?status=pending']) {
      expect((await get(intake, `/requests.xml${query}`)).status, query).to.equal(400);
    }
  });

  it('lists the most recent 90 days without dates, and at most 1,000 requests, the newest first', async () => {
    const intake = await createTestIntake();
    const early = submission({ incident: { date: '2026-06-20', place: 'Kantor Disdukcapil Kota Bandar Lampung' }, priorAttempt: { date: '2026-06-25', contacted: 'Loket pelayanan', response: 'Diminta menunggu' } });
    intake.clock.now = new Date('2026-07-01T03:00:00Z');
    const old = (await submitOk(intake, early)).trackingId;
    intake.clock.now = new Date('2026-08-10T03:00:00Z');
    const recent = (await submitOk(intake, early)).trackingId;
    intake.clock.now = new Date('2026-11-02T03:00:00Z');
    // 2026-07-01 is 124 days back, 2026-08-10 is 84.
    expect(await idsOf(intake, '')).to.deep.equal([recent]);
    expect(await idsOf(intake, '?start_date=2026-06-01T00:00:00Z')).to.deep.equal([old, recent].sort());
    // With only an end date, the 90 days before it.
    expect(await idsOf(intake, '?end_date=2026-07-15T00:00:00Z')).to.deep.equal([old]);
    const newest: string[] = [];
    for (let n = 0; n < 1_001; n += 1) {
      intake.clock.now = new Date(Date.parse('2026-11-02T04:00:00Z') + n * 1000);
      newest.push((await submitOk(intake)).trackingId);
    }
    const listed = ((await json(await get(intake, '/requests.json'))) as Tree[]).map((item) => item['service_request_id']);
    expect(listed.length).to.equal(1_000);
    expect(listed[0], 'the newest first').to.equal(newest.at(-1));
    expect(listed).to.not.include(newest[0]);
  });

  it('says closed for resolved-and-closed and for rejected, and tells them apart in status_notes', async () => {
    const { intake, ids } = await story();
    const byId = async (id: string, locale: string) => ((await json(await get(intake, `/requests/${id}.json`, { 'accept-language': locale }))) as Tree[])[0]!;
    expect(await byId(ids.closed, 'en')).to.deep.include({ status: 'closed', status_notes: 'Resolved and closed. Jam layanan dipasang.', expected_datetime: null, updated_datetime: '2026-11-03T03:00:00Z' });
    expect(await byId(ids.rejected, 'en')).to.deep.include({ status: 'closed', status_notes: "Rejected: outside the agency's authority. Ditangani BPJS Kesehatan." });
    expect(await byId(ids.rejected, 'id')).to.deep.include({ status_notes: 'Ditolak: bukan kewenangan. Ditangani BPJS Kesehatan.' });
    expect(await byId(ids.open, 'en')).to.deep.include({ status: 'open', status_notes: null });
  });

  it('lists one request_update per public change since received, in FixMyStreet statuses, with stable ids, within the dates asked', async () => {
    const { intake, ids } = await story();
    const updates = (await json(await get(intake, '/servicerequestupdates.json?start_date=2026-11-01T00:00:00Z&end_date=2026-11-04T00:00:00Z', { 'accept-language': 'en' }))) as Tree[];
    expect(updates.map((update) => [update['update_id'], update['status'], update['description']])).to.deep.equal(
      [
        [`${ids.closed}:1`, 'INVESTIGATING', null],
        [`${ids.closed}:2`, 'IN_PROGRESS', null],
        [`${ids.closed}:3`, 'FIXED', 'Jam layanan dipasang.'],
        [`${ids.closed}:4`, 'CLOSED', 'Resolved and closed.'],
        [`${ids.rejected}:1`, 'NOT_COUNCILS_RESPONSIBILITY', "Rejected: outside the agency's authority. Ditangani BPJS Kesehatan."],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const again = (await json(await get(intake, '/servicerequestupdates.json?start_date=2026-11-03T00:00:00Z&end_date=2026-11-03T23:59:59Z', { 'accept-language': 'en' }))) as Tree[];
    expect(again).to.deep.equal(updates);
    expect(await json(await get(intake, '/servicerequestupdates.json?start_date=2026-11-03T03:00:01Z&end_date=2026-11-04T00:00:00Z'))).to.deep.equal([]);
    expect((await get(intake, '/servicerequestupdates.json?start_date=soon')).status).to.equal(400);
  });
});

describe('Open311: privacy as strict as v1', () => {
  it('shows coordinates, place, media and description of an anonymous complaint only when the policy says so, of a secret one never; v1 shows none', async () => {
    for (const showsAnonymous of [false, true]) {
      const intake = await createTestIntake({ policy: createPolicy({ open311ShowsAnonymousText: showsAnonymous }) });
      const located = { incident: { place: 'Rumah Canary di Gang Mawar 3', location: { lat: -5.3971, long: 105.2668 } }, description: 'Saya Canary menunggu akta kelahiran anak saya sejak lama.' };
      for (const confidentiality of ['public', 'anonymous', 'secret'] as const) {
        const { trackingId } = await submitOk(intake, submission({ confidentiality, ...located }));
        const [shown] = (await json(await get(intake, `/requests/${trackingId}.json`))) as Tree[];
        const visible = confidentiality === 'public' || (confidentiality === 'anonymous' && showsAnonymous);
        expect([shown!['lat'], shown!['long'], shown!['address'] !== null, shown!['description'] !== null], `${confidentiality} ${showsAnonymous}`).to.deep.equal(visible ? [-5.3971, 105.2668, true, true] : [null, null, false, false]);
        const status = await (await request(intake, 'GET', `/v1/complaints/${trackingId}`)).text();
        for (const hidden of ['5.3971', '105.2668', 'Canary']) expect(status, confidentiality).to.not.include(hidden);
      }
      const listed = (await json(await get(intake, '/requests.json'))) as Tree[];
      expect(listed.length).to.equal(2);
      const xmlText = await (await get(intake, '/requests.xml')).text();
      expect(xmlText).to.not.include('Siti');
      expect(xmlText).to.not.include('siti@example.id');
    }
  });
});

describe("Open311: the reporter's own steps", () => {
  it('shows a withdrawal as CLOSED (withdrawn), a reply as a change, and never the words the reporter wrote', async () => {
    const intake = await createTestIntake();
    const filed = (await submitOk(intake)) as { trackingId: string; reporterKey: string };
    const reporter = { authorization: `Reporter ${filed.reporterKey}`, 'idempotency-key': newKey() };
    await request(intake, 'POST', `/v1/complaints/${filed.trackingId}/transitions`, { to: 'needs_info', note: 'Mohon lampirkan tanda terima.' }, { authorization: `Bearer ${TOKENS.disdukcapil}` });
    expect((await request(intake, 'POST', `/v1/complaints/${filed.trackingId}/replies`, { text: 'Tanda terima Canary ada pada saya.' }, reporter)).status).to.equal(200);
    expect((await request(intake, 'POST', `/v1/complaints/${filed.trackingId}/withdrawal`, { reason: 'Canary sudah mengurus sendiri.' }, { ...reporter, 'idempotency-key': newKey() })).status).to.equal(200);
    const updates = (await json(await get(intake, '/servicerequestupdates.json', { 'accept-language': 'en' }))) as Tree[];
    expect(updates.map((update) => [update['status'], update['external_status_code'], update['description']])).to.deep.equal([
      ['OPEN', 'needs_info', 'Mohon lampirkan tanda terima.'],
      // The reply takes it back to where it waited: received.
      ['OPEN', 'received', null],
      ['CLOSED', 'rejected', 'Rejected: withdrawn by the reporter.'],
    ]);
    const [shown] = (await json(await get(intake, `/requests/${filed.trackingId}.json`, { 'accept-language': 'en' }))) as Tree[];
    expect(shown).to.deep.include({ status: 'closed', status_notes: 'Rejected: withdrawn by the reporter. Mohon lampirkan tanda terima.' });
    const everything = [JSON.stringify(updates), JSON.stringify(shown), await (await get(intake, '/servicerequestupdates.xml')).text()].join('\n');
    expect(everything).to.not.include('Canary');
  });
});
