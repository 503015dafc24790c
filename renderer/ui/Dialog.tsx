import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { X } from 'lucide-react';

/**
 * A modal dialog on React Aria's: focus trapped inside, Escape and a click
 * outside close it, and focus returns to what opened it.
 */
export function Dialog({
  isOpen,
  onClose,
  title,
  closeLabel,
  className = '',
  children,
  testId,
}: {
  isOpen: boolean;
  onClose(): void;
  title: string;
  closeLabel: string;
  className?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <ModalOverlay
      isOpen={isOpen}
      isDismissable
      onOpenChange={(open) => !open && onClose()}
      className="ui-modal-overlay"
    >
      <Modal className={`ui-modal ${className}`}>
        <AriaDialog className="ui-dialog" data-testid={testId}>
          <header className="ui-dialog-head">
            <Heading slot="title" className="ui-dialog-title">
              {title}
            </Heading>
            <button type="button" className="icon-button" aria-label={closeLabel} onClick={onClose}>
              <X className="icon" aria-hidden="true" />
            </button>
          </header>
          <div className="ui-dialog-body">{children}</div>
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
