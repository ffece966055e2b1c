// A plain SQL dump of the bot's schema, built from the catalog over an ordinary connection, so
// the same code backs up embedded PGlite (which has no pg_dump of its own) and a PostgreSQL
// server, and psql can read the result. Load order: sequences, tables without constraints, rows,
// then primary keys/uniques/checks, indexes and finally foreign keys, so rows never have to be
// inserted parent-first. Values are quoted by the server (quote_nullable), in ISO date style and
// with full float precision, so they read back exactly.
import type pg from "pg";

const SCHEMA = "public";
const ROWS_PER_INSERT = 100;

/** The session settings a dump is read and restored with (written into the dump too). */
export const DUMP_SESSION_SETTINGS = [
  "SET client_encoding = 'UTF8';",
  "SET standard_conforming_strings = on;",
  "SET DateStyle = 'ISO, YMD';",
  "SET TimeZone = 'UTC';",
  "SET extra_float_digits = 3;",
];

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface Table {
  oid: number;
  name: string;
}

async function rows<T>(client: pg.ClientBase, sql: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query(sql, values)).rows as T[];
}

async function tablesOf(client: pg.ClientBase): Promise<Table[]> {
  return rows<Table>(
    client,
    `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    [SCHEMA],
  );
}

/** Every table of the bot's schema, in name order (the round-trip test compares them all). */
export async function listTables(client: pg.ClientBase): Promise<string[]> {
  return (await tablesOf(client)).map((t) => t.name);
}

async function sequencesSql(client: pg.ClientBase): Promise<string[]> {
  const sequences = await rows<{ name: string; type: string; last: string | null; called: boolean }>(
    client,
    `SELECT s.relname AS name, format_type(q.seqtypid, NULL) AS type, ps.last_value::text AS last, ps.last_value IS NOT NULL AS called
     FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid
     LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = s.relname
     WHERE n.nspname = $1 AND s.relkind = 'S' ORDER BY s.relname`,
    [SCHEMA],
  );
  return sequences.flatMap((s) => [
    `CREATE SEQUENCE ${ident(s.name)} AS ${s.type};`,
    ...(s.last ? [`SELECT pg_catalog.setval('${ident(s.name).replaceAll("'", "''")}', ${s.last}, ${s.called});`] : []),
  ]);
}

async function createTableSql(client: pg.ClientBase, table: Table): Promise<{ sql: string; columns: string[] }> {
  const columns = await rows<{ name: string; type: string; notnull: boolean; def: string | null }>(
    client,
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def
     FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table.oid],
  );
  const body = columns.map((c) => `  ${ident(c.name)} ${c.type}${c.def === null ? "" : ` DEFAULT ${c.def}`}${c.notnull ? " NOT NULL" : ""}`);
  return { sql: `CREATE TABLE ${ident(table.name)} (\n${body.join(",\n")}\n);`, columns: columns.map((c) => c.name) };
}

async function* insertsFor(client: pg.ClientBase, table: Table, columns: string[]): AsyncGenerator<{ sql: string; rows: number }> {
  if (columns.length === 0) return;
  const list = columns.map(ident).join(", ");
  const values = columns.map((c) => `quote_nullable(${ident(c)})`).join(` || ', ' || `);
  // Ordered by every column: the same data always gives the same dump (diffable backups).
  const found = await rows<{ v: string }>(client, `SELECT ${values} AS v FROM ${ident(table.name)} ORDER BY ${list}`);
  for (let i = 0; i < found.length; i += ROWS_PER_INSERT) {
    const batch = found.slice(i, i + ROWS_PER_INSERT).map((r) => `  (${r.v})`);
    yield { sql: `INSERT INTO ${ident(table.name)} (${list}) VALUES\n${batch.join(",\n")};`, rows: batch.length };
  }
}

async function constraintsSql(client: pg.ClientBase, table: Table, foreign: boolean): Promise<string[]> {
  const found = await rows<{ name: string; def: string }>(
    client,
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = $1 AND contype <> 'n' AND (contype = 'f') = $2 ORDER BY contype <> 'p', conname`,
    [table.oid, foreign],
  );
  return found.map((c) => `ALTER TABLE ${ident(table.name)} ADD CONSTRAINT ${ident(c.name)} ${c.def};`);
}

async function indexesSql(client: pg.ClientBase, table: Table): Promise<string[]> {
  const found = await rows<{ def: string }>(
    client,
    `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
     WHERE i.indrelid = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
     ORDER BY i.indexrelid::regclass::text`,
    [table.oid],
  );
  return found.map((i) => `${i.def};`);
}

// NOT NULL is written with the column; PostgreSQL 18 (PGlite) also lists it as a constraint
// (contype 'n') in a syntax older servers reject, hence contype <> 'n' above.

/**
 * Writes the dump as a series of chunks to `write`. Runs in one repeatable-read, read-only
 * transaction: a consistent snapshot while the bot keeps running on PostgreSQL.
 */
export async function dumpSql(client: pg.ClientBase, write: (chunk: string) => void | Promise<void>, header: string[] = []): Promise<{ tables: number; rows: number }> {
  let rowCount = 0;
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    for (const setting of DUMP_SESSION_SETTINGS) await client.query(setting);
    const tables = await tablesOf(client);
    await write([...header.map((line) => `-- ${line}`), "", ...DUMP_SESSION_SETTINGS, "", "BEGIN;", ""].join("\n"));
    for (const sql of await sequencesSql(client)) await write(`${sql}\n`);
    const columnsOf = new Map<number, string[]>();
    for (const table of tables) {
      const { sql, columns } = await createTableSql(client, table);
      columnsOf.set(table.oid, columns);
      await write(`\n${sql}\n`);
    }
    for (const table of tables) {
      await write(`\n-- rows of ${table.name}\n`);
      for await (const insert of insertsFor(client, table, columnsOf.get(table.oid)!)) {
        rowCount += insert.rows;
        await write(`${insert.sql}\n`);
      }
    }
    await write("\n-- keys, indexes and foreign keys\n");
    for (const table of tables) for (const sql of [...(await constraintsSql(client, table, false)), ...(await indexesSql(client, table))]) await write(`${sql}\n`);
    for (const table of tables) for (const sql of await constraintsSql(client, table, true)) await write(`${sql}\n`);
    await write("\nCOMMIT;\n");
    return { tables: tables.length, rows: rowCount };
  } finally {
    await client.query("ROLLBACK").catch(() => {});
  }
}
