import { useTranslation } from "react-i18next";
import { NAMESPACES } from "../i18n/resources";
import type { Resources } from "../i18n/resources";
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

interface ListTextGroup {
  caption: string;
  pager: string;
  empty: string;
  resultCount_one: string;
}

/** `<namespace>:<group>` of each text group that names a paged list (caption, pager, empty, resultCount). */
export type ListTexts = {
  [N in keyof Resources]: {
    [G in keyof Resources[N]]: Resources[N][G] extends ListTextGroup ? `${N}:${G & string}` : never;
  }[keyof Resources[N]];
}[keyof Resources];

interface PagedTableProps<Row extends { id: string }> {
  list: PageQuery<Row>;
  paging: UrlCursor;
  columns: readonly Column<Row>[];
  /** The list's texts: its caption, pager name and announced result line (empty, or how many rows). */
  texts: ListTexts;
  /** Instead of the empty line from `texts` (for example when filters are set). */
  empty?: string;
  /** Added to the result line when more pages follow. */
  more?: string;
}

/**
 * One page of a cursor-paged list: an announced line saying what was found, the table (the
 * previous rows stay, dimmed, while the next page loads), loading and error states, the pager.
 */
export function PagedTable<Row extends { id: string }>(props: PagedTableProps<Row>) {
  const { list, paging, columns, texts, more } = props;
  const { t } = useTranslation(NAMESPACES);
  const rows = list.data?.items ?? [];
  const empty = props.empty ?? t(`${texts}.empty`);
  const following = more && list.data?.next_cursor ? ` ${more}` : "";
  return (
    <>
      <p className="result-status" role="status">
        {list.isSuccess && !list.isPlaceholderData && (rows.length === 0 ? empty : `${t(`${texts}.resultCount`, { count: rows.length })}${following}`)}
      </p>
      {list.isPending && <LoadingStatus />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && rows.length > 0 && (
        <DataTable
          caption={t(`${texts}.caption`)}
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(item) => item.id}
          busy={list.isPlaceholderData}
        />
      )}
      <CursorPager paging={paging} nextCursor={list.data?.next_cursor} label={t(`${texts}.pager`)} />
    </>
  );
}
