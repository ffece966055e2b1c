// What a database holds, table by table, as comparable text: the schema (columns, keys, indexes)
// and every row as JSON in a stable order. Two databases with equal snapshots hold the same data.
import type pg from "pg";
import { listTables } from "#storage/backup/sql-dump.js";

export interface DatabaseSnapshot {
  tables: string[];
  schema: Record<string, string[]>;
  rows: Record<string, string[]>;
}

export async function snapshotDatabase(client: pg.ClientBase): Promise<DatabaseSnapshot> {
  const tables = await listTables(client);
  const schema: Record<string, string[]> = {};
  const rows: Record<string, string[]> = {};
  for (const table of tables) {
    const quoted = `"${table}"`;
    const columns = await client.query(
      `SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS c
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [quoted],
    );
    const constraints = await client.query(`SELECT conname || ' ' || pg_get_constraintdef(oid) AS c FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY conname`, [quoted]);
    const indexes = await client.query(`SELECT pg_get_indexdef(indexrelid) AS c FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1`, [quoted]);
    schema[table] = [...columns.rows, ...constraints.rows, ...indexes.rows].map((r: { c: string }) => r.c);
    rows[table] = (await client.query(`SELECT row_to_json(t)::text AS r FROM ${quoted} t ORDER BY 1`)).rows.map((r: { r: string }) => r.r);
  }
  return { tables, schema, rows };
}
