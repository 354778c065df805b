import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import "../i18n";
import { createApiClient } from "../api/client";
import type { Me, SessionClient } from "../api/client";
import { COORDINATOR, PASSWORD, createFakeApi } from "../test/fakeApi";
import { jsonResponse, routedFetch } from "../test/apiRoutes";
import { renderApp } from "../test/render";

let client: SessionClient;
vi.mock("../api/client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api/client")>();
  return { ...actual, sessionClient: () => client };
});

const STEERING: Me = {
  ...COORDINATOR,
  id: "0f2b6a1e-0000-4000-8000-000000000005",
  email: "steuerung@wartburgkreis.example",
  full_name: "Dr. Frank Heller",
  role: "steering_group",
  permissions: ["profile:read", "municipalities:read", "statistics:read"],
};

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

describe("the steering group's overview", () => {
  it("shows the headline figures and says which counts are withheld, never showing them as 0", async () => {
    const server = routedFetch(
      {
        "GET /api/v1/statistics/overview": () =>
          jsonResponse(200, {
            period: { from: "2026-01-01", to: "2026-12-31" },
            municipality_id: COORDINATOR.municipality.id,
            suppression_threshold: 3,
            cases_open: shown(24),
            cases_new: shown(39),
            cases_closed: shown(16),
            consultations: shown(1290),
            consultation_hours: shown(190.5),
            referrals: hidden,
            active_contacts: shown(108),
            qualified_conflict_managers: shown(8),
          }),
      },
      createFakeApi(STEERING).fetch,
    );
    client = createApiClient({ baseUrl: "http://kokoma.test", fetch: server.fetch });
    await client.login(STEERING.email!, PASSWORD);
    renderApp(client, "/");

    const figures = await screen.findByRole("region", { name: "Kennzahlen 2026" });
    const value = (label: string) => within(figures).getByText(label).nextElementSibling?.textContent;
    expect(await within(figures).findByText("Offene Fälle")).toBeInTheDocument();
    expect(value("Offene Fälle")).toBe("24");
    expect(value("Beratungen")).toBe("1.290");
    expect(value("Beratungsstunden")).toBe("190,5 Std.");
    expect(value("Vermittlungen")).toBe("< 3unterdrückt: weniger als 3, zum Schutz Betroffener");
    expect(screen.queryByRole("region", { name: "Meine offenen Fälle" })).toBeNull();
  });
});
