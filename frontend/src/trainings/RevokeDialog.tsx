import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { errorFor, formErrorsOf } from "../ui/problems";
import { revokeCertificate, useTrainingWrite } from "./queries";
import type { Certificate } from "./queries";

/** Revokes a certificate with the reason (kept in the record; the public check then says "revoked"). */
export function RevokeDialog({ certificate, onClose }: { certificate: Certificate; onClose: () => void }) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const revoke = useTrainingWrite((text: string) => revokeCertificate(certificate, text));
  const errors = revoke.isError ? formErrorsOf(revoke.error, tUi) : null;
  return (
    <FormDialog
      title={t("certificates.revokeTitle", { number: certificate.number })}
      submitLabel={t("certificates.revokeConfirm")}
      busy={revoke.isPending}
      error={errors?.general}
      onSubmit={() => {
        if (!reason.trim()) setMissing(true);
        else revoke.mutate(reason, { onSuccess: onClose });
      }}
      onClose={onClose}
    >
      <p>{t("certificates.revokeText", { name: certificate.participant_name })}</p>
      <Field
        id="revoke-reason"
        label={t("certificates.reason")}
        required
        error={missing && !reason.trim() ? t("certificates.reasonMissing") : errorFor(errors, "reason")}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={500}
            value={reason}
            data-autofocus
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
    </FormDialog>
  );
}
