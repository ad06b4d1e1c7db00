/**
 * The emergency plan (应急预案) of 001 第二部分 and the measures of 1.4, as a template every customer's plan
 * starts from. Each text is given in the seed's Chinese and in English. Pure data: no I/O.
 */
import { z } from 'zod';
import type { StaffDesignation } from '../vocabulary.ts';

export const TRIGGERS = [1, 2, 3, 4, 5, 6] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** 1.4.1 全面加急 (critical, 7 steps) or 1.4.2 加急 (urgent, 6 steps). */
export const MEASURE_LEVELS = ['critical', 'urgent'] as const;
export type MeasureLevel = (typeof MEASURE_LEVELS)[number];

/** 2.7 (2): the stages at which departments fall back to paper. */
export const CONTINUITY_STAGES = ['15m', '3h'] as const;
export type ContinuityStage = (typeof CONTINUITY_STAGES)[number];

export const VENDOR_DESIGNATIONS = ['leader', 'deputy', 'member'] as const;
export type VendorDesignation = (typeof VENDOR_DESIGNATIONS)[number];

export const BilingualText = z.object({ zh: z.string().trim().min(1).max(500), en: z.string().trim().max(500) });
export type BilingualText = z.infer<typeof BilingualText>;

const t = (zh: string, en: string): BilingualText => ({ zh, en });

/** 2.4: the six situations that activate the plan. */
export const TRIGGER_TEXTS: Record<Trigger, BilingualText> = {
  1: t(
    '主干网络、交换设备和主服务器出现硬件故障，导致信息系统部门级瘫痪或全部瘫痪',
    'Backbone network, switches or main servers fail in hardware and a department or the whole hospital stops',
  ),
  2: t(
    '服务器、交换设备出现操作系统、管理系统软件故障，导致硬件不能运行或运行不稳定',
    'The operating system or management software of servers or switches fails and the hardware stops or runs unstably',
  ),
  3: t(
    '数据库出现被置疑，库结构、表结构被误删除或无故丢失，导致信息系统部门级瘫痪或全部瘫痪',
    'The database is suspect, or schemas/tables are deleted or lost, and a department or the whole hospital stops',
  ),
  4: t('某一子系统出现大面积数据丢失或数据异常', 'A subsystem loses or corrupts data at scale'),
  5: t('出现大面积感染病毒或遭遇病毒集中爆发，导致程序被感染', 'A virus outbreak infects programs at scale'),
  6: t(
    '硬件设备遭受不可抗力事件破坏，包括但不限于雷雨、火灾等自然灾害',
    'Hardware is destroyed by force majeure, including but not limited to lightning and fire',
  ),
};

