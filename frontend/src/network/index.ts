/** What other features may use of the network besides `./queries` (the route table imports `./routes`). */
export { ActorGroupMark } from "./ActorGroupMark";
export { ContactPicker } from "./ContactPicker";
export type { PickedContact } from "./ContactPicker";
export { ACTOR_GROUPS, GROUP_COLOURS, LEGAL_BASES } from "./model";
export type { ActorGroup, ContactKind, LegalBasis } from "./model";
