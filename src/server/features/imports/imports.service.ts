// Spreadsheet import of the customer archive: preview, then an all-or-nothing commit.
//
// Design: stateless. The preview stores nothing; the commit sends the same file again and it is read
// and checked once more inside the writing transaction. Why not keep the parsed batch in a table:
// - nothing to expire or clean up, no migration, and any server process can take the commit;
// - the checks that matter (does the name exist now?) must run in the commit's transaction anyway,
//   since the archive may change between preview and commit — a stored batch would be re-checked too;
// - the browser already holds the File it previewed, so sending it twice costs the user nothing.
// The preview's `token` is the SHA-256 of the kind and the bytes: sent back with the commit, it proves
// the file is the one the user looked at (409 otherwise).
import { createHash } from 'node:crypto';
import {
  type ArchiveLookups,
  type ContactRecord,
  type CustomerRecord,
  checkAgainstArchive,
  type ImportKind,
  type ImportRecord,
  type ModuleRecord,
  type ParsedImport,
  parseImportTable,
  recordKey,
  SAMPLE_SIZE,
} from '../../../domain/imports/import-rows.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { type Actor, authorize } from '../../policy.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import {
  insertContacts,
  insertCustomers,
  insertModules,
  selectContactNames,
  selectCustomersByName,
  selectModuleNames,
} from './imports.repo.ts';
import { readSpreadsheet } from './spreadsheet.ts';

export type ImportUpload = { fileName: string; bytes: Buffer };

export function importToken(kind: ImportKind, bytes: Uint8Array): string {
  return createHash('sha256').update(`${kind}\n`).update(bytes).digest('hex');
}

function referencedCustomers(parsed: ParsedImport): string[] {
  return [
    ...new Set(
      parsed.records.map(({ value }) =>
        parsed.kind === 'customers' ? (value as CustomerRecord).name : (value as ContactRecord).customerName,
      ),
    ),
  ];
}

/** Reads the file and checks each row on its own (no database). */
async function parse(kind: ImportKind, bytes: Uint8Array) {
  const { format, table } = await readSpreadsheet(bytes);
  return { format, parsed: parseImportTable({ kind, table }) };
}

/** Checks the rows against the archive as `tx` sees it, locking the customers referenced when `lock`. */
async function check(tx: Tx, parsed: ParsedImport, lock: boolean) {
  const kind = parsed.kind;
  // Customers are only read: a name taken meanwhile is caught by the unique index at insert.
  const found = await selectCustomersByName(tx, referencedCustomers(parsed), { lock: lock && kind !== 'customers' });
  const idByName = new Map(found.map((c) => [c.name, c.id]));
  const existingKeys = new Set<string>();
  if (kind === 'contacts') {
    const nameById = new Map(found.map((c) => [c.id, c.name]));
    for (const c of await selectContactNames(tx, [...nameById.keys()])) {
      existingKeys.add(recordKey('contacts', { customerName: nameById.get(c.customerId) ?? '', name: c.name } as ContactRecord));
    }
  } else if (kind === 'modules') {
    const nameById = new Map(found.map((c) => [c.id, c.name]));
    for (const m of await selectModuleNames(tx, [...nameById.keys()])) {
      existingKeys.add(
        recordKey('modules', { customerName: nameById.get(m.customerId) ?? '', system: m.system, module: m.module } as ModuleRecord),
      );
    }
  }
  const lookups: ArchiveLookups = { customerNames: new Set(idByName.keys()), existingKeys };
  return { idByName, checked: checkAgainstArchive(parsed, lookups) };
}

// `records` holds exactly the rows without errors (a row with a bad cell, a duplicate or an unknown
// customer never becomes a record), so valid is their count.
function summary(kind: ImportKind, checked: ParsedImport) {
  return { kind, rows: checked.rows, valid: checked.records.length, errors: checked.errors };
}

function sampleValues(record: ImportRecord): Record<string, string | number | boolean | null> {
  return { ...record };
}

export async function previewImport({ deps, actor, kind, upload }: { deps: Deps; actor: Actor; kind: ImportKind; upload: ImportUpload }) {
  authorize(actor, 'archive.import');
  const { format, parsed } = await parse(kind, upload.bytes);
  const { checked } = await check(deps.db, parsed, false);
  return {
    ...summary(kind, checked),
    format,
    sample: checked.records.slice(0, SAMPLE_SIZE).map(({ row, value }) => ({ row, values: sampleValues(value) })),
    ignoredColumns: checked.ignoredColumns,
    token: importToken(kind, upload.bytes),
  };
}

export async function commitImport({
  deps,
  actor,
  kind,
  token,
  upload,
}: {
  deps: Deps;
  actor: Actor;
  kind: ImportKind;
  token?: string;
  upload: ImportUpload;
}) {
  authorize(actor, 'archive.import');
  const fileToken = importToken(kind, upload.bytes);
  if (token !== undefined && token !== fileToken) {
    throw new AppError('conflict', 'this is not the file that was previewed: preview it again', { token: 'mismatch' });
  }
  // Parsed outside the transaction: reading an XLSX holds no connection.
  const { format, parsed } = await parse(kind, upload.bytes);
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const { idByName, checked } = await check(tx, parsed, true);
    if (checked.errors.length > 0) {
      throw new AppError(
        'import_invalid',
        `${new Set(checked.errors.map((e) => e.row)).size} row(s) have errors: nothing was imported`,
        { file: 'rows with errors' },
        summary(kind, checked),
      );
    }
    const created = await write(tx, kind, checked, idByName, now);
    // Concurrent imports or edits took a name or a module between our check and the insert.
    if (created !== checked.records.length) {
      throw new AppError('conflict', 'the archive changed while importing: preview the file again', { file: 'changed' });
    }
    await insertAudit(tx, {
      actorId: actor.id,
      action: 'import.commit',
      entityType: 'import',
      after: { kind, format, fileName: upload.fileName, sha256: fileToken, rows: checked.rows, created },
      at: now,
    });
    return { kind, rows: checked.rows, created, token: fileToken };
  });
}

async function write(tx: Tx, kind: ImportKind, checked: ParsedImport, idByName: Map<string, string>, at: Date): Promise<number> {
  const customerId = (name: string) => {
    const id = idByName.get(name);
    if (!id) throw new Error(`customer ${name} vanished under its lock`);
    return id;
  };
  if (kind === 'customers') {
    const rows = checked.records.map(({ value }) => ({ ...(value as CustomerRecord), createdAt: at, updatedAt: at }));
    return (await insertCustomers(tx, rows)).length;
  }
  if (kind === 'contacts') {
    const rows = checked.records.map(({ value }) => {
      const { customerName, ...contact } = value as ContactRecord;
      return { ...contact, customerId: customerId(customerName), createdAt: at };
    });
    return (await insertContacts(tx, rows)).length;
  }
  const rows = checked.records.map(({ value }) => {
    const { customerName, ...module } = value as ModuleRecord;
    return { ...module, customerId: customerId(customerName), createdAt: at, updatedAt: at };
  });
  return (await insertModules(tx, rows)).length;
}
