// Who may use the /v1 API under each of the admin's settings.
import { describe, expect, it } from "vitest";
import { isApiAllowedFor } from "@/lib/api-keys/api-access";

describe("the API access switch", () => {
  it("lets admins in by default, everyone when opened, nobody when off", () => {
    expect([isApiAllowedFor("admins", "ADMIN"), isApiAllowedFor("admins", "USER")]).toEqual([true, false]);
    expect([isApiAllowedFor("everyone", "ADMIN"), isApiAllowedFor("everyone", "USER")]).toEqual([true, true]);
    expect([isApiAllowedFor("off", "ADMIN"), isApiAllowedFor("off", "USER")]).toEqual([false, false]);
  });
});
