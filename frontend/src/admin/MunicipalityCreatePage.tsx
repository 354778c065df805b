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
import { Field } from "../ui/Field";
import { flash } from "../ui/Flash";
import { useDraftState } from "../ui/drafts";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { AdminNav } from "./AdminNav";
import { adminKeys, createMunicipality } from "./queries";
import { paths } from "../paths";

interface NewMunicipality {
  name: string;
  slug: string;
  official_key: string;
  state: string;
}

const FIELDS = ["name", "slug", "official_key", "state"] as const;

export default function MunicipalityCreatePage() {
  const { t } = useTranslation("admin");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useDraftState<NewMunicipality>(user?.id ?? "", "municipality-new", () => ({
    name: "",
    slug: "",
    official_key: "",
    state: "Thüringen",
  }));
  const values = form.value;
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(t("municipalities.createTitle"));

  const labels: Record<(typeof FIELDS)[number], string> = {
    name: t("municipalities.name"),
    slug: t("municipalities.slug"),
    official_key: t("municipalities.officialKey"),
    state: t("municipalities.state"),
  };
  const hints: Partial<Record<(typeof FIELDS)[number], string>> = {
    slug: t("municipalities.slugHint"),
    official_key: t("municipalities.officialKeyHint"),
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(null);
    try {
      const created = await createMunicipality({
        name: values.name.trim(),
        slug: values.slug.trim(),
        official_key: values.official_key.trim() || null,
        state: values.state.trim() || null,
      });
      form.clear();
      await queryClient.invalidateQueries({ queryKey: adminKeys.municipalities });
      navigate(paths.administration.municipality(created.id), { state: flash(t("common.createdNotice")) });
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
      setSaving(false);
    }
  }

  return (
    <div className="admin-page">
      <AdminNav />
      <p>
        <Link to={paths.administration.municipalities}>{t("common.back")}</Link>
      </p>
      <h1>{t("municipalities.createTitle")}</h1>
      <form className="form form-panel" onSubmit={onSubmit} noValidate aria-busy={saving}>
        {form.restored && <DraftNotice savedAt={form.restored.savedAt} onDiscard={form.discard} />}
        <ErrorSummary errors={errors} controlId={(path) => `municipality-${path}`} label={(path) => labels[path as keyof typeof labels] ?? path} />
        <div className="form-grid">
          {FIELDS.map((name) => (
            <Field
              key={name}
              id={`municipality-${name}`}
              label={labels[name]}
              hint={hints[name]}
              error={errorFor(errors, name)}
              required={name === "name" || name === "slug"}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  autoComplete="off"
                  inputMode={name === "official_key" ? "numeric" : undefined}
                  value={values[name]}
                  onChange={(event) => form.setValue({ ...values, [name]: event.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
        <FormActions saving={saving} cancelTo={paths.administration.municipalities} />
      </form>
    </div>
  );
}
