import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // A downloaded video material plays from the object URL of its stored bytes.
  "media-src 'self' blob:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:* https:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function mimeType(filePath: string): string {
  return MIME[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Schemes must be registered before app `ready`; `app` behaves like https (secure, fetch, workers). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

function respond(
  status: number,
  body: ConstructorParameters<typeof Response>[0],
  contentType = 'text/plain; charset=utf-8',
): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * Resolves a request URL to a file inside `root`, or null when it would leave
 * `root` (`..`, encoded `%2e%2e`, backslashes, NUL) or is not on our host.
 */
export function resolveAppPath(root: string, rawUrl: string): string | null {
  // The URL parser silently folds `..` away; refuse it outright instead of serving a neighbour.
  if (/(^|[/\\])(\.|%2e){2}([/\\?#]|%2f|%5c|$)/i.test(rawUrl.replace(/^[a-z]+:\/\/[^/]*/i, ''))) return null;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

/** The `protocol.handle` callback: serves files from `root` with the CSP on every response. */
export function createAppRequestHandler(
  root: string,
  read: (file: string) => Promise<Uint8Array> = (file) => readFile(file),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
    const file = resolveAppPath(root, request.url);
    if (file === null) return respond(403, 'Forbidden');
    try {
      const data = await read(file);
      return respond(200, request.method === 'HEAD' ? null : new Uint8Array(data), mimeType(file));
    } catch {
      return respond(404, 'Not found');
    }
  };
}

export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export function registerAppProtocol(protocol: ProtocolLike, root: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root));
}
