import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxItem, transition } from './e2e/api.js';
import { requireBuild, startServerProcess, tempFolder } from './e2e/server-process.js';
import type { ServerProcess } from './e2e/server-process.js';

interface Open311Request {
  service_request_id: string;
  status: string;
  service_code: string;
  description: string;
  address: string | null;
  [field: string]: unknown;
}

describe('an Open311 GeoReport v2 client (server process, SQLite file)', () => {
  const folder = tempFolder('narahubung-e2e-open311-');
  let server: ServerProcess;

  beforeAll(async () => {
    requireBuild();
    server = await startServerProcess({ database: `${folder.dir}/narahubung.sqlite` });
  });

  afterAll(async () => {
    await server?.stop();
    folder.remove();
  });

  it('posts a form-encoded request, reads it back by its id, and sees it closed once the focal point closes it', async () => {
    const description = 'Antrean perekaman KTP-el di kecamatan ditutup sebelum jam layanan berakhir, warga disuruh datang lagi besok.';
    const form = new URLSearchParams({
      service_code: 'no_service',
      description,
      address_string: 'Kantor Kecamatan Kedaton, Bandar Lampung',
      first_name: 'Open',
      last_name: 'Eleven Canary',
      email: 'open311.canary@example.id',
      'attribute[agency]': 'disdukcapil-bandar-lampung',
      device_id: 'kiosk-7',
    });
    const posted = await fetch(`${server.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(posted.status).toBe(201);
    const created = (await posted.json()) as { service_request_id: string }[];
    expect(created).toHaveLength(1);
    const id = created[0]!.service_request_id;
    expect(id).toMatch(/^NH-/);

    const read = async () => {
      const response = await fetch(`${server.url}/open311/v2/requests/${encodeURIComponent(id)}.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await response.text();
      // A public view: the reporter is never in it.
      for (const value of ['Eleven Canary', 'open311.canary@example.id']) expect(text).not.toContain(value);
      return JSON.parse(text) as Open311Request[];
    };
    const [request] = await read();
    // Open311 intake is anonymous, and Open311 shows no free text of anonymous complaints by default.
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'no_service', description: '', address: '' });

    // The same complaint is in the Disdukcapil focal point's inbox (anonymous, as Open311 intake is).
    const token = server.token('Narahubung Disdukcapil Bandar Lampung');
    const item = await inboxItem(server.url, token, id);
    expect(item.status).toBe(200);
    expect(item.body.confidentiality).toBe('anonymous');
    expect(item.body.reporter).toBeNull();
    for (const to of ['verified', 'in_progress', 'resolved', 'closed']) {
      const moved = await transition(server.url, token, id, to, to === 'resolved' ? 'Jam layanan kecamatan sudah dipasang dan dipatuhi.' : '');
      expect(moved.status, moved.text).toBe(200);
    }
    const [closed] = await read();
    expect(closed).toMatchObject({ service_request_id: id, status: 'closed' });
  }, 60_000);
});
