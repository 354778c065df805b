import type { UseQueryResult } from "@tanstack/react-query";
import { LoadingStatus } from "../layout/LoadingStatus";
import { ErrorNotice } from "./ErrorNotice";

/** What a query shows until its data is there: a loading note, or the failure with a retry. */
export function QueryStatus({ query }: { query: Pick<UseQueryResult, "isPending" | "isError" | "error" | "refetch"> }) {
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <LoadingStatus />;
  return null;
}
