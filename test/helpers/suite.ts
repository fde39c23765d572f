import { startTestBff, type TestBff, type TestBffOptions } from './bff';
import { apiClient, type ApiClient } from './http';

export interface TestSuite {
  readonly bff: TestBff;
  readonly api: ApiClient;
}

/** One BFF for a test file: started before its tests, stopped (and its Redis keys removed) after them. */
export function useTestBff(options?: TestBffOptions): TestSuite {
  let running: { bff: TestBff; api: ApiClient } | null = null;
  beforeAll(async () => {
    const bff = await startTestBff(options);
    running = { bff, api: apiClient(bff.url) };
  });
  afterAll(async () => {
    await running?.bff.stop();
  });
  const current = () => {
    if (!running) throw new Error('useTestBff: the BFF is used outside a test (before beforeAll ran)');
    return running;
  };
  return {
    get bff() {
      return current().bff;
    },
    get api() {
      return current().api;
    },
  };
}
