import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { denyAllPermissions } from '../../electron/main/permissions.js';
import { fakePermissionSession } from './fakes.js';

type Permission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];
type CheckedPermission = Parameters<NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>>[1];

/** Every kind Electron's types name: the typecheck fails when an Electron update adds one not listed here. */
const EVERY_PERMISSION = Object.keys({
  ar: true,
  'automatic-fullscreen': true,
  'background-fetch': true,
  'background-sync': true,
  'captured-surface-control': true,
  'clipboard-read': true,
  'clipboard-sanitized-write': true,
  'deprecated-sync-clipboard-read': true,
  'display-capture': true,
  fileSystem: true,
  fullscreen: true,
  geolocation: true,
  'geolocation-approximate': true,
  'hand-tracking': true,
  hid: true,
  'idle-detection': true,
  keyboardLock: true,
  'local-fonts': true,
  'local-network': true,
  'local-network-access': true,
  'loopback-network': true,
  media: true,
  mediaKeySystem: true,
  midi: true,
  midiSysex: true,
  nfc: true,
  notifications: true,
  openExternal: true,
  'payment-handler': true,
  'periodic-background-sync': true,
  'persistent-storage': true,
  pointerLock: true,
  'screen-wake-lock': true,
  sensors: true,
  serial: true,
  'smart-card': true,
  'speaker-selection': true,
  'storage-access': true,
  'system-wake-lock': true,
  'top-level-storage-access': true,
  usb: true,
  vr: true,
  'web-app-installation': true,
  'web-printing': true,
  'window-management': true,
  unknown: true,
} satisfies Record<Permission | CheckedPermission, true>);

const ourPage = { id: 1 };
const ourOrigin = 'app://seminar-desk';

function setup() {
  const session = fakePermissionSession();
  denyAllPermissions(session);
  return session;
}

describe('permissions', () => {
  it('sets all three handlers', () => {
    const session = setup();
    expect(session.installed()).toEqual({ request: true, check: true, device: true });
  });

  it.each(EVERY_PERMISSION)('refuses a request for %s, even from our own page, exactly once', async (permission) => {
    const session = setup();
    const answers = await session.request(ourPage, permission, { requestingUrl: `${ourOrigin}/index.html` });
    expect(answers).toEqual([false]);
  });

  it('refuses camera and microphone, screen capture and opening an external app with their details', async () => {
    const session = setup();
    const media = { mediaTypes: ['video', 'audio'], requestingUrl: `${ourOrigin}/index.html`, isMainFrame: true };
    await expect(session.request(ourPage, 'media', media)).resolves.toEqual([false]);
    await expect(session.request(ourPage, 'display-capture', { ...media, mediaTypes: ['video'] })).resolves.toEqual([
      false,
    ]);
    const external = { externalURL: 'mailto:secretariat@example.org', requestingUrl: `${ourOrigin}/index.html` };
    await expect(session.request(ourPage, 'openExternal', external)).resolves.toEqual([false]);
  });

  it.each(EVERY_PERMISSION)('answers a check for %s as not granted, from any origin', (permission) => {
    const session = setup();
    for (const origin of [ourOrigin, 'https://evil.example', '']) {
      expect(session.check(ourPage, permission, origin, { isMainFrame: true })).toBe(false);
    }
    expect(session.check(null, permission, ourOrigin, {})).toBe(false);
  });

  it('counts no HID, serial or USB device as already allowed', () => {
    const session = setup();
    for (const deviceType of ['hid', 'serial', 'usb']) {
      expect(session.device({ deviceType, origin: ourOrigin, device: { vendorId: 0x1234 } })).toBe(false);
    }
  });
});
