/** Checks that need poppler, qpdf, LibreOffice and chromium: npm run test:tools */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/tools'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 300000,
};
