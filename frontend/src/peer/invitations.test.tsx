import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import "../i18n";
import { createApiClient } from "../api/client";
import type { Me, SessionClient } from "../api/client";
import { COORDINATOR, PASSWORD, createFakeApi } from "../test/fakeApi";
import { jsonResponse, routedFetch } from "../test/apiRoutes";
import { renderApp } from "../test/render";
import type { MyInvitation } from "./queries";

let client: SessionClient;
vi.mock("../api/client", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api/client")>();
  return { ...actual, sessionClient: () => client };
});

const MEMBER: Me = { ...COORDINATOR, permissions: [...COORDINATOR.permissions, "peer:participate"] };
const INVITATION: MyInvitation = {
  id: "5a6b7c8d-0000-4000-8000-000000000001",
  group_id: "9f1c2b3a-0000-4000-8000-000000000002",
  group_name: "Kollegiale Fallberatung Thüringen",
  schedule: "monatlich",
  member_count: 6,
  municipality_count: 3,
  invited_at: "2099-01-02T09:00:00Z",
  expires_at: "2099-02-01T09:00:00Z",
  version: 2,
};

describe("invitations addressed to oneself", () => {
  it("are declined by keyboard with the invitation's ETag and leave the page", async () => {
    let open = [INVITATION];
    const server = routedFetch(
      {
        "GET /api/v1/peer-groups": () => jsonResponse(200, []),
        "GET /api/v1/case-presentations": () => jsonResponse(200, { items: [], next_cursor: null }),
        "GET /api/v1/peer-invitations": () => jsonResponse(200, open),
        [`POST /api/v1/peer-invitations/${INVITATION.id}/refusal`]: () => {
          open = [];
          return new Response(null, { status: 204 });
        },
      },
      createFakeApi(MEMBER).fetch,
    );
    client = createApiClient({ baseUrl: "http://kokoma.test", fetch: server.fetch });
    await client.login(MEMBER.email!, PASSWORD);
    renderApp(client, "/peer");
    const user = userEvent.setup();

    const region = await screen.findByRole("region", { name: "Einladungen an Sie" });
    expect(region).toHaveTextContent("6 Mitglieder aus 3 Kommunen");
    expect(screen.getByRole("button", { name: `Einladung in die Gruppe ${INVITATION.group_name} annehmen` })).toBeEnabled();
    screen.getByRole("button", { name: `Einladung in die Gruppe ${INVITATION.group_name} ablehnen` }).focus();
    await user.keyboard("{Enter}");

    await waitFor(() => expect(screen.queryByRole("region", { name: "Einladungen an Sie" })).toBeNull());
    const [call] = server.calls.filter((c) => c.method === "POST");
    expect(call?.headers.get("If-Match")).toBe('"2"');
    expect(screen.getByText(`Sie haben die Einladung in die Gruppe ${INVITATION.group_name} abgelehnt.`)).toBeInTheDocument();
  });
});
