/**
 * Keyset pagination, the one loop: reads pages of at most `pageSize` rows, each after the key of
 * the previous page's last row, until a short page. Memory stays flat for any number of rows.
 * `page(after)` reads the rows after `after` (null: from the start) in key order.
 */
export async function* keysetPages<Row, Key>(
  pageSize: number,
  page: (after: Key | null) => PromiseLike<Row[]>,
  keyOf: (last: NoInfer<Row>) => Key,
): AsyncGenerator<Row[]> {
  let after: Key | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = keyOf(rows[rows.length - 1]);
  }
}
