/** Where and how big the window was when last closed (kept by settings-store.ts). */
export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Smallest window the layout is usable in. */
export const MIN_WINDOW = { width: 640, height: 480 } as const;
/** How much of the window's top must be on a screen for the user to grab and move it. */
const GRAB = { width: 120, height: 40 } as const;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved window state, made safe for the screens attached now: a window
 * left on a monitor since unplugged (or a corrupt settings file) would open
 * out of sight. The position is kept only if the window's title bar is on
 * some screen's work area; otherwise the window opens centred (no x, y). Its
 * size never exceeds the work area it opens on, nor falls under the minimum.
 */
export function fitWindowState(saved: Partial<WindowState>, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  let width = finite(saved.width) ? Math.round(saved.width) : DEFAULT_WINDOW_STATE.width;
  let height = finite(saved.height) ? Math.round(saved.height) : DEFAULT_WINDOW_STATE.height;
  const maximized = saved.maximized === true;
  let area = primary;
  let position: { x: number; y: number } | undefined;
  if (finite(saved.x) && finite(saved.y)) {
    const titleBar = { x: Math.round(saved.x), y: Math.round(saved.y), width, height: GRAB.height };
    const home = workAreas.find((candidate) => {
      const seen = overlap(titleBar, candidate);
      return seen.width >= Math.min(GRAB.width, width) && seen.height >= GRAB.height;
    });
    if (home) {
      area = home;
      position = { x: titleBar.x, y: titleBar.y };
    }
  }
  if (area) {
    width = Math.min(width, area.width);
    height = Math.min(height, area.height);
  }
  width = Math.max(width, Math.min(MIN_WINDOW.width, area?.width ?? MIN_WINDOW.width));
  height = Math.max(height, Math.min(MIN_WINDOW.height, area?.height ?? MIN_WINDOW.height));
  return { width, height, maximized, ...(position ?? {}) };
}
