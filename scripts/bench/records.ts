/**
 * One enterprise across the years (issue 18), at the size of a large region: 2,000 enterprises,
 * half of them with a title imported as history, imported into a campaign against their records
 * (every row's track checked), then the campaign's close applied to the records — first, again
 * with the same outcomes (skipped by its digest), forced — a full rebuild, and the national risk
 * list. In this process, through the BFF's own services (the close is not an HTTP call: publicity's
 * certify makes it), on the run's FerretDB with the PostgreSQL backend.
 *
 * Target: the first close of 2,000 enterprises within 30 s (before the bulk journal it took about
 * five minutes on FerretDB, one filtered write per record).
 */
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { defaultQuestionnaire } from '@assess/shared';
import type { StaffActor } from '../../bff/src/lib/route';
import { parseConfig } from '../../bff/src/config';
import { start } from '../../bff/src/server';
import { createLogger } from '../../bff/src/lib/logger';
import { demoUscc } from '../demo-data';
import { bffEnv, type BenchDb, type Stack } from './stack';

export interface RecordsBenchResult {
  enterprises: number;
  historyImportMs: number;
  enterpriseImportMs: number;
  close: { firstMs: number; againMs: number; forcedMs: number };
  rebuildMs: number;
  riskListMs: number;
}

const N = 2_000;
const benchActor: StaffActor = { kind: 'staff', staffId: 'bench', role: 'national', region: null, city: null };

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

export async function measureRecords(stack: Stack, db: BenchDb, log: (line: string) => void): Promise<RecordsBenchResult> {
  const config = parseConfig({ ...bffEnv(stack, db, 0), LOG_LEVEL: 'warn' });
  const running = await start({ config, logger: createLogger('warn') });
  try {
    const { services } = running;
    const uscc = (i: number) => demoUscc('440100', 700_000 + i);
    const name = (i: number) => `基准企业${i}有限公司`;
    const history = await timed(() =>
      services.records.importHistory(
        Array.from({ length: N / 2 }, (_, i) => ({ row: i + 2, data: { uscc: uscc(i), name: name(i), title: '优势企业', year: '2022', source: '认定', note: '' } })),
        benchActor,
        '127.0.0.1',
      ),
    );
    if (history.value.errors.length > 0) throw new Error(`history rows refused: ${JSON.stringify(history.value.errors.slice(0, 3))}`);

    const questionnaire = await services.questionnaires.ensureStored(defaultQuestionnaire);
    const now = Date.now();
    const campaign = await services.campaigns.create({ name: '基准测试：2024年度（多年度记录）', year: 2024, questionnaire, opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 3_600_000).toISOString() }, benchActor, '127.0.0.1');
    const rows = Array.from({ length: N }, (_, i) => ({
      row: i + 2,
      data: { uscc: uscc(i), name: name(i), region: '440000', city: '广州市', track: i < N / 2 ? '考核' : '申报优势', titleHeld: i < N / 2 ? '优势企业' : '无', specialized: '否' } as Record<string, unknown>,
    }));
    const imported = await timed(() => services.enterprises.runImport(campaign._id, rows, benchActor, '127.0.0.1', true));
    if (imported.value.errors.length > 0) throw new Error(`enterprise rows refused: ${JSON.stringify(imported.value.errors.slice(0, 3))}`);

    const ids = await services.models.enterprises.find({ campaignId: campaign._id }, { _id: 1 }).lean();
    const input = {
      certified: ids.filter((_, i) => i % 4 === 0).map((doc) => ({ enterpriseId: String(doc._id), title: 'advantage' as const })),
      reviews: ids.filter((_, i) => i % 4 === 1).map((doc) => ({ enterpriseId: String(doc._id), purpose: 'assessment' as const, line: 'advantage' as const, outcome: 'pass' as const })),
    };
    const id = new Types.ObjectId(String(campaign._id));
    const first = await services.records.applyClose(id, input, { by: 'bench' });
    const again = await services.records.applyClose(id, input, { by: 'bench' });
    const forced = await services.records.applyClose(id, input, { by: 'bench', force: true });
    if (!first.applied || first.enterprises !== N || again.applied) throw new Error(`close: first ${JSON.stringify(first)}, again ${JSON.stringify(again)}`);
    const rebuilt = await services.records.rebuild();
    const risks = await timed(() => services.records.risks(2025));
    const result: RecordsBenchResult = {
      enterprises: N,
      historyImportMs: history.ms,
      enterpriseImportMs: imported.ms,
      close: { firstMs: first.ms, againMs: again.ms, forcedMs: forced.ms },
      rebuildMs: rebuilt.ms,
      riskListMs: risks.ms,
    };
    log(`  close ${first.ms.toFixed(0)} ms first, ${again.ms.toFixed(0)} ms again, ${forced.ms.toFixed(0)} ms forced; rebuild ${rebuilt.ms.toFixed(0)} ms; imports ${history.ms.toFixed(0)} / ${imported.ms.toFixed(0)} ms; risks ${risks.ms.toFixed(0)} ms`);
    return result;
  } finally {
    await running.stop();
  }
}
