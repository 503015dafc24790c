import type { FastifyReply } from 'fastify';

/**
 * Headers on every response (OWASP's secure-headers guidance for an API that
 * also serves the web renderer): no MIME sniffing, no framing, no referrer,
 * no cross-origin reads of our responses, no browser features, and API
 * answers never cached (they carry private notes). The page's CSP is set
 * where the page is served.
 */
export function securityHeaders(url: string, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (url.startsWith('/api/')) {
    reply.header('cache-control', 'no-store');
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  }
}
