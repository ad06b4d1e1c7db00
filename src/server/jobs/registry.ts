/**
 * The one registry of job handlers, by name, and the recurring system jobs. A feature that needs scheduled
 * work adds its handler here (and its rule to SYSTEM_RECURRING_JOBS, or enqueues one-offs with `enqueueJob`).
 */

import { MAINTENANCE_DAILY_JOB, REGENERATE_ROUNDS_JOB } from '../../domain/maintenance/schedule.ts';
import type { Config } from '../config.ts';
import { runRenewalReminders } from '../features/contracts/contracts.service.ts';
import { runContinuityTick, runEmergencyReminders, runTrainingReminders } from '../features/emergency/emergency.service.ts';
import { runMaintenanceDaily, runRegenerateRounds } from '../features/maintenance/maintenance.service.ts';
import { runRemoteAccessMaintenance } from '../features/remote-access/remote-access.service.ts';
import { runSlaTick } from '../features/sla/escalation.ts';
import { runPeriodicSurveys } from '../features/surveys/surveys.service.ts';
import { MAIL_JOB, MAIL_MAX_ATTEMPTS, MAIL_RETRY, runMailJob } from '../mail/mail.service.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import type { JobHandler, JobRegistry, RecurringJob } from './jobs.service.ts';

export const SLA_TICK_JOB = 'sla.tick';
export const RENEWAL_REMINDERS_JOB = 'contracts.renewal-reminders';
export const CONTINUITY_TICK_JOB = 'emergency.continuity-tick';
export const EMERGENCY_REMINDERS_JOB = 'emergency.reminders';
export const TRAINING_REMINDERS_JOB = 'emergency.training-reminders';
export const REMOTE_ACCESS_JOB = 'remote-access.maintain';
export const PERIODIC_SURVEYS_JOB = 'surveys.periodic';

export function createJobRegistry({ mailer }: { mailer: Mailer | null }): JobRegistry {
  const handlers: Record<string, JobHandler> = {
    // Fires due SLA warnings and breaches; runSlaTick is itself safe with several processes.
    [SLA_TICK_JOB]: { run: ({ deps }) => runSlaTick({ deps }) },
    // Renewal reminders 60/30/7 days before a service contract ends; each fires once (unique key).
    [RENEWAL_REMINDERS_JOB]: { run: ({ deps }) => runRenewalReminders({ deps }) },
    // Emergency-plan continuity stages (15 min / 3 h after the failure): each fires once, late ones with their real due time.
    [CONTINUITY_TICK_JOB]: { run: ({ deps, now }) => runContinuityTick({ deps, now }) },
    // Corrective actions due (to their owners) and plans without a drill for six months (to the managers).
    [EMERGENCY_REMINDERS_JOB]: { run: ({ deps, now }) => runEmergencyReminders({ deps, now }) },
    // The emergency team's quarterly training (001 2.8 (1)): the service department manager, once per plan and quarter.
    [TRAINING_REMINDERS_JOB]: { run: async ({ deps, now }) => void (await runTrainingReminders({ deps, now })) },
    // Erases remote-access secrets whose window ended or that were revoked; re-seals those under a rotated-out key.
    [REMOTE_ACCESS_JOB]: { run: async ({ deps }) => void (await runRemoteAccessMaintenance({ deps })) },
    // Each customer's periodic satisfaction survey (e.g. half-yearly): opened once per period, its link mailed.
    [PERIODIC_SURVEYS_JOB]: { run: async ({ deps, now }) => void (await runPeriodicSurveys({ deps, now })) },
    // A contract was created, renewed or edited: regenerate that customer's maintenance rounds.
    [REGENERATE_ROUNDS_JOB]: { run: ({ deps, payload }) => runRegenerateRounds({ deps, payload }) },
    // Every customer's rounds regenerated (calendars, free years), then overdue rounds warn the account owner once.
    [MAINTENANCE_DAILY_JOB]: { run: async ({ deps }) => void (await runMaintenanceDaily({ deps })) },
    [MAIL_JOB]: { run: (context) => runMailJob(context, mailer), maxAttempts: MAIL_MAX_ATTEMPTS, retry: MAIL_RETRY },
  };
  return new Map(Object.entries(handlers));
}

/** The recurring work every installation runs, ensured at boot. */
export function systemRecurringJobs(config: Config): RecurringJob[] {
  return [
    { name: SLA_TICK_JOB, schedule: { kind: 'interval', everyMs: config.schedulerIntervalMs } },
    // In the morning of the service centre's zone, so the account owner reads it at the start of the day.
    { name: RENEWAL_REMINDERS_JOB, schedule: { kind: 'daily', at: '08:00' } },
    { name: CONTINUITY_TICK_JOB, schedule: { kind: 'interval', everyMs: config.schedulerIntervalMs } },
    { name: EMERGENCY_REMINDERS_JOB, schedule: { kind: 'daily', at: '09:00' } },
    { name: MAINTENANCE_DAILY_JOB, schedule: { kind: 'daily', at: '07:30' } },
    { name: TRAINING_REMINDERS_JOB, schedule: { kind: 'daily', at: '09:00' } },
    // A secret outlives its window by at most a minute.
    { name: REMOTE_ACCESS_JOB, schedule: { kind: 'interval', everyMs: 60_000 } },
    { name: PERIODIC_SURVEYS_JOB, schedule: { kind: 'daily', at: '09:30' } },
  ];
}

const registries = new WeakMap<Config, JobRegistry>();

/** The production registry for a configuration (its SMTP mailer), built once. */
export function systemJobRegistry(config: Config): JobRegistry {
  let registry = registries.get(config);
  if (!registry) {
    registry = createJobRegistry({ mailer: createMailer(config) });
    registries.set(config, registry);
  }
  return registry;
}
