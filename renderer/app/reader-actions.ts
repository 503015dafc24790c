import { href } from './routes.js';
import type { ContributionId } from '../../shared/model/entities.js';

/**
 * The reader's keyboard actions, done through the screen's own controls (found
 * by their test ids), so a shortcut does exactly what the click does and the
 * reader's logic stays in one place.
 */

function items(): HTMLAnchorElement[] {
  return [
    ...document.querySelectorAll<HTMLAnchorElement>('[data-testid=contribution-list] [data-testid=contribution-item]'),
  ];
}

/** Opens the next (or previous) contribution of the list beside the reader; false when there is none. */
export function stepContribution(current: ContributionId | undefined, step: 1 | -1): boolean {
  const list = items();
  if (list.length === 0) return false;
  const index = list.findIndex((item) => item.dataset.contributionId === current);
  const next = index === -1 ? list[step === 1 ? 0 : list.length - 1] : list[index + step];
  const id = next?.dataset.contributionId;
  if (!next || !id) return false;
  const listHadFocus = list.some((item) => item === document.activeElement);
  window.location.hash = href({ name: 'contribution', id: id as ContributionId });
  next.scrollIntoView?.({ block: 'nearest' });
  if (listHadFocus) next.focus();
  return true;
}

function click(testId: string): boolean {
  const button = document.querySelector<HTMLButtonElement>(`[data-testid=${testId}]`);
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

export function highlightSelection(): boolean {
  return click('highlight-selection');
}

/** A note on the selection when there is one; else to the notes beside the text. */
export function noteOrNotes(): boolean {
  if (highlightSelection()) return true;
  const panel = document.querySelector<HTMLElement>('[data-testid=notes-panel]');
  if (!panel) return false;
  panel.tabIndex = -1;
  panel.focus();
  return true;
}

/** The next language version that exists (the switcher lists the ones to come as disabled). */
export function nextLanguageVersion(): boolean {
  const select = document.querySelector<HTMLSelectElement>('[data-testid=version-switcher]');
  if (!select) return false;
  const options = [...select.options].filter((option) => !option.disabled);
  const index = options.findIndex((option) => option.value === select.value);
  const next = options[(index + 1) % options.length];
  if (!next || next.value === select.value) return false;
  // The element's own value setter, then the event React listens to: the same path as a user's choice.
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, next.value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

export function toggleOriginal(): boolean {
  return click('show-original') || click('show-translation');
}
