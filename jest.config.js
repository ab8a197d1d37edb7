/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/tools/'],
  // Spawned CLIs print without colour, whatever terminal jest runs on (see the file).
  setupFiles: ['<rootDir>/__tests__/helpers/plain-output.ts'],
  // The end-to-end test builds the CLI once; give it room on a 2-core machine.
  testTimeout: 60000,
};
