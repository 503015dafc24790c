import { LIMITS } from '../protocol/schemas.js';
import { findBadCharacter } from '../text/storable-characters.js';

/**
 * What a new or edited contribution's text must be, checked the same way by the
 * composer (before anything is queued) and by the server (whatever a client
 * sends). Limits in characters (UTF-16 code units, what a textarea counts):
 * long enough to say something, short enough to be read and translated in a
 * session (about 3,000 words), and plain text: control characters other than
 * line breaks and tabs are refused rather than silently stripped.
 */
export type ContributionTextProblem = 'empty' | 'too-short' | 'too-long' | 'control-characters' | 'bad-characters';

// eslint-disable-next-line no-control-regex -- these are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function checkContributionText(text: string): ContributionTextProblem | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'empty';
  if (trimmed.length < LIMITS.contributionMinLength) return 'too-short';
  if (text.length > LIMITS.contributionLength) return 'too-long';
  if (CONTROL.test(text)) return 'control-characters';
  // Half of a character (a lone surrogate, from a damaged paste): the rule of every text field.
  if (findBadCharacter(text)) return 'bad-characters';
  return null;
}

/** The English sentence for a problem, for API messages and logs (the UI has its own, localized). */
export function describeContributionTextProblem(problem: ContributionTextProblem): string {
  switch (problem) {
    case 'empty':
      return 'the contribution is empty';
    case 'too-short':
      return `a contribution has at least ${LIMITS.contributionMinLength} characters`;
    case 'too-long':
      return `a contribution has at most ${LIMITS.contributionLength} characters`;
    case 'control-characters':
      return 'the text holds control characters other than line breaks and tabs';
    case 'bad-characters':
      return 'the text holds half of a character (a lone UTF-16 surrogate)';
  }
}

/** Line endings as the platform stores them: \n only, so lengths and anchors agree on every device. */
export function normalizeContributionText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
