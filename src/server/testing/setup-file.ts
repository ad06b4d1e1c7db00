// Runs before every test file (vitest.config.ts `setupFiles`).
import { lowerPasswordCostForTests } from '../features/auth/password.ts';
import { startTestFile } from './shared-pglite.ts';

lowerPasswordCostForTests();
// The worker's shared embedded database tells a new test file from a second open in the same one.
startTestFile();
