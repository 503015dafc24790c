import { describe, expect, it } from 'vitest';
import { fitWindowState } from '../../electron/main/window-state.js';

const laptop = { x: 0, y: 0, width: 1280, height: 800 };
// A second monitor to the right, as when the laptop is docked.
const monitor = { x: 1280, y: 0, width: 1920, height: 1080 };

describe('the remembered window state', () => {
  it('comes back where it was when that screen is still there', () => {
    expect(fitWindowState({ width: 1400, height: 900, x: 1500, y: 100, maximized: false }, [laptop, monitor])).toEqual({
      width: 1400,
      height: 900,
      x: 1500,
      y: 100,
      maximized: false,
    });
  });

  it('opens centred, and fits the screen, when its monitor has been unplugged', () => {
    expect(fitWindowState({ width: 1400, height: 900, x: 1500, y: 100, maximized: true }, [laptop])).toEqual({
      width: 1280,
      height: 800,
      maximized: true,
    });
  });

  it('is not kept off screen by a sliver of window, nor above the top', () => {
    // Only 20 px of its title bar would be on the laptop: too little to grab.
    expect(fitWindowState({ width: 1000, height: 700, x: 1260, y: 0, maximized: false }, [laptop])).not.toHaveProperty(
      'x',
    );
    expect(
      fitWindowState({ width: 1000, height: 700, x: 100, y: -500, maximized: false }, [laptop]),
    ).not.toHaveProperty('y');
    // Partly off the right edge but grabbable: the user put it there; keep it.
    expect(fitWindowState({ width: 1000, height: 700, x: 900, y: 50, maximized: false }, [laptop])).toMatchObject({
      x: 900,
      y: 50,
    });
  });

  it('survives a corrupt or hand-edited settings file', () => {
    expect(
      fitWindowState({ width: Number.NaN, height: -5, x: Infinity, y: 3, maximized: 'yes' as never }, [laptop]),
    ).toEqual({ width: 1280, height: 480, maximized: false });
    expect(fitWindowState({ width: 10, height: 10 }, [laptop])).toEqual({ width: 640, height: 480, maximized: false });
  });

  it('opens with the defaults when the system reports no screen', () => {
    expect(fitWindowState({}, [])).toEqual({ width: 1280, height: 800, maximized: false });
  });
});
