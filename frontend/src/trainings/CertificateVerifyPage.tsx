import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client";
import { PublicLayout } from "../layout/PublicLayout";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { LoadingStatus } from "../layout/LoadingStatus";
import { Badge } from "../ui/Badge";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { useVerification } from "./queries";
import type { Verification } from "./queries";
import { paths } from "../paths";
import "./trainings.css";

/** Public: anyone holding a certificate's code can check it, without signing in. */
export default function CertificateVerifyPage() {
  const { t } = useTranslation("trainings");
  const navigate = useNavigate();
  const { code = "" } = useParams();
  const [input, setInput] = useState(code);
  const query = useVerification(code.trim().slice(0, 100));
  useDocumentTitle(t("verify.title"));

  const notFound = query.error instanceof ApiError && query.error.status === 404;

  return (
    <PublicLayout>
      <div className="verify-card">
        <h1>{t("verify.title")}</h1>
        <p>{t("verify.intro")}</p>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            const next = input.trim();
            if (next) navigate(paths.verifyCertificateCode(next));
          }}
        >
          <Field id="verify-code" label={t("verify.code")}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={input}
                maxLength={100}
                autoComplete="off"
                spellCheck={false}
                required
                onChange={(event) => setInput(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button-primary">
            {t("verify.submit")}
          </button>
        </form>
        <div className="verify-result" aria-live="polite">
          {query.isFetching && <LoadingStatus />}
          {notFound && <p className="notice notice-error">{t("verify.notFound")}</p>}
          {query.isError && !notFound && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
          {query.data && <Result verification={query.data} />}
        </div>
      </div>
    </PublicLayout>
  );
}

function Result({ verification }: { verification: Verification }) {
  const { t } = useTranslation("trainings");
  const format = useFormat();
  const valid = verification.status === "valid";
  return (
    <>
      <p className={valid ? "notice notice-info" : "notice notice-error"}>
        {valid ? t("verify.valid") : t("verify.revoked")}
      </p>
      <dl className="detail-list">
        <div className="detail-row">
          <dt>{t("verify.number")}</dt>
          <dd>{verification.number}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("verify.holder")}</dt>
          <dd>{verification.participant_name}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("verify.series")}</dt>
          <dd>{verification.series_title}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("verify.issuer")}</dt>
          <dd>{verification.issuer}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("verify.issuedOn")}</dt>
          <dd>{format.date(verification.issued_on)}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("verify.status")}</dt>
          <dd>
            {valid ? (
              <Badge tone="success">{t("certificates.valid")}</Badge>
            ) : (
              <Badge tone="danger">{t("certificates.revoked")}</Badge>
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}
