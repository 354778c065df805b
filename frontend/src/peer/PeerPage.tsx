import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { QueryStatus } from "../ui/QueryStatus";
import { paths } from "../paths";
import { MyInvitations } from "./MyInvitations";
import { PresentationStatusBadge } from "./PresentationStatusBadge";
import { useGroups, usePresentations } from "./queries";
import "../ui/page.css";
import "./peer.css";

/**
 * Peer consultation: the groups one belongs to (administrators: every group of the
 * network, and a way to set one up), invitations addressed to oneself, and one's own
 * case presentations.
 */
export default function PeerPage() {
  const { t } = useTranslation("peer");
  const { can } = useSession();
  const member = can(Permission.peerParticipate);
  const manager = can(Permission.peerManage);
  const groups = useGroups();
  const presentations = usePresentations(null, member);
  useDocumentTitle(t("title"));

  return (
    <div className="peer-page">
      <div className="page-heading">
        <h1>{t("title")}</h1>
        <div className="button-row">
          {member && (
            <Link className="button button-primary" to={paths.peer.createPresentation}>
              {t("presentation.create")}
            </Link>
          )}
          {manager && (
            <Link className="button button-primary" to={paths.peer.createGroup}>
              {t("group.create")}
            </Link>
          )}
        </div>
      </div>
      <p className="lead">{t("intro")}</p>
      {member && <MyInvitations />}

      <section className="panel" aria-labelledby="peer-groups-heading">
        <h2 id="peer-groups-heading">{manager ? t("groups.all") : t("groups.mine")}</h2>
        <QueryStatus query={groups} />
        {groups.data && groups.data.length === 0 && <p className="empty">{t("groups.empty")}</p>}
        <ul className="peer-cards">
          {groups.data?.map((group) => (
            <li key={group.id} className="peer-card">
              <h3>
                <Link to={paths.peer.group(group.id)}>{group.name}</Link>
              </h3>
              <p>{group.schedule}</p>
              <p>
                {t("groups.size", { members: group.member_count, municipalities: group.municipality_count })}
              </p>
              {member && !group.my_agreement_accepted && (
                <p className="badge badge-warning">{t("agreement.pending")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      {member && (
        <section className="panel" aria-labelledby="peer-presentations-heading">
          <h2 id="peer-presentations-heading">{t("presentations.heading")}</h2>
          <QueryStatus query={presentations} />
          {presentations.data && presentations.data.items.length === 0 && (
            <p className="empty">{t("presentations.empty")}</p>
          )}
          {presentations.data && presentations.data.items.length > 0 && (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t("presentations.heading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("presentation.title")}</th>
                    <th scope="col">{t("presentation.author")}</th>
                    <th scope="col">{t("presentation.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {presentations.data.items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <Link to={paths.peer.presentation(item.id)}>{item.title}</Link>
                      </td>
                      <td>
                        {item.is_mine ? t("presentation.mine") : `${item.author_name} (${item.author_municipality})`}
                      </td>
                      <td>
                        <PresentationStatusBadge status={item.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
