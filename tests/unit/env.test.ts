import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults and treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", OPENAI_API_KEY: "  ", PORT: "" });
    expect(env).toMatchObject({ PORT: 3000, PARLEY_DATA_DIR: ".data", UPSTREAM_IDLE_TIMEOUT_MS: 60_000 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  it("fails with every problem named", () => {
    expect(() =>
      parseEnv({ PORT: "99999", DATABASE_URL: "mysql://x", AUTH_SECRET: "short", OPENAI_BASE_URL: "ftp://models" }),
    ).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*AUTH_SECRET[\s\S]*OPENAI_BASE_URL/);
  });

  it("takes NEXTAUTH_URL only as the root of a host, and says why", () => {
    for (const url of ["https://chat.example.com", "https://chat.example.com/", "http://10.0.0.5:3000"]) {
      expect(parseEnv({ NEXTAUTH_URL: url }).NEXTAUTH_URL).toBe(url);
    }
    for (const url of ["https://example.com/chat", "https://example.com/chat/", "https://example.com/?x=1"]) {
      expect(() => parseEnv({ NEXTAUTH_URL: url })).toThrow(/NEXTAUTH_URL must be the root of a host/);
    }
  });

  it("takes a proxy as curl does, with or without its scheme, and refuses what is no HTTP proxy", () => {
    expect(parseEnv({ HTTPS_PROXY: "http://proxy.example:3128", http_proxy: "proxy.example:3128" })).toMatchObject({
      HTTPS_PROXY: "http://proxy.example:3128",
      http_proxy: "proxy.example:3128",
    });
    for (const proxy of ["socks5://proxy.example:1080", "http://"]) {
      expect(() => parseEnv({ HTTPS_PROXY: proxy })).toThrow(/HTTPS_PROXY: must be an http:\/\/ or https:\/\/ proxy/);
    }
  });

  it("accepts a full production configuration", () => {
    const env = parseEnv({
      PORT: "8080",
      DATABASE_URL: "postgresql://parley:secret@db:5432/parley",
      AUTH_SECRET: "x".repeat(32),
      ENCRYPTION_KEY: "ab".repeat(32),
      OPENAI_BASE_URL: "http://localhost:11434/v1",
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "long enough",
    });
    expect(env.PORT).toBe(8080);
    expect(env.OPENAI_BASE_URL).toBe("http://localhost:11434/v1");
  });

  it("says to percent-encode when a DATABASE_URL password holds a special character, without echoing it", () => {
    for (const url of [
      "postgresql://parley:pa/ss@db:5432/parley",
      "postgresql://parley:pa?ss@db:5432/parley",
      "postgresql://parley:12#34@db:5432/parley",
      "postgresql://parley:50%off@db:5432/parley",
    ]) {
      expect(() => parseEnv({ DATABASE_URL: url })).toThrow(/DATABASE_URL: .*percent-encode/);
      expect(() => parseEnv({ DATABASE_URL: url })).not.toThrow(/pa\/ss|pa\?ss|12#34|50%off/);
    }
    expect(parseEnv({ DATABASE_URL: "postgresql://parley:pa%2Fss@db:5432/parley" }).DATABASE_URL).toBeDefined();
  });

  it("bounds a session's lifetime from sign-in to whole days, 30 unless set", () => {
    expect(parseEnv({}).SESSION_MAX_AGE_DAYS).toBe(30);
    expect(parseEnv({ SESSION_MAX_AGE_DAYS: "7" }).SESSION_MAX_AGE_DAYS).toBe(7);
    for (const bad of ["0", "-1", "1.5", "forever"]) {
      expect(() => parseEnv({ SESSION_MAX_AGE_DAYS: bad })).toThrow(/SESSION_MAX_AGE_DAYS/);
    }
  });
});
