// Runs before every test file (vitest.config.ts `setupFiles`).
import { lowerPasswordCostForTests } from '../features/auth/password.ts';

lowerPasswordCostForTests();
