import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * Passing messages ("Note deleted · Undo", "Exported"), stacked in a corner
 * over the content. React Aria's toast queue does the hard parts: the region
 * is a landmark reached with F6, each toast is announced, its timer pauses
 * while the pointer is over the region or focus is in it, Escape or the close
 * button dismisses, and focus goes back where it was when the last one closes.
 * One queue for the app, so a screen adds a toast without owning where it shows.
 */
export type ToastTone = 'info' | 'success' | 'error';

export interface ToastMessage {
  text: string;
  tone?: ToastTone;
  /** One action that undoes or completes what the message says ("Undo"). */
  action?: { label: string; run(): void | Promise<void> };
  /** For tests: the toast element's data-testid. */
  testId?: string;
}

/** Long enough to read and reach with the keyboard; an action to take gets more time. */
export const TOAST_MS = 8_000;
export const TOAST_WITH_ACTION_MS = 15_000;
const MAX_VISIBLE = 4;

export const toastQueue = new ToastQueue<ToastMessage>({ maxVisibleToasts: MAX_VISIBLE });

/** Shows a toast; returns the function that closes it early (the undo done another way). */
export function showToast(message: ToastMessage, timeout?: number): () => void {
  const key = toastQueue.add(message, { timeout: timeout ?? (message.action ? TOAST_WITH_ACTION_MS : TOAST_MS) });
  return () => toastQueue.close(key);
}

const ICONS = { info: Info, success: CircleCheck, error: CircleAlert } as const;

export function Toasts() {
  const { t } = useTranslation();
  return (
    <ToastRegion queue={toastQueue} className="toast-region" aria-label={t('ui.toasts.region')}>
      {({ toast }) => {
        const { text, tone = 'info', action, testId } = toast.content;
        const Icon = ICONS[tone];
        return (
          <Toast toast={toast} className="toast" data-tone={tone} data-testid={testId ?? 'toast'}>
            <Icon className="icon toast-icon" aria-hidden="true" />
            <ToastContent className="toast-content">
              <Text slot="title" className="toast-text">
                {text}
              </Text>
            </ToastContent>
            {action ? (
              <Button
                className="toast-action"
                data-testid="toast-action"
                onPress={() => {
                  toastQueue.close(toast.key);
                  void action.run();
                }}
              >
                {action.label}
              </Button>
            ) : null}
            <Button slot="close" className="icon-button toast-close" aria-label={t('ui.toasts.close')}>
              <X className="icon" aria-hidden="true" />
            </Button>
          </Toast>
        );
      }}
    </ToastRegion>
  );
}
