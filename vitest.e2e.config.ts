import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in real headless Chromium and Firefox.
// One browser at a time (2 shared cores), generous timeouts for cold starts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
