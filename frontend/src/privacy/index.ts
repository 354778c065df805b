/** What other features may use of data protection: a municipality's public texts. */
export { usePublicTexts } from "./queries";
