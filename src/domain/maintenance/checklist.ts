// The routine maintenance checklists A/B/C of 002 三(三)–(五), versioned: admins edit them, a round keeps
// the version it started with. Each item's result is done, problem found or not applicable, with a note
// and measurements (database size, free disk, last good backup…).

export const CHECKLIST_SECTIONS = ['A', 'B', 'C'] as const;
export type ChecklistSection = (typeof CHECKLIST_SECTIONS)[number];

export const ITEM_RESULTS = ['done', 'problem', 'not_applicable'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

/** Measurements an item may ask for; values are free text as read on site ("120 GB", "2026-03-01"). */
export const MEASUREMENTS = ['database_size', 'free_disk', 'last_good_backup', 'archive_log_mode'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

export interface ChecklistItem {
  key: string;
  section: ChecklistSection;
  labelZh: string;
  labelEn: string;
  measurements: Measurement[];
}

/** Version 1: the items of 002 verbatim (zh) with an English rendering. */
export const DEFAULT_CHECKLIST: readonly ChecklistItem[] = [
  {
    key: 'a1_os_patches',
    section: 'A',
    labelZh: '操作系统的及时升级（打补丁等操作）',
    labelEn: 'Keep the operating system up to date (patches)',
    measurements: ['free_disk'],
  },
  {
    key: 'a2_antivirus',
    section: 'A',
    labelZh: '操作系统的防病毒维护',
    labelEn: 'Antivirus maintenance of the operating system',
    measurements: [],
  },
  { key: 'a3_os_reinstall', section: 'A', labelZh: '操作系统的重新安装', labelEn: 'Reinstall the operating system', measurements: [] },
  {
    key: 'b1_db_patches',
    section: 'B',
    labelZh: '数据库系统的及时升级（打补丁等操作）',
    labelEn: 'Keep the database system up to date (patches)',
    measurements: [],
  },
  {
    key: 'b2_db_cleanup',
    section: 'B',
    labelZh: '数据库的整理、清除数据垃圾',
    labelEn: 'Tidy the database and clear garbage data',
    measurements: ['database_size'],
  },
  { key: 'b3_db_tuning', section: 'B', labelZh: '数据库系统的优化', labelEn: 'Optimise the database system', measurements: [] },
  {
    key: 'b4_db_backup',
    section: 'B',
    labelZh: '数据库数据的备份和转储',
    labelEn: 'Back up and dump the database',
    measurements: ['last_good_backup', 'archive_log_mode'],
  },
  { key: 'b5_db_reinstall', section: 'B', labelZh: '数据库系统的重新安装', labelEn: 'Reinstall the database system', measurements: [] },
  {
    key: 'c1_functions',
    section: 'C',
    labelZh: '软件现有功能的维护，保证数据的正确性和可靠性',
    labelEn: 'Maintain existing functions; keep the data correct and reliable',
    measurements: [],
  },
  {
    key: 'c2_faults',
    section: 'C',
    labelZh: '对软件现有功能出现的故障进行诊断、检测、分析和处理',
    labelEn: 'Diagnose, test, analyse and fix faults of existing functions',
    measurements: [],
  },
  {
    key: 'c3_data_errors',
    section: 'C',
    labelZh: '当出现数据错误或不能工作时，负责检测和分析，并尽快排除故障',
    labelEn: 'On data errors or outages, test, analyse and clear the fault quickly',
    measurements: [],
  },
  {
    key: 'c4_slowdown',
    section: 'C',
    labelZh: '在出现系统整体速度减慢影响业务之前，负责检测和分析，并尽快做出预防性处置',
    labelEn: 'Before the whole system slows down and hurts the business, test, analyse and act preventively',
    measurements: [],
  },
];

/** A key customer (重点客户) must run the database with online archive logs (联机归档日志): item B4 says so. */
export const ARCHIVE_LOG_ITEM = 'b4_db_backup';

/** Problems in a checklist edit: duplicate keys. */
export function checklistIssues(items: readonly ChecklistItem[]): string[] {
  const seen = new Set<string>();
  const issues: string[] = [];
  for (const item of items) {
    if (seen.has(item.key)) issues.push(`duplicate key ${item.key}`);
    seen.add(item.key);
  }
  return issues;
}

/** A customer's backup and recovery plan (000 回访服务): what, where, how often, off-site copy, last verified restore. */
export interface BackupPlan {
  what: string;
  location: string;
  frequency: string;
  offsiteCopy: string | null;
  lastVerifiedRestore: string | null;
}
