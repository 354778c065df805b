import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import type { Role } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { Field } from "../ui/Field";
import { FlashNotice } from "../ui/Flash";
import { useFormat } from "../ui/format";
import { AdminNav } from "./AdminNav";
import { VersionedForm } from "./VersionedForm";
import type { FieldSpec } from "./VersionedForm";
import { grantableRoles } from "./model";
import type { User } from "./model";
import { adminKeys, fetchUser, updateUser, useMunicipalities, useUser } from "./queries";
import type { UserUpdate } from "./queries";
import { QueryStatus } from "../ui/QueryStatus";
import { paths } from "../paths";
import { SignInDelay } from "./SignInDelay";

type UserValues = { full_name: string; role: Role; is_active: boolean };

const valuesOf = (user: User): UserValues => ({ full_name: user.full_name, role: user.role, is_active: user.is_active });

export default function UserEditPage() {
  const { t } = useTranslation("admin");
  const { userId = "" } = useParams();
  const query = useUser(userId);
  const title = query.data ? t("users.editTitle", { name: query.data.full_name }) : t("parts.users");
  useDocumentTitle(title);
  return (
    <div className="admin-page">
      <AdminNav />
      <p>
        <Link to={paths.administration.users}>{t("common.back")}</Link>
      </p>
      <h1>{title}</h1>
      <FlashNotice />
      <QueryStatus query={query} />
      {query.data && <UserEditor key={query.data.id} user={query.data} />}
    </div>
  );
}

function UserEditor({ user }: { user: User }) {
  const { t } = useTranslation("admin");
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const municipalities = useMunicipalities();
  // The password is never kept in a draft: it lives outside the versioned values.
  const [password, setPassword] = useState("");
  const municipality = municipalities.data?.find((item) => item.id === user.municipality_id)?.name;
  const roles = grantableRoles(can(Permission.usersAnyMunicipality));

  const fields: FieldSpec<UserValues>[] = [
    {
      name: "full_name",
      label: t("users.name"),
      required: true,
      render: (control, values, set) => (
        <input {...control} type="text" value={values.full_name} onChange={(event) => set({ full_name: event.target.value })} />
      ),
    },
    {
      name: "role",
      label: t("users.role"),
      required: true,
      show: (value) => tApp(`roles.${value as Role}`),
      render: (control, values, set) => (
        <select {...control} value={values.role} onChange={(event) => set({ role: event.target.value as Role })}>
          {/* A role the editor may not grant stays visible as the current one. */}
          {[...new Set([values.role, ...roles])].map((role) => (
            <option key={role} value={role} disabled={!roles.includes(role)}>
              {tApp(`roles.${role}`)}
            </option>
          ))}
        </select>
      ),
    },
    {
      name: "is_active",
      label: t("users.isActive"),
      checkbox: true,
      show: (value) => (value ? t("common.active") : t("common.inactive")),
      render: (control, values, set) => (
        <input {...control} type="checkbox" checked={values.is_active} onChange={(event) => set({ is_active: event.target.checked })} />
      ),
    },
  ];

  return (
    <>
      <dl className="detail-list form-panel">
        <div className="detail-row">
          <dt>{t("users.email")}</dt>
          <dd>{user.email}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("common.municipality")}</dt>
          <dd>{municipality ?? ""}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("common.status")}</dt>
          <dd>{user.is_active ? <Badge tone="success">{t("common.active")}</Badge> : <Badge tone="danger">{t("common.inactive")}</Badge>}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("common.created")}</dt>
          <dd>{format.dateTime(user.created_at)}</dd>
        </div>
      </dl>
      <SignInDelay userId={user.id} />
      <VersionedForm<User, UserValues>
        record={user}
        draftName={`user-${user.id}`}
        valuesOf={valuesOf}
        fields={fields}
        fetchCurrent={() => fetchUser(user.id)}
        idPrefix="user"
        extraField="password"
        save={async (changes, version) => {
          const body: UserUpdate = { ...changes, ...(password ? { password } : {}) };
          const saved = await updateUser(user.id, version, body);
          setPassword("");
          await queryClient.invalidateQueries({ queryKey: adminKeys.userLists });
          queryClient.setQueryData(adminKeys.user(user.id), saved);
          return saved;
        }}
        savedMessage={t("common.saved")}
        extra={(errors) => (
          <Field id="user-password" label={t("users.newPassword")} hint={t("users.newPasswordHint")} error={errors}>
            {(control) => (
              <input {...control} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
            )}
          </Field>
        )}
        cancelTo={paths.administration.users}
      />
    </>
  );
}
