/**
 * Shows, on a throwaway FerretDB of our build, each database fact `docs/database.md` states and
 * the design relies on: what works, what does not (and how it fails), concurrent updates of one
 * document, GridFS, the cost of a scan, and (with --postgresql) the GIN index that serves
 * FerretDB's equality pushdown. Prints one line per fact; exits 1 when an observation disagrees
 * with the document (FerretDB only: against MONGODB_URI it just reports).
 *
 *     npm run db:facts                  # FerretDB on SQLite in .cache/db-facts/ (about a minute)
 *     npm run db:facts -- --postgresql  # FerretDB on a fresh PostgreSQL database (127.0.0.1:5432, user root)
 *     MONGODB_URI=mongodb://… npm run db:facts   # the same checks against another server
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Decimal128, GridFSBucket, MongoClient, type Db } from 'mongodb';
import { startFerretdb, type RunningFerretdb } from './lib/ferretdb';
import { freePort } from './lib/net';
import { cacheDir } from './lib/paths';

type Outcome = { ok: boolean; observed: string };
interface Fact {
  name: string;
  /** What docs/database.md says FerretDB 1.24.2 does. */
  documented: string;
  run(db: Db, context: Context): Promise<Outcome>;
  /** Only with --postgresql. */
  postgresqlOnly?: boolean;
}
interface Context {
  uri: string;
  pgDatabase: string | null;
}

const errorText = (error: unknown) => {
  const e = error as { codeName?: string; code?: number; message?: string; name?: string };
  return `${e.codeName ?? e.name ?? 'error'}${e.code ? ` (${e.code})` : ''}: ${String(e.message ?? error).split('\n')[0]?.slice(0, 90)}`;
};

