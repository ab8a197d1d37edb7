/** Checks that need poppler, qpdf, LibreOffice and chromium: npm run test:tools */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/tools'],
  testMatch: ['**/*.test.ts'],
  // Spawned CLIs print without colour, whatever terminal jest runs on (see the file).
  setupFiles: ['<rootDir>/__tests__/helpers/plain-output.ts'],
  testTimeout: 300000,
};
