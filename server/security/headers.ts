import type { FastifyReply } from 'fastify';

/**
 * The web renderer's page: its own scripts and styles, its server for data, no
 * framing. media-src blob: lets the video player play a downloaded material
 * from the object URL of its stored bytes (nothing else comes from blob:).
 */
export const PAGE_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/** API answers are data, never a document: nothing may load from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers on every response (OWASP's secure-headers guidance for an API that
 * also serves the web renderer): no MIME sniffing, no framing, no referrer,
 * no cross-origin reads of our responses, no browser features, a CSP, and
 * nothing cached (API answers carry private notes; the page must not outlive
 * an update of the server that serves it).
 *
 * A plain record because not every answer goes through Fastify's reply and
 * its onSend hook: the event stream writes its head itself (a hijacked
 * reply), and a URL the router cannot decode or a malformed HTTP request are
 * answered before any hook runs (server/security/error-answers.ts).
 */
export function securityHeaderSet(url: string): Record<string, string> {
  // An unparseable URL is treated as an API one: the strictest answer.
  const api = !url.startsWith('/') || url.startsWith('/api/') || url === '/api';
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'cache-control': 'no-store',
    'content-security-policy': api ? API_CSP : PAGE_CSP,
  };
}

export function securityHeaders(url: string, reply: FastifyReply): void {
  reply.headers(securityHeaderSet(url));
}
