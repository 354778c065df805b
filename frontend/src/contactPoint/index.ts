export { ListingPanel } from "./ListingPanel";
