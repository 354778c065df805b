import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { today } from "../ui/calendar";
import { paths } from "../paths";
import { DUE_GROUPS, createTask, taskKeys, updateTask, useAssignableUsers, useOpenTasks } from "./queries";
import type { TaskItem } from "./queries";
import "../ui/page.css";
import "./tasks.css";

/**
 * "My tasks": open tasks grouped overdue, today, this week, later. Each has a checkbox that
 * marks it done in one action (Space on the focused box); coordinators can switch to every
 * task of the municipality and hand a task to someone else.
 */
export default function MyTasksPage() {
  const { t } = useTranslation("tasks");
  const format = useFormat();
  const { can } = useSession();
  const coordinator = can(Permission.tasksCoordinate);
  const [owner, setOwner] = useState<"mine" | "all">("mine");
  const list = useOpenTasks(owner);
  const users = useAssignableUsers(coordinator && owner === "all");
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [title, setTitle] = useState("");
  const [due, setDue] = useState(today());
  useDocumentTitle(t("title"));

  const refresh = () => void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  const change = useMutation({
    mutationFn: ({ task, body }: { task: TaskItem; body: Parameters<typeof updateTask>[1] }) =>
      updateTask(task, body),
    onSuccess: (task, { body }) => {
      setFailure(null);
      setStatus(body.status === "done" ? t("doneStatus", { title: task.title }) : t("savedStatus", { title: task.title }));
      refresh();
    },
    onError: (error) => setFailure(error),
  });
  const create = useMutation({
    mutationFn: () => createTask({ title, due_on: due }),
    onSuccess: (task) => {
      setFailure(null);
      setTitle("");
      setStatus(t("createdStatus", { title: task.title }));
      refresh();
    },
    onError: (error) => setFailure(error),
  });

  const items = list.data ?? [];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim()) create.mutate();
  };

  return (
    <div className="tasks-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {failure !== null && <ErrorNotice error={failure} />}
      <div className="tasks-toolbar">
        <form className="task-create" onSubmit={onSubmit} aria-labelledby="task-create-heading">
          <h2 id="task-create-heading" className="visually-hidden">
            {t("create.heading")}
          </h2>
          <label htmlFor="task-title">{t("create.title")}</label>
          <input id="task-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          <label htmlFor="task-due">{t("create.due")}</label>
          <input id="task-due" type="date" value={due} required onChange={(e) => setDue(e.target.value)} />
          <button type="submit" disabled={create.isPending || !title.trim()}>
            {t("create.submit")}
          </button>
        </form>
        {coordinator && (
          <div className="tasks-owner">
            <label htmlFor="task-owner-filter">{t("owner.filter")}</label>
            <select
              id="task-owner-filter"
              value={owner}
              onChange={(e) => setOwner(e.target.value === "all" ? "all" : "mine")}
            >
              <option value="mine">{t("owner.mine")}</option>
              <option value="all">{t("owner.all")}</option>
            </select>
            <Link to={paths.tasks.stalled}>{t("stalled.link")}</Link>
          </div>
        )}
      </div>
      {list.isPending && <LoadingStatus />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p className="empty">{t("empty")}</p>}
      {DUE_GROUPS.map((group) => {
        const inGroup = items.filter((task) => task.due_group === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} className={`panel task-group task-group-${group}`} aria-labelledby={`tasks-${group}`}>
            <h2 id={`tasks-${group}`}>
              {t(`group.${group}`)} <span className="task-count">({inGroup.length})</span>
            </h2>
            <ul className="task-list">
              {inGroup.map((task) => (
                <li key={task.id} className="task-row">
                  <input
                    type="checkbox"
                    id={`task-done-${task.id}`}
                    checked={false}
                    disabled={change.isPending}
                    onChange={() => change.mutate({ task, body: { status: "done" } })}
                  />
                  <label htmlFor={`task-done-${task.id}`} className="task-title">
                    <span className="visually-hidden">{t("markDone")}: </span>
                    {task.title}
                  </label>
                  <span className="task-meta">
                    {t("due", { date: format.date(task.due_on) })}
                    {task.case_id && task.case_reference && (
                      <>
                        {" · "}
                        <Link to={paths.cases.detail(task.case_id)}>{task.case_reference}</Link>
                      </>
                    )}
                    {owner === "all" && <> · {task.owner_name}</>}
                  </span>
                  {owner === "all" && users.data && (
                    <span className="task-reassign">
                      <label htmlFor={`task-owner-${task.id}`} className="visually-hidden">
                        {t("owner.reassign", { title: task.title })}
                      </label>
                      <select
                        id={`task-owner-${task.id}`}
                        value={task.owner_id}
                        disabled={change.isPending}
                        onChange={(e) => change.mutate({ task, body: { owner_id: e.target.value } })}
                      >
                        {users.data
                          .filter((u) => u.is_active && u.role !== "admin")
                          .map((u) => (
                            <option key={u.id} value={u.id}>
                              {u.full_name}
                            </option>
                          ))}
                      </select>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
