// One jest config, three projects: unit (pure code, beside it), api (HTTP against a running
// BFF with real FerretDB and Redis), e2e (the H5 build in headless Chromium).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // @noble/hashes 2 ships ESM only; jest's CommonJS runtime needs it transformed like our source.
  transformIgnorePatterns: ['/node_modules/(?!@noble/hashes/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/shared/src', '<rootDir>/bff/src', '<rootDir>/miniprogram/src', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
    },
    {
      ...common,
      displayName: 'api',
      roots: ['<rootDir>/test/api'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
      // testTimeout is a global option (ignored here); apiSetup sets the per-test timeout.
      setupFilesAfterEnv: ['<rootDir>/test/helpers/apiSetup.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
      // testTimeout is a global option (ignored here); e2eSetup sets the per-test timeout.
      setupFilesAfterEnv: ['<rootDir>/test/helpers/e2eSetup.ts'],
    },
  ],
  coverageProvider: 'v8',
  collectCoverageFrom: ['shared/src/**/*.ts', '!shared/src/**/*.test.ts', '!shared/src/**/*.bench.ts'],
  coverageThreshold: { './shared/src/': { lines: 90 } },
  coverageReporters: ['text-summary', 'json-summary'],
};
