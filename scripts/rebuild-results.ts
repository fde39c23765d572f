/**
 * Recomputes every enterprise result (final attempt by the shared rule, history) and every
 * region summary of a campaign from the attempts. The repair for anything a crash between two
 * writes left behind:  npm run rebuild-results -- <campaignId>   (all campaigns when omitted)
 *
 * Then the enterprises' lasting records: each certified close applied again from the results and
 * the certified list (one campaign: its close; all: every close in year order, from scratch).
 */
import { Types } from 'mongoose';
import { openServices } from './lib/serviceDeps';

async function main(): Promise<void> {
  const { services, close } = await openServices();
  try {
    const ids = process.argv[2] ? [new Types.ObjectId(process.argv[2])] : (await services.campaigns.list()).map((c) => c._id);
    for (const id of ids) {
      const started = Date.now();
      const outcome = await services.results.rebuildCampaign(id);
      await services.cache.invalidate(`campaign:${String(id)}`);
      await services.audit.record({ action: 'results.rebuilt', actor: { kind: 'system', id: null, ip: null }, campaignId: id, details: outcome });
      console.log(`✔ ${String(id)}: ${outcome.results} results, ${outcome.regions} regions in ${Date.now() - started} ms`);
    }
    const inputFor = (id: Types.ObjectId) => services.publicity.closingInput(id);
    if (process.argv[2]) {
      const id = ids[0]!;
      const closed = await services.records.applyClose(id, await inputFor(id), { by: 'system', force: true });
      console.log(closed.applied ? `✔ records: ${closed.enterprises} enterprises, ${closed.events} title events in ${closed.ms} ms` : '· records: this campaign has no certified close');
    } else {
      const rebuilt = await services.records.rebuild(inputFor);
      console.log(`✔ records: ${rebuilt.campaigns} closes, ${rebuilt.enterprises} enterprises, ${rebuilt.events} title events in ${rebuilt.ms} ms`);
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`✘ ${(error as Error).message}`);
  process.exit(1);
});
