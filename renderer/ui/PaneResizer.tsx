import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

const STEP = 16;

/**
 * The handle between two panes: drag it, or focus it and use the arrow keys
 * (Home/End for the limits). A window splitter in ARIA's terms, so screen
 * readers announce the width. `width` is the pane before the handle, in the
 * reading direction (in right-to-left, dragging leftwards widens it), or the
 * pane after it when `after` is set (a side pane at the window's end).
 */
export function PaneResizer({
  label,
  width,
  min,
  max,
  onResize,
  controls,
  after = false,
}: {
  label: string;
  width: number;
  min: number;
  max: number;
  onResize(width: number): void;
  controls?: string;
  after?: boolean;
}) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const clamp = (value: number) => Math.round(Math.min(max, Math.max(min, value)));
  const rtl = () => document.documentElement.dir === 'rtl';
  // +1 when moving the handle towards the reading direction's end widens the pane.
  const sense = () => (rtl() ? -1 : 1) * (after ? -1 : 1);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    start.current = { x: event.clientX, width };
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    const delta = (event.clientX - start.current.x) * sense();
    onResize(clamp(start.current.width + delta));
  };
  const onPointerUp = () => {
    start.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Arrow keys move the handle where it points on screen: in RTL, ArrowLeft widens the pane before it.
    const sign = sense();
    const next =
      event.key === 'ArrowRight'
        ? width + STEP * sign
        : event.key === 'ArrowLeft'
          ? width - STEP * sign
          : event.key === 'Home'
            ? min
            : event.key === 'End'
              ? max
              : null;
    if (next === null) return;
    event.preventDefault();
    onResize(clamp(next));
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(width)}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-controls={controls}
      tabIndex={0}
      className="pane-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
