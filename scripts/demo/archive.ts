// The demo's customer archive: installed systems, the system contract, service contracts on every tier,
// project history and a few on-site visits — written through the services, like the requests are, so
// every customer shows a different answer to "what is this customer owed?" at intake.
import type { AcceptanceState } from '../../src/domain/contracts/vocabulary.ts';
import type { Deps } from '../../src/server/deps.ts';
import { addModule, setHandoverItem, updateProfile, updateProject } from '../../src/server/features/archive/archive.service.ts';
import { createServiceContract, createSystemContract, listTiers, today } from '../../src/server/features/contracts/contracts.service.ts';
import { registerVisit } from '../../src/server/features/visits/visits.service.ts';
import type { Actor } from '../../src/server/policy.ts';
import type { CustomerPlan } from './plan.ts';
import type { Random } from './random.ts';

/** What each organisation's archive says, by its position in the plan: every entitlement basis appears. */
type ArchiveKind =
  | { basis: 'service_contract'; tier: 'diamond' | 'gold' | 'silver' | 'bronze'; endsInDays: number }
  | { basis: 'free_maintenance' }
  | { basis: 'unaccepted_running'; unacceptedCase: 1 | 2 | 3 | 4 }
  | { basis: 'expired' };

const ARCHIVE_KINDS: readonly ArchiveKind[] = [
  { basis: 'service_contract', tier: 'diamond', endsInDays: 240 },
  { basis: 'service_contract', tier: 'gold', endsInDays: 300 },
  { basis: 'free_maintenance' },
  { basis: 'service_contract', tier: 'silver', endsInDays: 25 },
  { basis: 'unaccepted_running', unacceptedCase: 1 },
  { basis: 'service_contract', tier: 'bronze', endsInDays: 150 },
  { basis: 'expired' },
  { basis: 'service_contract', tier: 'gold', endsInDays: 55 },
  { basis: 'unaccepted_running', unacceptedCase: 3 },
  { basis: 'free_maintenance' },
  { basis: 'service_contract', tier: 'silver', endsInDays: 200 },
  { basis: 'unaccepted_running', unacceptedCase: 2 },
];

const MODULES: readonly { system: string; module: string; version: string }[] = [
  { system: 'HIS', module: '门诊收费', version: '5.2.1' },
  { system: 'HIS', module: '住院管理', version: '5.2.1' },
  { system: 'EMR', module: '电子病历', version: '3.8' },
  { system: 'LIS', module: '检验信息', version: '2.6' },
  { system: 'PACS', module: '影像归档与通信', version: '4.1' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A local date `days` away from `from` (both YYYY-MM-DD; calendar arithmetic in UTC is exact for dates). */
function addDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The acceptance date that gives each basis: under a year ago is free maintenance, older needs a contract. */
function acceptanceFor(kind: ArchiveKind, now: string): string | null {
  if (kind.basis === 'free_maintenance') return addDays(now, -120);
  if (kind.basis === 'unaccepted_running') return null;
  return addDays(now, -900);
}

export async function createArchives({
  deps,
  actor,
  engineerId,
  customers,
  customerIds,
  random,
}: {
  deps: Deps;
  actor: Actor;
  engineerId: string;
  customers: readonly CustomerPlan[];
  customerIds: ReadonlyMap<string, string>;
  random: Random;
}): Promise<number> {
  const now = today(deps);
  const tiers = new Map((await listTiers({ deps, actor })).items.map((tier) => [tier.code, tier.id]));
  let contracts = 0;
  for (const [index, plan] of customers.entries()) {
    const customerId = customerIds.get(plan.seed.key);
    if (!customerId || plan.seed.kind !== 'hospital') continue;
    const kind = ARCHIVE_KINDS[index % ARCHIVE_KINDS.length];
    const acceptance = acceptanceFor(kind, now);
    const goLive = addDays(now, kind.basis === 'unaccepted_running' ? -400 : -1000);
    const isBig = plan.seed.grade?.startsWith('三级') ?? false;

    await updateProfile({
      deps,
      actor,
      customerId,
      input: {
        beds: isBig ? random.int(1500, 4500) : random.int(300, 900),
        economicNotes: isBig ? '年度信息化预算充足，按期付款。' : '财政拨款，付款周期较长。',
      },
    });
    for (const [moduleIndex, module] of MODULES.entries()) {
      const isLaunched = moduleIndex < (isBig ? 5 : 3);
      const state: AcceptanceState = !isLaunched ? 'not_launched' : acceptance ? 'accepted' : 'running_unaccepted';
      await addModule({
        deps,
        actor,
        customerId,
        input: {
          ...module,
          goLiveDate: isLaunched ? goLive : null,
          acceptanceState: state,
          acceptanceDate: state === 'accepted' ? acceptance : null,
        },
      });
    }
    await createSystemContract({
      deps,
      actor,
      customerId,
      input: {
        title: `${plan.seed.name}医院信息系统建设项目`,
        signedDate: addDays(goLive, -180),
        totalPriceFen: (isBig ? random.int(300, 900) : random.int(80, 250)) * 1_000_000,
        acceptanceDate: acceptance,
      },
    });
    await updateProject({
      deps,
      actor,
      customerId,
      input: {
        contractSignedDate: addDays(goLive, -180),
        teamStationedDate: addDays(goLive, -150),
        initialAcceptanceDate: acceptance,
        unacceptedCase: kind.basis === 'unaccepted_running' ? kind.unacceptedCase : null,
        // Issue 14: case 1's letter urging acceptance (its two weeks still running); case 3's refund.
        ...(kind.basis === 'unaccepted_running' && kind.unacceptedCase === 1
          ? { urgeLetterDate: addDays(now, -3), urgeLetterMethod: 'courier' as const }
          : {}),
        ...(kind.basis === 'unaccepted_running' && kind.unacceptedCase === 3 ? { refundFen: 12_000_000 } : {}),
      },
    });
    if (acceptance) {
      for (const item of ['project_plan', 'technical_manual', 'acceptance_report'] as const) {
        await setHandoverItem({ deps, actor, customerId, item, input: { isDone: true } });
      }
    }

    if (kind.basis === 'service_contract' || kind.basis === 'expired') {
      const tierId = tiers.get(kind.basis === 'expired' ? 'silver' : kind.tier);
      if (!tierId) throw new Error('the built-in service tiers are missing: run the migrations first');
      const endDate = kind.basis === 'expired' ? addDays(now, -40) : addDays(now, kind.endsInDays);
      await createServiceContract({
        deps,
        actor,
        input: { customerId, tierId, startDate: addDays(endDate, -364), endDate, accountOwnerId: actor.id },
      });
      contracts += 1;
      if (kind.basis === 'service_contract') {
        const visits = random.int(1, 3);
        for (let visit = 0; visit < visits; visit += 1) {
          await registerVisit({
            deps,
            actor,
            customerId,
            // The first an emergency repair (it uses the tier's quota); the rest routine inspections (they never do).
            input:
              visit === 0
                ? {
                    visitDate: addDays(now, -random.int(5, 60)),
                    engineerIds: [engineerId],
                    note: '紧急维修：门诊收费数据库连接失败',
                    type: 'emergency',
                  }
                : {
                    visitDate: addDays(now, -random.int(5, 60)),
                    engineerIds: [engineerId],
                    note: '例行巡检：服务器、数据库备份与打印机',
                    type: 'routine',
                  },
          });
        }
      }
    }
  }
  return contracts;
}
