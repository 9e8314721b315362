import { defineConfig } from 'vitest/config';

// Unit tests: pure core logic over happy-dom / linkedom documents, no browser, no extension API.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
