import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/** Where focus goes when the element that opened a dialog is gone (e.g. a fixed finding's card). */
const FALLBACK_FOCUS = '#main';

/**
 * A modal dialog on the native <dialog> element: showModal() makes the page
 * behind it inert and moves focus inside; Escape closes it (never applies).
 * Focus handling every dialog gets for free: it returns to the element that
 * had it before opening (or to the view, when that element is gone), and it
 * never falls out of the dialog when the button that had it is replaced
 * (Apply → Done): it moves to the footer's last enabled button.
 */
export function Dialog(props: { title: string; open: boolean; onClose(): void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  // Unique per dialog, so two mounted dialogs never share the id their name comes from.
  const titleId = useId();
  const { open, onClose } = props;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      const back = opener.current;
      opener.current = null;
      const target = back instanceof HTMLElement && back.isConnected && back !== document.body ? back : document.querySelector<HTMLElement>(FALLBACK_FOCUS);
      target?.focus();
    }
  }, [open]);

  // After every render: if the focused control was removed, keep focus in the dialog.
  // A layout effect, so it runs in the same task as the commit that removed the
  // control: a passive effect leaves a gap in which a Tab key press starts from <body>.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog?.open) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== dialog && dialog.contains(active)) return;
    const buttons = [...dialog.querySelectorAll<HTMLButtonElement>('.dialog-footer button:not(:disabled)')];
    (buttons.at(-1) ?? dialog).focus();
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    // Chromium may close a dialog on a second Escape without a cancel event: keep the state in step.
    // The close event is queued, so it can arrive after the dialog was opened again
    // (Escape, then at once a deep link): a dialog that is open now was not closed by it.
    const onNativeClose = () => {
      if (open && !dialog.open) onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
    };
  }, [onClose, open]);

  return (
    <dialog ref={ref} className={props.wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} tabIndex={-1}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{props.title}</h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
              ×
            </button>
          </header>
          <div className="dialog-body">{props.children}</div>
          {props.footer && <footer className="dialog-footer">{props.footer}</footer>}
        </>
      )}
    </dialog>
  );
}
