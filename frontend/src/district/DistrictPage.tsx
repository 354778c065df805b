import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { ChartFigure, FigureValue, PeriodSelector, isCalendarYear, periodFromParams, yearPeriod } from "../statistics";
import type { ChartData, Period } from "../statistics";
import { Badge } from "../ui/Badge";
import type { BadgeTone } from "../ui/Badge";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { ConfirmDialog } from "../ui/Dialog";
import { QueryStatus } from "../ui/QueryStatus";
import { saveFile } from "../ui/download";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { FieldDialog } from "./FieldDialog";
import { HeatTable } from "./HeatTable";
import { ReportDialog } from "./ReportDialog";
import { deleteField, downloadReport, useConflictFields, useDistrictWrite, useFigures, useReports } from "./queries";
import type { CaseTopic, ConflictField, ConflictLine, Figures, GroupFigures, Trend } from "./queries";
import "./district.css";

const TREND_TONE: Record<Trend, BadgeTone> = { rising: "danger", stable: "neutral", falling: "success" };
const LEVELS = ["win_win", "win_lose", "lose_lose", "unrated"] as const;

/** The regional analysis: conflict fields, figures computed from the cases, the expertise document. */
export default function DistrictPage() {
  const { t } = useTranslation("district");
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  // Roles that see aggregates only get whole calendar years, as in the statistics.
  const wholeYears = !can(Permission.statisticsExact);
  const asked = periodFromParams(params);
  const period = wholeYears && !isCalendarYear(asked) ? yearPeriod(Number(asked.from.slice(0, 4))) : asked;
  useDocumentTitle(t("title"));

  return (
    <div className="district-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <FieldsSection />
      <section className="district-section" aria-labelledby="district-figures">
        <h2 id="district-figures">{t("figures.title")}</h2>
        <PeriodSelector
          key={`${period.from}/${period.to}`}
          period={period}
          onChange={(next: Period) => setParams({ from: next.from, to: next.to })}
          wholeYears={wholeYears}
        />
        <FiguresSection period={period} />
      </section>
      <ReportsSection />
    </div>
  );
}

