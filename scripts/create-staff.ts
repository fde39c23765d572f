/**
 * Creates (or updates) a staff account from the command line — how the first national admin
 * comes to exist in production:
 *
 *   npm run staff -- --username admin --role national --name 国家局管理员 --password '…'
 *   npm run staff -- --username gd --role region --region 440000 --name 广东省局 --password '…'
 */
import { parseArgs } from 'node:util';
import { staffAccountInputSchema } from '@assess/shared';
import { openServices } from './lib/serviceDeps';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', default: 'national' },
      name: { type: 'string' },
      region: { type: 'string' },
      city: { type: 'string' },
    },
  });
  if (!values.username || !values.password) throw new Error('需要 --username 和 --password');
  // The same schema as the workbench form and POST /api/admin/staff: a guessable password is refused here too.
  const parsed = staffAccountInputSchema.safeParse({
    username: values.username,
    displayName: values.name ?? values.username,
    password: values.password,
    role: values.role,
    regionCode: values.region ?? null,
    cityCode: values.city ?? null,
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || '参数'}：${issue.message}`).join('；'));
  const { services, close } = await openServices();
  try {
    const account = await services.staff.upsert(parsed.data);
    console.log(`✔ 账号 ${account.username}（${account.role}${account.regionCode ? ` ${account.regionCode}` : ''}${account.cityCode ? ` ${account.cityCode}` : ''}）已就绪`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`✘ ${(error as Error).message}`);
  process.exit(1);
});
