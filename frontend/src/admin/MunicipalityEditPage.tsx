import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { FlashNotice } from "../ui/Flash";
import { AdminNav } from "./AdminNav";
import { VersionedForm } from "./VersionedForm";
import type { FieldSpec } from "./VersionedForm";
import type { Municipality } from "./model";
import { adminKeys, fetchMunicipality, updateMunicipality, useMunicipality } from "./queries";
import { QueryStatus } from "../ui/QueryStatus";
import { paths } from "../paths";

type MunicipalityValues = { name: string; official_key: string; state: string; is_active: boolean };

const valuesOf = (item: Municipality): MunicipalityValues => ({
  name: item.name,
  official_key: item.official_key ?? "",
  state: item.state ?? "",
  is_active: item.is_active,
});

export default function MunicipalityEditPage() {
  const { t } = useTranslation("admin");
  const { municipalityId = "" } = useParams();
  const query = useMunicipality(municipalityId);
  const title = query.data ? t("municipalities.editTitle", { name: query.data.name }) : t("parts.municipalities");
  useDocumentTitle(title);
  return (
    <div className="admin-page">
      <AdminNav />
      <p>
        <Link to={paths.administration.municipalities}>{t("common.back")}</Link>
      </p>
      <h1>{title}</h1>
      <FlashNotice />
      <QueryStatus query={query} />
      {query.data && (
        <>
          <p className="muted">
            {t("municipalities.slug")}: <code>{query.data.slug}</code>
          </p>
          <MunicipalityEditor key={query.data.id} municipality={query.data} />
        </>
      )}
    </div>
  );
}

function MunicipalityEditor({ municipality }: { municipality: Municipality }) {
  const { t } = useTranslation("admin");
  const queryClient = useQueryClient();
  const text = (name: "name" | "official_key" | "state", label: string, hint?: string): FieldSpec<MunicipalityValues> => ({
    name,
    label,
    hint,
    required: name === "name",
    render: (control, values, set) => (
      <input {...control} type="text" value={values[name]} onChange={(event) => set({ [name]: event.target.value })} />
    ),
  });
  const fields: FieldSpec<MunicipalityValues>[] = [
    text("name", t("municipalities.name")),
    text("official_key", t("municipalities.officialKey"), t("municipalities.officialKeyHint")),
    text("state", t("municipalities.state")),
    {
      name: "is_active",
      label: t("municipalities.isActive"),
      checkbox: true,
      show: (value) => (value ? t("common.active") : t("common.inactive")),
      render: (control, values, set) => (
        <input {...control} type="checkbox" checked={values.is_active} onChange={(event) => set({ is_active: event.target.checked })} />
      ),
    },
  ];
  return (
    <VersionedForm<Municipality, MunicipalityValues>
      record={municipality}
      draftName={`municipality-${municipality.id}`}
      valuesOf={valuesOf}
      fields={fields}
      fetchCurrent={() => fetchMunicipality(municipality.id)}
      idPrefix="municipality"
      save={async (changes, version) => {
        // Empty optional fields are cleared on the server.
        const body = Object.fromEntries(
          Object.entries(changes).map(([key, value]) => [key, value === "" ? null : value]),
        );
        const saved = await updateMunicipality(municipality.id, version, body);
        await queryClient.invalidateQueries({ queryKey: adminKeys.municipalities });
        queryClient.setQueryData(adminKeys.municipality(municipality.id), saved);
        return saved;
      }}
      savedMessage={t("common.saved")}
      cancelTo={paths.administration.municipalities}
    />
  );
}
