// @vitest-environment node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Permission, knownRole, satisfies } from "./permissions";

// The backend's single map of permissions; the UI must not check a name that does not exist.
const backendMap = fileURLToPath(new URL("../../../backend/kokoma/access/permissions.py", import.meta.url));

describe("permissions", () => {
  // Reading the file fails the test when the map moves: it must never be skipped silently.
  it("are all defined by the backend", () => {
    const source = readFileSync(backendMap, "utf8");
    const defined = new Set([...source.matchAll(/^\s+[A-Z_]+ = "([a-z_]+:[a-z_]+)"$/gm)].map((m) => m[1]));
    expect(defined.size).toBeGreaterThan(0);
    for (const name of Object.values(Permission)) expect(defined, name).toContain(name);
  });

  it("accept a single permission, any of several, or none", () => {
    const granted = ["cases:read", "audit:read"];
    expect(satisfies(granted, null)).toBe(true);
    expect(satisfies(granted, "cases:read")).toBe(true);
    expect(satisfies(granted, "trainings:read")).toBe(false);
    expect(satisfies(granted, ["users:manage", "audit:read"])).toBe(true);
    expect(satisfies(granted, ["users:manage", "trainings:read"])).toBe(false);
    expect(satisfies([], [])).toBe(false);
  });

  it("know the five roles and nothing else", () => {
    expect(knownRole("trainer")).toBe("trainer");
    expect(knownRole("client")).toBeNull();
    expect(knownRole(null)).toBeNull();
    expect(knownRole(undefined)).toBeNull();
  });
});
