import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { LoadingStatus } from "../layout/LoadingStatus";
import { ErrorNotice } from "../ui/ErrorNotice";
import { FieldGroup } from "../ui/Field";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import type { CaseDetail } from "./model";
import { caseKeys, fetchCase, setAssignees, useAssignableUsers } from "./queries";

/** Who works on the case; coordinators change it. */
export function AssigneesPanel({ record, mayAssign }: { record: CaseDetail; mayAssign: boolean }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const queryClient = useQueryClient();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [message, setMessage] = useState("");
  const editButton = useRef<HTMLButtonElement>(null);
  const people = useAssignableUsers(editing);

  const save = useMutation({
    mutationFn: () => setAssignees(record.id, record.version, chosen),
    onSuccess: (saved) => {
      queryClient.setQueryData(caseKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      setEditing(false);
      setMessage(t("detail.saved"));
      editButton.current?.focus();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 412) {
        const fresh = await fetchCase(record.id).catch(() => null);
        if (fresh) queryClient.setQueryData(caseKeys.detail(fresh.id), fresh);
      }
      setErrors(formErrorsOf(error, tUi));
    },
  });

  function start() {
    setChosen(record.assignees.map((person) => person.user_id));
    setErrors(null);
    setMessage("");
    setEditing(true);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("detail.assignees")}</h2>
      <p role="status" className={message ? "notice notice-success" : "visually-hidden"}>
        {message}
      </p>
      {record.assignees.length === 0 ? (
        <p className="empty">{t("detail.noAssignees")}</p>
      ) : (
        <ul className="plain-list">
          {record.assignees.map((person) => (
            <li key={person.user_id}>{person.full_name}</li>
          ))}
        </ul>
      )}
      {mayAssign && !record.archived && !editing && (
        <p>
          <button ref={editButton} type="button" className="button button-secondary" onClick={start}>
            {t("detail.editAssignees")}
          </button>
        </p>
      )}
      {editing && (
        <form className="inline-form form" noValidate onSubmit={submit}>
          {errors?.general && (
            <p className="notice notice-error" role="alert">
              {errors.general}
            </p>
          )}
          {people.isPending && <LoadingStatus />}
          {people.isError && <ErrorNotice error={people.error} onRetry={() => void people.refetch()} />}
          {people.isSuccess && (
            <FieldGroup id="case-user_ids" legend={t("assignees.legend")} error={errorFor(errors, "user_ids")}>
              <ul className="plain-list">
                {people.data.map((person) => (
                  <li key={person.id}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={chosen.includes(person.id)}
                        onChange={(event) =>
                          setChosen(
                            event.target.checked ? [...chosen, person.id] : chosen.filter((id) => id !== person.id),
                          )
                        }
                      />
                      {person.full_name}
                    </label>
                  </li>
                ))}
              </ul>
            </FieldGroup>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={save.isPending || !people.isSuccess}>
              {save.isPending ? tUi("saving") : t("assignees.submit")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              {tUi("cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
