import { defaultQuestionnaire, type ReceiptFile } from '@assess/shared';
import { completeAnswers } from '../helpers/answers';
import { idempotencyKey, login } from '../helpers/factories';
import { assertNoErrors, byTestId, expectAttribute, openE2eWorld, screenshot, type E2eWorld } from '../helpers/e2e';

let world: E2eWorld;
beforeAll(async () => {
  world = await openE2eWorld();
});
afterAll(() => world?.close());

/** The public receipt page: no login, the file chosen or dropped, the checksum recomputed in the browser. */
describe('/pages/verify/index (校验回执)', () => {
  let file: ReceiptFile;

  beforeAll(async () => {
    const enterprise = await world.enterprise();
    const token = await login(world.api, enterprise);
    const submitted = await world.api.post('/api/attempts/current/submit', { idempotencyKey: idempotencyKey('e2e'), answers: completeAnswers(defaultQuestionnaire, 'high') }, token);
    file = (await world.api.get(`/api/attempts/${submitted.body.receipt.attemptId}/receipt-file`, token)).body as ReceiptFile;
  });

  it('When anyone chooses a real receipt file, then the page recomputes its checksum and says it matches', async () => {
    const opened = await world.open('pc');
    const { page } = opened;
    await page.goto('/pages/verify/index');
    await Promise.all([page.waitForEvent('filechooser'), byTestId(page, 'verify-choose').click()]);
    await byTestId(page, 'receipt-file-input').setInputFiles({ name: 'receipt.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const result = byTestId(page, 'verify-result');
    await expectAttribute(result, 'data-state', 'match');
    await expectAttribute(result, 'data-checksum', file.receipt.checksum);
    await screenshot(page, 'verify-receipt-match');
    assertNoErrors(opened);
  });

  it('When a file whose answers were altered by one character is dropped on the page, then it says they do not match', async () => {
    const opened = await world.open('pc');
    const { page } = opened;
    await page.goto('/pages/verify/index');
    await byTestId(page, 'verify-drop').waitFor();
    const [id, value] = Object.entries(file.answers).find(([, v]) => typeof v === 'string' && v.length > 0)!;
    const altered = JSON.stringify({ ...file, answers: { ...file.answers, [id]: `${String(value).slice(0, -1)}#` } });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'receipt.json', { type: 'application/json' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, altered);
    await expectAttribute(byTestId(page, 'verify-result'), 'data-state', 'mismatch');
    assertNoErrors(opened);
  });
});
