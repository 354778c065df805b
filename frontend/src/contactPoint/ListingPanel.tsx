import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { errorFor, formErrorsOf } from "../ui/problems";
import { useFormat } from "../ui/format";
import { useListing, useListingWrite } from "./queries";

/** One's own consent to be named on the public contact page: give, change, withdraw. */
export function ListingPanel() {
  const { t } = useTranslation("contactPoint");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const listing = useListing(true);
  const write = useListingWrite();
  const [office, setOffice] = useState("");
  const [reach, setReach] = useState("");
  const data = listing.data;
  useEffect(() => {
    if (data) {
      setOffice(data.office);
      setReach(data.reach);
    }
  }, [data]);
  if (!data) return null;
  const errors = write.isError ? formErrorsOf(write.error, tUi) : null;
  return (
    <section className="panel profile-panel" aria-labelledby="dashboard-listing">
      <h2 id="dashboard-listing">{t("listing.heading")}</h2>
      <p role="status">
        {data.listed && data.consented_at
          ? t("listing.listed", { date: format.date(data.consented_at.slice(0, 10)) })
          : t("listing.notListed")}
        {!data.listed && data.withdrawn_at && ` ${t("listing.withdrawn", { date: format.date(data.withdrawn_at.slice(0, 10)) })}`}
      </p>
      <p>{t("listing.explain")}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          write.mutate({ version: data.version, withdraw: false, office, reach });
        }}
      >
        <Field id="listing-office" label={t("listing.office")} required error={errorFor(errors, "office")}>
          {(control) => <input {...control} type="text" maxLength={200} value={office} onChange={(e) => setOffice(e.target.value)} />}
        </Field>
        <Field id="listing-reach" label={t("listing.reach")} required error={errorFor(errors, "reach")}>
          {(control) => <input {...control} type="text" maxLength={500} value={reach} onChange={(e) => setReach(e.target.value)} />}
        </Field>
        {errors?.general && <p className="notice notice-error">{errors.general}</p>}
        <div className="request-actions">
          <button type="submit" className="button button-primary" disabled={write.isPending}>
            {data.listed ? t("listing.update") : t("listing.consent")}
          </button>
          {data.listed && (
            <button
              type="button"
              className="button button-secondary"
              disabled={write.isPending}
              onClick={() => write.mutate({ version: data.version, withdraw: true })}
            >
              {t("listing.withdraw")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
