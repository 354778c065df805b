/** What other features may use of the statistics besides `./queries` (the route table imports `./routes`). */
export { currentYear, isCalendarYear, periodFromParams, yearPeriod } from "./period";
export type { Period } from "./period";
export { PeriodSelector } from "./PeriodSelector";
export { FigureValue } from "./Figure";
export { ChartFigure } from "./ChartFigure";
export type { ChartData } from "./chartData";
