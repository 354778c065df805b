import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { LoginError, useSession } from "./SessionContext";
import type { LoginFailure } from "./SessionContext";
import type { LoginLocationState } from "./RequireAuth";
import { PublicLayout } from "../layout/PublicLayout";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { LoadingStatus } from "../layout/LoadingStatus";
import { paths } from "../paths";
import { SingleSignOn, ssoErrorOf } from "./SingleSignOn";

function safeRedirect(from: unknown): string {
  // Only paths inside this app: never "//host" or an absolute URL.
  if (typeof from === "string" && from.startsWith("/") && !from.startsWith("//")) {
    return from === paths.login ? paths.home : from;
  }
  return paths.home;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useSession();
  const location = useLocation();
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const emailId = useId();
  const passwordId = useId();
  useDocumentTitle(t("login.title"));

  if (state.status === "loading") return <LoadingStatus fullPage />;
  if (state.status === "authenticated") {
    const from = (location.state as LoginLocationState | null)?.from;
    return <Navigate to={safeRedirect(from)} replace />;
  }

  const notice = failure === null ? state.notice : null;
  const ssoError = failure === null ? ssoErrorOf(location.search) : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setFailure(null);
    try {
      await login(String(form.get("email") ?? "").trim(), String(form.get("password") ?? ""));
    } catch (error) {
      setFailure(error instanceof LoginError ? error.reason : "server");
      setSubmitting(false);
      if (passwordRef.current) {
        passwordRef.current.value = "";
        passwordRef.current.focus();
      }
    }
  }

  const invalid = failure === "invalid";

  return (
    <PublicLayout>
      <div className="login-card">
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>

        {notice !== null && (
          <p className="notice notice-info" role="status">
            {t(`session.${notice}`)}
          </p>
        )}
        <div role="alert" id={errorId} className={failure || ssoError ? "notice notice-error" : undefined}>
          {failure !== null && t(`login.errors.${failure}`)}
          {ssoError !== null && t(`login.sso.errors.${ssoError}`)}
        </div>

        <form className="form" onSubmit={onSubmit} aria-busy={submitting}>
          <div className="field">
            <label htmlFor={emailId}>{t("login.email")}</label>
            <input
              id={emailId}
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              required
              aria-invalid={invalid || undefined}
              aria-describedby={failure ? errorId : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={passwordId}>{t("login.password")}</label>
            <input
              id={passwordId}
              ref={passwordRef}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={invalid || undefined}
              aria-describedby={failure ? errorId : undefined}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
        <SingleSignOn />
      </div>
    </PublicLayout>
  );
}
