import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import "../i18n";
import { createApiClient } from "../api/client";
import type { SessionClient } from "../api/client";
import { COORDINATOR, COORDINATOR_EMAIL, PASSWORD, createFakeApi } from "../test/fakeApi";
import { jsonResponse, routedFetch } from "../test/apiRoutes";
import type { RouteHandler } from "../test/apiRoutes";
import { renderApp } from "../test/render";
import { saveDraft } from "../ui/drafts";
import type { CaseDetail } from "./model";

// The pages talk to the app-wide client; here it is one wired to the fake API.
let client: SessionClient;
vi.mock("../api/client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api/client")>();
  return { ...actual, sessionClient: () => client };
});

const CASE_ID = "3f2b8c1e-7d4a-4e0b-9c55-1a2b3c4d5e6f";
const CASEWORKER = {
  ...COORDINATOR,
  permissions: [...COORDINATOR.permissions, "cases:write", "cases:coordinate", "consultations:write"],
};

function aCase(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: CASE_ID,
    reference: "WAK-2026-0007",
    title: "Streit um Flüchtlingsunterkunft in Gerstungen",
    summary: "Anwohnende und Gemeinderat streiten.",
    topics: ["migration_integration"],
    status: "new",
    escalation_level: 3,
    endangers_democracy: false,
    democracy_indicators: [],
    place_id: null,
    place: "Gerstungen",
    requesting_body: null,
    visibility: "team",
    follow_up_date: null,
    outcome: null,
    outcome_note: null,
    referrals: [],
    closed_at: null,
    archived: false,
    archived_at: null,
    assignees: [{ user_id: COORDINATOR.id, full_name: COORDINATOR.full_name }],
    parties: [],
    created_at: "2026-02-10T08:30:00Z",
    updated_at: "2026-02-12T14:05:00Z",
    version: 3,
    allowed_transitions: ["clarifying", "closed"],
    ...overrides,
  };
}

const emptyPage = () => jsonResponse(200, { items: [], next_cursor: null });

async function signedIn(routes: Record<string, RouteHandler>) {
  const server = routedFetch(
    {
      "GET /api/v1/cases/:id/timeline": emptyPage,
      "GET /api/v1/cases/:id/consultations": emptyPage,
      ...routes,
    },
    createFakeApi(CASEWORKER).fetch,
  );
  client = createApiClient({ baseUrl: "http://kokoma.test", fetch: server.fetch });
  await client.login(COORDINATOR_EMAIL, PASSWORD);
  return server;
}

beforeEach(() => window.sessionStorage.clear());
afterEach(() => vi.clearAllMocks());

describe("the status menu", () => {
  it("offers exactly the steps the API allows, asks for the outcome when closing, and sends If-Match", async () => {
    let current = aCase();
    const server = await signedIn({
      "GET /api/v1/cases/:id": () => jsonResponse(200, current),
      "POST /api/v1/cases/:id/status": async (request) => {
        const body = (await request.json()) as { status: string; outcome?: string | null };
        if (!body.outcome) {
          return jsonResponse(422, {
            status: 422,
            errors: [{ field: "body.outcome", message: "Closing or referring needs an outcome.", type: "missing" }],
          });
        }
        current = aCase({ status: "closed", outcome: "withdrawn", version: 4, allowed_transitions: ["in_progress"] });
        return jsonResponse(200, current);
      },
    });
    renderApp(client, `/cases/${CASE_ID}`);

    const status = await screen.findByRole("region", { name: "Status" });
    const steps = within(status).getByRole("list", { name: "Status ändern zu" });
    expect(within(steps).getAllByRole("button").map((button) => button.textContent)).toEqual([
      "Auftragsklärung",
      "Abgeschlossen",
    ]);

    await userEvent.click(within(steps).getByRole("button", { name: "Abgeschlossen" }));
    expect(within(status).getByRole("heading", { name: "Status ändern zu „Abgeschlossen“" })).toHaveFocus();
    await userEvent.click(within(status).getByRole("button", { name: "Status ändern" }));
    expect(await within(status).findByRole("alert")).toHaveTextContent("Ergebnis: Bitte füllen Sie dieses Feld aus.");
    expect(within(status).getByRole("combobox", { name: /^Ergebnis/ })).toHaveAttribute("aria-invalid", "true");

    await userEvent.selectOptions(within(status).getByRole("combobox", { name: /^Ergebnis/ }), "withdrawn");
    await userEvent.type(within(status).getByRole("textbox", { name: "Begründung" }), "Anfrage zurückgezogen.");
    await userEvent.click(within(status).getByRole("button", { name: "Status ändern" }));

    await waitFor(() => expect(within(status).getByRole("status")).toHaveTextContent("Der Status ist jetzt „Abgeschlossen“."));
    const sent = server.calls.filter((call) => call.method === "POST");
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers.get("If-Match")).toBe('"3"');
    expect(sent[1]?.body).toEqual({ status: "closed", note: "Anfrage zurückgezogen.", outcome: "withdrawn", outcome_note: null });
    // The coordinator may reopen: the new offer comes from the answer, not from a table here.
    expect(within(status).getByRole("button", { name: "Bearbeitung" })).toBeInTheDocument();
  });

  it("after a stale step shows where the case stands now and offers what is possible from there", async () => {
    let reads = 0;
    await signedIn({
      "GET /api/v1/cases/:id": () => {
        reads += 1;
        return jsonResponse(
          200,
          reads === 1 ? aCase() : aCase({ status: "clarifying", version: 4, allowed_transitions: ["analysing", "referred", "closed"] }),
        );
      },
      "POST /api/v1/cases/:id/status": () => jsonResponse(412, { status: 412, detail: "stale" }),
    });
    renderApp(client, `/cases/${CASE_ID}`);

    const status = await screen.findByRole("region", { name: "Status" });
    await userEvent.click(within(status).getByRole("button", { name: "Auftragsklärung" }));
    await userEvent.click(within(status).getByRole("button", { name: "Status ändern" }));

    expect(await within(status).findByText(/Der Fall wurde inzwischen geändert; der Status ist jetzt „Auftragsklärung“/)).toBeInTheDocument();
    const steps = within(status).getByRole("list", { name: "Status ändern zu" });
    expect(within(steps).getAllByRole("button").map((button) => button.textContent)).toEqual(["Analyse", "Vermittelt", "Abgeschlossen"]);
  });

  it("offers nothing on an archived case", async () => {
    await signedIn({
      "GET /api/v1/cases/:id": () =>
        jsonResponse(200, aCase({ status: "closed", outcome: "withdrawn", archived: true, allowed_transitions: [] })),
    });
    renderApp(client, `/cases/${CASE_ID}`);
    const status = await screen.findByRole("region", { name: "Status" });
    expect(within(status).queryByRole("button")).toBeNull();
    expect(screen.getByText("Dieser Fall ist archiviert und kann nicht mehr geändert werden.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Bearbeiten" })).toBeNull();
  });
});

