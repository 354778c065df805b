import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { loadDraft } from "./drafts";
import { useVersionedEdit } from "./useVersionedEdit";

type Values = { title: string; place: string };
interface Thing {
  title: string;
  place: string;
  version: number;
}

function setup(server: { current: Thing }) {
  return renderHook(() =>
    useVersionedEdit<Thing, Values>({
      userId: "user-1",
      draftName: "thing-1",
      initial: () => ({ base: { title: "Alt", place: "Eisenach" }, values: { title: "Alt", place: "Eisenach" }, version: 1 }),
      valuesOf: (record) => ({ title: record.title, place: record.place }),
      versionOf: (record) => record.version,
      fields: ["title", "place"],
      fetchCurrent: async () => server.current,
    }),
  );
}

/** A save against a server that refuses stale versions (412) and bumps the version. */
function save(server: { current: Thing }) {
  return async ({ values, version }: { values: Values; version: number }) => {
    if (version !== server.current.version) throw new ApiError(412, { status: 412, title: "Precondition Failed" });
    server.current = { ...values, version: version + 1 };
    return server.current;
  };
}

describe("editing a versioned record", () => {
  it("keeps the input as a draft and forgets it after a successful save", async () => {
    const server = { current: { title: "Alt", place: "Eisenach", version: 1 } };
    const { result } = setup(server);

    act(() => result.current.setValues({ ...result.current.values, title: "Neu" }));
    expect(loadDraft<{ values: Values }>("user-1", "thing-1")?.value.values.title).toBe("Neu");

    let saved: Thing | undefined;
    await act(async () => {
      saved = await result.current.submit(save(server));
    });
    expect(saved).toEqual({ title: "Neu", place: "Eisenach", version: 2 });
    expect(loadDraft("user-1", "thing-1")).toBeNull();
  });

  it("after a stale save shows what changed, and re-applies the user's change onto the current version", async () => {
    const server = { current: { title: "Alt", place: "Bad Salzungen", version: 2 } };
    const { result } = setup(server);
    act(() => result.current.setValues({ ...result.current.values, title: "Neu" }));

    let saved: Thing | undefined;
    await act(async () => {
      saved = await result.current.submit(save(server));
    });
    expect(saved).toBeUndefined();
    expect(result.current.conflict).toEqual({
      edited: [{ field: "title", base: "Alt", mine: "Neu", theirs: "Alt", theirsChanged: false }],
      otherChanges: [{ field: "place", base: "Eisenach", mine: "Eisenach", theirs: "Bad Salzungen" }],
    });

    act(() => result.current.reapplyMine());
    expect(result.current.conflict).toBeNull();
    expect(result.current.version).toBe(2);
    expect(result.current.values).toEqual({ title: "Neu", place: "Bad Salzungen" });

    await act(async () => {
      saved = await result.current.submit(save(server));
    });
    expect(saved).toEqual({ title: "Neu", place: "Bad Salzungen", version: 3 });
  });

  it("can drop the user's change and continue from the current version", async () => {
    const server = { current: { title: "Anders", place: "Eisenach", version: 5 } };
    const { result } = setup(server);
    act(() => result.current.setValues({ ...result.current.values, title: "Neu" }));
    await act(async () => {
      await result.current.submit(save(server));
    });

    act(() => result.current.takeTheirs());
    expect(result.current.values).toEqual({ title: "Anders", place: "Eisenach" });
    expect(result.current.base).toEqual(result.current.values);
    expect(result.current.version).toBe(5);
    expect(loadDraft("user-1", "thing-1")).toBeNull();
  });

  it("passes other failures to the caller", async () => {
    const server = { current: { title: "Alt", place: "Eisenach", version: 1 } };
    const { result } = setup(server);
    const refused = new ApiError(422, { status: 422, errors: [] });
    await expect(
      act(() =>
        result.current.submit(async () => {
          throw refused;
        }),
      ),
    ).rejects.toBe(refused);
    expect(result.current.conflict).toBeNull();
  });
});