/** Runs `work`; a fact that must fail is confirmed when it throws. */
async function fails(work: () => Promise<unknown>, expect: RegExp = /./): Promise<Outcome> {
  try {
    const value = await work();
    return { ok: false, observed: `succeeded: ${JSON.stringify(value)?.slice(0, 80)}` };
  } catch (error) {
    const text = errorText(error);
    return { ok: expect.test(text), observed: text };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function timeMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

const smallDoc = (i: number) => ({ _id: i, regionCode: String(110000 + (i % 37) * 10000), status: i % 3 === 0 ? 'submitted' : 'started', total: (i * 7) % 100, name: `企业${i}`, n: i });

const facts: Fact[] = [
  {
    name: 'basic CRUD, indexes, sort, aggregation $match/$group/$sum',
    documented: 'works',
    async run(db) {
      const c = db.collection('basics');
      await c.createIndex({ a: 1, b: -1 }, { unique: true });
      await c.insertMany([{ a: 1, b: 2, t: '中文' }, { a: 2, b: 1, t: 'x' }]);
      const dup = await c.insertOne({ a: 1, b: 2 }).then(() => 'accepted', (e: { code?: number }) => `E${e.code}`);
      await c.updateOne({ a: 2 }, { $inc: { n: 1 }, $push: { list: { $each: [1, 2], $slice: -5 } } as never });
      const sorted = await c.find({ a: { $in: [1, 2] } }).sort({ a: -1 }).project({ _id: 0, a: 1 }).toArray();
      const grouped = await c.aggregate([{ $match: {} }, { $group: { _id: null, n: { $sum: 1 } } }]).toArray();
      const ok = dup === 'E11000' && sorted[0]?.a === 2 && grouped[0]?.n === 2;
      return { ok, observed: `duplicate → ${dup}; sort → ${JSON.stringify(sorted)}; $group n=${grouped[0]?.n}` };
    },
  },
  {
    name: 'transactions',
    documented: 'refused (unknown field "autocommit")',
    async run(_db, { uri }) {
      const client = await MongoClient.connect(uri);
      try {
        return await fails(() => client.withSession((session) => session.withTransaction(() => client.db('facts_tx').collection('t').insertOne({ a: 1 }, { session }))));
      } finally {
        await client.close();
      }
    },
  },
  {
    name: 'partial index (partialFilterExpression)',
    documented: 'NotImplemented',
    run: (db) => fails(() => db.collection('partial').createIndex({ a: 1 }, { partialFilterExpression: { a: { $exists: true } } }), /NotImplemented|not ?implemented/i),
  },
  {
    name: 'TTL index (expireAfterSeconds)',
    documented: 'NotImplemented',
    run: (db) => fails(() => db.collection('ttl').createIndex({ at: 1 }, { expireAfterSeconds: 60 }), /NotImplemented|not ?implemented/i),
  },
  {
    name: '$group accumulators $avg / $min / $max',
    documented: 'NotImplemented (only $sum and $count)',
    async run(db) {
      await db.collection('acc').insertMany([{ g: 1, v: 2 }, { g: 1, v: 4 }]);
      const results = await Promise.all(['$avg', '$min', '$max'].map((op) => fails(() => db.collection('acc').aggregate([{ $group: { _id: '$g', x: { [op]: '$v' } } }]).toArray(), /NotImplemented|not ?implemented/i)));
      return { ok: results.every((r) => r.ok), observed: results.map((r) => r.observed.split(':')[0]).join(', ') };
    },
  },
  {
    name: 'two $sum in one $group stage',
    documented: 'wrong answer: the $sum of a field after the first comes out 0',
    async run(db) {
      await db.collection('sums').insertMany([{ s: 10 }, { s: 20 }, { s: 30 }]);
      const [row] = await db.collection('sums').aggregate([{ $group: { _id: null, n: { $sum: 1 }, total: { $sum: '$s' } } }]).toArray();
      return { ok: row?.n === 3 && row?.total === 0, observed: `n=${row?.n}, total=${row?.total} (right answer: 60)` };
    },
  },
  {
    name: '$lookup and $facet stages',
    documented: 'NotImplemented',
    async run(db) {
      await db.collection('left').insertOne({ k: 1 });
      const lookup = await fails(() => db.collection('left').aggregate([{ $lookup: { from: 'right', localField: 'k', foreignField: 'k', as: 'r' } }]).toArray());
      const facet = await fails(() => db.collection('left').aggregate([{ $facet: { a: [{ $match: {} }] } }]).toArray());
      return { ok: lookup.ok && facet.ok, observed: `$lookup → ${lookup.observed.split(':')[0]}; $facet → ${facet.observed.split(':')[0]}` };
    },
  },
  {
    name: '$bucket, $expr, $where, collation',
    documented: 'NotImplemented / BadValue',
    async run(db) {
      const c = db.collection('misc');
      await c.insertMany([{ a: 1, b: 2 }]);
      const results = await Promise.all([
        fails(() => c.aggregate([{ $bucket: { groupBy: '$a', boundaries: [0, 5, 10] } }]).toArray()),
        fails(() => c.find({ $expr: { $gt: ['$b', '$a'] } }).toArray()),
        fails(() => c.find({ $where: 'this.b > this.a' }).toArray()),
        fails(() => c.find({ a: 1 }, { collation: { locale: 'zh' } }).toArray()),
      ]);
      return { ok: results.every((r) => r.ok), observed: results.map((r) => r.observed.split(':')[0]).join(', ') };
    },
  },
  {
    name: 'keys containing "." or starting with "$"',
    documented: 'refused',
    async run(db) {
      const dotted = await fails(() => db.collection('keys').insertOne({ 'a.b': 1 }));
      const dollar = await fails(() => db.collection('keys').insertOne({ $x: 1 } as never));
      return { ok: dotted.ok && dollar.ok, observed: `"a.b" → ${dotted.observed.split(':')[0]}; "$x" → ${dollar.observed.split(':')[0]}` };
    },
  },
  {
    name: 'a duplicate-key error',
    documented: 'does not say which index',
    async run(db) {
      const c = db.collection('dups');
      await c.createIndex({ u: 1 }, { unique: true, name: 'by_u' });
      await c.createIndex({ v: 1 }, { unique: true, name: 'by_v' });
      await c.insertOne({ u: 1, v: 1 });
      const error = await c.insertOne({ u: 2, v: 1 }).then(() => null, (e: { code?: number; message?: string; keyPattern?: unknown }) => e);
      const names = error ? /by_v|keyPattern|v_1/.test(`${error.message} ${JSON.stringify(error.keyPattern ?? null)}`) : false;
      return { ok: error?.code === 11000 && !names, observed: error ? `E${error.code}: ${String(error.message).slice(0, 70)}${error.keyPattern ? ` keyPattern ${JSON.stringify(error.keyPattern)}` : ''}` : 'accepted' };
    },
  },
  {
    name: '$elemMatch with a sub-document condition',
    documented: 'BadValue',
    async run(db) {
      await db.collection('elem').insertOne({ list: [{ a: 1, b: 2 }] });
      return fails(() => db.collection('elem').find({ list: { $elemMatch: { a: 1, b: { $gt: 1 } } } }).toArray());
    },
  },
  {
    name: 'findAndModify with a projection',
    documented: 'NotImplemented',
    async run(db) {
      await db.collection('fam').insertOne({ _id: 1 as never, a: 1, b: 2 });
      return fails(() => db.collection('fam').findOneAndUpdate({ _id: 1 as never }, { $inc: { a: 1 } }, { projection: { a: 1 }, returnDocument: 'after' }), /NotImplemented|not ?implemented/i);
    },
  },
  {
    name: '$setOnInsert of a null value (upsert)',
    documented: 'the field is not written (absent, not null)',
    async run(db) {
      const c = db.collection<{ _id: number; a?: number; b?: null; c?: number }>('soi');
      await c.updateOne({ _id: 1 }, { $set: { a: 1 }, $setOnInsert: { b: null, c: 0 } }, { upsert: true });
      const stored = await c.findOne({ _id: 1 });
      return { ok: stored !== null && !('b' in stored) && stored.c === 0, observed: JSON.stringify(stored) };
    },
  },
  {
    name: 'Decimal128 values',
    documented: 'the server closes the connection',
    async run(_db, { uri }) {
      const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 3_000, socketTimeoutMS: 5_000 });
      try {
        return await fails(() => client.db('facts_decimal').collection('d').insertOne({ v: Decimal128.fromString('1.10') }), /closed|reset|socket|network|EPIPE|timed out/i);
      } finally {
        await client.close(true).catch(() => undefined);
      }
    },
  },
  {
    name: 'unique index, two documents without the field',
    documented: 'both accepted (MongoDB refuses the second: missing = null)',
    async run(db) {
      const c = db.collection('uniq');
      await c.createIndex({ code: 1 }, { unique: true });
      await c.insertOne({ other: 1 });
      const second = await c.insertOne({ other: 2 }).then(() => 'accepted', (e: { code?: number }) => `refused E${e.code}`);
      return { ok: second === 'accepted', observed: `second insert ${second}` };
    },
  },
  {
    name: '50 parallel $inc on one document',
    documented: 'updates lost (short of 50), though each reports modifiedCount 1',
    async run(db) {
      const c = db.collection('counter');
      await c.insertOne({ _id: 'x' as never, n: 0 });
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => c.updateOne({ _id: 'x' as never }, { $inc: { n: 1 } })));
      const reported = outcomes.filter((o) => o.modifiedCount === 1).length;
      const doc = await c.findOne({ _id: 'x' as never });
      return { ok: (doc?.n as number) < 50, observed: `n=${doc?.n} after 50 increments, ${reported} reported modifiedCount 1` };
    },
  },
  {
    name: 'GridFS: a 5 MB file up and down',
    documented: 'works, byte-identical',
    async run(db) {
      const bucket = new GridFSBucket(db, { bucketName: 'files' });
      const bytes = randomBytes(5 * 1024 * 1024);
      let started = performance.now();
      const id = await new Promise<unknown>((resolve, reject) => {
        const upload = bucket.openUploadStream('five-mb.bin');
        upload.once('finish', () => resolve(upload.id));
        upload.once('error', reject);
        upload.end(bytes);
      });
      const up = performance.now() - started;
      started = performance.now();
      const chunks: Buffer[] = [];
      for await (const chunk of bucket.openDownloadStream(id as never)) chunks.push(chunk as Buffer);
      const down = performance.now() - started;
      const same = Buffer.concat(chunks).equals(bytes);
      return { ok: same, observed: `${same ? 'identical' : 'DIFFERENT'}; up ${Math.round(up)} ms, down ${Math.round(down)} ms` };
    },
  },
  {
    name: 'every query scans: findOne({_id}) at 1,000 and 20,000 documents',
    documented: 'cost grows with the collection (indexes only enforce uniqueness)',
    async run(db) {
      const small = db.collection('scan_small');
      const large = db.collection('scan_large');
      await small.insertMany(Array.from({ length: 1_000 }, (_, i) => smallDoc(i)) as never[]);
      for (let from = 0; from < 20_000; from += 5_000) await large.insertMany(Array.from({ length: 5_000 }, (_, i) => smallDoc(from + i)) as never[]);
      const atSmall = await timeMs(15, () => small.findOne({ _id: 500 as never }));
      const atLarge = await timeMs(15, () => large.findOne({ _id: 10_500 as never }));
      const region = await timeMs(5, () => large.countDocuments({ regionCode: '440000' }));
      return { ok: atLarge > atSmall * 2, observed: `findOne({_id}) ${atSmall.toFixed(1)} → ${atLarge.toFixed(1)} ms (×${(atLarge / atSmall).toFixed(0)}); countDocuments of a region at 20,000: ${region.toFixed(0)} ms` };
    },
  },
  {
    name: 'a PostgreSQL GIN index on _jsonb->\'_id\' serves findOne({_id})',
    documented: 'scan → index (bench: 163 → 3 ms at 50,000 documents)',
    postgresqlOnly: true,
    async run(db, { pgDatabase }) {
      const large = db.collection('scan_large');
      for (let from = 0; from < 20_000; from += 5_000) await large.insertMany(Array.from({ length: 5_000 }, (_, i) => smallDoc(from + i)) as never[]);
      const before = await timeMs(15, () => large.findOne({ _id: 10_500 as never }));
      const table = psql(pgDatabase!, `SELECT _jsonb->>'table' FROM "${db.databaseName}"._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'scan_large'`);
      psql(pgDatabase!, `CREATE INDEX facts_gin_id ON "${db.databaseName}"."${table}" USING gin ((_jsonb->'_id')); ANALYZE`);
      // The plan that matches the expression is only made with the parameter values: new connections.
      const client = await MongoClient.connect(db.client.options.hosts.map((h) => `mongodb://${h.host}:${h.port}/`)[0]!);
      try {
        const after = await timeMs(15, () => client.db(db.databaseName).collection('scan_large').findOne({ _id: 10_500 as never }));
        return { ok: after < before / 3, observed: `findOne({_id}) at 20,000: ${before.toFixed(1)} → ${after.toFixed(1)} ms` };
      } finally {
        await client.close();
      }
    },
  },
];

