// `testTimeout` is a global jest option, so the e2e project's own value in jest.config.js is
// ignored and every browser test would get jest's 5 s default. Set it here, per test file.
jest.setTimeout(60_000);
