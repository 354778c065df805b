import type { ReactNode } from "react";
import { Brand } from "./Brand";
import { LanguageSwitch } from "./LanguageSwitch";
import { SiteFooter } from "./SiteFooter";
import { MAIN_ID, SkipLink } from "./SkipLink";

/** Frame for pages shown before sign-in. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="page page-public">
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner">
          <Brand />
          <LanguageSwitch />
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="public-main">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
