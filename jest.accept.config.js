/**
 * `npm run accept`: writes the golden files (__tests__/accept/). Never part of
 * `npm test`, whose tests only compare against them.
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/accept'],
  testMatch: ['**/*.accept.ts'],
  testTimeout: 120000,
};
