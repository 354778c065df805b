/** What other features may use of attachments: the panel for a record's files. */
export { AttachmentsPanel } from "./AttachmentsPanel";
export type { AttachmentOwner } from "./queries";
