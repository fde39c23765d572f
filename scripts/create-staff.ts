/**
 * Creates (or updates) a staff account from the command line — how the first national admin
 * comes to exist in production:
 *
 *   npm run staff -- --username admin --role national --name 国家局管理员 --password '…'
 *   npm run staff -- --username gd --role region --region 440000 --name 广东省局 --password '…'
 */
import { parseArgs } from 'node:util';
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
  if (values.password.length < 10) throw new Error('密码至少 10 个字符');
  const role = values.role as 'national' | 'region' | 'city';
  const { services, close } = await openServices();
  try {
    const account = await services.staff.upsert({
      username: values.username,
      displayName: values.name ?? values.username,
      password: values.password,
      role,
      regionCode: values.region ?? null,
      cityCode: values.city ?? null,
    });
    console.log(`✔ 账号 ${account.username}（${account.role}${account.regionCode ? ` ${account.regionCode}` : ''}${account.cityCode ? ` ${account.cityCode}` : ''}）已就绪`);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`✘ ${(error as Error).message}`);
  process.exit(1);
});
