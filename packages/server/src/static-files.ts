/**
 * The pages and scripts the server serves beside the API: the demo agency page, the status page,
 * the inbox page, the indicators page and the widget bundles. Only files under known folders, with
 * known types.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** A strict Content-Security-Policy: the widget needs no eval, no inline script and no inline style. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/** Headers on every answer, API and pages alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-site',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
});

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticRoots {
  /** The demo agency page's folder, served at `/`. */
  agencySite: string;
  /** The server's own pages (status, inbox, indicators), served at `/status`, `/inbox` and `/indikator`. */
  pages: string;
  /** `packages/widget/dist`, where `narahubung-widget.js`, `narahubung-citizen.js`, `narahubung-inbox.js` and `narahubung-indicators.js` are built. */
  widgetDist: string;
}

/** The file a path names, or null when no static file may answer it. */
function fileFor(pathname: string, roots: StaticRoots): { file: string; crossOrigin: boolean } | null {
  const named: Record<string, [string, string]> = {
    '/status': [roots.pages, 'status.html'],
    '/status/': [roots.pages, 'status.html'],
    '/inbox': [roots.pages, 'inbox.html'],
    '/inbox/': [roots.pages, 'inbox.html'],
    '/indikator': [roots.pages, 'indikator.html'],
    '/indikator/': [roots.pages, 'indikator.html'],
  };
  const fixed = named[pathname];
  if (fixed) return { file: resolve(fixed[0], fixed[1]), crossOrigin: false };
  const bundle = /^\/(narahubung-(?:widget|citizen|inbox|indicators)\.js(?:\.map)?)$/.exec(pathname);
  // Agency sites on other origins load the widget with a <script src>: it must be embeddable.
  if (bundle) return { file: resolve(roots.widgetDist, bundle[1]!), crossOrigin: true };
  if (pathname.startsWith('/pages/')) return inside(roots.pages, pathname.slice('/pages/'.length));
  return inside(roots.agencySite, pathname === '/' ? 'index.html' : pathname.slice(1));
}

function inside(root: string, relative: string): { file: string; crossOrigin: boolean } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, decoded.endsWith('/') ? `${decoded}index.html` : decoded);
  // No way out of the folder (`..`, absolute paths), and no dotfiles.
  if (!file.startsWith(base + sep) || file.slice(base.length).split(sep).some((part) => part.startsWith('.'))) return null;
  return { file, crossOrigin: false };
}

/** Answers GET/HEAD for a static file, or null when there is none (the caller answers 404). */
export async function serveStatic(request: Request, roots: StaticRoots): Promise<Response | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const target = fileFor(new URL(request.url).pathname, roots);
  if (!target) return null;
  const type = TYPES[extname(target.file).toLowerCase()];
  if (!type) return null;
  try {
    const info = await stat(target.file);
    if (!info.isFile()) return null;
    const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      'content-type': type,
      etag,
      // Pages revalidate each time so a rebuilt widget is picked up; ETags keep that cheap.
      'cache-control': 'no-cache',
      ...(target.crossOrigin ? { 'cross-origin-resource-policy': 'cross-origin', 'access-control-allow-origin': '*' } : {}),
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    const bytes = await readFile(target.file);
    return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers: { ...headers, 'content-length': String(bytes.byteLength) } });
  } catch {
    return null;
  }
}
