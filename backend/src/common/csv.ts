import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ProblemException } from './problem.exception';

export interface CsvRecord {
  /** Line of the record in the file; the header is line 1. */
  line: number;
  values: Record<string, string>;
}

export const MAX_IMPORT_ROWS = 200_000;

/** Parses CSV text with a header row; a UTF-8 BOM, `;` or `,` separators and quoted fields are fine. */
export function parseCsv(text: string, expectedHeaders: readonly string[]): CsvRecord[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim()),
      delimiter,
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: false,
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    throw new ProblemException(400, 'malformed_request', `The file is not valid CSV: ${(error as Error).message}`);
  }
  if (rows.length === 0)
    throw new ProblemException(400, 'malformed_request', 'The file holds no rows below its header');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ProblemException(413, 'payload_too_large', `Import at most ${MAX_IMPORT_ROWS} rows at a time`);
  }
  const headers = Object.keys(rows[0].record);
  const unknown = headers.filter((h) => !expectedHeaders.includes(h));
  if (unknown.length > 0) {
    throw new ProblemException(
      400,
      'malformed_request',
      `Unknown column(s) ${unknown.join(', ')}; the columns are: ${expectedHeaders.join(', ')}`,
    );
  }
  return rows.map((r) => ({ line: r.info.lines, values: r.record }));
}

/** CSV with a header row; values that a spreadsheet would run as formulas are neutralised. */
export function toCsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const safe = rows.map((row) =>
    row.map((value) => {
      if (value === null || value === undefined) return '';
      const text = String(value);
      return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
    }),
  );
  return stringify([headers as string[], ...safe], { bom: true });
}
