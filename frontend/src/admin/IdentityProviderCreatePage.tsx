import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { DraftNotice } from "../ui/DraftNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { FormActions } from "../ui/FormActions";
import { flash } from "../ui/Flash";
import { useDraftState } from "../ui/drafts";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { AdminNav } from "./AdminNav";
import { MunicipalitySelect } from "./MunicipalitySelect";
import { SpecFields } from "./VersionedForm";
import { NEW_PROVIDER, bodyOf, useProviderFields } from "./identityProviderForm";
import type { ProviderValues } from "./identityProviderForm";
import { adminKeys, createIdentityProvider } from "./queries";
import type { IdentityProviderCreate } from "./queries";
import { paths } from "../paths";

type NewProvider = ProviderValues & { municipality_id: string };

export default function IdentityProviderCreatePage() {
  const { t } = useTranslation("admin");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fields = useProviderFields();
  const form = useDraftState<NewProvider>(user?.id ?? "", "identity-provider-new", () => ({
    ...NEW_PROVIDER,
    municipality_id: "",
  }));
  const values = form.value;
  const set = (patch: Partial<NewProvider>) => form.setValue({ ...values, ...patch });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(t("sso.createTitle"));
  const controlId = (name: string) => `provider-${name}`;
  const label = (name: string) =>
    name === "municipality_id" ? t("common.municipality") : (fields.find((f) => f.name === name)?.label ?? name);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(null);
    try {
      const { municipality_id, ...rest } = values;
      const body = { ...bodyOf(rest), municipality_id } as IdentityProviderCreate;
      const created = await createIdentityProvider(body);
      form.clear();
      await queryClient.invalidateQueries({ queryKey: adminKeys.identityProviders });
      navigate(paths.administration.identityProvider(created.id), { state: flash(t("sso.createdNotice")) });
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
      setSaving(false);
    }
  }

  return (
    <div className="admin-page">
      <AdminNav />
      <p>
        <Link to={paths.administration.identityProviders}>{t("common.back")}</Link>
      </p>
      <h1>{t("sso.createTitle")}</h1>
      <form className="form form-panel" onSubmit={onSubmit} noValidate aria-busy={saving}>
        {form.restored && <DraftNotice savedAt={form.restored.savedAt} onDiscard={form.discard} />}
        <ErrorSummary errors={errors} controlId={controlId} label={label} />
        <div className="form-grid">
          <MunicipalitySelect
            id={controlId("municipality_id")}
            label={t("common.municipality")}
            value={values.municipality_id}
            onChange={(municipality_id) => set({ municipality_id })}
            emptyLabel={t("common.choose")}
            error={errorFor(errors, "municipality_id")}
            required
          />
          <SpecFields fields={fields} values={values} set={set} controlId={controlId} errors={errors} />
        </div>
        <FormActions saving={saving} cancelTo={paths.administration.identityProviders} />
      </form>
    </div>
  );
}
