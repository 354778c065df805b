import { useTranslation } from "react-i18next";
import type { FieldSpec } from "./VersionedForm";
import type { IdentityProvider } from "./model";
import type { IdentityProviderCreate } from "./queries";

/** The roles a provider may grant: not `admin`, which acts for every municipality. */
export const MAPPED_ROLES = ["coordinator", "conflict_manager", "trainer", "steering_group"] as const;

/** The configuration as the form edits it: lists and the mapping as text. */
export type ProviderValues = {
  name: string;
  issuer: string;
  client_id: string;
  client_secret_ref: string;
  scopes: string;
  roles_claim: string;
  /** One `value = role` per line. */
  role_mapping: string;
  provisioning: "create" | "pre_created";
  allowed_domains: string;
  sso_only: boolean;
  is_enabled: boolean;
};

type Body = Omit<IdentityProviderCreate, "municipality_id">;

export const NEW_PROVIDER: ProviderValues = {
  name: "",
  issuer: "https://",
  client_id: "",
  client_secret_ref: "env:",
  scopes: "openid email profile",
  roles_claim: "roles",
  role_mapping: "",
  provisioning: "create",
  allowed_domains: "",
  sso_only: false,
  is_enabled: true,
};

export function valuesOf(provider: IdentityProvider): ProviderValues {
  return {
    name: provider.name,
    issuer: provider.issuer,
    client_id: provider.client_id,
    client_secret_ref: provider.client_secret_ref,
    scopes: provider.scopes.join(" "),
    roles_claim: provider.roles_claim,
    role_mapping: Object.entries(provider.role_mapping)
      .map(([value, role]) => `${value} = ${role}`)
      .join("\n"),
    provisioning: provider.provisioning,
    allowed_domains: provider.allowed_domains.join(" "),
    sso_only: provider.sso_only,
    is_enabled: provider.is_enabled,
  };
}

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function mappingOf(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.lastIndexOf("=");
    if (at > 0) mapping[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return mapping;
}

/** The fields given, in the API's shape (only those present: a save sends the changes). */
export function bodyOf(values: Partial<ProviderValues>): Partial<Body> {
  const body: Partial<Body> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === "scopes" || key === "allowed_domains") Object.assign(body, { [key]: words(String(value)) });
    else if (key === "role_mapping") body.role_mapping = mappingOf(String(value)) as Body["role_mapping"];
    else if (typeof value === "string") Object.assign(body, { [key]: value.trim() });
    else Object.assign(body, { [key]: value });
  }
  return body;
}

/** The fields of the form, for the create and the edit page alike. */
export function useProviderFields(): FieldSpec<ProviderValues>[] {
  const { t } = useTranslation("admin");
  const { t: tApp } = useTranslation();
  const text = (
    name: "name" | "issuer" | "client_id" | "client_secret_ref" | "scopes" | "roles_claim" | "allowed_domains",
    required = false,
  ): FieldSpec<ProviderValues> => ({
    name,
    label: t(`sso.fields.${name}`),
    hint: t(`sso.hints.${name}`, { defaultValue: "" }) || undefined,
    required,
    render: (control, values, set) => (
      <input
        {...control}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={values[name]}
        onChange={(event) => set({ [name]: event.target.value })}
      />
    ),
  });
  const check = (name: "sso_only" | "is_enabled"): FieldSpec<ProviderValues> => ({
    name,
    label: t(`sso.fields.${name}`),
    checkbox: true,
    show: (value) => (value ? t("sso.yes") : t("sso.no")),
    render: (control, values, set) => (
      <input {...control} type="checkbox" checked={values[name]} onChange={(event) => set({ [name]: event.target.checked })} />
    ),
  });
  return [
    text("name", true),
    text("issuer", true),
    text("client_id", true),
    text("client_secret_ref", true),
    text("scopes"),
    text("roles_claim", true),
    {
      name: "role_mapping",
      label: t("sso.fields.role_mapping"),
      hint: t("sso.hints.role_mapping", {
        roles: MAPPED_ROLES.map((role) => `${role} (${tApp(`roles.${role}`)})`).join(", "),
      }),
      required: true,
      render: (control, values, set) => (
        <textarea
          {...control}
          rows={4}
          spellCheck={false}
          value={values.role_mapping}
          onChange={(event) => set({ role_mapping: event.target.value })}
        />
      ),
    },
    {
      name: "provisioning",
      label: t("sso.fields.provisioning"),
      show: (value) => t(value === "pre_created" ? "sso.provisioning.pre_created" : "sso.provisioning.create"),
      render: (control, values, set) => (
        <select
          {...control}
          value={values.provisioning}
          onChange={(event) => set({ provisioning: event.target.value as ProviderValues["provisioning"] })}
        >
          <option value="create">{t("sso.provisioning.create")}</option>
          <option value="pre_created">{t("sso.provisioning.pre_created")}</option>
        </select>
      ),
    },
    text("allowed_domains"),
    check("sso_only"),
    check("is_enabled"),
  ];
}
