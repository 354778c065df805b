/** A cursor-paged list of the API, one page. */
export interface ListPage<T> {
  items: T[];
  next_cursor?: string | null;
}

/**
 * Every page of a cursor-paged list, for the few lists that are short by nature and needed
 * whole (participants of a series, the municipalities for a choice). `page` loads one page.
 */
export async function allPages<T>(page: (cursor: string | null) => Promise<ListPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const result: ListPage<T> = await page(cursor);
    items.push(...result.items);
    cursor = result.next_cursor ?? null;
  } while (cursor);
  return items;
}
