// Loads a dump made by sql-dump.ts (or any plain SQL of the same shape) into a database. It
// refuses a database that already has tables unless asked to replace them, so a restore pointed
// at the wrong DATABASE_URL cannot merge two alliances' data or fail half-way on duplicate keys.
import type pg from "pg";
import { listTables } from "./sql-dump.js";

/** The target already holds tables and `replace` was not given. */
export class RestoreTargetNotEmptyError extends Error {
  readonly code = "RESTORE_TARGET_NOT_EMPTY";
  constructor(readonly tables: string[]) {
    super(
      `The target database already has ${tables.length} table(s) (${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", …" : ""}). ` +
        "Restore into an empty database, or pass --replace to drop everything in it first.",
    );
  }
}

/** Runs `sql` in one go (the dump holds its own BEGIN/COMMIT, so a failure leaves nothing behind). */
export async function restoreSql(client: pg.ClientBase, sql: string, options: { replace: boolean }): Promise<void> {
  const existing = await listTables(client);
  if (existing.length > 0 && !options.replace) throw new RestoreTargetNotEmptyError(existing);
  if (existing.length > 0) {
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }
  try {
    await client.query(sql);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
