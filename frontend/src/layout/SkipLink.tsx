import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";

export const MAIN_ID = "main-content";

export function focusMain(): void {
  document.getElementById(MAIN_ID)?.focus();
}

export function SkipLink() {
  const { t } = useTranslation();
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    // Move focus without letting the router treat the hash as a navigation.
    event.preventDefault();
    focusMain();
  }
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={onClick}>
      {t("layout.skipLink")}
    </a>
  );
}
