/** Plain HTTP calls a focal point's or a third party's client makes to the intake API. */

export interface InboxItem {
  trackingId: string;
  status: string;
  confidentiality: string;
  reporter: unknown;
  allowedTransitions: string[];
  history: { status: string; note: string }[];
}

export interface Answer<T> {
  status: number;
  body: T;
  text: string;
}

async function call<T>(url: string, init: RequestInit = {}): Promise<Answer<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text is there for the assertion message.
  }
  return { status: response.status, body: body as T, text };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `GET /v1/inbox` with a focal point's token. */
export const inbox = (url: string, token: string) => call<{ items: InboxItem[] }>(`${url}/v1/inbox`, { headers: bearer(token) });

/** `GET /v1/inbox/{trackingId}` with a focal point's token. */
export const inboxItem = (url: string, token: string, trackingId: string) =>
  call<InboxItem>(`${url}/v1/inbox/${encodeURIComponent(trackingId)}`, { headers: bearer(token) });

/** `POST /v1/complaints/{trackingId}/transitions` with a focal point's token. */
export const transition = (url: string, token: string, trackingId: string, to: string, note = '') =>
  call<InboxItem>(`${url}/v1/complaints/${encodeURIComponent(trackingId)}/transitions`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ to, note }),
  });

/** `POST /v1/complaints` with a fresh Idempotency-Key. */
export const submitComplaint = (url: string, submission: Record<string, unknown>) =>
  call<{ trackingId: string }>(`${url}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `e2e-${crypto.randomUUID()}` },
    body: JSON.stringify(submission),
  });

/** `GET /v1/complaints/{trackingId}`: the public status. */
export const publicStatus = (url: string, trackingId: string) =>
  call<{ status: string; history: { status: string; note: string }[] }>(`${url}/v1/complaints/${encodeURIComponent(trackingId)}`);
