import type { LucideIcon } from 'lucide-react';
import { Button, ToggleButton, Tooltip, TooltipTrigger } from 'react-aria-components';

/**
 * A toolbar's button: an icon, its name (shown beside the icon, or as the
 * button's accessible name and a tooltip on hover and keyboard focus, never
 * the icon alone), and, for a format, its on/off state.
 */
export function ToolButton({
  label,
  icon: Icon,
  onPress,
  selected,
  showLabel = false,
  shortcut,
  testId,
  disabled = false,
}: {
  label: string;
  icon: LucideIcon;
  /** Left out inside a menu trigger, which presses it itself. */
  onPress?(): void;
  /** A format's state: makes it a toggle button (aria-pressed). */
  selected?: boolean;
  /** The name beside the icon, for the few actions a toolbar spells out. */
  showLabel?: boolean;
  /** How the keyboard does the same, for the tooltip ("Ctrl+B"). */
  shortcut?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const content = (
    <>
      <Icon className="icon" aria-hidden="true" />
      {showLabel ? <span className="tool-label">{label}</span> : null}
    </>
  );
  const common = {
    className: showLabel ? 'tool-button tool-button-labelled' : 'tool-button',
    'aria-label': showLabel ? undefined : label,
    'data-testid': testId,
    isDisabled: disabled,
  };
  const button =
    selected === undefined ? (
      <Button {...common} onPress={onPress}>
        {content}
      </Button>
    ) : (
      <ToggleButton {...common} isSelected={selected} onChange={() => onPress?.()}>
        {content}
      </ToggleButton>
    );
  // A name already on screen needs no tooltip repeating it.
  if (showLabel) return button;
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      {button}
      <Tooltip className="tooltip" offset={6}>
        {label}
        {shortcut ? <kbd className="tooltip-kbd">{shortcut}</kbd> : null}
      </Tooltip>
    </TooltipTrigger>
  );
}
