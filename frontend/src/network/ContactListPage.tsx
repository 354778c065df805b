import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { useUrlCursor } from "../ui/cursor";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { SearchForm } from "../ui/SearchForm";
import { Field } from "../ui/Field";
import { FlashNotice } from "../ui/Flash";
import { ActorGroupMark } from "./ActorGroupMark";
import { NetworkNav } from "./NetworkNav";
import { NO_FILTERS, filtersFromParams, filtersToParams, listQuery } from "./filters";
import type { ContactFilters } from "./filters";
import { ACTOR_GROUPS, CONTACT_KINDS } from "./model";
import type { Contact } from "./model";
import { useContacts } from "./queries";
import { paths } from "../paths";

export default function ContactListPage() {
  const { t } = useTranslation("network");
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const paging = useUrlCursor();
  const query = useContacts(listQuery(filters, params));
  useDocumentTitle(t("list.title"));

  const columns: Column<Contact>[] = [
    {
      key: "name",
      header: t("list.name"),
      rowHeader: true,
      cell: (contact) => <Link to={paths.network.contact(contact.id)}>{contact.name}</Link>,
    },
    { key: "kind", header: t("list.kind"), cell: (contact) => t(`kind.${contact.kind}`) },
    {
      key: "group",
      header: t("list.actorGroup"),
      cell: (contact) => <ActorGroupMark group={contact.actor_group} />,
    },
    {
      key: "position",
      header: t("list.positionOrganisation"),
      cell: (contact) => [contact.position, contact.organisation?.name].filter(Boolean).join(", "),
    },
    { key: "topics", header: t("list.topics"), cell: (contact) => contact.topics.join(", ") },
    {
      key: "steering",
      header: t("list.steeringGroup"),
      cell: (contact) => (contact.steering_group_member ? <Badge tone="info">{t("list.member")}</Badge> : null),
    },
  ];

  return (
    <div className="network-page">
      <NetworkNav />
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        {can(Permission.contactsWrite) && (
          <Link className="button button-primary" to={paths.network.createContact}>
            {t("list.new")}
          </Link>
        )}
      </div>
      <p className="lead">{t("list.intro")}</p>
      <FlashNotice />
      <FilterForm applied={filters} onApply={(next) => setParams(filtersToParams(next))} />
      <PagedTable
        list={query}
        paging={paging}
        columns={columns}
        texts="network:list"
      />
    </div>
  );
}

function FilterForm({ applied, onApply }: { applied: ContactFilters; onApply: (filters: ContactFilters) => void }) {
  const { t } = useTranslation("network");
  return (
    <SearchForm
      label={t("list.filters")}
      applied={applied}
      onApply={onApply}
      submitLabel={t("list.apply")}
      reset={{ label: t("list.reset"), to: NO_FILTERS }}
    >
      {(draft, change) => (
        <>
          <Field id="contacts-q" label={t("list.search")} hint={t("list.searchHint")}>
            {(control) => (
              <input
                {...control}
                type="search"
                value={draft.q}
                maxLength={100}
                onChange={(event) => change({ ...draft, q: event.target.value })}
              />
            )}
          </Field>
          <Field id="contacts-group" label={t("list.actorGroup")}>
            {(control) => (
              <select
                {...control}
                value={draft.actorGroup ?? ""}
                onChange={(event) =>
                  change({ ...draft, actorGroup: (event.target.value || null) as ContactFilters["actorGroup"] })
                }
              >
                <option value="">{t("list.all")}</option>
                {ACTOR_GROUPS.map((group) => (
                  <option key={group} value={group}>
                    {t(`actorGroup.${group}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="contacts-kind" label={t("list.kind")}>
            {(control) => (
              <select
                {...control}
                value={draft.kind ?? ""}
                onChange={(event) => change({ ...draft, kind: (event.target.value || null) as ContactFilters["kind"] })}
              >
                <option value="">{t("list.all")}</option>
                {CONTACT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kind.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="contacts-topic" label={t("list.topic")}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={draft.topic}
                maxLength={80}
                onChange={(event) => change({ ...draft, topic: event.target.value })}
              />
            )}
          </Field>
          <div className="check filter-check">
            <input
              id="contacts-steering"
              type="checkbox"
              checked={draft.steeringGroup}
              onChange={(event) => change({ ...draft, steeringGroup: event.target.checked })}
            />
            <label htmlFor="contacts-steering">{t("list.steeringOnly")}</label>
          </div>
        </>
      )}
    </SearchForm>
  );
}
