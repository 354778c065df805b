import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { FlashNotice } from "../ui/Flash";
import { AdminNav } from "./AdminNav";
import type { Municipality } from "./model";
import { useMunicipalities } from "./queries";
import { QueryStatus } from "../ui/QueryStatus";
import { paths } from "../paths";

/** All municipalities: few enough (a district's) to list on one page. */
export default function MunicipalityListPage() {
  const { t } = useTranslation("admin");
  const query = useMunicipalities();
  useDocumentTitle(t("parts.municipalities"));

  const columns: Column<Municipality>[] = [
    {
      key: "name",
      header: t("municipalities.name"),
      rowHeader: true,
      cell: (item) => <Link to={paths.administration.municipality(item.id)}>{item.name}</Link>,
    },
    { key: "slug", header: t("municipalities.slug"), cell: (item) => <code>{item.slug}</code> },
    { key: "key", header: t("municipalities.officialKey"), cell: (item) => item.official_key ?? "" },
    { key: "state", header: t("municipalities.state"), cell: (item) => item.state ?? "" },
    {
      key: "status",
      header: t("common.status"),
      cell: (item) =>
        item.is_active ? <Badge tone="success">{t("common.active")}</Badge> : <Badge tone="danger">{t("common.inactive")}</Badge>,
    },
  ];

  return (
    <div className="admin-page">
      <AdminNav />
      <div className="page-heading">
        <h1>{t("parts.municipalities")}</h1>
        <Link className="button button-primary" to={paths.administration.createMunicipality}>
          {t("municipalities.new")}
        </Link>
      </div>
      <FlashNotice />
      <QueryStatus query={query} />
      {query.data && (
        <DataTable
          caption={t("municipalities.caption")}
          captionHidden
          columns={columns}
          rows={query.data}
          rowKey={(item) => item.id}
          empty={t("municipalities.empty")}
        />
      )}
    </div>
  );
}
