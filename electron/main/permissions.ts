/**
 * The part of a session the permission policy sets, so tests can pass a fake.
 * Electron's `Session` fits it: its handlers take narrower types than these.
 */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean,
  ): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/**
 * The app reads, writes and talks to its server; it needs no camera, microphone,
 * location, notification, clipboard read, device or external-protocol permission.
 * So every one is refused, for every page, even our own (Electron's default is to
 * grant them all): a request is answered no, a check says not granted, and no HID,
 * serial or USB device counts as already allowed.
 * Links open outside through the navigation guard and the bridge, not by permission.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
