/** What other features may use of crisis plans besides `./queries` (the route table imports `./routes`). */
export { ExercisePlansSection } from "./ExercisePlans";
