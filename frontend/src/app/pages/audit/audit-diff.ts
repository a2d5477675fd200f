/** Before/after of an audit record, compared field by field along flattened paths (`lines[0].quantity`). */

export type DiffStatus = 'changed' | 'added' | 'removed' | 'same';

export interface DiffRow {
  path: string;
  before: string;
  after: string;
  status: DiffStatus;
}

/** The path of a whole value that is not an object (`before: "x"`). */
export const ROOT_PATH = '(value)';

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** Every leaf of a JSON value by its path; empty objects and arrays are leaves (`{}`, `[]`). */
export function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix || ROOT_PATH, []);
    value.forEach((item, i) => flatten(item, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) out.set(prefix || ROOT_PATH, {});
    for (const [key, item] of entries) flatten(item, join(prefix, key), out);
  } else if (value !== undefined) {
    out.set(prefix || ROOT_PATH, value);
  }
  return out;
}

/** A leaf as text: strings as they are, the rest as JSON (`null`, `12`, `true`, `[]`). */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/**
 * The rows of a diff table: the fields of `before` in their order, then those only `after`
 * has. A record that creates something has only additions; one that deletes, only removals.
 */
export function diffRecords(before: unknown, after: unknown): DiffRow[] {
  const old = before === null || before === undefined ? new Map<string, unknown>() : flatten(before);
  const next = after === null || after === undefined ? new Map<string, unknown>() : flatten(after);
  const paths = [...old.keys(), ...[...next.keys()].filter((k) => !old.has(k))];
  return paths.map((path) => {
    const inOld = old.has(path);
    const inNew = next.has(path);
    const b = inOld ? showValue(old.get(path)) : '';
    const a = inNew ? showValue(next.get(path)) : '';
    const status: DiffStatus = !inOld
      ? 'added'
      : !inNew
        ? 'removed'
        : JSON.stringify(old.get(path)) === JSON.stringify(next.get(path))
          ? 'same'
          : 'changed';
    return { path, before: b, after: a, status };
  });
}
