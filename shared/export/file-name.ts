/**
 * A suggested download name made safe for every desktop file system: no
 * folders, no characters Windows refuses, no device names (CON, NUL...), no
 * bidirectional controls (which can disguise "gpj.exe" as "exe.jpg"), at most
 * 200 UTF-16 units with the extension kept. The renderer proposes names; the
 * user, in the save dialog, decides where a file goes.
 */
export const MAX_FILE_NAME_LENGTH = 200;

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

export function safeFileName(suggested: string, fallback = 'export'): string {
  const lastSegment = suggested.split(/[/\\]/).pop() ?? '';
  let name = lastSegment.replace(FORBIDDEN, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (/^_*$/.test(name)) name = fallback;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return name.length > MAX_FILE_NAME_LENGTH ? shorten(name) : name;
}

function shorten(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = '';
  // Whole code points only: half an emoji is not a valid file name.
  for (const point of name.slice(0, name.length - extension.length)) {
    if (stem.length + point.length + extension.length > MAX_FILE_NAME_LENGTH) break;
    stem += point;
  }
  return stem + extension;
}
