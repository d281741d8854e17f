import type { Config } from 'jest';

type Project = NonNullable<Config['projects']>[number] & object;

const shared = {
  testEnvironment: 'node',
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^content-disposition$': '<rootDir>/test/shims/content-disposition.cjs',
    '^@karvan/(config|database|domain|content|jobs|testing|demo)$': '<rootDir>/libs/$1/src/index.ts',
    // NodeNext sources import './x.js'; map back to the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
} satisfies Project;

/** Projects that talk to PostgreSQL and Redis get one database and queue prefix per run. */
const withServices = {
  ...shared,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['<rootDir>/test/json-logs.ts'],
} satisfies Project;

const BROWSER = '<rootDir>/apps/api/test/**/*browser.e2e-spec.ts';
const CRASH = [
  '<rootDir>/apps/api/test/certificate-crash.e2e-spec.ts',
  '<rootDir>/apps/api/test/replicas.e2e-spec.ts',
  '<rootDir>/test/prerequisites.e2e-spec.ts',
];

/**
 * The test tiers, each runnable alone (`npm run test:<tier>`): `unit` needs no service and no build;
 * `integration` needs PostgreSQL and Redis; `e2e` adds HTTP; `browser` adds Chromium; `crash` runs
 * the built worker and Redis servers of its own.
 */
const config: Config = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
      setupFiles: ['<rootDir>/test/no-services.ts'],
    },
    {
      ...withServices,
      displayName: 'integration',
      testMatch: ['<rootDir>/libs/**/*.e2e-spec.ts', '<rootDir>/apps/cli/test/*.e2e-spec.ts'],
    },
    {
      ...withServices,
      displayName: 'e2e',
      testMatch: [
        '<rootDir>/apps/{api,worker}/test/*.e2e-spec.ts',
        '<rootDir>/test/embedded.e2e-spec.ts',
        '<rootDir>/test/upgrade.e2e-spec.ts',
      ],
      testPathIgnorePatterns: ['browser\\.e2e-spec\\.ts$', 'crash\\.e2e-spec\\.ts$', 'replicas\\.e2e-spec\\.ts$'],
    },
    { ...withServices, displayName: 'browser', testMatch: [BROWSER] },
    { ...withServices, displayName: 'crash', testMatch: CRASH },
  ],
  // Tests wait for conditions, for up to a minute each: a loaded machine is slow, not wrong.
  testTimeout: 180_000,
  // Most tests wait on PostgreSQL, Redis, Chromium or a child process rather than on their own CPU:
  // on two cores the whole run took 656 s with three workers and 605 s with four (2026-12-06).
  maxWorkers: 4,
};

export default config;
