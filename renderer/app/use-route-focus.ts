import { useEffect, useRef } from 'react';

/**
 * Focus never lost after a route change: when the element that had focus went
 * away with the old screen (focus fell back to <body>), it moves to the main
 * region, which a screen reader then reads from. Focus still on something that
 * stayed (the contribution list of the three-pane reader) is left where it is.
 */
export function useRouteFocus(routeKey: string, mainId = 'main'): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // After the new screen's first paint, when the old elements are gone.
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      document.getElementById(mainId)?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [routeKey, mainId]);
}
