import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SearchForm } from "./SearchForm";

interface Filters {
  q: string;
  from: string;
}

const NONE: Filters = { q: "", from: "" };

/** A list page in miniature: the applied filters and what the list would be asked for. */
function Harness({ live = false, initial = NONE }: { live?: boolean; initial?: Filters }) {
  const [applied, setApplied] = useState(initial);
  const [searches, setSearches] = useState<Filters[]>([]);
  const apply = (next: Filters) => {
    setApplied(next);
    setSearches((done) => [...done, next]);
  };
  return (
    <>
      <SearchForm
        label="Kontakte filtern"
        applied={applied}
        onApply={apply}
        submitLabel="Anwenden"
        reset={{ label: "Zurücksetzen", to: NONE }}
        validate={(draft) => draft.from !== "morgen"}
        live={live}
      >
        {(draft, change) => (
          <>
            <label>
              Suche
              <input type="search" value={draft.q} onChange={(event) => change({ ...draft, q: event.target.value })} />
            </label>
            <label>
              Ab
              <input value={draft.from} onChange={(event) => change({ ...draft, from: event.target.value })} />
            </label>
          </>
        )}
      </SearchForm>
      <button type="button" onClick={() => setApplied({ q: "Nachbarschaft", from: "" })}>
        Link folgen
      </button>
      <output aria-label="Suchen">{JSON.stringify(searches)}</output>
    </>
  );
}

const searches = () => JSON.parse(screen.getByLabelText("Suchen").textContent ?? "[]") as Filters[];
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe("the search form of a list", () => {
  afterEach(() => vi.useRealTimers());

  it("is a named search landmark that applies the edited filters on submit, not while typing", () => {
    render(<Harness />);
    expect(screen.getByRole("search", { name: "Kontakte filtern" })).toBeInTheDocument();

    type("Suche", "Jugendclub");
    type("Ab", "2026-01-01");
    expect(searches()).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Anwenden" }));
    expect(searches()).toEqual([{ q: "Jugendclub", from: "2026-01-01" }]);
  });

  it("keeps the filters when the check fails, and resets to none", () => {
    render(<Harness initial={{ q: "Schule", from: "" }} />);
    type("Ab", "morgen");
    fireEvent.click(screen.getByRole("button", { name: "Anwenden" }));
    expect(searches()).toEqual([]);
    expect(screen.getByLabelText("Ab")).toHaveValue("morgen");

    fireEvent.click(screen.getByRole("button", { name: "Zurücksetzen" }));
    expect(searches()).toEqual([NONE]);
    expect(screen.getByLabelText("Suche")).toHaveValue("");
  });

  it("shows filters applied from outside, such as a link or the back button", () => {
    render(<Harness />);
    type("Suche", "halb getippt");
    fireEvent.click(screen.getByRole("button", { name: "Link folgen" }));
    expect(screen.getByLabelText("Suche")).toHaveValue("Nachbarschaft");
  });

  it("searches as the user types once typing pauses, and not again for the same words", () => {
    vi.useFakeTimers();
    render(<Harness live />);
    type("Suche", "Gem");
    type("Suche", "Gemeinderat");
    expect(searches()).toEqual([]);

    act(() => vi.runAllTimers());
    expect(searches()).toEqual([{ q: "Gemeinderat", from: "" }]);

    type("Suche", "Gemeinderat ");
    act(() => vi.runAllTimers());
    expect(searches()).toHaveLength(1);
  });
});
