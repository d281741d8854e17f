import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts', '<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
  moduleNameMapper: {
    '^content-disposition$': '<rootDir>/test/shims/content-disposition.cjs',
    '^@karvan/(config|database|domain|content|jobs|testing|demo)$': '<rootDir>/libs/$1/src/index.ts',
    // NodeNext sources import './x.js'; map back to the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
  // Most tests wait on PostgreSQL, Redis or Chromium rather than the CPU: three workers fit two cores.
  maxWorkers: 3,
};

export default config;
