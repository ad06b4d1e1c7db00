import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The browser suite drives Debian's chromium against a real server on a fresh embedded database.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'aftersales-e2e-'));
export const E2E_ADMIN = { email: 'admin@e2e.example.com', password: 'e2e-admin-password' };

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // One by default; E2E_WORKERS=2 runs two browsers against the one server (the specs make their own data).
  workers: Number(process.env.E2E_WORKERS ?? 1),
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds the vitest reports.
  outputDir: 'test-results/playwright',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    // A failed test keeps its trace (actions, network, DOM snapshots); no screencast is recorded, since its
    // frames are encoded on every repaint of every test — CPU the slow CI machine spends on runs that pass.
    trace: { mode: 'retain-on-failure', screenshots: false },
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node_modules/.bin/tsx src/server/main.ts',
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      AFTERSALES_DATA_DIR: dataDir,
      AFTERSALES_ADMIN_EMAIL: E2E_ADMIN.email,
      AFTERSALES_ADMIN_PASSWORD: E2E_ADMIN.password,
      // Remote-access passwords are stored encrypted (e2e/remote-access.spec.ts).
      AFTERSALES_SECRET_KEY: 'e2e-secret-key-for-remote-access-0123456789',
      LOG_LEVEL: 'warn',
    },
  },
});
