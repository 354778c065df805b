import type { ReactNode } from "react";
import { LoadingStatus } from "../layout/LoadingStatus";
import { CursorPager } from "./CursorPager";
import { DataTable } from "./DataTable";
import type { Column } from "./DataTable";
import { ErrorNotice } from "./ErrorNotice";
import type { UrlCursor } from "./cursor";

interface PageQuery<Row> {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  isPlaceholderData: boolean;
  error: unknown;
  refetch: () => unknown;
  data?: { items: Row[]; next_cursor?: string | null };
}

interface PagedTableProps<Row extends { id: string }> {
  list: PageQuery<Row>;
  paging: UrlCursor;
  caption: string;
  pagerLabel: string;
  columns: readonly Column<Row>[];
  /** What the announced status line says about the page shown (rows, and whether more follow). */
  status: (rows: Row[], more: boolean) => ReactNode;
}

/**
 * One page of a cursor-paged list: an announced line saying what was found, the table (the
 * previous rows stay, dimmed, while the next page loads), loading and error states, the pager.
 */
export function PagedTable<Row extends { id: string }>({ list, paging, caption, pagerLabel, columns, status }: PagedTableProps<Row>) {
  const rows = list.data?.items ?? [];
  return (
    <>
      <p className="result-status" role="status">
        {list.isSuccess && !list.isPlaceholderData && status(rows, Boolean(list.data?.next_cursor))}
      </p>
      {list.isPending && <LoadingStatus />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && rows.length > 0 && (
        <DataTable
          caption={caption}
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(item) => item.id}
          busy={list.isPlaceholderData}
        />
      )}
      <CursorPager paging={paging} nextCursor={list.data?.next_cursor} label={pagerLabel} />
    </>
  );
}
