import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formErrorsOf } from "../ui/problems";
import type { FieldError, FormErrors } from "../ui/problems";
import { checkBody } from "../ui/validation";
import type { BodySchema } from "../ui/validation";
import { useTrainingWrite } from "./queries";

interface CheckOptions<I> {
  /** A PATCH body: only the fields sent are checked. */
  partial?: boolean;
  /** Objects inside the body checked against their own schema (`completion_rule`). */
  nested?: Record<string, BodySchema>;
  /**
   * Rules the limits cannot say (a place or a link; a reason in the form's own words), as
   * field errors; each replaces the generic message of its field.
   */
  extra?: (body: I) => FieldError[];
}

/**
 * A write of the training editor whose body is first checked against the API's own limits
 * (generated from the OpenAPI document): every field's problem is shown at once, before
 * anything is sent, and the server's answer still field by field when it disagrees.
 */
export function useCheckedWrite<I extends object, O>(
  schema: BodySchema,
  write: (input: I) => Promise<O>,
  options: CheckOptions<I> = {},
) {
  const { t: tUi } = useTranslation("ui");
  const mutation = useTrainingWrite(write);
  const [checked, setChecked] = useState<FormErrors | null>(null);

  function check(body: I): FormErrors | null {
    const fields = [...(checkBody(schema, body, tUi, options.partial)?.fields ?? [])];
    for (const [name, nestedSchema] of Object.entries(options.nested ?? {})) {
      const inner = (body as Record<string, unknown>)[name];
      if (inner && typeof inner === "object") {
        const found = checkBody(nestedSchema, inner, tUi, options.partial)?.fields ?? [];
        fields.push(...found.map((entry) => ({ ...entry, path: `${name}.${entry.path}` })));
      }
    }
    // A rule of the form says more than a generic limit: it replaces that field's message.
    const extra = options.extra?.(body) ?? [];
    const all = [...extra, ...fields.filter((entry) => !extra.some((own) => own.path === entry.path))];
    return all.length > 0 ? { fields: all, general: null, status: 422 } : null;
  }

  function submit(body: I, onSuccess?: (saved: O) => void) {
    const found = check(body);
    setChecked(found);
    if (found) return;
    mutation.mutate(body, { onSuccess });
  }

  const errors = checked ?? (mutation.isError ? formErrorsOf(mutation.error, tUi) : null);
  return { submit, errors, busy: mutation.isPending };
}
