import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import "../i18n";
import { SecretDialog } from "./SecretDialog";

const CLIENT = { id: "f1a0b3d6-de0b-4e01-9847-a7f9ac7c22b4", name: "Fachverfahren Ordnungsamt", secret: "kks_ZvK8j02tqut0VXkmwn" };

function Harness() {
  const [client, setClient] = useState<typeof CLIENT | null>(CLIENT);
  return <SecretDialog client={client} onClose={() => setClient(null)} />;
}

describe("the one-time secret dialog", () => {
  it("shows the secret with a warning that it is shown only once", () => {
    render(<Harness />);
    expect(screen.getByRole("heading", { name: "Client-Geheimnis für „Fachverfahren Ordnungsamt“" })).toBeInTheDocument();
    expect(screen.getByLabelText("Client-Geheimnis")).toHaveValue(CLIENT.secret);
    expect(screen.getByRole("alert")).toHaveTextContent("nur jetzt ein einziges Mal angezeigt");
    expect(screen.getByText(CLIENT.id)).toBeInTheDocument();
  });

  it("copies the secret to the clipboard and says so", async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue(undefined);
    render(<Harness />);

    await user.click(screen.getByRole("button", { name: "Kopieren" }));

    expect(writeText).toHaveBeenCalledWith(CLIENT.secret);
    expect(await screen.findByText("Das Geheimnis wurde in die Zwischenablage kopiert.")).toBeInTheDocument();
  });

  it("stays open until the user confirms having stored the secret, then forgets it", async () => {
    const user = userEvent.setup();
    const { container } = render(<Harness />);
    const close = screen.getByRole("button", { name: "Schließen" });
    expect(close).toBeDisabled();

    // Escape does not dismiss it yet either.
    fireEvent(container.querySelector("dialog")!, new Event("cancel", { cancelable: true }));
    expect(screen.getByLabelText("Client-Geheimnis")).toBeInTheDocument();

    await user.click(screen.getByLabelText("Ich habe das Geheimnis sicher gespeichert."));
    expect(close).toBeEnabled();
    await user.click(close);

    expect(screen.queryByLabelText("Client-Geheimnis")).not.toBeInTheDocument();
    expect(container).not.toHaveTextContent(CLIENT.secret);
  });
});
