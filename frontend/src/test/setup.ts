import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// Pages load lazily; the first import of a page is transformed on demand, which can take
// seconds on a busy machine. Waits are cut short as soon as the expected state appears.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  // Some test files run in the plain node environment.
  if (typeof window !== "undefined") {
    window.sessionStorage.clear();
    window.localStorage.clear();
  }
});
