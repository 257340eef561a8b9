// A known device's cookie proves that this browser once signed in to this account with its password, and nothing
// more: not for another account, not once altered, not under another AUTH_SECRET.
import { afterEach, expect, it, vi } from "vitest";

async function knownDevices(secret = "s".repeat(32)) {
  vi.stubEnv("AUTH_SECRET", secret);
  vi.resetModules();
  return import("@/lib/auth/known-devices");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

it("recognises its own cookie for the account it was made for, whatever the case of the email", async () => {
  const { findKnownDevice, knownDeviceCookie } = await knownDevices();
  const cookie = knownDeviceCookie("Ada@Example.test");
  const headers = { cookie: `theme=dark; ${cookie.name}=${cookie.value}` };
  expect(findKnownDevice(headers, "ada@example.test")).toBe(cookie.value.split(".")[0]);
  expect(findKnownDevice(new Headers(headers), " ADA@example.test ")).not.toBeNull();
  expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });
  expect(cookie.value).not.toContain("ada");
});

it("refuses it for another account, altered, missing, or under another secret", async () => {
  const { findKnownDevice, knownDeviceCookie } = await knownDevices();
  const { name, value } = knownDeviceCookie("ada@example.test");
  const [deviceId, signature] = value.split(".");
  expect(findKnownDevice({ cookie: `${name}=${value}` }, "bob@example.test")).toBeNull();
  expect(findKnownDevice({ cookie: `${name}=other${deviceId}.${signature}` }, "ada@example.test")).toBeNull();
  expect(findKnownDevice({ cookie: `${name}=${deviceId}` }, "ada@example.test")).toBeNull();
  expect(findKnownDevice({}, "ada@example.test")).toBeNull();
  const rotated = await knownDevices("t".repeat(32));
  expect(rotated.findKnownDevice({ cookie: `${name}=${value}` }, "ada@example.test")).toBeNull();
});
