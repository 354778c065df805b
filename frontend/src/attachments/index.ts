/** What other features may use of attachments: the panel for a record's files, file sizes. */
export { AttachmentsPanel, formatBytes } from "./AttachmentsPanel";
export type { AttachmentOwner } from "./queries";
