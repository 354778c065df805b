import { useId } from "react";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "./Dialog";

interface FormDialogProps {
  title: ReactNode;
  submitLabel: string;
  /** The write is under way: the buttons wait. */
  busy: boolean;
  /** Why the write failed, for the form as a whole (field errors sit at their fields). */
  error?: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** A small form in a modal dialog (add a module, plan a session day): save or cancel. */
export function FormDialog({ title, submitLabel, busy, error, onSubmit, onClose, children }: FormDialogProps) {
  const { t } = useTranslation("ui");
  const formId = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) onSubmit();
  }
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      dismissible={!busy}
      actions={
        <>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            {busy ? t("saving") : submitLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
            {t("cancel")}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={submit} noValidate aria-busy={busy}>
        {children}
      </form>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
