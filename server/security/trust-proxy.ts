import { isIP } from 'node:net';

/**
 * Which proxies' `X-Forwarded-For` the server believes, as Fastify's
 * `trustProxy` takes it: a hop count (the last N addresses are proxies) or
 * the proxies' own addresses (IPs or CIDR ranges). Off by default: a client
 * that talks to the server directly could otherwise name any address it
 * likes and escape its rate limits. `true` (trust every hop) is refused for
 * the same reason.
 */
export type TrustProxy = number | string[];

export class TrustProxyError extends Error {}

export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops === 0) return undefined;
    if (hops > 10) throw new TrustProxyError(`trust-proxy: ${hops} proxies in a row is not plausible`);
    return hops;
  }
  const addresses = text.split(',').map((a) => a.trim());
  for (const address of addresses) {
    const [ip, bits, ...extra] = address.split('/');
    const family = isIP(ip ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !validBits || extra.length)
      throw new TrustProxyError(
        `trust-proxy: ${JSON.stringify(address)} is neither a hop count nor an address or range ` +
          '(e.g. --trust-proxy 1, or --trust-proxy 127.0.0.1,10.0.0.0/8)',
      );
  }
  return addresses;
}

/**
 * As Fastify's option. Fastify 5 now ignores a bare number (it cannot check
 * the peer), so a hop count becomes a function of the hop: the last N
 * addresses are proxies, whoever sent them. That is safe only where nobody
 * reaches the server but through the proxy (the default 127.0.0.1 listener,
 * the proxy on the same machine); the server warns otherwise (cli/server.ts).
 */
export function fastifyTrustProxy(trust: TrustProxy): string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
