/**
 * Editing a record that others may change at the same time: the form keeps where the edit
 * started (values and version, sent as If-Match), keeps the input as a draft across an ended
 * session, and after a stale save (412) loads the current version and compares it with the
 * user's changes, who then carries their changes over or drops them.
 */
import { useState } from "react";
import { ApiError } from "../api/client";
import { compareEdits, reapply } from "./conflict";
import type { EditConflict, Values } from "./conflict";
import { useDraftState } from "./drafts";
import type { Draft } from "./drafts";

export interface EditState<V> {
  /** The values when the edit started (or after taking over the current version). */
  base: V;
  values: V;
  /** The version `base` belongs to: the If-Match of the save. */
  version: number;
}

interface Options<R, V> {
  userId: string;
  /** The draft's name, unique per record and form. */
  draftName: string;
  /** The form's starting point. */
  initial: () => EditState<V>;
  valuesOf: (record: R) => V;
  versionOf: (record: R) => number;
  /** The fields the user edits, compared after a stale save. */
  fields: readonly (keyof V & string)[];
  /** Loads the version saved now. */
  fetchCurrent: () => Promise<R>;
}

export interface VersionedEdit<R, V> extends EditState<V> {
  setValues(values: V): void;
  /** The draft the form was filled from when it opened, if any. */
  restored: Draft<EditState<V>> | null;
  discardDraft(): void;
  /** After a stale save: the user's changes next to the version saved now. */
  conflict: EditConflict | null;
  /** Carries the user's changes over to the current version; they save again from there. */
  reapplyMine(): void;
  /** Drops the user's changes and continues from the current version. */
  takeTheirs(): void;
  /** Continues from a record just saved, as a fresh edit (for forms that stay open). */
  takeSaved(record: R): void;
  /**
   * Runs `save` with the edit state. A stale save (412) turns into `conflict` and gives
   * undefined; other failures are thrown to the caller. A successful save forgets the draft.
   */
  submit<T>(save: (state: EditState<V>) => Promise<T>): Promise<T | undefined>;
}

/** Form values as the comparison sees them: fields by name. */
const asValues = <V extends object>(values: V) => values as unknown as Values;

export function useVersionedEdit<R, V extends object>(options: Options<R, V>): VersionedEdit<R, V> {
  const { valuesOf, versionOf, fields, fetchCurrent } = options;
  const draft = useDraftState<EditState<V>>(options.userId, options.draftName, options.initial);
  const [conflict, setConflict] = useState<{ comparison: EditConflict; theirs: R } | null>(null);
  const state = draft.value;

  async function submit<T>(save: (state: EditState<V>) => Promise<T>): Promise<T | undefined> {
    try {
      const result = await save(state);
      draft.clear();
      setConflict(null);
      return result;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 412) throw error;
      const theirs = await fetchCurrent();
      const comparison = compareEdits(asValues(state.base), asValues(state.values), asValues(valuesOf(theirs)), fields);
      setConflict({ comparison, theirs });
      return undefined;
    }
  }

  function moveTo(theirs: R, values: (current: V) => V) {
    const current = valuesOf(theirs);
    draft.setValue({ base: current, values: values(current), version: versionOf(theirs) });
    setConflict(null);
  }

  return {
    ...state,
    setValues: (values) => draft.setValue({ ...state, values }),
    restored: draft.restored,
    discardDraft: draft.discard,
    conflict: conflict?.comparison ?? null,
    reapplyMine: () => {
      if (!conflict) return;
      moveTo(conflict.theirs, (current) => reapply<Values>(asValues(state.base), asValues(state.values), asValues(current), fields) as unknown as V);
    },
    takeTheirs: () => {
      if (!conflict) return;
      moveTo(conflict.theirs, (current) => current);
      draft.clear();
    },
    takeSaved: (record) => {
      moveTo(record, (current) => current);
      draft.clear();
    },
    submit,
  };
}
