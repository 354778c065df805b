/**
 * One term per thing: a code is called the same wherever the app (and the API's
 * statistics and CSV files) names it, in each language.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./index";
import { resources } from "./resources";

type Labels = Record<string, unknown>;

function only(labels: Labels, keys: string[]): Labels {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => keys.includes(key)));
}

interface ApiCatalogue {
  codes: Record<string, Labels>;
  statistics: { measures: Labels };
}

/** The API's own catalogue (statistics JSON and CSV labels). */
function api(language: string): ApiCatalogue {
  const file = resolve(__dirname, `../../../backend/kokoma/i18n/locales/${language}.json`);
  return JSON.parse(readFileSync(file, "utf-8")) as ApiCatalogue;
}

/** Pairs of places that name the same codes. */
function places(language: (typeof LANGUAGES)[number]): [string, Labels, Labels][] {
  const r = resources[language];
  const { codes, statistics } = api(language);
  const keys = r.statistics.keys as unknown as Record<string, Labels>;
  return [
    ["case status", r.cases.status, codes.status as Labels],
    ["case status (statistics page)", r.cases.status, keys.status as Labels],
    ["topic", r.cases.topic, codes.topic as Labels],
    ["topic (statistics page)", r.cases.topic, keys.topic as Labels],
    ["consultation kind", r.consultations.kind, codes.consultation_kind as Labels],
    ["consultation kind (statistics page)", r.consultations.kind, keys.kind as Labels],
    ["consultation format", r.consultations.format, codes.consultation_format as Labels],
    ["consultation format (statistics page)", r.consultations.format, keys.format as Labels],
    ["referral status", r.cases.referralStatus, codes.referral_status as Labels],
    ["referral status (statistics page)", r.cases.referralStatus, keys.referralStatus as Labels],
    ["actor group", r.network.actorGroup, codes.actor_group as Labels],
    [
      "case figures (dashboard and statistics)",
      only(r.dashboard.statistics as Labels, ["cases_new", "cases_closed", "consultations"]),
      statistics.measures,
    ],
  ];
}

describe.each(LANGUAGES)("terms in %s", (language) => {
  it.each(places(language))("%s: the same code has the same name", (_name, one, other) => {
    const shared = Object.keys(one).filter((key) => key in other && typeof one[key] === "string");
    const differing = shared.filter((key) => String(one[key]).toLowerCase() !== String(other[key]).toLowerCase());
    expect(differing.map((key) => `${key}: ${String(one[key])} ≠ ${String(other[key])}`)).toEqual([]);
  });
});
