import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { FlashNotice } from "../ui/Flash";
import { QueryStatus } from "../ui/QueryStatus";
import { AdminNav } from "./AdminNav";
import { VersionedForm } from "./VersionedForm";
import { bodyOf, useProviderFields, valuesOf } from "./identityProviderForm";
import type { ProviderValues } from "./identityProviderForm";
import type { ConnectionTest, IdentityProvider } from "./model";
import { adminKeys, fetchIdentityProvider, updateIdentityProvider, useConnectionTest, useIdentityProvider } from "./queries";
import { paths } from "../paths";

export default function IdentityProviderEditPage() {
  const { t } = useTranslation("admin");
  const { providerId = "" } = useParams();
  const query = useIdentityProvider(providerId);
  const title = query.data ? t("sso.editTitle", { name: query.data.name }) : t("parts.identityProviders");
  useDocumentTitle(title);
  return (
    <div className="admin-page">
      <AdminNav />
      <p>
        <Link to={paths.administration.identityProviders}>{t("common.back")}</Link>
      </p>
      <h1>{title}</h1>
      <FlashNotice />
      <QueryStatus query={query} />
      {query.data && (
        <>
          <RegisterAtProvider provider={query.data} />
          <ConnectionTestPanel providerId={query.data.id} />
          <ProviderEditor key={query.data.id} provider={query.data} />
        </>
      )}
    </div>
  );
}

/** The addresses the provider's administrators register for this configuration. */
function RegisterAtProvider({ provider }: { provider: IdentityProvider }) {
  const { t } = useTranslation("admin");
  return (
    <section className="form-panel" aria-labelledby="sso-register">
      <h2 id="sso-register">{t("sso.registerTitle")}</h2>
      <dl className="detail-list">
        <dt>{t("sso.redirectUri")}</dt>
        <dd>
          <code className="break-anywhere">{provider.redirect_uri}</code>
        </dd>
        <dt>{t("sso.backchannelUri")}</dt>
        <dd>
          <code className="break-anywhere">{provider.backchannel_logout_uri}</code>
        </dd>
      </dl>
    </section>
  );
}

function ConnectionTestPanel({ providerId }: { providerId: string }) {
  const { t } = useTranslation("admin");
  const test = useConnectionTest(providerId);
  return (
    <section className="form-panel" aria-labelledby="sso-test">
      <h2 id="sso-test">{t("sso.testTitle")}</h2>
      <p className="muted">{t("sso.testIntro")}</p>
      <button type="button" className="button" onClick={() => test.mutate()} disabled={test.isPending}>
        {test.isPending ? t("sso.testing") : t("sso.test")}
      </button>
      <div role="status">{test.data && <TestResult result={test.data} />}</div>
      {test.isError && (
        <p className="notice notice-error" role="alert">
          {t("sso.testFailed")}
        </p>
      )}
    </section>
  );
}

function TestResult({ result }: { result: ConnectionTest }) {
  const { t } = useTranslation("admin");
  if (!result.ok) {
    return (
      <div className="notice notice-error">
        <p>{t("sso.testProblems")}</p>
        <ul>
          {(result.problems ?? []).map((problem) => (
            <li key={problem}>{t(`sso.problems.${problem}`, { defaultValue: problem })}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p className="notice notice-info">
      {t("sso.testOk", { keys: result.signing_keys })}{" "}
      {result.end_session_endpoint ? t("sso.logoutSupported") : t("sso.logoutUnsupported")}{" "}
      {result.backchannel_logout_supported ? t("sso.backchannelSupported") : t("sso.backchannelUnsupported")}
    </p>
  );
}

function ProviderEditor({ provider }: { provider: IdentityProvider }) {
  const { t } = useTranslation("admin");
  const queryClient = useQueryClient();
  const fields = useProviderFields();
  return (
    <VersionedForm<IdentityProvider, ProviderValues>
      record={provider}
      draftName={`identity-provider-${provider.id}`}
      valuesOf={valuesOf}
      fields={fields}
      fetchCurrent={() => fetchIdentityProvider(provider.id)}
      idPrefix="provider"
      save={async (changes, version) => {
        const saved = await updateIdentityProvider(provider.id, version, bodyOf(changes));
        await queryClient.invalidateQueries({ queryKey: adminKeys.identityProviders });
        queryClient.setQueryData(adminKeys.identityProvider(provider.id), saved);
        return saved;
      }}
      savedMessage={t("common.saved")}
      cancelTo={paths.administration.identityProviders}
    />
  );
}