function FieldsSection() {
  const { t } = useTranslation(["district", "network"]);
  const { can } = useSession();
  const writer = can(Permission.districtAnalysisWrite);
  const fields = useConflictFields();
  const [editing, setEditing] = useState<ConflictField | "new" | null>(null);
  const [removing, setRemoving] = useState<ConflictField | null>(null);
  const { t: tUi } = useTranslation("ui");
  const remove = useDistrictWrite(deleteField);

  return (
    <section className="district-section" aria-labelledby="district-fields">
      <div className="section-heading">
        <h2 id="district-fields">{t("fields.title")}</h2>
        {writer && (
          <button type="button" className="button button-primary" onClick={() => setEditing("new")}>
            {t("fields.add")}
          </button>
        )}
      </div>
      <p>{t("fields.intro")}</p>
      <QueryStatus query={fields} />
      {fields.data && fields.data.length === 0 && <p className="empty">{t("fields.empty")}</p>}
      <ul className="field-cards">
        {fields.data?.map((field) => (
          <li key={field.id} className="field-card">
            <article aria-labelledby={`field-${field.id}`}>
              <h3 id={`field-${field.id}`}>{field.name}</h3>
              <p>
                <Badge tone={TREND_TONE[field.trend]}>{t(`trend.${field.trend}`)}</Badge>
              </p>
              {field.description && <p>{field.description}</p>}
              <dl className="field-facts">
                {field.place_names.length > 0 && (
                  <div>
                    <dt>{t("fields.places")}</dt>
                    <dd>{field.place_names.join(", ")}</dd>
                  </div>
                )}
                {field.actor_groups.length > 0 && (
                  <div>
                    <dt>{t("fields.actorGroups")}</dt>
                    <dd>{field.actor_groups.map((g) => t(`network:actorGroup.${g}`)).join(", ")}</dd>
                  </div>
                )}
                <div>
                  <dt>{t("fields.cases")}</dt>
                  <dd>
                    {field.cases === null || field.cases === undefined ? (
                      t("fields.casesCounted")
                    ) : field.cases.length === 0 ? (
                      t("fields.noCases")
                    ) : (
                      <ul className="linked-cases">
                        {field.cases.map((c) => (
                          <li key={c.id}>
                            <Link to={paths.cases.detail(c.id)}>
                              {c.reference} – {c.title}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
                {field.recommendations && (
                  <div>
                    <dt>{t("fields.recommendations")}</dt>
                    <dd>{field.recommendations}</dd>
                  </div>
                )}
              </dl>
              {writer && (
                <div className="field-actions">
                  <button type="button" className="button button-secondary" onClick={() => setEditing(field)}>
                    {t("fields.edit")}
                    <span className="visually-hidden"> ({field.name})</span>
                  </button>
                  <button type="button" className="button button-secondary" onClick={() => setRemoving(field)}>
                    {t("fields.remove")}
                    <span className="visually-hidden"> ({field.name})</span>
                  </button>
                </div>
              )}
            </article>
          </li>
        ))}
      </ul>
      {editing !== null && (
        <FieldDialog field={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t("fields.removeTitle", { name: removing?.name ?? "" })}
        confirmLabel={t("fields.remove")}
        cancelLabel={tUi("cancel")}
        busy={remove.isPending}
        error={remove.isError ? problemMessage(remove.error, tUi) : null}
        onConfirm={() => removing && remove.mutate(removing, { onSuccess: () => setRemoving(null) })}
        onCancel={() => setRemoving(null)}
      >
        <p>{t("fields.removeText")}</p>
      </ConfirmDialog>
    </section>
  );
}

function FiguresSection({ period }: { period: Period }) {
  const { t } = useTranslation(["district", "statistics", "cases", "network"]);
  const figures = useFigures(period.from, period.to);
  const body = figures.data;
  return (
    <>
      <QueryStatus query={figures} />
      {body && (
        <>
          <p className="notice notice-info suppression-note">
            <span className="hatch-swatch" aria-hidden="true" />{" "}
            {body.suppression_threshold
              ? t("statistics:suppression.note", { threshold: body.suppression_threshold })
              : t("statistics:suppression.exact")}
          </p>
          <p className="district-total">
            {t("figures.cases")}: <FigureValue cell={body.cases} />
          </p>
          <GroupTable caption={t("figures.byField")} rows={body.by_field} keyHeader={t("figures.field")} />
          <GroupTable
            caption={t("figures.byPlace")}
            rows={body.by_place.map((row) => ({ ...row, label: placeLabel(row, t) }))}
            keyHeader={t("figures.place")}
          />
          <HeatTable
            caption={t("figures.heat")}
            table={body.places_by_topic}
            rowHeader={t("figures.place")}
            rowLabel={(key, label) => placeLabel({ key, label }, t)}
            columnLabel={(key) => t(`cases:topic.${key as CaseTopic}`)}
          />
          <ChartFigure title={t("figures.overTime")} layout="months" data={levelsOverTime(body, t)} />
          <LinesTable lines={body.conflict_lines} />
        </>
      )}
    </>
  );
}

type Translate = ReturnType<typeof useTranslation<"district">>["t"];

function placeLabel(row: { key: string; label: string }, t: Translate): string {
  if (row.key === "not_listed") return t("figures.notListed");
  if (row.key === "unknown") return t("figures.noPlace");
  return row.label;
}

function levelsOverTime(body: Figures, t: Translate): ChartData {
  const table = body.levels_by_month;
  return {
    series: LEVELS.map((level) => ({ key: level, label: t(`level.${level}`) })),
    rows: table.rows.map((row) => ({ key: row.key, label: row.label, cells: row.cells.map((c) => c.cases) })),
  };
}

function GroupTable({ caption, rows, keyHeader }: { caption: string; rows: GroupFigures[]; keyHeader: string }) {
  const { t } = useTranslation("district");
  const columns: Column<GroupFigures>[] = [
    { key: "label", header: keyHeader, cell: (row) => row.label, rowHeader: true },
    { key: "cases", header: t("figures.casesShort"), className: "numeric", cell: (row) => <FigureValue cell={row.cases} /> },
    {
      key: "highest",
      header: t("figures.highest"),
      className: "numeric",
      cell: (row) => <FigureValue cell={row.highest_stage} />,
    },
    {
      key: "median",
      header: t("figures.median"),
      className: "numeric",
      cell: (row) => <FigureValue cell={row.median_stage} />,
    },
    {
      key: "democracy",
      header: t("figures.democracy"),
      className: "numeric",
      cell: (row) => <FigureValue cell={row.endangering_democracy} />,
    },
  ];
  return (
    <div className="district-table">
      <h3>{caption}</h3>
      <DataTable caption={caption} captionHidden columns={columns} rows={rows} rowKey={(row) => row.key} empty={t("figures.none")} />
    </div>
  );
}

function LinesTable({ lines }: { lines: ConflictLine[] }) {
  const { t } = useTranslation(["district", "network"]);
  const columns: Column<ConflictLine>[] = [
    {
      key: "pair",
      header: t("lines.pair"),
      rowHeader: true,
      cell: (line) => `${t(`network:actorGroup.${line.sector_a}`)} – ${t(`network:actorGroup.${line.sector_b}`)}`,
    },
    { key: "cases", header: t("figures.casesShort"), className: "numeric", cell: (line) => <FigureValue cell={line.cases} /> },
    { key: "highest", header: t("figures.highest"), className: "numeric", cell: (line) => <FigureValue cell={line.highest_stage} /> },
    { key: "mean", header: t("lines.mean"), className: "numeric", cell: (line) => <FigureValue cell={line.mean_stage} /> },
  ];
  return (
    <div className="district-table">
      <h3>{t("lines.title")}</h3>
      <p>{t("lines.intro")}</p>
      <DataTable
        caption={t("lines.title")}
        captionHidden
        columns={columns}
        rows={lines}
        rowKey={(line) => `${line.sector_a}/${line.sector_b}`}
        empty={t("lines.none")}
      />
    </div>
  );
}

function ReportsSection() {
  const { t } = useTranslation("district");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const format = useFormat();
  const reports = useReports();
  const [writing, setWriting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const latest = reports.data?.at(-1) ?? null;

  async function download(number: number, kind: "pdf" | "html") {
    setFailure(null);
    try {
      saveFile(await downloadReport(number, kind), `regionalanalyse-fassung-${number}.${kind}`);
    } catch (error) {
      setFailure(`${t("reports.failed")} ${problemMessage(error, tUi)}`);
    }
  }

  return (
    <section className="district-section" aria-labelledby="district-reports">
      <div className="section-heading">
        <h2 id="district-reports">{t("reports.title")}</h2>
        {can(Permission.districtAnalysisWrite) && (
          <button type="button" className="button button-primary" onClick={() => setWriting(true)}>
            {t("reports.save")}
          </button>
        )}
      </div>
      <p>{t("reports.intro")}</p>
      <QueryStatus query={reports} />
      {reports.data && reports.data.length === 0 && <p className="empty">{t("reports.empty")}</p>}
      <ol className="report-list">
        {[...(reports.data ?? [])].reverse().map((report) => (
          <li key={report.number}>
            <p>
              <strong>{t("reports.version", { number: report.number })}</strong> – {report.title}
            </p>
            <p>
              {t("reports.saved", { date: format.date(report.saved_at), name: report.author_name })}{" "}
              {report.adopted_on
                ? t("reports.adopted", { date: format.date(report.adopted_on) })
                : t("reports.notAdopted")}
            </p>
            <div className="field-actions">
              <button type="button" className="button button-secondary" onClick={() => void download(report.number, "pdf")}>
                {t("reports.pdf")}
                <span className="visually-hidden"> ({t("reports.version", { number: report.number })})</span>
              </button>
              <button type="button" className="button button-secondary" onClick={() => void download(report.number, "html")}>
                {t("reports.html")}
                <span className="visually-hidden"> ({t("reports.version", { number: report.number })})</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p role="alert" className={failure ? "field-error" : "visually-hidden"}>
        {failure}
      </p>
      {writing && <ReportDialog latest={latest?.number ?? null} onClose={() => setWriting(false)} />}
    </section>
  );
}
