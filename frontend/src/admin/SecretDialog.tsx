import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../ui/Dialog";

interface SecretDialogProps {
  /** The client the secret belongs to; null: the dialog is closed. */
  client: { id: string; name: string; secret: string } | null;
  onClose: () => void;
}

/**
 * Shows an API client's secret the one time the API returns it. It stays open until the user
 * confirms that they stored the secret; once closed, the secret is gone from the page.
 */
export function SecretDialog({ client, onClose }: SecretDialogProps) {
  const { t } = useTranslation("admin");
  const [stored, setStored] = useState(false);
  const [copy, setCopy] = useState<"copied" | "copyFailed" | null>(null);

  function close() {
    if (!stored) return;
    setStored(false);
    setCopy(null);
    onClose();
  }

  async function onCopy() {
    if (!client) return;
    try {
      await navigator.clipboard.writeText(client.secret);
      setCopy("copied");
    } catch {
      setCopy("copyFailed");
    }
  }

  return (
    <Dialog
      open={client !== null}
      title={client ? t("apiClients.secretTitle", { name: client.name }) : ""}
      onClose={close}
      dismissible={stored}
      actions={
        <button
          type="button"
          className="button button-primary"
          onClick={close}
          disabled={!stored}
          aria-describedby={stored ? undefined : "secret-close-hint"}
        >
          {t("apiClients.close")}
        </button>
      }
    >
      {client && (
        <>
          <p className="notice notice-warning" role="alert">
            {t("apiClients.secretWarning")}
          </p>
          <p>
            {t("apiClients.clientId")}: <code className="code">{client.id}</code>
          </p>
          <label htmlFor="client-secret" className="field-label">
            {t("apiClients.secret")}
          </label>
          <div className="secret-box">
            <input
              id="client-secret"
              type="text"
              readOnly
              value={client.secret}
              spellCheck={false}
              autoComplete="off"
              onFocus={(event) => event.target.select()}
              data-autofocus
            />
            <button type="button" className="button button-secondary" onClick={() => void onCopy()}>
              {t("apiClients.copy")}
            </button>
          </div>
          <p role="status" className={copy === "copyFailed" ? "field-error" : "muted"}>
            {copy && t(`apiClients.${copy}`)}
          </p>
          <div className="check">
            <input id="secret-stored" type="checkbox" checked={stored} onChange={(event) => setStored(event.target.checked)} />
            <label htmlFor="secret-stored">{t("apiClients.acknowledge")}</label>
          </div>
          {!stored && (
            <p id="secret-close-hint" className="field-hint">
              {t("apiClients.closeHint")}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}
