import { Suspense, lazy, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { LoadingStatus } from "../layout/LoadingStatus";
import { ErrorNotice } from "../ui/ErrorNotice";
import { FieldGroup } from "../ui/Field";
import { ActorGroupMark } from "./ActorGroupMark";
import { NetworkNav } from "./NetworkNav";
import { ACTOR_GROUPS, GROUP_COLOURS, RELATION_STYLES, RELATION_TYPES } from "./model";
import type { ActorGroup, NetworkGraph as Graph } from "./model";
import { useGraph } from "./queries";
import { paths } from "../paths";

// d3-force and d3-zoom come with the drawing, in its own chunk.
const NetworkGraph = lazy(() => import("./map/NetworkGraph"));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The chosen actor groups from the address (`?group=politics&group=media`, `?group=none`); no filter: all. */
function groupsFromParams(params: URLSearchParams): ActorGroup[] {
  const given = params.getAll("group");
  if (given.length === 0) return [...ACTOR_GROUPS];
  return ACTOR_GROUPS.filter((group) => given.includes(group));
}

export default function NetworkMapPage() {
  const { t } = useTranslation("network");
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // The choice answers at once; the address follows (for reload and links) without new history entries.
  const [groups, setGroupState] = useState(() => groupsFromParams(params));
  const focus = params.get("focus");
  const focusId = focus && UUID.test(focus) ? focus : null;
  const noneChosen = groups.length === 0;
  const query = useGraph(groups.length === ACTOR_GROUPS.length ? null : groups, !noneChosen);
  useDocumentTitle(t("map.title"));

  const chosen = new Set(groups);
  const graph: Graph | undefined = noneChosen ? { nodes: [], edges: [], truncated: false } : query.data;

  function toggle(group: ActorGroup, on: boolean) {
    setGroups(ACTOR_GROUPS.filter((item) => (item === group ? on : chosen.has(item))));
  }

  function setGroups(next: ActorGroup[]) {
    setGroupState(next);
    const address = new URLSearchParams();
    // All groups chosen is the same as no filter: keep the address short.
    if (next.length < ACTOR_GROUPS.length) {
      for (const group of next) address.append("group", group);
      if (next.length === 0) address.append("group", "none");
    }
    if (focusId) address.set("focus", focusId);
    setParams(address, { replace: true });
  }

  return (
    <div className="network-page">
      <NetworkNav />
      <h1>{t("map.title")}</h1>
      <p className="lead">{t("map.intro")}</p>
      <form className="filter-bar" aria-label={t("map.filters")} onSubmit={(event) => event.preventDefault()}>
        <FieldGroup id="map-groups" legend={t("map.groups")}>
          <div className="group-filter">
            {ACTOR_GROUPS.map((group) => (
              <div key={group} className="check">
                <input
                  id={`map-group-${group}`}
                  type="checkbox"
                  checked={chosen.has(group)}
                  onChange={(event) => toggle(group, event.target.checked)}
                />
                <label htmlFor={`map-group-${group}`}>
                  <ActorGroupMark group={group} />
                </label>
              </div>
            ))}
          </div>
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => setGroups([...ACTOR_GROUPS])}>
              {t("map.allGroups")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setGroups([])}>
              {t("map.noGroups")}
            </button>
          </div>
        </FieldGroup>
      </form>
      {query.isPending && !noneChosen && <LoadingStatus />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {graph && (
        <>
          {graph.truncated && <p className="notice notice-info">{t("map.truncated")}</p>}
          <p id="map-hint" className="muted">
            {t("map.zoomHint")}
          </p>
          <div className="map-layout">
            {graph.nodes.length === 0 ? (
              <p className="empty">{t("map.empty")}</p>
            ) : (
              <Suspense fallback={<LoadingStatus />}>
                <NetworkGraph
                  nodes={graph.nodes}
                  edges={graph.edges}
                  focusId={focusId}
                  hintId="map-hint"
                  onOpen={(id) => navigate(paths.network.contact(id))}
                />
              </Suspense>
            )}
            <Legend />
          </div>
          <GraphTable graph={graph} />
        </>
      )}
    </div>
  );
}

function Legend() {
  const { t } = useTranslation("network");
  return (
    <aside className="map-legend" aria-labelledby="map-legend-title">
      <h2 id="map-legend-title">{t("map.legend")}</h2>
      <h3>{t("map.legendGroups")}</h3>
      <ul>
        {ACTOR_GROUPS.map((group) => (
          <li key={group}>
            <ActorGroupMark group={group} />
          </li>
        ))}
      </ul>
      <h3>{t("map.legendKinds")}</h3>
      <ul>
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <circle cx="8" cy="8" r="7" fill={GROUP_COLOURS.other} />
          </svg>
          {t("kind.person")}
        </li>
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <rect x="1" y="1" width="14" height="14" rx="2" fill={GROUP_COLOURS.other} />
          </svg>
          {t("kind.organisation")}
        </li>
      </ul>
      <h3>{t("map.legendRelations")}</h3>
      <ul>
        {RELATION_TYPES.map((type) => {
          const style = RELATION_STYLES[type];
          return (
            <li key={type}>
              <svg width="32" height="10" aria-hidden="true">
                <line x1="1" y1="5" x2="31" y2="5" stroke={style.stroke} strokeWidth={style.width} strokeDasharray={style.dash} />
              </svg>
              {t(`relationType.${type}`)}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

/** The map as a table: every contact with its relations, for keyboard and screen reader use. */
function GraphTable({ graph }: { graph: Graph }) {
  const { t } = useTranslation("network");
  const rows = useMemo(() => {
    const names = new Map(graph.nodes.map((node) => [node.id, node.label]));
    const relations = new Map<string, { id: string; type: string; other: string; otherName: string }[]>();
    for (const edge of graph.edges) {
      for (const [self, other] of [
        [edge.source, edge.target],
        [edge.target, edge.source],
      ] as const) {
        const list = relations.get(self) ?? [];
        list.push({ id: edge.id, type: edge.relation_type, other, otherName: names.get(other) ?? "" });
        relations.set(self, list);
      }
    }
    return graph.nodes.map((node) => ({ node, relations: relations.get(node.id) ?? [] }));
  }, [graph]);

  if (rows.length === 0) return null;
  return (
    <details className="map-table">
      <summary>{t("map.table")}</summary>
      <div className="table-scroll" role="region" aria-labelledby="map-table-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="map-table-caption">{t("map.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("map.contact")}</th>
              <th scope="col">{t("list.actorGroup")}</th>
              <th scope="col">{t("list.kind")}</th>
              <th scope="col">{t("map.relationsOf")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node, relations }) => (
              <tr key={node.id}>
                <th scope="row">
                  <Link to={paths.network.contact(node.id)}>{node.label}</Link>
                </th>
                <td>
                  <ActorGroupMark group={node.actor_group} />
                </td>
                <td>{t(`kind.${node.kind}`)}</td>
                <td>
                  {relations.length === 0 ? (
                    t("map.noRelations")
                  ) : (
                    <ul className="relation-list">
                      {relations.map((relation) => (
                        <li key={`${relation.id}-${relation.other}`}>
                          {t("map.relationItem", {
                            type: t(`relationType.${relation.type as (typeof RELATION_TYPES)[number]}`),
                            name: relation.otherName,
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
