import { useState } from "react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { saveFile } from "../ui/download";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { ChartFigure } from "./ChartFigure";
import { FigureValue } from "./Figure";
import { PeriodSelector } from "./PeriodSelector";
import { isCalendarYear, periodFromParams, yearPeriod } from "./period";
import type { Period } from "./period";
import { OVERVIEW_FIGURES, downloadStatisticsCsv, useStatistics } from "./queries";
import type { Cell, NetworkStatistics, Report } from "./queries";
import * as charts from "./sections";
import "./statistics.css";
import { QueryStatus } from "../ui/QueryStatus";

export default function StatisticsPage() {
  const { t } = useTranslation("statistics");
  const { can } = useSession();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  // Roles that see aggregates only get whole calendar years from the API (see SECURITY.md).
  const wholeYears = !can(Permission.statisticsExact);
  const asked = periodFromParams(params);
  const period = wholeYears && !isCalendarYear(asked) ? yearPeriod(Number(asked.from.slice(0, 4))) : asked;
  useDocumentTitle(t("title"));

  function choose(next: Period) {
    setParams({ from: next.from, to: next.to });
  }

  return (
    <div className="statistics-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <PeriodSelector key={`${period.from}/${period.to}`} period={period} onChange={choose} wholeYears={wholeYears} />
      <p className="period-shown" role="status">
        {t("period.shown", { from: format.date(period.from), to: format.date(period.to) })}
      </p>
      <OverviewSection period={period} />
      <CasesSection period={period} />
      <ConsultationsSection period={period} />
      <ReferralsSection period={period} />
      <ContactsSection period={period} />
      <TrainingsSection period={period} />
      <ActivationsSection period={period} />
      {can(Permission.statisticsNetwork) && <NetworkSection period={period} />}
    </div>
  );
}

/** A section of the page: heading, CSV download, and its figures once loaded. */
function Section<R extends Report>({
  report,
  period,
  children,
}: {
  report: R;
  period: Period;
  children: (body: NonNullable<ReturnType<typeof useStatistics<R>>["data"]>) => ReactNode;
}) {
  const { t } = useTranslation("statistics");
  const query = useStatistics(report, period);
  const headingId = `statistics-${report}`;
  return (
    <section className="statistics-section" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>{t(`sections.${report}`)}</h2>
        <CsvButton report={report} period={period} />
      </div>
      <QueryStatus query={query} />
      {query.data && children(query.data)}
    </section>
  );
}

function CsvButton({ report, period }: { report: Report; period: Period }) {
  const { t } = useTranslation("statistics");
  const { t: tUi } = useTranslation("ui");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setFailure(null);
    try {
      const file = await downloadStatisticsCsv(report, period);
      saveFile(file, `kokoma-${report}-${period.from}-${period.to}.csv`);
    } catch (error) {
      setFailure(`${t("csv.failed")} ${problemMessage(error, tUi)}`);
    } finally {
      setBusy(false);
    }
  }

  const section = t(`sections.${report}`);
  return (
    <div className="csv-download">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void download()}
        disabled={busy}
      >
        {busy ? t("csv.downloading") : t("csv.download")}
        <span className="visually-hidden"> ({section})</span>
      </button>
      <p role="alert" className={failure ? "field-error" : "visually-hidden"}>
        {failure}
      </p>
    </div>
  );
}

function SuppressionNote({ threshold }: { threshold: number | null | undefined }) {
  const { t } = useTranslation("statistics");
  return (
    <p className="notice notice-info suppression-note">
      <span className="hatch-swatch" aria-hidden="true" />{" "}
      {threshold ? t("suppression.note", { threshold }) : t("suppression.exact")}
    </p>
  );
}

