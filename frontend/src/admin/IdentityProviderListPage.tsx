import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { FlashNotice } from "../ui/Flash";
import { QueryStatus } from "../ui/QueryStatus";
import { AdminNav } from "./AdminNav";
import type { IdentityProvider } from "./model";
import { useIdentityProviders, useMunicipalities } from "./queries";
import { paths } from "../paths";

/** The municipalities' identity providers for single sign-on. */
export default function IdentityProviderListPage() {
  const { t } = useTranslation("admin");
  const query = useIdentityProviders();
  const municipalities = useMunicipalities();
  useDocumentTitle(t("parts.identityProviders"));
  const municipalityName = (id: string) => municipalities.data?.find((item) => item.id === id)?.name ?? "";

  const columns: Column<IdentityProvider>[] = [
    {
      key: "name",
      header: t("sso.fields.name"),
      rowHeader: true,
      cell: (item) => <Link to={paths.administration.identityProvider(item.id)}>{item.name}</Link>,
    },
    { key: "municipality", header: t("common.municipality"), cell: (item) => municipalityName(item.municipality_id) },
    { key: "issuer", header: t("sso.fields.issuer"), cell: (item) => <code className="break-anywhere">{item.issuer}</code> },
    {
      key: "status",
      header: t("common.status"),
      cell: (item) => (
        <>
          {item.is_enabled ? <Badge tone="success">{t("sso.enabled")}</Badge> : <Badge tone="danger">{t("sso.disabled")}</Badge>}{" "}
          {item.sso_only && <Badge tone="info">{t("sso.ssoOnly")}</Badge>}
        </>
      ),
    },
  ];

  return (
    <div className="admin-page">
      <AdminNav />
      <div className="page-heading">
        <h1>{t("parts.identityProviders")}</h1>
        <Link className="button button-primary" to={paths.administration.createIdentityProvider}>
          {t("sso.new")}
        </Link>
      </div>
      <p className="muted">{t("sso.intro")}</p>
      <FlashNotice />
      <QueryStatus query={query} />
      {query.data && (
        <DataTable
          caption={t("parts.identityProviders")}
          captionHidden
          columns={columns}
          rows={query.data}
          rowKey={(item) => item.id}
          empty={t("sso.empty")}
        />
      )}
    </div>
  );
}