/** 2.6 (1)–(6): what to do for each trigger. */
export const PLAYBOOKS: Record<Trigger, BilingualText[]> = {
  1: [
    t(
      '服务部经理根据服务工程师反馈的信息，直接和客户相关人员取得联系，确认故障',
      'The service department manager contacts the hospital directly and confirms the fault',
    ),
    t(
      '若故障明确且不能及时排除，立即安排技术骨干前往客户现场进行应急处理并保障数据安全',
      'If the fault is clear and cannot be cleared at once, send senior engineers on site for emergency handling and keep the data safe',
    ),
    t(
      '确认故障硬件是否由公司提供；若由公司提供，确认是否在质保期内，在质保期内由双方联系产品供应商或服务商解决',
      'Check whether we supplied the failed hardware and whether it is under warranty; if so, both sides contact the supplier or service provider',
    ),
    t(
      '若不在质保期或非公司供货，建议医院联系硬件服务商或购买硬件，同时安排技术骨干现场协助排查',
      'Out of warranty or not supplied by us: advise the hospital to contact its hardware provider or buy hardware, while an engineer helps on site',
    ),
    t('故障完全排除后，将服务情况书面反馈医院领导', 'Once cleared, report the service in writing to the hospital leadership'),
  ],
  2: [
    t(
      '服务部经理根据服务工程师反馈的信息，直接和客户相关人员取得联系，确认故障',
      'The service department manager contacts the hospital directly and confirms the fault',
    ),
    t(
      '安排技术人员前往客户现场进行应急处理并保障数据安全，同时通过电话指导用户做初步排查',
      'Send engineers on site for emergency handling, data safety first; guide the hospital by phone through first triage meanwhile',
    ),
    t('故障完全排除后，将服务情况书面汇报至医院领导', 'Once cleared, report the service in writing to the hospital leadership'),
  ],
  3: [
    t(
      '服务部经理根据报告人反馈的信息，直接和客户相关人员取得联系，确认故障',
      'The service department manager contacts the hospital directly and confirms the fault',
    ),
    t(
      '安排技术人员前往客户现场，以最快的时间恢复HIS系统对医院业务的支持，并查明问题原因',
      'Send engineers on site to restore HIS support of the hospital business as fast as possible and find the cause',
    ),
    t(
      '进一步查明深层原因及外部隐患，告知医院问题产生的原因及防范措施',
      'Find the root cause and external risks; tell the hospital the cause and the prevention',
    ),
    t(
      '尽最大可能恢复丢失的数据，对业务中断期间未及时录入的数据予以补录',
      'Recover lost data as far as possible and re-enter (补录) what was not captured during the outage',
    ),
  ],
  4: [
    t(
      '服务部经理根据服务工程师反馈的信息，直接和客户相关人员取得联系，确认故障',
      'The service department manager contacts the hospital directly and confirms the fault',
    ),
    t(
      '安排技术人员前往客户现场，查明数据丢失或异常的范围，分析对医院账务和病人费用的影响',
      'Send engineers on site to find the extent of the loss and its effect on the hospital accounts and patients’ charges',
    ),
    t('及时修复数据：首先保证病人费用的正确，再保证医院账务的准确', 'Repair the data: patients’ charges first, then the hospital accounts'),
    t(
      '查明问题产生的原因，给医院具体使用部门和领导一个合理解释',
      'Find the cause and explain it to the departments concerned and the leadership',
    ),
  ],
  5: [
    t(
      '服务部经理直接和客户相关人员取得联系，确认病毒爆发的时间和波及范围及对系统运行的影响',
      'The service department manager confirms with the hospital when the outbreak began, its extent and its effect',
    ),
    t(
      '若病毒仅波及工作站，通过电话指导客户进行病毒查杀和隔离处理',
      'Workstations only: guide the hospital by phone through removal and isolation',
    ),
    t(
      '若感染应用服务器和数据库服务器，造成数据库服务不正常，立刻派技术人员前往现场',
      'Application or database servers infected: send engineers on site at once',
    ),
    t(
      '到达现场与医院领导及负责人会商后，首先保证数据安全，然后应急处理恢复业务，再全面查杀病毒',
      'On site, after consulting the leadership: data safety first, then restore the business, then full disinfection',
    ),
  ],
  6: [
    t(
      '服务部经理直接和客户相关人员取得联系，确认硬件设备的毁损情况',
      'The service department manager confirms with the hospital the damage to the hardware',
    ),
    t(
      '迅速到达现场，与客户一起勘明硬件毁损情况，评估HIS业务数据的完整情况',
      'Reach the site quickly, survey the damage with the hospital and assess whether the HIS data is intact',
    ),
    t(
      '若数据因存储介质损坏而遭受损失，查看数据备份及异地备份情况，根据异地备份恢复数据',
      'Data lost with the storage: check the backups and off-site backups and restore from the off-site backup',
    ),
    t(
      '若数据完整但业务无法开展，尽快组建应急环境，恢复全院HIS系统运行',
      'Data intact but the business cannot run: build an emergency environment and bring the HIS back',
    ),
    t('建议客户从速联系修复或购买替代硬件', 'Advise the hospital to repair or replace the hardware quickly'),
  ],
};

