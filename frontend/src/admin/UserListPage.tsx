import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission, ROLES, knownRole } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { CURSOR_PARAM, useUrlCursor, withoutCursor } from "../ui/cursor";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { Field } from "../ui/Field";
import { FlashNotice } from "../ui/Flash";
import { useFormat } from "../ui/format";
import { AdminNav } from "./AdminNav";
import { MunicipalitySelect } from "./MunicipalitySelect";
import type { User } from "./model";
import { useMunicipalities, useUsers } from "./queries";
import type { UserQuery } from "./queries";
import { paths } from "../paths";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function UserListPage() {
  const { t } = useTranslation("admin");
  const { t: tApp } = useTranslation();
  const { can } = useSession();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const paging = useUrlCursor();
  const allMunicipalities = can(Permission.usersAnyMunicipality);
  const municipalities = useMunicipalities();
  useDocumentTitle(t("parts.users"));

  const role = knownRole(params.get("role"));
  const municipality = params.get("municipality");
  const query: UserQuery = { limit: 50 };
  if (role) query.role = role;
  if (allMunicipalities && municipality && UUID.test(municipality)) query.municipality_id = municipality;
  const cursor = params.get(CURSOR_PARAM);
  if (cursor) query.cursor = cursor;
  const users = useUsers(query);
  const names = new Map((municipalities.data ?? []).map((item) => [item.id, item.name]));

  function setFilter(name: string, value: string) {
    const next = withoutCursor(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  }

  const columns: Column<User>[] = [
    {
      key: "name",
      header: t("users.name"),
      rowHeader: true,
      cell: (user) => <Link to={paths.administration.user(user.id)}>{user.full_name}</Link>,
    },
    { key: "email", header: t("users.email"), cell: (user) => user.email },
    { key: "role", header: t("users.role"), cell: (user) => tApp(`roles.${user.role}`) },
    ...(allMunicipalities
      ? [{ key: "municipality", header: t("common.municipality"), cell: (user: User) => names.get(user.municipality_id) ?? "" }]
      : []),
    {
      key: "status",
      header: t("common.status"),
      cell: (user) =>
        user.is_active ? <Badge tone="success">{t("common.active")}</Badge> : <Badge tone="danger">{t("common.inactive")}</Badge>,
    },
    { key: "created", header: t("common.created"), cell: (user) => format.date(user.created_at) },
  ];

  return (
    <div className="admin-page">
      <AdminNav />
      <div className="page-heading">
        <h1>{t("parts.users")}</h1>
        <Link className="button button-primary" to={paths.administration.createUser}>
          {t("users.new")}
        </Link>
      </div>
      <FlashNotice />
      <form className="filter-bar" aria-label={t("users.filters")} onSubmit={(event) => event.preventDefault()}>
        <Field id="users-role" label={t("users.role")}>
          {(control) => (
            <select {...control} value={role ?? ""} onChange={(event) => setFilter("role", event.target.value)}>
              <option value="">{t("common.all")}</option>
              {ROLES.map((item) => (
                <option key={item} value={item}>
                  {tApp(`roles.${item}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {allMunicipalities && (
          <MunicipalitySelect
            id="users-municipality"
            label={t("common.municipality")}
            value={municipality ?? ""}
            onChange={(value) => setFilter("municipality", value)}
            emptyLabel={t("common.allMunicipalities")}
          />
        )}
      </form>
      <PagedTable
        list={users}
        paging={paging}
        columns={columns}
        texts="admin:users"
      />
    </div>
  );
}
