import { describe, expect, it, vi } from 'vitest';
import { checkExternalUrl } from '../../electron/main/external-links.js';
import { installNavigationGuard } from '../../electron/main/navigation-guard.js';
import { fakeWebContents } from './fakes.js';

function setup() {
  const contents = fakeWebContents();
  const opened: string[] = [];
  installNavigationGuard(contents, async (url) => void opened.push(url));
  return { contents, opened };
}

describe('navigation guard', () => {
  it('lets the app navigate inside app://seminar-desk', () => {
    const { contents, opened } = setup();
    expect(contents.emit('will-navigate', 'app://seminar-desk/index.html#/reader')).toBe(false);
    expect(contents.emit('will-redirect', 'app://seminar-desk/other.html')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('blocks external navigation and opens safe links in the system browser', async () => {
    const { contents, opened } = setup();
    expect(contents.emit('will-navigate', 'https://example.org/page')).toBe(true);
    expect(contents.emit('will-navigate', 'mailto:secretariat@example.org')).toBe(true);
    await vi.waitFor(() => expect(opened).toEqual(['https://example.org/page', 'mailto:secretariat@example.org']));
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://user:secret@example.org/',
    'app://evil-host/index.html',
    'data:text/html,<script>1</script>',
    'not a url',
  ])('blocks %s and never opens it', async (url) => {
    const { contents, opened } = setup();
    expect(contents.emit('will-navigate', url)).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toEqual([]);
  });

  it('blocks a redirect out of the app as it blocks a navigation', async () => {
    const { contents, opened } = setup();
    expect(contents.emit('will-redirect', 'https://example.org/moved')).toBe(true);
    expect(contents.emit('will-redirect', 'file:///etc/passwd')).toBe(true);
    await vi.waitFor(() => expect(opened).toEqual(['https://example.org/moved']));
  });

  it('denies every new window, opening only safe links externally', async () => {
    const { contents, opened } = setup();
    expect(contents.openWindow('https://example.org/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(contents.openWindow('app://seminar-desk/index.html')).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toEqual(['https://example.org/']);
  });

  it('checkExternalUrl refuses credentials and unknown schemes', () => {
    expect(checkExternalUrl('http://a:b@x.org')).toBeNull();
    expect(checkExternalUrl('ftp://x.org')).toBeNull();
    expect(checkExternalUrl(42)).toBeNull();
    expect(checkExternalUrl('https://x.org/a?b=1')).toBe('https://x.org/a?b=1');
  });
});
