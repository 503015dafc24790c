import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha1, stableGuid, UUID_PATTERN, uuidV5 } from '../../../shared/export/stable-uuid.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('name-based UUIDs', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'b'.repeat(1000), 'الحوكمة 治理 🌐'])(
    'SHA-1 agrees with node:crypto for %j',
    (text) => {
      const bytes = new TextEncoder().encode(text);
      expect(hex(sha1(bytes))).toBe(createHash('sha1').update(bytes).digest('hex'));
    },
  );

  it('gives the RFC 9562 example UUID', () => {
    // RFC 9562 / the uuid package: v5 of "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is stable, well-formed, and keeps ids with ":" apart', () => {
    const guid = stableGuid('coding', 'a:b', 'c');
    expect(guid).toMatch(UUID_PATTERN);
    expect(guid[14]).toBe('5');
    expect('89ab').toContain(guid[19]);
    expect(stableGuid('coding', 'a:b', 'c')).toBe(guid);
    expect(stableGuid('coding', 'a', 'b:c')).not.toBe(guid);
    expect(stableGuid('tag', 'a:b', 'c')).not.toBe(guid);
  });
});
