import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../api/client";
import { LoadingStatus } from "../layout/LoadingStatus";
import { PublicLayout } from "../layout/PublicLayout";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { ContactPageView } from "./ContactPageView";
import { usePublicPage } from "./queries";
import { RequestForm } from "./RequestForm";

/** Public, without sign-in: a municipality's contact page and its form to ask for help. */
export default function PublicContactPage() {
  const { t } = useTranslation("contactPoint");
  const { slug = "" } = useParams();
  const valid = /^[a-z0-9][a-z0-9-]{0,39}$/.test(slug);
  const page = usePublicPage(valid ? slug : "");
  const [asking, setAsking] = useState(false);
  const data = page.data;
  useDocumentTitle(data ? t("public.title", { name: data.municipality_name }) : t("form.heading"));

  useEffect(() => {
    if (asking) document.getElementById("request-heading")?.focus();
  }, [asking]);

  const notFound = !valid || (page.error instanceof ApiError && page.error.status === 404);
  return (
    <PublicLayout>
      {notFound ? (
        <div className="contact-public">
          <h1>{t("form.heading")}</h1>
          <p className="notice notice-error">{t("public.notFound")}</p>
        </div>
      ) : page.isPending ? (
        <LoadingStatus />
      ) : page.isError || !data ? (
        <ErrorNotice error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <ContactPageView
          content={{
            municipalityName: data.municipality_name,
            offer: data.offer,
            limits: data.limits,
            emergency: data.emergency,
            point: data.contact_point,
            managers: data.conflict_managers,
          }}
        >
          {asking ? (
            <RequestForm page={data} />
          ) : (
            <p className="contact-ask">
              <button type="button" className="button button-primary" onClick={() => setAsking(true)}>
                {t("public.ask")}
              </button>
            </p>
          )}
        </ContactPageView>
      )}
    </PublicLayout>
  );
}
