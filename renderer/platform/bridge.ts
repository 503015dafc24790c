import type { SeminarBridge } from '../../shared/bridge.js';
import { createBrowserBridge } from './browser-bridge.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer runs as a web page. */
    seminar?: SeminarBridge;
  }
}

let cached: SeminarBridge | undefined;

/** The shell's bridge: the preload's in the desktop app, the browser version otherwise. */
export function getBridge(): SeminarBridge {
  cached ??= window.seminar ?? createBrowserBridge(window);
  return cached;
}
