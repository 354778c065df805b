import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { errorFor } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { revokeCertificate } from "./queries";
import type { Certificate } from "./queries";
import { useCheckedWrite } from "./useCheckedWrite";

/** Revokes a certificate with the reason (kept in the record; the public check then says "revoked"). */
export function RevokeDialog({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useTranslation("trainings");
  const [reason, setReason] = useState("");
  const revoke = useCheckedWrite(
    "CertificateRevoke",
    (body: { reason: string }) => revokeCertificate(certificate, body.reason),
    { extra: (body) => (body.reason.trim() ? [] : [{ path: "reason", message: t("certificates.reasonMissing") }]) },
  );
  const errors = revoke.errors;
  return (
    <FormDialog
      title={t("certificates.revokeTitle", { number: certificate.number })}
      submitLabel={t("certificates.revokeConfirm")}
      busy={revoke.busy}
      error={errors?.general}
      onSubmit={() => revoke.submit({ reason }, onClose)}
      onClose={onClose}
    >
      <p>{t("certificates.revokeText", { name: certificate.participant_name })}</p>
      <Field
        id="revoke-reason"
        label={t("certificates.reason")}
        required
        error={errorFor(errors, "reason")}
        length={{ value: reason, max: maxLengthOf("CertificateRevoke", "reason") }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={reason}
            data-autofocus
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
