import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { useState } from "react";
import i18n from "../i18n";
import { ChartFigure } from "./ChartFigure";
import { FigureValue } from "./Figure";
import { PeriodSelector } from "./PeriodSelector";
import type { Period } from "./period";
import { today } from "../ui/calendar";

afterEach(async () => {
  await act(() => i18n.changeLanguage("de"));
});

describe("a statistics figure", () => {
  it("shows a suppressed count as suppressed, with the hatching and an explanation – never as 0", () => {
    const { container } = render(<FigureValue cell={{ value: null, suppressed: true }} />);
    expect(container).toHaveTextContent("unterdrückt");
    expect(container).not.toHaveTextContent("0");
    expect(container.querySelector(".hatch-swatch")).not.toBeNull();
    expect(screen.getByTitle("Wert aus Datenschutzgründen nicht angezeigt")).toBeInTheDocument();
  });

  it("shows a real 0 as 0, and a rate over nothing as not applicable", () => {
    const { container, rerender } = render(<FigureValue cell={{ value: 0, suppressed: false }} />);
    expect(container).toHaveTextContent(/^0$/);
    expect(container.querySelector(".hatch-swatch")).toBeNull();

    rerender(<FigureValue cell={{ value: null, suppressed: false }} unit="percent" />);
    expect(container).toHaveTextContent("nicht anwendbar");
  });

  it("writes numbers, hours and percentages in the user's language", async () => {
    const { container, rerender } = render(<FigureValue cell={{ value: 1234, suppressed: false }} />);
    expect(container).toHaveTextContent("1.234");
    rerender(<FigureValue cell={{ value: 190.9, suppressed: false }} unit="hours" />);
    expect(container).toHaveTextContent("190,9 Std.");

    await act(() => i18n.changeLanguage("en"));
    rerender(<FigureValue cell={{ value: 91.2, suppressed: false }} unit="percent" />);
    expect(container).toHaveTextContent("91.2 %");
    rerender(<FigureValue cell={{ value: null, suppressed: true }} />);
    expect(container).toHaveTextContent("suppressed");
  });
});

function Harness({ initial, chosen }: { initial: Period; chosen: Period[] }) {
  const [period, setPeriod] = useState(initial);
  return (
    <PeriodSelector
      key={`${period.from}/${period.to}`}
      period={period}
      onChange={(next) => {
        chosen.push(next);
        setPeriod(next);
      }}
    />
  );
}

describe("the period selector", () => {
  it("applies an entered period and refuses an end before the start, saying why next to the field", async () => {
    const chosen: Period[] = [];
    render(<Harness initial={{ from: "2026-01-01", to: "2026-12-31" }} chosen={chosen} />);

    const to = screen.getByLabelText("Bis");
    await userEvent.clear(to);
    await userEvent.type(to, "2025-06-30");
    await userEvent.click(screen.getByRole("button", { name: "Zeitraum anzeigen" }));

    expect(chosen).toEqual([]);
    expect(to).toHaveAttribute("aria-invalid", "true");
    expect(to).toHaveAccessibleDescription("Das Enddatum darf nicht vor dem Anfangsdatum liegen.");

    await userEvent.clear(to);
    await userEvent.type(to, "2026-06-30");
    await userEvent.click(screen.getByRole("button", { name: "Zeitraum anzeigen" }));
    expect(chosen).toEqual([{ from: "2026-01-01", to: "2026-06-30" }]);
    expect(screen.getByLabelText("Bis")).not.toHaveAttribute("aria-invalid");
  });

  it("offers the usual periods as buttons and marks the one shown", async () => {
    const chosen: Period[] = [];
    const year = Number(today().slice(0, 4)); // the year in Germany, as the app counts it
    render(<Harness initial={{ from: `${year}-01-01`, to: `${year}-12-31` }} chosen={chosen} />);

    expect(screen.getByRole("button", { name: "Dieses Jahr" })).toHaveAttribute("aria-pressed", "true");
    await userEvent.click(screen.getByRole("button", { name: "Vorjahr" }));

    expect(chosen).toEqual([{ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }]);
    expect(screen.getByRole("button", { name: "Vorjahr" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByLabelText("Von")).toHaveValue(`${year - 1}-01-01`);
  });
});

describe("a chart's spoken summary", () => {
  const chart = (values: number[]) => ({
    series: [{ key: "count", label: "Anzahl" }],
    rows: values.map((value, index) => ({ key: `k${index}`, label: `Kategorie ${index + 1}`, cells: [{ value, suppressed: false }] })),
  });

  it("names the largest figure, in the singular for one", () => {
    const { container, rerender } = render(<ChartFigure title="Fälle" data={chart([2, 7])} layout="categories" />);
    expect(container).toHaveTextContent("2 Werte, größter Wert 7 (Kategorie 2).");
    rerender(<ChartFigure title="Fälle" data={chart([4])} layout="categories" />);
    expect(container).toHaveTextContent("1 Wert: 4 (Kategorie 1).");
  });

  it("says that all figures are 0 rather than calling 0 the largest", () => {
    const { container } = render(<ChartFigure title="Fälle" data={chart([0, 0, 0])} layout="categories" />);
    expect(container).toHaveTextContent("3 Werte, alle angezeigten sind 0.");
    expect(container).not.toHaveTextContent("größter Wert 0");
  });
});
