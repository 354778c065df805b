import { describe, expect, it } from "vitest";
import {
  NO_CONSULTATION_FILTERS,
  consultationApiQuery,
  consultationFiltersFromParams,
  consultationFiltersToParams,
} from "./filters";

describe("consultation list filters", () => {
  it("round-trip through the URL and become the API query", () => {
    const filters = {
      q: "Windkraft",
      kind: ["moderation" as const, "mediation" as const],
      format: "online" as const,
      from: "2026-01-01",
      to: "2026-03-31",
      withCase: false,
    };
    const params = consultationFiltersToParams(filters);
    expect(params.toString()).toBe("q=Windkraft&kind=moderation&kind=mediation&format=online&from=2026-01-01&to=2026-03-31&case=without");
    expect(consultationFiltersFromParams(params)).toEqual(filters);
    expect(consultationApiQuery(filters, { cursor: "c2", limit: 25 })).toEqual({
      sort: "-started_at",
      limit: 25,
      q: "Windkraft",
      kind: ["moderation", "mediation"],
      format: "online",
      date_from: "2026-01-01",
      date_to: "2026-03-31",
      with_case: false,
      cursor: "c2",
    });
  });

  it("ignore broken values and swap a reversed date range", () => {
    const filters = consultationFiltersFromParams(new URLSearchParams("kind=x&format=fax&from=2026-05-01&to=2026-02-01&case=maybe"));
    expect(filters).toEqual({ ...NO_CONSULTATION_FILTERS, from: "2026-02-01", to: "2026-05-01" });
  });
});
