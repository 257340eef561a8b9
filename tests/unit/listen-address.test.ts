import { describe, expect, it } from "vitest";
import { listenAddressOf } from "@/lib/server/listen-address";

describe("listenAddressOf", () => {
  it("listens on loopback unless HOSTNAME says otherwise", () => {
    expect(listenAddressOf(undefined, "box")).toBe("127.0.0.1");
    expect(listenAddressOf("0.0.0.0", "box")).toBe("0.0.0.0");
    expect(listenAddressOf("::", "box")).toBe("::");
  });

  it("ignores a HOSTNAME that is only the machine's own name, as Docker and shells set it", () => {
    expect(listenAddressOf("3f2a9c1d0b7e", "3f2a9c1d0b7e")).toBe("127.0.0.1");
  });
});