/** 1.4.1 (critical, 7 steps) and 1.4.2 (urgent, 6 steps). */
export const MEASURES: Record<MeasureLevel, BilingualText[]> = {
  critical: [
    t('启动《用户网络系统突发事件的应急预案》', 'Activate the emergency plan'),
    t('隔离故障范围', 'Isolate the fault'),
    t('启动软件容错机制', 'Start software fault tolerance'),
    t('恢复故障点', 'Restore the failed point'),
    t('检验故障恢复结果', 'Verify the recovery'),
    t('切换到计算机处理模式', 'Switch back to computer processing'),
    t('服务文档管理', 'Document the service'),
  ],
  urgent: [
    t('启动《用户网络系统突发事件的应急预案》', 'Activate the emergency plan'),
    t('隔离故障范围', 'Isolate the fault'),
    t('恢复故障点', 'Restore the failed point'),
    t('检验故障恢复结果', 'Verify the recovery'),
    t('切换到计算机处理模式', 'Switch back to computer processing'),
    t('服务文档管理', 'Document the service'),
  ],
};

/** 2.5: the activation procedure, five steps; step 3 is the activation itself. */
export const ACTIVATION_STEPS: BilingualText[] = [
  t('记录客户对故障的描述，初步落实故障已经和可能产生的影响', 'Record the description and the actual and possible impact'),
  t(
    '确认报告者已将故障告知院方领导，若未告知，建议其立即如实汇报',
    'Confirm the reporter told the hospital leadership; if not, advise it at once',
  ),
  t('服务部经理启动相应的应急方案', 'The service department manager activates the plan'),
  t('向院方反馈预案的启动情况', 'Tell the hospital the plan is active'),
  t('故障处理完毕，书面反馈处理结果', 'Report the result, in writing to the hospital leadership'),
];
/** The activation step (1-based) only a manager or a member of the vendor team may record. */
export const ACTIVATE_STEP = 3;

/** 2.2: the duties of the emergency response team. */
export const TEAM_DUTIES: BilingualText[] = [
  t('通过电话指导院方信息管理员对故障进行初步排查', 'Guide the hospital’s IT staff by phone through first triage'),
  t('组织协调技术骨干赶赴现场', 'Organise senior engineers to go on site'),
  t('对问题进行跟踪、反馈直至问题彻底解决', 'Track and report until the problem is solved'),
  t('及时记录、总结整个事故处理过程，不断完善本预案', 'Record and summarise the handling, and improve this plan'),
];

/** 2.2: the vendor team's designations as the seed names them. */
export const VENDOR_DESIGNATION_TEXTS: Record<VendorDesignation, BilingualText> = {
  leader: t('组长（总经理）', 'Leader (general manager)'),
  deputy: t('副组长（服务总监、技术总监、服务部经理）', 'Deputy (service director, technical director, service department manager)'),
  member: t('组员（服务部技术骨干）', 'Member (service department senior engineer)'),
};

/** 2.7 (2): the default departments' stable keys (labels in the web's zh-CN/en resources; custom departments have none). */
export const DEPARTMENT_KEYS = [
  'outpatient_registration',
  'admission_registration',
  'outpatient_billing',
  'emergency_billing',
  'outpatient_pharmacy',
  'inpatient_pharmacy',
  'nurse_stations',
  'operating_rooms',
  'medical_examinations',
] as const;
export type DepartmentKey = (typeof DEPARTMENT_KEYS)[number];

