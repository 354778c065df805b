import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ReferralBadge } from "../cases";
import { paths } from "../paths";
import { useContactReferrals } from "../cases/queries";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import type { Contact } from "./model";

/** "Cases referred to us": the referrals to this contact, read from the same records as the cases show. */
export function ReferredCasesSection({ contact }: { contact: Contact }) {
  const { t } = useTranslation("network");
  const format = useFormat();
  const referrals = useContactReferrals(contact.id);
  return (
    <section className="panel" aria-labelledby="contact-referrals">
      <h2 id="contact-referrals">{t("referred.heading")}</h2>
      <QueryStatus query={referrals} />
      {referrals.data && referrals.data.items.length === 0 && <p className="empty">{t("referred.none")}</p>}
      {referrals.data && referrals.data.items.length > 0 && (
        <ul className="plain-list">
          {referrals.data.items.map((referral) => (
            <li key={referral.id}>
              <Link to={paths.cases.detail(referral.case.id)}>
                <strong>{referral.case.reference}</strong> {referral.case.title}
              </Link>{" "}
              <ReferralBadge status={referral.status} />{" "}
              <span className="muted">{t("referred.on", { date: format.date(referral.referred_on) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
