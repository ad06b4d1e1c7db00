import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Clock } from './lib/clock.ts';
import type { LiveBus } from './lib/live-bus.ts';

/** Everything a service may need, wired once in app.ts and passed explicitly. */
export type Deps = {
  db: Db;
  config: Config;
  clock: Clock;
  live: LiveBus;
  /**
   * Tests only: private addresses outbound fetches (calendar import by URL) may reach, e.g. a loopback
   * test server. Production never sets it, so private, loopback and link-local targets are refused.
   */
  allowedPrivateFetchAddresses?: readonly string[];
};
