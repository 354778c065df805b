import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import "../i18n";
import { createApiClient } from "../api/client";
import type { Me, SessionClient } from "../api/client";
import { COORDINATOR, PASSWORD, createFakeApi } from "../test/fakeApi";
import { jsonResponse, routedFetch } from "../test/apiRoutes";
import { renderApp } from "../test/render";
import { canCancel, meetingBadge } from "./model";
import type { Meeting } from "./queries";

let client: SessionClient;
vi.mock("../api/client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api/client")>();
  return { ...actual, sessionClient: () => client };
});

const WRITER: Me = { ...COORDINATOR, permissions: [...COORDINATOR.permissions, "steering:read", "steering:write"] };
const ID = "5b0c6f0e-0000-4000-8000-000000000001";

const MEETING: Meeting = {
  id: ID,
  title: "Sitzung der Steuerungsgruppe 06/2026",
  starts_at: "2099-06-10T13:00:00Z",
  ends_at: "2099-06-10T15:00:00Z",
  place: "Landratsamt, Raum 204",
  video_url: null,
  status: "planned",
  cancelled_at: null,
  minutes_status: "draft",
  invitations_sent_at: "2099-05-20T08:00:00Z",
  version: 4,
  approved_at: null,
  approved_by_name: null,
  invitation_sequence: 0,
  invitations_outdated: false,
  agenda_items: [],
  participants: [],
  created_at: "2099-05-02T09:00:00Z",
  updated_at: "2099-05-20T08:00:00Z",
};

describe("calling a meeting off", () => {
  it("only before it begins, while planned and not approved", () => {
    const now = new Date("2099-06-10T12:00:00Z");
    expect(canCancel(MEETING, now)).toBe(true);
    expect(canCancel(MEETING, new Date("2099-06-10T13:00:00Z"))).toBe(false);
    expect(canCancel({ ...MEETING, status: "cancelled" }, now)).toBe(false);
    expect(canCancel({ ...MEETING, minutes_status: "approved" }, now)).toBe(false);
    expect(meetingBadge({ ...MEETING, status: "cancelled" })).toEqual({
      label: "meetingStatus.cancelled",
      tone: "warning",
    });
    expect(meetingBadge(MEETING).label).toBe("minutesStatus.draft");
  });

  it("asks first, sends the meeting's ETag and says who was sent the cancellation", async () => {
    const cancelled: Meeting = { ...MEETING, status: "cancelled", cancelled_at: "2099-06-01T09:00:00Z", version: 5 };
    const server = routedFetch(
      {
        [`GET /api/v1/steering-meetings/${ID}`]: () => jsonResponse(200, MEETING, { ETag: '"4"' }),
        [`POST /api/v1/steering-meetings/${ID}/cancel`]: () =>
          jsonResponse(200, { users: 3, contacts: 2, without_address: ["Pfarrer Jens Möller"], sequence: 1, meeting: cancelled }),
      },
      createFakeApi(WRITER).fetch,
    );
    client = createApiClient({ baseUrl: "http://kokoma.test", fetch: server.fetch });
    await client.login(WRITER.email!, PASSWORD);
    renderApp(client, `/steering/${ID}`);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Sitzung absagen" }));
    const dialog = screen.getByRole("dialog", { name: "Sitzung „Sitzung der Steuerungsgruppe 06/2026“ absagen?" });
    // Focus starts on "Abbrechen": Enter alone does not call the meeting off.
    expect(within(dialog).getByRole("button", { name: "Abbrechen" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Sitzung absagen" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Absagen" }));
    await waitFor(() => expect(screen.getByText(/Die Sitzung ist abgesagt\./)).toBeInTheDocument());
    const [call] = server.calls.filter((c) => c.method === "POST");
    expect(call?.headers.get("If-Match")).toBe('"4"');
    expect(screen.getByText(/Die Sitzung ist abgesagt\./).textContent).toContain(
      "3 an Personen mit Zugang, 2 an externe Mitglieder. Ohne E-Mail-Adresse, bitte anders benachrichtigen: Pfarrer Jens Möller",
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
    expect(screen.getByText("Abgesagt")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sitzung absagen" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Sitzung bearbeiten" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Einladungen" })).toBeNull();
    expect(screen.getByRole("button", { name: "Sitzung löschen" })).toBeInTheDocument();
  });
});
