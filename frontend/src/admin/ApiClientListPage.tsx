import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { CURSOR_PARAM, useUrlCursor, withoutCursor } from "../ui/cursor";
import { ConfirmDialog } from "../ui/Dialog";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field, FieldGroup } from "../ui/Field";
import { useFormat } from "../ui/format";
import { errorFor, formErrorsOf, problemMessage } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { AdminNav } from "./AdminNav";
import { MunicipalitySelect } from "./MunicipalitySelect";
import { SecretDialog } from "./SecretDialog";
import { CLIENT_SCOPES, scopeKey } from "./model";
import type { ApiClient, ApiClientWithSecret, ClientScope } from "./model";
import { useApiClients, useCreateApiClient, useMunicipalities, useRevokeApiClient, useRotateSecret } from "./queries";
import type { ApiClientQuery } from "./queries";

type Pending = { kind: "rotate" | "revoke"; client: ApiClient };

export default function ApiClientListPage() {
  const { t } = useTranslation("admin");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const paging = useUrlCursor();
  const includeRevoked = params.get("revoked") === "true";
  const query: ApiClientQuery = { limit: 50, include_revoked: includeRevoked };
  const cursor = params.get(CURSOR_PARAM);
  if (cursor) query.cursor = cursor;
  const clients = useApiClients(query);
  const municipalities = useMunicipalities();
  const rotate = useRotateSecret();
  const revoke = useRevokeApiClient();
  const [secret, setSecret] = useState<ApiClientWithSecret | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [announcement, setAnnouncement] = useState("");
  useDocumentTitle(t("parts.apiClients"));

  const names = new Map((municipalities.data ?? []).map((item) => [item.id, item.name]));
  const action = pending?.kind === "rotate" ? rotate : revoke;

  function confirm() {
    if (!pending) return;
    const { client, kind } = pending;
    const done = {
      onSuccess: (result: ApiClient | ApiClientWithSecret) => {
        setPending(null);
        if (kind === "rotate") {
          setSecret(result as ApiClientWithSecret);
          // The secret lives in the dialog only, not in the mutation's memory.
          rotate.reset();
        } else {
          setAnnouncement(t("apiClients.revoked", { name: client.name }));
        }
      },
    };
    if (kind === "rotate") rotate.mutate({ id: client.id, version: client.version }, done);
    else revoke.mutate({ id: client.id, version: client.version }, done);
  }

  const columns: Column<ApiClient>[] = [
    { key: "name", header: t("apiClients.name"), rowHeader: true, cell: (client) => client.name },
    { key: "municipality", header: t("common.municipality"), cell: (client) => names.get(client.municipality_id) ?? "" },
    {
      key: "scopes",
      header: t("apiClients.scopes"),
      cell: (client) => client.scopes.map((scope) => t(scopeKey(scope) as "scopes.cases_read", { defaultValue: scope })).join(", "),
    },
    {
      key: "status",
      header: t("common.status"),
      cell: (client) =>
        client.is_active ? (
          <Badge tone="success">{t("common.active")}</Badge>
        ) : (
          <Badge tone="danger">{t("apiClients.revokedAt", { date: format.date(client.revoked_at) })}</Badge>
        ),
    },
    {
      key: "used",
      header: t("apiClients.lastUsed"),
      cell: (client) => (client.last_used_at ? format.dateTime(client.last_used_at) : t("apiClients.never")),
    },
    {
      key: "actions",
      header: t("apiClients.actions"),
      cell: (client) =>
        client.is_active ? (
          <div className="actions-cell">
            <button type="button" className="button button-secondary" onClick={() => setPending({ kind: "rotate", client })}>
              {t("apiClients.rotate")}
              <span className="visually-hidden"> ({client.name})</span>
            </button>
            <button type="button" className="button button-secondary" onClick={() => setPending({ kind: "revoke", client })}>
              {t("apiClients.revoke")}
              <span className="visually-hidden"> ({client.name})</span>
            </button>
          </div>
        ) : null,
    },
  ];

  function showRevoked(on: boolean) {
    const next = withoutCursor(params);
    if (on) next.set("revoked", "true");
    else next.delete("revoked");
    setParams(next);
  }

  return (
    <div className="admin-page">
      <AdminNav />
      <h1>{t("parts.apiClients")}</h1>
      <p className="lead">{t("partIntro.apiClients")}</p>
      <p role="status" className={announcement ? "notice notice-info" : "visually-hidden"}>
        {announcement}
      </p>
      <div className="check">
        <input id="clients-revoked" type="checkbox" checked={includeRevoked} onChange={(event) => showRevoked(event.target.checked)} />
        <label htmlFor="clients-revoked">{t("apiClients.includeRevoked")}</label>
      </div>
      <PagedTable
        list={clients}
        paging={paging}
        columns={columns}
        texts="admin:apiClients"
      />
      <CreateClientForm onCreated={setSecret} />
      <SecretDialog
        client={secret ? { id: secret.id, name: secret.name, secret: secret.client_secret } : null}
        onClose={() => setSecret(null)}
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === "rotate" ? t("apiClients.rotateConfirmTitle") : t("apiClients.revokeConfirmTitle")}
        confirmLabel={pending?.kind === "rotate" ? t("apiClients.rotate") : t("apiClients.revoke")}
        cancelLabel={tUi("cancel")}
        busy={action.isPending}
        error={action.isError ? problemMessage(action.error, tUi) : null}
        onConfirm={confirm}
        onCancel={() => {
          setPending(null);
          rotate.reset();
          revoke.reset();
        }}
      >
        {pending && (
          <p>
            {pending.kind === "rotate"
              ? t("apiClients.rotateConfirm", { name: pending.client.name })
              : t("apiClients.revokeConfirm", { name: pending.client.name })}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** A new client; the secret the API returns goes straight into the one-time dialog, nowhere else. */
function CreateClientForm({ onCreated }: { onCreated: (client: ApiClientWithSecret) => void }) {
  const { t } = useTranslation("admin");
  const { t: tUi } = useTranslation("ui");
  const create = useCreateApiClient();
  const [name, setName] = useState("");
  const [municipality, setMunicipality] = useState("");
  const [scopes, setScopes] = useState<ClientScope[]>([]);
  const [errors, setErrors] = useState<FormErrors | null>(null);

  const labels: Record<string, string> = {
    name: t("apiClients.name"),
    municipality_id: t("common.municipality"),
    scopes: t("apiClients.scopes"),
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors(null);
    create.mutate(
      { name: name.trim(), municipality_id: municipality, scopes },
      {
        onSuccess: (client) => {
          setName("");
          setMunicipality("");
          setScopes([]);
          onCreated(client);
          create.reset();
        },
        onError: (error) => setErrors(formErrorsOf(error, tUi)),
      },
    );
  }

  return (
    <section className="panel create-client" aria-labelledby="create-client-title">
      <h2 id="create-client-title">{t("apiClients.new")}</h2>
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={create.isPending}>
        <ErrorSummary
          errors={errors}
          controlId={(path) => `client-${path.split(".")[0]}`}
          label={(path) => labels[path.split(".")[0] ?? ""] ?? path}
        />
        <div className="form-grid">
          <Field id="client-name" label={labels.name} error={errorFor(errors, "name")} required>
            {(control) => <input {...control} type="text" autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />}
          </Field>
          <MunicipalitySelect
            id="client-municipality_id"
            label={labels.municipality_id!}
            value={municipality}
            onChange={setMunicipality}
            emptyLabel={t("common.choose")}
            error={errorFor(errors, "municipality_id")}
            required
          />
          <FieldGroup
            id="client-scopes"
            legend={labels.scopes}
            hint={t("apiClients.scopesHint")}
            error={errorFor(errors, "scopes")}
            className="field-wide"
          >
            <div className="scope-list">
              {CLIENT_SCOPES.map((scope) => (
                <div key={scope} className="check">
                  <input
                    id={`client-scope-${scope.replace(":", "-")}`}
                    type="checkbox"
                    checked={scopes.includes(scope)}
                    onChange={(event) =>
                      setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((item) => item !== scope))
                    }
                  />
                  <label htmlFor={`client-scope-${scope.replace(":", "-")}`}>
                    {t(scopeKey(scope) as "scopes.cases_read")} <code className="code">{scope}</code>
                  </label>
                </div>
              ))}
            </div>
          </FieldGroup>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? t("apiClients.creating") : t("apiClients.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