function OverviewSection({ period }: { period: Period }) {
  const { t } = useTranslation("statistics");
  return (
    <Section report="overview" period={period}>
      {(body) => (
        <>
          <SuppressionNote threshold={body.suppression_threshold} />
          <dl className="key-figures">
            {OVERVIEW_FIGURES.map((name) => (
              <div key={name} className="key-figure">
                <dt>{t(`overview.${name}`)}</dt>
                <dd>
                  <FigureValue cell={body[name]} unit={name === "consultation_hours" ? "hours" : "count"} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </Section>
  );
}

function Totals({ items }: { items: { label: string; cell: Cell; unit?: "count" | "hours" | "percent" }[] }) {
  return (
    <dl className="totals">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>
            <FigureValue cell={item.cell} unit={item.unit} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function CasesSection({ period }: { period: Period }) {
  const { t } = useTranslation(["statistics", "network"]);
  return (
    <Section report="cases" period={period}>
      {(body) => (
        <>
          <Totals
            items={[
              { label: t("overview.cases_new"), cell: body.new },
              { label: t("overview.cases_closed"), cell: body.closed },
            ]}
          />
          <ChartFigure title={t("charts.casesByMonth")} layout="months" data={charts.casesByMonth(body, t)} />
          <div className="chart-grid">
            <ChartFigure title={t("charts.casesByStatus")} layout="categories" data={charts.casesBy(body, "by_status", t)} />
            <ChartFigure title={t("charts.casesByTopic")} layout="categories" data={charts.casesBy(body, "by_topic", t)} />
            <ChartFigure
              title={t("charts.casesByEscalation")}
              layout="categories"
              data={charts.casesBy(body, "by_escalation_level", t)}
            />
            <ChartFigure
              title={t("charts.casesByDemocracy")}
              layout="categories"
              data={charts.casesBy(body, "by_endangers_democracy", t)}
            />
            <ChartFigure title={t("charts.casesByPlace")} layout="categories" data={charts.casesBy(body, "by_place", t)} />
          </div>
        </>
      )}
    </Section>
  );
}

function ConsultationsSection({ period }: { period: Period }) {
  const { t } = useTranslation(["statistics", "network"]);
  return (
    <Section report="consultations" period={period}>
      {(body) => (
        <>
          <Totals
            items={[
              { label: t("overview.consultations"), cell: body.total },
              { label: t("overview.consultation_hours"), cell: body.hours, unit: "hours" },
            ]}
          />
          <ChartFigure
            title={t("charts.consultationsByMonth")}
            layout="months"
            data={charts.consultationsByMonth(body, t)}
          />
          <div className="chart-grid">
            <ChartFigure
              title={t("charts.consultationsByKind")}
              layout="categories"
              data={charts.consultationsBy(body, "by_kind", t)}
            />
            <ChartFigure
              title={t("charts.consultationsByFormat")}
              layout="categories"
              data={charts.consultationsBy(body, "by_format", t)}
            />
          </div>
        </>
      )}
    </Section>
  );
}

function ReferralsSection({ period }: { period: Period }) {
  const { t } = useTranslation(["statistics", "network"]);
  return (
    <Section report="referrals" period={period}>
      {(body) => (
        <>
          <Totals items={[{ label: t("overview.referrals"), cell: body.total }]} />
          <div className="chart-grid">
            <ChartFigure
              title={t("charts.referralsByService")}
              layout="categories"
              data={charts.referralsBy(body, "by_target_service", t)}
            />
            <ChartFigure
              title={t("charts.referralsByGroup")}
              layout="categories"
              data={charts.referralsBy(body, "by_actor_group", t)}
            />
            <ChartFigure
              title={t("charts.referralsByStatus")}
              layout="categories"
              data={charts.referralsBy(body, "by_status", t)}
            />
          </div>
        </>
      )}
    </Section>
  );
}

function ContactsSection({ period }: { period: Period }) {
  const { t } = useTranslation(["statistics", "network"]);
  return (
    <Section report="contacts" period={period}>
      {(body) => (
        <>
          <Totals
            items={[
              { label: t("overview.active_contacts"), cell: body.total },
              { label: t("measures.newContacts"), cell: body.new },
            ]}
          />
          <ChartFigure title={t("charts.contactsByGroup")} layout="categories" data={charts.contactsByGroup(body, t)} />
        </>
      )}
    </Section>
  );
}

function TrainingsSection({ period }: { period: Period }) {
  const { t } = useTranslation(["statistics", "network"]);
  return (
    <Section report="trainings" period={period}>
      {(body) => (
        <>
          <Totals
            items={[
              { label: t("measures.participants"), cell: body.participants },
              { label: t("measures.completionRate"), cell: body.completion_rate, unit: "percent" },
              { label: t("measures.attendanceRate"), cell: body.attendance_rate, unit: "percent" },
            ]}
          />
          <div className="chart-grid">
            <ChartFigure
              title={t("charts.trainingCompletion")}
              layout="categories"
              data={charts.trainingsBy(body, "completion", t)}
            />
            <ChartFigure
              title={t("charts.trainingAttendance")}
              layout="categories"
              data={charts.trainingsBy(body, "attendance", t)}
            />
          </div>
        </>
      )}
    </Section>
  );
}

function ActivationsSection({ period }: { period: Period }) {
  const { t } = useTranslation(["statistics", "network"]);
  return (
    <Section report="activations" period={period}>
      {(body) => (
        <>
          <Totals items={[{ label: t("measures.activations"), cell: body.activations }]} />
          <p className="muted">{t("activationsHint")}</p>
          <ChartFigure title={t("charts.activationsByMonth")} layout="months" data={charts.activationsBy(body, "by_month", t)} />
          <ChartFigure
            title={t("charts.activationsByLevel")}
            layout="categories"
            data={charts.activationsBy(body, "by_level", t)}
          />
        </>
      )}
    </Section>
  );
}

type MunicipalityRow = NetworkStatistics["municipalities"][number] | (NetworkStatistics["total"] & { key: "total"; label: string });

function NetworkSection({ period }: { period: Period }) {
  const { t } = useTranslation(["statistics", "network"]);
  return (
    <Section report="network" period={period}>
      {(body) => {
        const columns: Column<MunicipalityRow>[] = [
          { key: "label", header: t("network.municipality"), cell: (row) => row.label, rowHeader: true },
          ...OVERVIEW_FIGURES.map((name) => ({
            key: name,
            header: t(`overview.${name}`),
            className: "numeric",
            cell: (row: MunicipalityRow) => (
              <FigureValue cell={row[name]} unit={name === "consultation_hours" ? "hours" : "count"} />
            ),
          })),
        ];
        const rows: MunicipalityRow[] = [...body.municipalities, { ...body.total, key: "total", label: t("network.total") }];
        return (
          <>
            <ChartFigure title={t("charts.networkCases")} layout="categories" data={charts.networkCases(body, t)} />
            <DataTable caption={t("sections.network")} columns={columns} rows={rows} rowKey={(row) => row.key} />
            <p className="muted">{t("network.totalHint")}</p>
          </>
        );
      }}
    </Section>
  );
}
