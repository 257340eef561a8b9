import { describe, expect, it } from "vitest";
import { explainListenError, listenAddressOf } from "@/lib/server/listen-address";

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

describe("explainListenError", () => {
  const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

  it("names the port and the variable to change, keeping the system's error as the cause", () => {
    const inUse = failure("EADDRINUSE");
    const explained = explainListenError(inUse, "PORT", "0.0.0.0", 3000) as Error;
    expect(explained.message).toBe(
      "0.0.0.0:3000 is already in use (another Parley, or another program). Stop it, or set PORT to a free port.",
    );
    expect(explained.cause).toBe(inUse);
    // An ordinary user asking for port 80.
    expect((explainListenError(failure("EACCES"), "METRICS_PORT", "127.0.0.1", 80) as Error).message).toBe(
      "This user may not listen on port 80 (ports below 1024 need privileges). Set METRICS_PORT to 1024 or above, " +
        "and put a proxy such as nginx in front for ports 80 and 443.",
    );
  });

  it("leaves other errors as they are", () => {
    const other = failure("EADDRNOTAVAIL");
    expect(explainListenError(other, "PORT", "10.0.0.9", 3000)).toBe(other);
  });
});
