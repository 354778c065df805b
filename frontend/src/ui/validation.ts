/**
 * Checking a request body in the browser against the API's own limits (`api/limits.ts`,
 * generated from the OpenAPI document), so a form names every problem at once before
 * anything is sent. The server still checks; its answer is shown field by field too.
 */
import type { TFunction } from "i18next";
import { LIMITS } from "../api/limits";
import type { FieldError, FormErrors } from "./problems";

export type BodySchema = keyof typeof LIMITS;

interface Limits {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
}

/** What is wrong with one field, with the figures the message needs. */
export interface Violation {
  path: string;
  kind: "missing" | "tooLong" | "tooShort" | "tooSmall" | "tooLarge" | "tooMany" | "tooFew" | "email" | "date" | "format";
  params?: Record<string, number | string>;
}

function limitsOf(schema: BodySchema, field: string): Limits | undefined {
  return (LIMITS[schema] as Record<string, Limits>)[field];
}

/** The longest text the API takes for `field` of `schema`. */
export function maxLengthOf(schema: BodySchema, field: string): number | undefined {
  return limitsOf(schema, field)?.maxLength;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function textViolation(path: string, value: string, limits: Limits): Violation | null {
  if (limits.maxLength !== undefined && value.length > limits.maxLength) {
    return { path, kind: "tooLong", params: { max: limits.maxLength, count: value.length } };
  }
  if (limits.minLength !== undefined && value.trim().length < limits.minLength) {
    return { path, kind: "tooShort", params: { min: limits.minLength } };
  }
  if (limits.format === "email" && !EMAIL.test(value)) return { path, kind: "email" };
  if (limits.format === "date" && !DATE.test(value)) return { path, kind: "date" };
  if (limits.pattern !== undefined && !new RegExp(limits.pattern).test(value.trim())) return { path, kind: "format" };
  return null;
}

function valueViolation(path: string, value: unknown, limits: Limits): Violation | null {
  // An optional field sent as null is left out on purpose (the API takes null there);
  // blank text in a field that needs at least one character is still "missing".
  if (value === null && !limits.required) return null;
  if (isEmpty(value)) return limits.required || (limits.minLength ?? 0) > 0 ? { path, kind: "missing" } : null;
  if (typeof value === "string") return textViolation(path, value, limits);
  if (typeof value === "number") {
    if (limits.minimum !== undefined && value < limits.minimum) return { path, kind: "tooSmall", params: { min: limits.minimum } };
    if (limits.maximum !== undefined && value > limits.maximum) return { path, kind: "tooLarge", params: { max: limits.maximum } };
  }
  if (Array.isArray(value)) {
    if (limits.maxItems !== undefined && value.length > limits.maxItems) return { path, kind: "tooMany", params: { max: limits.maxItems } };
    if (limits.minItems !== undefined && value.length < limits.minItems) return { path, kind: "tooFew", params: { min: limits.minItems } };
  }
  return null;
}

/**
 * Every field of `body` that breaks the limits of `schema`. With `partial` (PATCH bodies)
 * only the fields present are checked.
 */
export function violations(schema: BodySchema, body: object, partial = false): Violation[] {
  const values = body as Record<string, unknown>;
  const found: Violation[] = [];
  for (const [field, limits] of Object.entries(LIMITS[schema] as Record<string, Limits>)) {
    if (partial && !(field in values)) continue;
    const violation = valueViolation(field, values[field], limits);
    if (violation) found.push(violation);
  }
  return found;
}

/**
 * The form errors for `body`, or null when it keeps within the limits. The messages say
 * what is wrong; the error summary and the field put the field's name next to them.
 */
export function checkBody(schema: BodySchema, body: object, t: TFunction<"ui">, partial = false): FormErrors | null {
  const fields: FieldError[] = violations(schema, body, partial).map((violation) => ({
    path: violation.path,
    message: t(`check.${violation.kind}`, violation.params ?? {}),
  }));
  return fields.length > 0 ? { fields, general: null, status: 422 } : null;
}