describe("a stale edit", () => {
  it("compares the user's change with the version saved now and re-applies it", async () => {
    let version = 3;
    let current = aCase();
    const server = await signedIn({
      "GET /api/v1/cases/:id": () => jsonResponse(200, current),
      "PATCH /api/v1/cases/:id": async (request) => {
        if (request.headers.get("If-Match") !== `"${version}"`) return jsonResponse(412, { status: 412 });
        const body = (await request.json()) as Partial<CaseDetail>;
        version += 1;
        current = { ...current, ...body, version };
        return jsonResponse(200, current);
      },
    });
    renderApp(client, `/cases/${CASE_ID}/edit`);
    const summary = await screen.findByRole("textbox", { name: "Zusammenfassung" });
    await userEvent.clear(summary);
    await userEvent.type(summary, "Die Lage spitzt sich zu.");

    // Someone else saves a new title meanwhile.
    version = 4;
    current = aCase({ title: "Unterkunft Gerstungen: Bürgerversammlung", version: 4 });
    await userEvent.click(screen.getByRole("button", { name: "Änderungen speichern" }));

    const conflict = await screen.findByRole("region", { name: "Jemand anderes hat diesen Eintrag inzwischen geändert" });
    const rows = within(conflict).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent("Zusammenfassung");
    expect(rows[0]).toHaveTextContent("Anwohnende und Gemeinderat streiten.");
    expect(rows[0]).toHaveTextContent("Die Lage spitzt sich zu.");
    expect(conflict).toHaveTextContent("Titel: Streit um Flüchtlingsunterkunft in Gerstungen → Unterkunft Gerstungen: Bürgerversammlung");

    await userEvent.click(within(conflict).getByRole("button", { name: "Meine Änderungen auf die aktuelle Fassung übertragen" }));
    expect(screen.getByRole("textbox", { name: /^Titel/ })).toHaveValue("Unterkunft Gerstungen: Bürgerversammlung");
    expect(screen.getByRole("textbox", { name: "Zusammenfassung" })).toHaveValue("Die Lage spitzt sich zu.");
    await userEvent.click(screen.getByRole("button", { name: "Änderungen speichern" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Unterkunft Gerstungen: Bürgerversammlung" })).toBeInTheDocument();
    const patches = server.calls.filter((call) => call.method === "PATCH");
    expect(patches.map((call) => call.headers.get("If-Match"))).toEqual(['"3"', '"4"']);
    expect(patches[1]?.body).toEqual({ summary: "Die Lage spitzt sich zu." });
  });
});

describe("drafts", () => {
  it("fill a new case form from the draft an ended session left, until discarded", async () => {
    await signedIn({});
    saveDraft(COORDINATOR.id, "case.new", {
      title: "Halb angelegt",
      summary: "Notizen aus dem Telefonat",
      topics: ["youth"],
      escalation_level: 2,
      endangers_democracy: false,
      democracy_indicators: [],
      place_id: "",
      place: "",
      requesting_body: "",
      visibility: "team",
      follow_up_date: "",
      timeline_note: "",
    });
    renderApp(client, "/cases/new");

    expect(await screen.findByRole("textbox", { name: /^Titel/ })).toHaveValue("Halb angelegt");
    expect(screen.getByRole("textbox", { name: "Zusammenfassung" })).toHaveValue("Notizen aus dem Telefonat");
    expect(screen.getByRole("checkbox", { name: "Jugend" })).toBeChecked();
    const notice = screen.getByText(/Ein nicht gespeicherter Entwurf vom .* wurde wiederhergestellt\./);

    await act(async () => {
      await userEvent.click(within(notice.closest("div")!).getByRole("button", { name: "Entwurf verwerfen" }));
    });
    expect(screen.getByRole("textbox", { name: /^Titel/ })).toHaveValue("");
    expect(window.sessionStorage.getItem(`kokoma.draft.${COORDINATOR.id}.case.new`)).toBeNull();
  });

  it("are not restored for another user", async () => {
    await signedIn({});
    saveDraft("someone-else", "case.new", { title: "Fremder Entwurf" });
    renderApp(client, "/cases/new");
    expect(await screen.findByRole("textbox", { name: /^Titel/ })).toHaveValue("");
    expect(screen.queryByText(/Entwurf vom/)).toBeNull();
  });
});
