import { describe, expect, it } from "vitest";
import { bodyOf } from "./identityProviderForm";

describe("identity provider form", () => {
  it("sends lists and the role mapping in the API's shape", () => {
    expect(
      bodyOf({
        scopes: "openid  email,profile",
        allowed_domains: "",
        role_mapping: "KoKoMa.Koordination = coordinator\n\nCN=Team,OU=Amt = conflict_manager\nohne Zuordnung",
        client_id: "  kokoma ",
        sso_only: true,
      }),
    ).toEqual({
      scopes: ["openid", "email", "profile"],
      allowed_domains: [],
      role_mapping: { "KoKoMa.Koordination": "coordinator", "CN=Team,OU=Amt": "conflict_manager" },
      client_id: "kokoma",
      sso_only: true,
    });
  });
});
