import { describe, expect, it } from "vitest";
import { ssoErrorOf } from "./SingleSignOn";

describe("single sign-on refusals", () => {
  it("reads only the reasons the server names", () => {
    expect(ssoErrorOf("?sso_error=no-role")).toBe("no-role");
    expect(ssoErrorOf("?sso_error=<script>")).toBeNull();
    expect(ssoErrorOf("")).toBeNull();
  });
});
