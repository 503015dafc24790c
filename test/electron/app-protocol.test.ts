import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppRequestHandler, resolveAppPath } from '../../electron/main/app-protocol.js';

let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'seminar-protocol-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Seminar Desk</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
  handler = createAppRequestHandler(root);
});

describe('app protocol', () => {
  it('serves index.html with the CSP header', async () => {
    for (const url of ['app://seminar-desk/', 'app://seminar-desk/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('Seminar Desk');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it("repeats the CSP in the page's meta tag, but for frame-ancestors, which a meta cannot set", async () => {
    const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
    expect(metas).toHaveLength(1);
    const header = CONTENT_SECURITY_POLICY.split('; ').filter((directive) => !directive.startsWith('frame-ancestors'));
    expect(metas[0]![1]!.split('; ')).toEqual(header);
  });

  it('serves scripts with a JavaScript MIME type', async () => {
    const response = await handler(new Request('app://seminar-desk/assets/app.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://seminar-desk/../secret.txt',
    'app://seminar-desk/%2e%2e/secret.txt',
    'app://seminar-desk/assets/%2E%2E/%2E%2E/secret.txt',
    'app://seminar-desk/..%2fsecret.txt',
    'app://seminar-desk/..%5csecret.txt',
  ])('refuses traversal %s', async (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
    const response = await handler(new Request(url));
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('secret');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses other hosts and answers 404 with the CSP for missing files', async () => {
    expect((await handler(new Request('app://other-host/index.html'))).status).toBe(403);
    const missing = await handler(new Request('app://seminar-desk/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
