/**
 * Unit specs beside the code (no I/O), e2e tests against real PostgreSQL and Redis, and the fault
 * suite, which starts PostgreSQL and Redis of its own (test/support/fault-infra.ts) to kill them.
 */
const shared = {
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@core/(.*)$': '<rootDir>/src/core/$1',
    '^@modules/(.*)$': '<rootDir>/src/modules/$1',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...shared, displayName: 'architecture', testMatch: ['<rootDir>/test/architecture/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      // Everything that needs the real PostgreSQL and Redis: e2e over HTTP, integration tests, and the fuzz suite.
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/test/fuzz/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    { ...shared, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.spec.ts'] },
  ],
  // Jest reads the timeout only at the top level, not per project; unit tests never come near it.
  testTimeout: 60000,
};
