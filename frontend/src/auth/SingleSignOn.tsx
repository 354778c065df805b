import { useTranslation } from "react-i18next";
import { useSignInOptions } from "./queries";

/** Why a sign-in through the directory came back refused (`?sso_error=` from the server). */
export const SSO_ERRORS = ["no-role", "no-account", "failed", "unavailable"] as const;
type SsoError = (typeof SSO_ERRORS)[number];

export function ssoErrorOf(search: string): SsoError | null {
  const value = new URLSearchParams(search).get("sso_error");
  return SSO_ERRORS.find((known) => known === value) ?? null;
}

/** The municipalities' directories one can sign in through, as plain links (a full page load). */
export function SingleSignOn() {
  const { t } = useTranslation();
  const options = useSignInOptions();
  if (!options.data?.length) return null;
  return (
    <section className="sso-options" aria-labelledby="sso-heading">
      <h2 id="sso-heading">{t("login.sso.heading")}</h2>
      <ul className="plain-list">
        {options.data.map((option) => (
          <li key={option.id}>
            <a className="button button-secondary" href={option.login_url}>
              {t("login.sso.with", { name: option.name })}
            </a>{" "}
            <span className="muted">{option.municipality_name}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
