import { describe, expect, it } from "vitest";
import { NO_FILTERS, activeFilterCount, filtersFromParams, filtersToParams, toApiQuery } from "./filters";
import type { CaseFilters } from "./filters";

const ME = "0f2b6a1e-0000-4000-8000-000000000003";

describe("case list filters ↔ URL", () => {
  it("round-trips every filter through the query string", () => {
    const filters: CaseFilters = {
      q: "Windpark",
      status: ["new", "in_progress"],
      topic: ["energy_infrastructure"],
      escalationMin: 3,
      escalationMax: 6,
      assignee: "me",
      democracy: true,
      archived: true,
      sort: "-escalation_level",
    };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe(
      "q=Windpark&status=new&status=in_progress&topic=energy_infrastructure&escalation_min=3&escalation_max=6&assignee=me&democracy=true&archived=true&sort=-escalation_level",
    );
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it("leaves defaults out of the URL and reads an empty URL as no filters", () => {
    expect(filtersToParams(NO_FILTERS).toString()).toBe("");
    expect(filtersFromParams(new URLSearchParams())).toEqual(NO_FILTERS);
  });

  it("drops unknown or broken values instead of sending them", () => {
    const params = new URLSearchParams(
      "status=new&status=bogus&status=new&topic=youth&topic=x&escalation_min=12&escalation_max=abc&assignee=robert');drop&democracy=maybe&archived=1&sort=title",
    );
    expect(filtersFromParams(params)).toEqual({ ...NO_FILTERS, status: ["new"], topic: ["youth"] });
  });

  it("puts a reversed escalation range the right way round", () => {
    const filters = filtersFromParams(new URLSearchParams("escalation_min=7&escalation_max=2"));
    expect([filters.escalationMin, filters.escalationMax]).toEqual([2, 7]);
  });

  it("counts the active filters", () => {
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, q: "x", status: ["new", "closed"], escalationMax: 4, democracy: false })).toBe(3);
  });
});

describe("case list filters → API query", () => {
  it("asks for the user's own cases, nobody's cases, or someone's", () => {
    const page = { cursor: null, limit: 25 };
    expect(toApiQuery({ ...NO_FILTERS, assignee: "me" }, ME, page)).toEqual({ sort: "-created_at", limit: 25, assignee: ME });
    expect(toApiQuery({ ...NO_FILTERS, assignee: "none" }, ME, page)).toEqual({ sort: "-created_at", limit: 25, assigned: false });
    const other = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    expect(toApiQuery({ ...NO_FILTERS, assignee: other }, ME, page).assignee).toBe(other);
  });

  it("passes filters, search and cursor through, and leaves empty ones out", () => {
    const query = toApiQuery(
      { ...NO_FILTERS, q: "  Moschee ", status: ["analysing"], topic: ["religion"], escalationMin: 5, democracy: false },
      ME,
      { cursor: "abc", limit: 25 },
    );
    expect(query).toEqual({
      sort: "-created_at",
      limit: 25,
      q: "Moschee",
      status: ["analysing"],
      topic: ["religion"],
      escalation_min: 5,
      endangers_democracy: false,
      cursor: "abc",
    });
  });
});
