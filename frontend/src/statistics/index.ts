/** What other features may use of the statistics besides `./queries` (the route table imports `./routes`). */
export { currentYear } from "./period";