/** 2.7 (2): the default departments and the stage at which each goes manual. */
export const DEFAULT_DEPARTMENTS: { key: DepartmentKey; name: string; nameEn: string; stage: ContinuityStage }[] = [
  { key: 'outpatient_registration', name: '门诊挂号', nameEn: 'Outpatient registration', stage: '15m' },
  { key: 'admission_registration', name: '住院登记', nameEn: 'Admission registration', stage: '15m' },
  { key: 'outpatient_billing', name: '门诊收费', nameEn: 'Outpatient billing', stage: '15m' },
  { key: 'emergency_billing', name: '急诊收费', nameEn: 'Emergency billing', stage: '15m' },
  { key: 'outpatient_pharmacy', name: '门诊药房', nameEn: 'Outpatient pharmacy', stage: '15m' },
  { key: 'inpatient_pharmacy', name: '住院药房', nameEn: 'Inpatient pharmacy', stage: '15m' },
  { key: 'nurse_stations', name: '护士站', nameEn: 'Nurse stations', stage: '3h' },
  { key: 'operating_rooms', name: '手术室', nameEn: 'Operating rooms', stage: '3h' },
  { key: 'medical_examinations', name: '医技检查', nameEn: 'Medical-technical examinations', stage: '3h' },
];

/**
 * A department's stable key: the one it carries, or, for plans saved before keys existed, the default
 * department of the same Chinese name. A custom department has none (it keeps its typed name).
 */
export function departmentKeyOf(department: { key?: DepartmentKey | null; name: string }): DepartmentKey | null {
  return department.key ?? DEFAULT_DEPARTMENTS.find((d) => d.name === department.name)?.key ?? null;
}

/** 2.2: the vendor team a new plan starts with, from the staff users' designations (leader, deputies, members). */
export function vendorTeamFromDesignations(
  users: readonly { id: string; designation: StaffDesignation | null }[],
): { userId: string; designation: VendorDesignation; phone: string }[] {
  const roleOf: Record<StaffDesignation, VendorDesignation> = {
    general_manager: 'leader',
    service_director: 'deputy',
    technical_director: 'deputy',
    service_department_manager: 'deputy',
    technical_backbone: 'member',
  };
  const order = VENDOR_DESIGNATIONS;
  return users
    .flatMap((u) => (u.designation ? [{ userId: u.id, designation: roleOf[u.designation], phone: '' }] : []))
    .sort((a, b) => order.indexOf(a.designation) - order.indexOf(b.designation))
    .slice(0, 50);
}

/** A plan's editable content (stored whole in every version). */
export const PlanContent = z
  .object({
    vendorTeam: z
      .array(
        z.object({ userId: z.uuid(), designation: z.enum(VENDOR_DESIGNATIONS), phone: z.string().trim().max(40).default('') }).strict(),
      )
      .max(50),
    hospitalTeam: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(100),
            role: z.enum(['leader', 'deputy', 'member']),
            title: z.string().trim().max(100).default(''),
            phone: z.string().trim().min(1).max(40),
          })
          .strict(),
      )
      .max(50),
    departments: z
      .array(
        z
          .object({
            key: z.enum(DEPARTMENT_KEYS).optional(),
            name: z.string().trim().min(1).max(60),
            nameEn: z.string().trim().max(80).default(''),
            stage: z.enum(CONTINUITY_STAGES),
          })
          .strict(),
      )
      .max(100)
      .refine((ds) => new Set(ds.map((d) => d.name)).size === ds.length, { message: 'department names must be unique' })
      .refine((ds) => {
        const keys = ds.flatMap((d) => (d.key ? [d.key] : []));
        return new Set(keys).size === keys.length;
      }, 'a default department is listed twice'),
    playbooks: z
      .object({
        1: z.array(BilingualText),
        2: z.array(BilingualText),
        3: z.array(BilingualText),
        4: z.array(BilingualText),
        5: z.array(BilingualText),
        6: z.array(BilingualText),
      })
      .strict(),
    measures: z.object({ critical: z.array(BilingualText).min(1), urgent: z.array(BilingualText).min(1) }).strict(),
    duties: z.array(BilingualText).max(20),
  })
  .strict();
export type PlanContent = z.infer<typeof PlanContent>;

/** The content a new plan starts from: 001 as written, with no team members named yet. */
export function templatePlanContent(): PlanContent {
  return structuredClone({
    vendorTeam: [],
    hospitalTeam: [],
    departments: DEFAULT_DEPARTMENTS,
    playbooks: PLAYBOOKS,
    measures: MEASURES,
    duties: TEAM_DUTIES,
  });
}
