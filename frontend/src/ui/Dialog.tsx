import { useEffect, useId, useRef } from "react";
import type { ReactNode, SyntheticEvent } from "react";
import "./dialog.css";

interface DialogProps {
  open: boolean;
  title: ReactNode;
  /** Asked to close: Escape, or a button of the dialog. */
  onClose: () => void;
  /** False keeps the dialog open on Escape (e.g. until something was confirmed). */
  dismissible?: boolean;
  children: ReactNode;
  /** The buttons at the bottom. Mark the control to start on with `data-autofocus`. */
  actions: ReactNode;
}

/**
 * A modal dialog on the native `<dialog>`: the browser keeps focus inside, makes the page
 * behind inert, closes on Escape and returns focus to where it was.
 */
export function Dialog({ open, title, onClose, dismissible = true, children, actions }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // Older engines (and the test DOM) lack showModal; the dialog then opens in place.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      // Start where the dialog says (e.g. on "cancel"), not on its first button.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);

  function onCancel(event: SyntheticEvent<HTMLDialogElement>) {
    event.preventDefault();
    if (dismissible) onClose();
  }

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={onCancel}>
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <div className="dialog-body">{children}</div>
          <div className="button-row dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** The action is under way: both buttons wait. */
  busy?: boolean;
  /** Why the action failed, shown in the dialog. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before an action that cannot be undone (delete, revoke). Focus starts on "cancel". */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy,
  error,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      dismissible={!busy}
      actions={
        <>
          <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy} data-autofocus>
            {cancelLabel}
          </button>
        </>
      }
    >
      {children}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
