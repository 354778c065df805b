/**
 * Turning API failures (RFC 9457 problems) into what a form shows: one message per field
 * next to that field, and one message for the form as a whole.
 */
import type { TFunction } from "i18next";
import { ApiError } from "../api/client";

/** A field error as the API sends it: `field` is a path such as `body.title`. */
export interface ApiFieldError {
  field: string;
  message: string;
  type: string;
}

/** One field's error, with the field's path inside the request body (`title`, `referral.reason`). */
export interface FieldError {
  path: string;
  message: string;
}

export interface FormErrors {
  /** Errors that belong to a field, in the order the API listed them. */
  fields: FieldError[];
  /** A message for the whole form, if the failure is not (only) about fields. */
  general: string | null;
  /** The HTTP status; 0 when the server could not be reached. */
  status: number;
}

/** `body.referral.target_service` → `referral.target_service`; `body` alone → "" (the whole body). */
export function fieldPath(location: string): string {
  const parts = location.split(".");
  if (parts[0] === "body" || parts[0] === "query" || parts[0] === "path") parts.shift();
  return parts.join(".");
}

function apiFieldErrors(error: ApiError): ApiFieldError[] {
  const errors = error.problem?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (entry): entry is ApiFieldError =>
      typeof entry === "object" && entry !== null && typeof (entry as ApiFieldError).field === "string",
  );
}

/** The general message for a failed request, in the user's language. */
export function problemMessage(error: unknown, t: TFunction<"ui">): string {
  if (!(error instanceof ApiError)) return t("errors.unknown");
  const detail = typeof error.problem?.detail === "string" ? error.problem.detail : null;
  const withDetail = (message: string) =>
    detail ? `${message} ${t("errors.serverSays", { detail })}` : message;
  switch (error.status) {
    case 0:
      return t("errors.network");
    case 403:
      return t("errors.forbidden");
    case 404:
      return t("errors.notFound");
    case 409:
      return withDetail(t("errors.conflict"));
    case 412:
      return t("errors.stale");
    case 429:
      return t("errors.rateLimited");
    default:
      if (error.status >= 500) return t("errors.server");
      return withDetail(t("errors.unknown"));
  }
}

/**
 * A field error in the user's words. The API words its messages in the language the app
 * asks for (`Accept-Language`), with the limits that apply ("höchstens 200 Zeichen"); the
 * app's own texts by error type stand in only where the API sent no words, and for a field
 * left empty ("too short" then means: fill it in).
 */
function fieldMessage(entry: ApiFieldError, t: TFunction<"ui">, empty: boolean): string {
  const type = empty && entry.type === "string_too_short" ? "missing" : entry.type;
  if (type !== "missing" && entry.message) return entry.message;
  // The type names come from the server; only those with a translation are translated.
  const translated = t(`validation.${type}` as "validation.missing", { defaultValue: "" });
  return translated || entry.message;
}

/**
 * Everything a form needs to show about a failed write. `isEmpty(path)` tells which fields
 * the user left empty, for messages that fit ("please fill in" rather than "too short").
 */
export function formErrorsOf(
  error: unknown,
  t: TFunction<"ui">,
  isEmpty: (path: string) => boolean = () => false,
): FormErrors {
  const status = error instanceof ApiError ? error.status : -1;
  if (!(error instanceof ApiError) || status !== 422) {
    return { fields: [], general: problemMessage(error, t), status };
  }
  const fields: FieldError[] = [];
  let general: string | null = null;
  for (const entry of apiFieldErrors(error)) {
    const path = fieldPath(entry.field);
    if (path === "") general = entry.message;
    else fields.push({ path, message: fieldMessage(entry, t, isEmpty(path)) });
  }
  if (fields.length === 0 && general === null) general = problemMessage(error, t);
  return { fields, general, status };
}

/** The first error of `name` or of anything inside it (`topics` matches `topics.0`). */
export function errorFor(errors: FormErrors | null, name: string): string | undefined {
  return errors?.fields.find((entry) => entry.path === name || entry.path.startsWith(`${name}.`))
    ?.message;
}

/** `isEmpty` for `formErrorsOf`: the form's text fields (by path) that hold nothing but blanks. */
export function blankIn(values: object): (path: string) => boolean {
  return (path) => {
    const value = (values as Record<string, unknown>)[path];
    return typeof value === "string" && value.trim() === "";
  };
}
