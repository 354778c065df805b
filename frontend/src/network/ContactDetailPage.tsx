import { useState } from "react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { ConfirmDialog } from "../ui/Dialog";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { ActorGroupMark } from "./ActorGroupMark";
import { FlashNotice, flash } from "../ui/Flash";
import { NetworkNav } from "./NetworkNav";
import { ReferredCasesSection } from "./ReferredCasesSection";
import { RelationsSection } from "./RelationsSection";
import type { Contact } from "./model";
import { useContact, useDeleteContact } from "./queries";
import { paths } from "../paths";

export default function ContactDetailPage() {
  const { t } = useTranslation("network");
  const { contactId = "" } = useParams();
  const query = useContact(contactId);
  const { can } = useSession();
  useDocumentTitle(query.data?.name ?? t("title"));

  return (
    <div className="network-page">
      <NetworkNav />
      <p>
        <Link to={paths.network.contacts}>{t("detail.back")}</Link>
      </p>
      {query.isError && <h1>{t("title")}</h1>}
      <QueryStatus query={query} />
      {query.data && (
        <>
          <FlashNotice />
          <ContactDetails contact={query.data} />
          <RelationsSection contact={query.data} />
          {can(Permission.casesRead) && <ReferredCasesSection contact={query.data} />}
        </>
      )}
    </div>
  );
}

function ContactDetails({ contact }: { contact: Contact }) {
  const { t } = useTranslation("network");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const format = useFormat();
  const navigate = useNavigate();
  const remove = useDeleteContact();
  const [confirming, setConfirming] = useState(false);
  const writable = can(Permission.contactsWrite);

  function onDelete() {
    remove.mutate(
      { id: contact.id, version: contact.version },
      {
        onSuccess: () => navigate(paths.network.contacts, { state: flash(t("detail.deleted")) }),
      },
    );
  }

  const none = <span className="muted">{t("detail.none")}</span>;
  const facts: [string, ReactNode][] = [
    [t("list.kind"), t(`kind.${contact.kind}`)],
    [t("list.actorGroup"), <ActorGroupMark group={contact.actor_group} />],
    [t("detail.position"), contact.position || none],
    [
      t("detail.organisation"),
      contact.organisation ? (
        <Link to={paths.network.contact(contact.organisation.id)}>{contact.organisation.name}</Link>
      ) : (
        none
      ),
    ],
    [t("detail.topics"), contact.topics.length ? contact.topics.join(", ") : none],
    [t("detail.steeringGroup"), contact.steering_group_member ? <Badge tone="info">{t("list.member")}</Badge> : tUi("no")],
  ];
  const contactData: [string, ReactNode][] = [
    [t("detail.email"), contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : none],
    [t("detail.phone"), contact.phone ? <a href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`}>{contact.phone}</a> : none],
    [t("detail.address"), contact.address || none],
    [t("detail.legalBasis"), t(`legalBasis.${contact.legal_basis}`)],
    ...(contact.consent_date ? ([[t("detail.consentDate"), format.date(contact.consent_date)]] as [string, ReactNode][]) : []),
    ...(contact.consent_expires_on
      ? ([[t("detail.consentExpires"), format.date(contact.consent_expires_on)]] as [string, ReactNode][])
      : []),
    [t("detail.recorded"), format.dateTime(contact.created_at)],
    [t("detail.updated"), format.dateTime(contact.updated_at)],
  ];

  return (
    <>
      <div className="page-heading">
        <h1>{contact.name}</h1>
        <div className="button-row">
          <Link className="button button-secondary" to={paths.network.mapOf(contact.id)}>
            {t("detail.onMap")}
          </Link>
          {writable && (
            <>
              <Link className="button button-primary" to={paths.network.editContact(contact.id)}>
                {t("detail.edit")}
              </Link>
              <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
                {t("detail.delete")}
              </button>
            </>
          )}
        </div>
      </div>
      <div className="detail-grid">
        <section className="panel" aria-labelledby="contact-data">
          <h2 id="contact-data">{t("detail.data")}</h2>
          <FactList facts={facts} />
        </section>
        <section className="panel" aria-labelledby="contact-reach">
          <h2 id="contact-reach">{t("detail.contactData")}</h2>
          <FactList facts={contactData} />
        </section>
      </div>
      {contact.notes && (
        <section className="panel" aria-labelledby="contact-notes">
          <h2 id="contact-notes">{t("detail.notes")}</h2>
          <p className="pre-line">{contact.notes}</p>
        </section>
      )}
      <ConfirmDialog
        open={confirming}
        title={t("detail.delete")}
        confirmLabel={t("detail.delete")}
        cancelLabel={tUi("cancel")}
        busy={remove.isPending}
        error={remove.isError ? problemMessage(remove.error, tUi) : null}
        onConfirm={onDelete}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        <p>{t("detail.deleteConfirm", { name: contact.name })}</p>
      </ConfirmDialog>
    </>
  );
}

function FactList({ facts }: { facts: [string, ReactNode][] }) {
  return (
    <dl className="detail-list">
      {facts.map(([term, value]) => (
        <div key={term} className="detail-row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
