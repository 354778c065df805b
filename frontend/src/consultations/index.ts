/** What other features may use of consultations besides `./queries` (the route table imports `./routes`). */
export { CaseConsultations } from "./CaseConsultations";
