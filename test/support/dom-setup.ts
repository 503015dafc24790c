import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { changeLanguage, initI18n } from '../../renderer/i18n/index.js';

// jsdom lays nothing out: give elements a size so the virtualised list renders rows.
for (const [name, value] of [
  ['offsetHeight', 800],
  ['offsetWidth', 1000],
  ['clientHeight', 800],
  ['clientWidth', 1000],
] as const) {
  Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
}
HTMLElement.prototype.getBoundingClientRect = function () {
  return { x: 0, y: 0, top: 0, left: 0, bottom: 800, right: 1000, width: 1000, height: 800, toJSON: () => ({}) };
};

beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  cleanup();
  window.location.hash = '';
  await changeLanguage('en');
});
