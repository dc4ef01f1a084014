/**
 * A SQL store's handle on the transaction a fulfilment is completed in, handed to the work given
 * to `FulfilmentContext.transaction`.
 */
export interface SqlTransaction {
  /** `'sqlite'` or `'postgres'`. */
  readonly dialect: string;
  /**
   * Runs one statement with `$1`, `$2`… parameters inside the transaction and resolves to its rows
   * (an empty array for statements that return none).
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}
