import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import i18n from "./i18n";
import type { Me } from "./api/client";
import { COORDINATOR, COORDINATOR_EMAIL, PASSWORD, createFakeApi } from "./test/fakeApi";
import { fakeClient, renderApp } from "./test/render";

const TRAINER_EMAIL = "qualifizierung@wartburgkreis.example";
const TRAINER: Me = {
  ...COORDINATOR,
  id: "0f2b6a1e-0000-4000-8000-000000000004",
  email: TRAINER_EMAIL,
  full_name: "Quirin Qualifizierung",
  role: "trainer",
  permissions: ["profile:read", "municipalities:read", "trainings:read", "trainings:write"],
};

async function signIn(email: string, password: string) {
  await userEvent.type(await screen.findByLabelText("E-Mail-Adresse"), email);
  await userEvent.type(screen.getByLabelText("Passwort"), password);
  await userEvent.click(screen.getByRole("button", { name: "Anmelden" }));
}

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage("de");
});

describe("the app", () => {
  it("sends a visitor without a session to the login page", async () => {
    const { client } = fakeClient();
    const { router } = renderApp(client, "/cases");

    expect(await screen.findByRole("heading", { level: 1, name: "Anmelden" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    // The title is set in an effect after the heading renders.
    await waitFor(() => expect(document.title).toBe("Anmelden – KoKoMa"));
  });

  it("signs in, returns to the page asked for, and shows the navigation the permissions allow", async () => {
    const { client } = fakeClient();
    const { router } = renderApp(client, "/trainings");

    await signIn(COORDINATOR_EMAIL, PASSWORD);

    expect(await screen.findByRole("heading", { level: 1, name: "Qualifizierung" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/trainings");
    const nav = screen.getByRole("navigation", { name: "Hauptnavigation" });
    const links = within(nav).getAllByRole("link").map((link) => link.textContent);
    expect(links).toEqual([
      "Übersicht",
      "Konfliktfälle",
      "Beratungen",
      "Netzwerk",
      "Qualifizierung",
      "Statistik",
      "Verwaltung",
      "Glossar",
    ]);
    expect(within(nav).getByRole("link", { name: "Qualifizierung" })).toHaveAttribute("aria-current", "page");
  });

  it("shows a trainer only the trainings area, and other areas as not found", async () => {
    const { client } = fakeClient(createFakeApi(TRAINER));
    const { router } = renderApp(client, "/");
    await signIn(TRAINER_EMAIL, PASSWORD);

    expect(await screen.findByRole("heading", { level: 1, name: `Guten Tag, ${TRAINER.full_name}` })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Hauptnavigation" });
    expect(within(nav).getAllByRole("link").map((link) => link.textContent)).toEqual(["Übersicht", "Qualifizierung", "Glossar"]);
    expect(screen.getByText("Qualifizierung", { selector: "dd" })).toBeInTheDocument();

    await act(() => router.navigate("/cases"));
    expect(await screen.findByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeInTheDocument();
  });

  it("explains a wrong password in an alert and keeps the user on the login page", async () => {
    const { client } = fakeClient();
    renderApp(client, "/login");

    await signIn(COORDINATOR_EMAIL, "falsch");

    expect(await screen.findByRole("alert")).toHaveTextContent("E-Mail-Adresse oder Passwort ist nicht korrekt.");
    expect(screen.getByLabelText("Passwort")).toHaveValue("");
    expect(screen.getByLabelText("Passwort")).toHaveFocus();
    expect(screen.getByLabelText("E-Mail-Adresse")).toHaveAttribute("aria-invalid", "true");
  });

  it("switches the language, including the lang attribute of the document", async () => {
    const { client } = fakeClient();
    renderApp(client, "/login");
    expect(await screen.findByRole("heading", { level: 1, name: "Anmelden" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("de");

    await userEvent.click(screen.getByRole("button", { name: "English" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
    expect(window.localStorage.getItem("kokoma.language")).toBe("en");
  });

  it("logs out to the login page with a confirmation", async () => {
    const { client, server } = fakeClient();
    const { router } = renderApp(client, "/");
    await signIn(COORDINATOR_EMAIL, PASSWORD);
    await screen.findByRole("heading", { level: 1, name: `Guten Tag, ${COORDINATOR.full_name}` });

    await userEvent.click(screen.getByRole("button", { name: "Abmelden" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Anmelden" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Sie haben sich abgemeldet.");
    expect(router.state.location.pathname).toBe("/login");
    await waitFor(() => expect(server.callsTo("/api/v1/auth/session/logout")).toHaveLength(1));
  });

  it("moves focus to the main content after navigating, and shows unknown addresses as not found", async () => {
    const { client } = fakeClient();
    const { router } = renderApp(client, "/");
    await signIn(COORDINATOR_EMAIL, PASSWORD);
    await screen.findByRole("heading", { level: 1, name: `Guten Tag, ${COORDINATOR.full_name}` });

    const nav = screen.getByRole("navigation", { name: "Hauptnavigation" });
    await userEvent.click(within(nav).getByRole("link", { name: "Netzwerk" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Kontakte" })).toBeInTheDocument();
    await waitFor(() => expect(document.activeElement?.id).toBe("main-content"));
    await waitFor(() => expect(document.title).toBe("Kontakte – KoKoMa"));

    await act(() => router.navigate("/gibt-es-nicht"));
    expect(await screen.findByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeInTheDocument();
  });

  it("offers a skip link that moves focus to the main content", async () => {
    const { client } = fakeClient();
    renderApp(client, "/login");
    await screen.findByRole("heading", { level: 1, name: "Anmelden" });

    await userEvent.tab();
    const skip = screen.getByRole("link", { name: "Zum Inhalt springen" });
    expect(skip).toHaveFocus();
    await userEvent.keyboard("{Enter}");

    expect(document.activeElement?.id).toBe("main-content");
    expect(screen.getByRole("main")).toHaveFocus();
  });
});
