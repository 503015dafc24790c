import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The packaging configuration (electron-builder.yml) as far as security goes: checked, since nothing else runs it here. */
describe('electron-builder configuration', () => {
  const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
  const fuse = (name: string) => new RegExp(`^\\s+${name}:\\s*(true|false)\\s*$`, 'm').exec(yml)?.[1];

  it('flips the Electron fuses the security checklist asks for', () => {
    expect({
      runAsNode: fuse('runAsNode'),
      enableNodeOptionsEnvironmentVariable: fuse('enableNodeOptionsEnvironmentVariable'),
      enableNodeCliInspectArguments: fuse('enableNodeCliInspectArguments'),
      onlyLoadAppFromAsar: fuse('onlyLoadAppFromAsar'),
      enableEmbeddedAsarIntegrityValidation: fuse('enableEmbeddedAsarIntegrityValidation'),
      enableCookieEncryption: fuse('enableCookieEncryption'),
      grantFileProtocolExtraPrivileges: fuse('grantFileProtocolExtraPrivileges'),
    }).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
    expect(yml).toMatch(/^asar: true$/m);
  });
});
