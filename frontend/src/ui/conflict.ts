/**
 * What a stale edit (412) means for the user: which of their changes meet a version that
 * someone else changed meanwhile, and how to carry their changes over to that version.
 */

export type Values = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => same(item, b[index]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same((a as Values)[key], (b as Values)[key]));
  }
  // Empty text and no value mean the same in a form.
  const blank = (value: unknown) => value === null || value === undefined || value === "";
  return blank(a) && blank(b);
}

export { same as sameValue };

export interface FieldComparison {
  field: string;
  /** The value when the user started editing. */
  base: unknown;
  /** The user's value. */
  mine: unknown;
  /** The value saved now. */
  theirs: unknown;
}

export interface EditConflict {
  /** Fields the user changed; `theirsChanged` when someone else changed them too. */
  edited: (FieldComparison & { theirsChanged: boolean })[];
  /** Fields only the other side changed. */
  otherChanges: FieldComparison[];
}

const at = (values: object, field: string): unknown => (values as Values)[field];

/** The fields in `fields` the user changed from `base`. */
export function editedFields<F extends string>(base: object, mine: object, fields: readonly F[]): F[] {
  return fields.filter((field) => !same(at(base, field), at(mine, field)));
}

/** Compares the user's edit (from `base` to `mine`) with the version saved now (`theirs`). */
export function compareEdits(base: object, mine: object, theirs: object, fields: readonly string[]): EditConflict {
  const edited = editedFields(base, mine, fields);
  const row = (field: string) => ({
    field,
    base: at(base, field),
    mine: at(mine, field),
    theirs: at(theirs, field),
  });
  return {
    edited: edited.map((field) => ({ ...row(field), theirsChanged: !same(at(base, field), at(theirs, field)) })),
    otherChanges: fields
      .filter((field) => !edited.includes(field) && !same(at(base, field), at(theirs, field)))
      .map(row),
  };
}

/** The version saved now with the user's changed fields put on top: the edit re-applied. */
export function reapply<T extends object>(base: T, mine: T, theirs: T, fields: readonly (keyof T & string)[]): T {
  const result = { ...theirs };
  for (const field of editedFields(base, mine, fields)) result[field] = mine[field];
  return result;
}
