import type { Deps } from '../../deps.ts';
import { runRenewalReminders } from '../contracts/contracts.service.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { sendPendingEmails } from '../notifications/notifications.service.ts';
import { runSlaTick } from './escalation.ts';

export type Scheduler = { stop(): Promise<void>; tickNow(): Promise<void> };

/**
 * Runs the SLA clocks and the mail outbox every interval. A tick never overlaps the previous one;
 * the first runs at start so anything missed while the server was down fires straight away.
 */
export function startScheduler({
  deps,
  mailer,
  onError,
}: {
  deps: Deps;
  mailer: Mailer | null;
  onError: (error: unknown) => void;
}): Scheduler {
  let running: Promise<void> | null = null;
  let isStopped = false;
  const tick = async () => {
    if (running || isStopped) return running ?? undefined;
    running = (async () => {
      try {
        await runSlaTick({ deps });
        // Contract renewal reminders (60/30/7 days before the end) to the account owner; each fires once.
        await runRenewalReminders({ deps });
        if (mailer) await sendPendingEmails({ deps, mailer });
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void tick(), deps.config.schedulerIntervalMs);
  void tick();
  return {
    tickNow: tick,
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
