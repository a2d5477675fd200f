import type { ImportProblem, ImportReport } from '@billinator/contracts';
import { parseCsv } from './csv';
import { validateAs } from './dto-validation';
import { ProblemException } from './problem.exception';

export interface ImportPlan<T> {
  report: ImportReport;
  /** Valid rows, with their line numbers; only complete when the report has no problems. */
  rows: { line: number; value: T }[];
}

export interface ImportRules<T extends object> {
  columns: readonly string[];
  /** Columns an export writes that an import reads past (computed figures). */
  ignored?: readonly string[];
  dto: new () => T;
  /** Fills defaults and converts CSV text (yes/no, empty cells) before validation. */
  normalise?: (plain: Record<string, unknown>) => Record<string, unknown>;
  /** Extra checks of one valid row, e.g. duplicates inside the file. */
  check?: (value: T, line: number) => string | { field: string; message: string } | null;
}

/** "yes/no/true/false/1/0" → boolean; anything else is left for validation to refuse. */
export function csvBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(v)) return true;
  if (['false', 'no', '0', 'n'].includes(v)) return false;
  return value;
}

/** Validates every row of a CSV file and reports each problem with its line. */
export async function planImport<T extends object>(
  text: string,
  dryRun: boolean,
  rules: ImportRules<T>,
): Promise<ImportPlan<T>> {
  const records = parseCsv(text, [...rules.columns, ...(rules.ignored ?? [])]);
  const problems: ImportProblem[] = [];
  const rows: { line: number; value: T }[] = [];
  for (const record of records) {
    let plain: Record<string, unknown> = Object.fromEntries(
      Object.entries(record.values).filter(([k, v]) => v !== '' && !(rules.ignored ?? []).includes(k)),
    );
    if ('active' in plain) plain['active'] = csvBoolean(plain['active']);
    if (rules.normalise) plain = rules.normalise(plain);
    const { value, errors } = await validateAs(rules.dto, plain);
    errors.forEach((e) => problems.push({ line: record.line, field: e.field, message: e.message }));
    if (errors.length > 0) continue;
    const extra = rules.check?.(value, record.line) ?? null;
    if (extra) {
      problems.push(
        typeof extra === 'string'
          ? { line: record.line, field: null, message: extra }
          : { line: record.line, field: extra.field, message: extra.message },
      );
      continue;
    }
    rows.push({ line: record.line, value });
  }
  return finishPlan(records.length, dryRun, problems, rows);
}

/** Adds problems found after validation (e.g. against the database) and recounts. */
export function finishPlan<T>(
  total: number,
  dryRun: boolean,
  problems: ImportProblem[],
  rows: { line: number; value: T }[],
): ImportPlan<T> {
  problems.sort((a, b) => a.line - b.line);
  const badLines = new Set(problems.map((p) => p.line));
  return {
    report: { dryRun, rows: total, valid: total - badLines.size, imported: 0, problems },
    rows: rows.filter((r) => !badLines.has(r.line)),
  };
}

/** All-or-nothing: a real import with any problem is refused as a whole, with the report. */
export function assertImportable(plan: ImportPlan<unknown>): void {
  const { report } = plan;
  if (report.problems.length === 0) return;
  throw new ProblemException(
    422,
    'unprocessable',
    `Nothing was imported: ${report.rows - report.valid} of ${report.rows} rows have problems; fix them and import again`,
    undefined,
    { report },
  );
}
