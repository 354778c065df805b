import { describe, expect, it } from "vitest";
import { NAMESPACES, resources } from "./resources";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}

function lookup(tree: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree);
}

describe.each(NAMESPACES)("translations of namespace %s", (namespace) => {
  const de = resources.de[namespace];
  const en = resources.en[namespace];

  it("have the same keys in German and English", () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });

  it("have no empty strings and the same placeholders in both languages", () => {
    for (const key of keys(de)) {
      const german = lookup(de, key);
      const english = lookup(en, key);
      expect(typeof german === "string" && german.trim().length > 0, key).toBe(true);
      expect(typeof english === "string" && english.trim().length > 0, key).toBe(true);
      expect(placeholders(english as string), key).toEqual(placeholders(german as string));
    }
  });
});

describe("namespaces", () => {
  it("are the same in both languages", () => {
    expect(Object.keys(resources.en).sort()).toEqual(Object.keys(resources.de).sort());
  });
});