const PG = ['-h', '127.0.0.1', '-p', '5432', '-U', 'root'];
function psql(database: string, sql: string): string {
  const outcome = spawnSync('psql', [...PG, '-v', 'ON_ERROR_STOP=1', '-Atq', '-d', database, '-c', sql], { encoding: 'utf8' });
  if (outcome.status !== 0) throw new Error(`psql: ${outcome.stderr || outcome.error?.message}`);
  return outcome.stdout.trim();
}
function pgTool(tool: 'createdb' | 'dropdb', database: string): void {
  const outcome = spawnSync(tool, [...PG, ...(tool === 'dropdb' ? ['--if-exists', '--force'] : []), database], { encoding: 'utf8' });
  if (outcome.status !== 0) throw new Error(`${tool}: ${outcome.stderr || outcome.error?.message}`);
}

async function main(): Promise<number> {
  const usePg = process.argv.includes('--postgresql');
  let ferretdb: RunningFerretdb | null = null;
  let pgDatabase: string | null = null;
  let dir: string | null = null;
  let uri = process.env.MONGODB_URI ?? '';
  try {
    if (!uri) {
      const port = await freePort();
      if (usePg) {
        pgDatabase = `db_facts_${process.pid}`;
        pgTool('createdb', pgDatabase);
        psql(pgDatabase, `ALTER DATABASE "${pgDatabase}" SET plan_cache_mode = force_custom_plan`);
        ferretdb = await startFerretdb({ port, postgresqlUrl: `postgres://root@127.0.0.1:5432/${pgDatabase}` });
      } else {
        dir = path.join(cacheDir, 'db-facts', `run-${process.pid}`);
        fs.mkdirSync(dir, { recursive: true });
        ferretdb = await startFerretdb({ port, sqliteDir: `${dir}${path.sep}`, logFile: path.join(dir, 'ferretdb.log') });
      }
      uri = ferretdb.uri;
    }
    const client = await MongoClient.connect(uri);
    const info = await client.db('admin').command({ buildInfo: 1 });
    // Our embedded build reports its version as "unknown" (see scripts/ferretdb/main.go).
    const version = String(info.ferretdbVersion ?? '').replace('unknown', 'v1.24.2, scripts/ferretdb');
    const server = 'ferretdbVersion' in info ? `FerretDB ${version} on ${usePg ? 'PostgreSQL' : 'SQLite'}` : `MongoDB ${String(info.version)}`;
    const strict = 'ferretdbVersion' in info;
    console.log(`Database facts on ${server}${strict ? '' : ' — reporting only'}\n`);
    let disagreements = 0;
    let checked = 0;
    for (const fact of facts) {
      if (fact.postgresqlOnly && !pgDatabase) {
        console.log(`–  ${fact.name}: run with --postgresql`);
        continue;
      }
      checked += 1;
      const db = client.db(`facts_${randomBytes(3).toString('hex')}`);
      let outcome: Outcome;
      try {
        outcome = await fact.run(db, { uri, pgDatabase });
      } catch (error) {
        outcome = { ok: false, observed: `check failed: ${errorText(error)}` };
      }
      if (!outcome.ok) disagreements += 1;
      console.log(`${outcome.ok ? '✔' : '✘'}  ${fact.name}\n     documented: ${fact.documented}\n     observed:   ${outcome.observed}`);
      await db.dropDatabase().catch(() => undefined);
    }
    await client.close();
    console.log(`\n${checked - disagreements} of ${checked} as documented in docs/database.md`);
    return strict && disagreements > 0 ? 1 : 0;
  } finally {
    await ferretdb?.stop();
    if (pgDatabase) pgTool('dropdb', pgDatabase);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`✘ ${(error as Error).message}`);
    process.exit(1);
  },
);
