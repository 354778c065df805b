import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import type { Role } from "../auth/permissions";
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
import { MunicipalitySelect } from "./MunicipalitySelect";
import { grantableRoles } from "./model";
import { adminKeys, createUser } from "./queries";
import { paths } from "../paths";

/** What the form keeps as a draft; never the password. */
interface NewUser {
  email: string;
  full_name: string;
  role: Role | "";
  municipality_id: string;
}

type UserField = "email" | "full_name" | "role" | "password" | "municipality_id";

export default function UserCreatePage() {
  const { t } = useTranslation("admin");
  const { t: tApp } = useTranslation();
  const { t: tUi } = useTranslation("ui");
  const { user, can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const anyMunicipality = can(Permission.usersAnyMunicipality);
  const form = useDraftState<NewUser>(user?.id ?? "", "user-new", () => ({
    email: "",
    full_name: "",
    role: "",
    municipality_id: "",
  }));
  const values = form.value;
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(t("users.createTitle"));

  const labels: Record<UserField, string> = {
    email: t("users.email"),
    full_name: t("users.name"),
    role: t("users.role"),
    password: t("users.password"),
    municipality_id: t("common.municipality"),
  };
  const set = (patch: Partial<NewUser>) => form.setValue({ ...values, ...patch });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(null);
    try {
      const created = await createUser({
        email: values.email.trim(),
        full_name: values.full_name.trim(),
        role: values.role as Role,
        password,
        ...(anyMunicipality && values.municipality_id ? { municipality_id: values.municipality_id } : {}),
      });
      form.clear();
      await queryClient.invalidateQueries({ queryKey: adminKeys.userLists });
      navigate(paths.administration.user(created.id), { state: flash(t("common.createdNotice")) });
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
      setSaving(false);
    }
  }

  return (
    <div className="admin-page">
      <AdminNav />
      <p>
        <Link to={paths.administration.users}>{t("common.back")}</Link>
      </p>
      <h1>{t("users.createTitle")}</h1>
      <form className="form form-panel" onSubmit={onSubmit} noValidate aria-busy={saving}>
        {form.restored && <DraftNotice savedAt={form.restored.savedAt} onDiscard={form.discard} />}
        <ErrorSummary
          errors={errors}
          controlId={(path) => `user-${path}`}
          label={(path) => labels[path as keyof typeof labels] ?? path}
        />
        <div className="form-grid">
          <Field id="user-full_name" label={labels.full_name} error={errorFor(errors, "full_name")} required>
            {(control) => (
              <input {...control} type="text" autoComplete="off" value={values.full_name} onChange={(event) => set({ full_name: event.target.value })} />
            )}
          </Field>
          <Field id="user-email" label={labels.email} error={errorFor(errors, "email")} required>
            {(control) => (
              <input {...control} type="email" autoComplete="off" value={values.email} onChange={(event) => set({ email: event.target.value })} />
            )}
          </Field>
          <Field id="user-role" label={labels.role} error={errorFor(errors, "role")} required>
            {(control) => (
              <select {...control} value={values.role} onChange={(event) => set({ role: event.target.value as Role })}>
                <option value="">{t("common.choose")}</option>
                {grantableRoles(anyMunicipality).map((role) => (
                  <option key={role} value={role}>
                    {tApp(`roles.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {anyMunicipality ? (
            <MunicipalitySelect
              id="user-municipality_id"
              label={labels.municipality_id}
              value={values.municipality_id}
              onChange={(value) => set({ municipality_id: value })}
              emptyLabel={t("common.choose")}
              error={errorFor(errors, "municipality_id")}
              required
            />
          ) : (
            <p className="muted field-wide">{t("users.ownMunicipality", { name: user?.municipality.name ?? "" })}</p>
          )}
          <Field id="user-password" label={labels.password} hint={t("users.passwordHint")} error={errorFor(errors, "password")} required>
            {(control) => (
              <input {...control} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
            )}
          </Field>
        </div>
        <FormActions saving={saving} cancelTo={paths.administration.users} />
      </form>
    </div>
  );
}
