/** TypeORM's postgres query() answers UPDATE and DELETE with [rows, rowCount] rather than rows. */
export function changedRows<T>(result: unknown): T[] {
  return (result as [T[], number])[0];
}
