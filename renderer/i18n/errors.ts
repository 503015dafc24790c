import type { TFunction } from 'i18next';
import { ERROR_CODES } from '../../shared/protocol/errors.js';

/** Codes the client itself produces, beside the API's (shared/protocol/errors.ts). */
export const CLIENT_ERROR_CODES = ['network', 'quota-exceeded', 'storage-failed', 'bad-characters', 'unknown'] as const;

const KNOWN: ReadonlySet<string> = new Set<string>([...ERROR_CODES, ...CLIENT_ERROR_CODES]);

/** The user's-language message for an API, sync or storage error code; unknown codes get a generic one. */
export function errorMessage(t: TFunction, code: string | undefined): string {
  return t(`errors.${code !== undefined && KNOWN.has(code) ? code : 'unknown'}`);
}
