/**
 * Drafts of half-filled forms, kept in sessionStorage (this tab only, gone with the tab).
 *
 * When the session ends under a form (the refresh token expired or was revoked), the app
 * falls back to the login page and the form is gone; its draft is not. After signing in
 * again the app returns to the same address and the form restores the draft. A deliberate
 * logout forgets all drafts; drafts belong to one user and are never shown to another.
 */
import { useCallback, useEffect, useState } from "react";

const PREFIX = "kokoma.draft.";

export interface Draft<T> {
  value: T;
  /** ISO timestamp of the last change. */
  savedAt: string;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function keyOf(userId: string, name: string): string {
  return `${PREFIX}${userId}.${name}`;
}

export function saveDraft<T>(userId: string, name: string, value: T): void {
  const draft: Draft<T> = { value, savedAt: new Date().toISOString() };
  try {
    storage()?.setItem(keyOf(userId, name), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it just cannot survive a lost session.
  }
}

export function loadDraft<T>(userId: string, name: string): Draft<T> | null {
  const raw = storage()?.getItem(keyOf(userId, name));
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as Draft<T>;
    return typeof draft === "object" && draft !== null && "value" in draft ? draft : null;
  } catch {
    return null;
  }
}

export function clearDraft(userId: string, name: string): void {
  storage()?.removeItem(keyOf(userId, name));
}

function draftKeys(): string[] {
  const store = storage();
  if (!store) return [];
  const keys: string[] = [];
  for (let index = 0; index < store.length; index += 1) {
    const key = store.key(index);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

/** Forgets every draft, or every draft but those of `keepUserId`. */
export function forgetDrafts(keepUserId?: string): void {
  const keep = keepUserId ? `${PREFIX}${keepUserId}.` : null;
  for (const key of draftKeys()) {
    if (keep === null || !key.startsWith(keep)) storage()?.removeItem(key);
  }
}

export interface DraftState<T> {
  /** The form's current value. */
  value: T;
  /** Changes the value; from the first change on, the value is kept as a draft. */
  setValue(value: T): void;
  /** The draft the form was filled from when it opened, if any. */
  restored: Draft<T> | null;
  /** Forgets the draft (after saving); the value stays. */
  clear(): void;
  /** Forgets the draft and goes back to the initial value. */
  discard(): void;
}

/**
 * Form state that survives the session: starts from the draft `name` of `userId` if one is
 * left, else from `initial`, and keeps every change as that draft until cleared.
 */
export function useDraftState<T>(userId: string, name: string, initial: () => T): DraftState<T> {
  const [restored, setRestored] = useState(() => loadDraft<T>(userId, name));
  const [value, setValueState] = useState<T>(() => restored?.value ?? initial());
  const [keep, setKeep] = useState(restored !== null);

  useEffect(() => {
    if (keep) saveDraft(userId, name, value);
  }, [userId, name, value, keep]);

  const setValue = useCallback((next: T) => {
    setKeep(true);
    setValueState(next);
  }, []);

  const clear = useCallback(() => {
    setKeep(false);
    setRestored(null);
    clearDraft(userId, name);
  }, [userId, name]);

  return {
    value,
    setValue,
    restored,
    clear,
    discard: () => {
      clear();
      setValueState(initial());
    },
  };
}
