/**
 * Gives FerretDB's PostgreSQL tables the indexes MongoDB would use for our queries.
 *
 * FerretDB 1.24 pushes an equality filter down as `_jsonb->'field' @> value` and creates only
 * btree indexes, which that operator cannot use, so every query scans (docs/database.md).
 * A GIN index on the same expression does serve it: measured on 50,000 results-shaped documents,
 * `findOne({_id})` went from 163 ms to 3 ms and `findOneAndUpdate({_id, …})` from 182 to 5 ms.
 * PostgreSQL matches the expression only in a plan made with the parameter values, so the
 * database is also set to always plan that way (new connections; set before FerretDB connects).
 *
 * This is tuning of the benchmark's backing database, outside the application: the BFF's queries
 * are unchanged, and on MongoDB the schemas' own indexes do this work.
 */
import { spawnSync } from 'node:child_process';
import type { Models } from '../../bff/src/services';

const PG = ['-h', '127.0.0.1', '-p', '5432', '-U', 'root'];

function psql(database: string, sql: string): string {
  const outcome = spawnSync('psql', [...PG, '-v', 'ON_ERROR_STOP=1', '-Atq', '-d', database, '-c', sql], { encoding: 'utf8' });
  if (outcome.status !== 0) throw new Error(`psql: ${outcome.stderr || outcome.error?.message}`);
  return outcome.stdout.trim();
}

/** Before FerretDB opens its connections: plan every statement with its parameter values. */
export function preparePgDatabase(pgDatabase: string): void {
  psql(pgDatabase, `ALTER DATABASE "${pgDatabase}" SET plan_cache_mode = force_custom_plan`);
}

/** Top-level fields a collection is queried by: `_id` and every non-dotted field of a declared index. */
export function indexedFields(models: Models): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const model of Object.values(models)) {
    const names = new Set(['_id']);
    for (const [keys] of model.schema.indexes()) for (const key of Object.keys(keys)) if (!key.includes('.')) names.add(key);
    fields.set(model.collection.collectionName, [...names]);
  }
  return fields;
}

/**
 * Creates `USING gin ((_jsonb->'field'))` on the table behind each collection of one MongoDB
 * database (FerretDB keeps a database's tables in the schema of that name). Returns how many.
 */
export function createPgIndexes(pgDatabase: string, mongoDatabase: string, models: Models): number {
  const tables = psql(pgDatabase, `SELECT _jsonb->>'_id', _jsonb->>'table' FROM "${mongoDatabase}"._ferretdb_database_metadata`)
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('|') as [string, string]);
  let created = 0;
  for (const [collection, fieldsOf] of indexedFields(models)) {
    const table = tables.find(([name]) => name === collection)?.[1];
    if (!table) continue;
    for (const field of fieldsOf) {
      const name = `bench_gin_${table}_${field}`.replace(/[^a-zA-Z0-9_]/g, '_').slice(0, 63);
      psql(pgDatabase, `CREATE INDEX IF NOT EXISTS "${name}" ON "${mongoDatabase}"."${table}" USING gin ((_jsonb->'${field}'))`);
      created += 1;
    }
  }
  psql(pgDatabase, `ANALYZE`);
  return created;
}
