/** One Jest run, four kinds of tests. `npm test` runs them all (see scripts/test-all.mjs). */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }];
const moduleNameMapper = {
  '^@billinator/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^@billinator/money$': '<rootDir>/libs/money/src/index.ts',
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testEnvironmentOptions: { globalsCleanup: 'off' },
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper,
};

module.exports = {
  // Server and browser tests start real processes; unit tests finish far sooner.
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/backend/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      slowTestThreshold: 30,
    },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/tests/api/**/*.test.ts'], slowTestThreshold: 60 },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'], slowTestThreshold: 120 },
  ],
};
