/** What other features may use of the network besides `./queries` (the route table imports `./routes`). */
export { ActorGroupMark } from "./ActorGroupMark";
export { ACTOR_GROUPS, GROUP_COLOURS } from "./model";
export type { ActorGroup } from "./model";
