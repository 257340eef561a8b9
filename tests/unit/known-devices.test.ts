// A known device's cookie proves that this browser signed in to this account with its current password, and nothing
// more: not for another account, not once the password changed, not altered, not under another AUTH_SECRET.
import { afterEach, expect, it, vi } from "vitest";

const ada = { id: "user-ada", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" };

async function knownDevices(secret = "s".repeat(32)) {
  vi.stubEnv("AUTH_SECRET", secret);
  vi.resetModules();
  return import("@/lib/auth/known-devices");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

it("recognises its own cookie for the account it was made for, among the browser's other cookies", async () => {
  const { findKnownDevice, knownDeviceCookie } = await knownDevices();
  const cookie = knownDeviceCookie(ada);
  const headers = { cookie: `theme=dark; ${cookie.name}=${cookie.value}` };
  expect(findKnownDevice(headers, ada)).toBe(cookie.value.split(".")[0]);
  expect(findKnownDevice(new Headers(headers), ada)).not.toBeNull();
  expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", maxAge: 365 * 24 * 60 * 60 });
  expect(cookie.value).not.toContain(ada.id);
});

it("refuses it for another account, after a new password, altered, missing, or under another secret", async () => {
  const { findKnownDevice, knownDeviceCookie } = await knownDevices();
  const { name, value } = knownDeviceCookie(ada);
  const [deviceId, signature] = value.split(".");
  expect(findKnownDevice({ cookie: `${name}=${value}` }, { ...ada, id: "user-bob" })).toBeNull();
  expect(findKnownDevice({ cookie: `${name}=${value}` }, { ...ada, passwordHash: `${ada.passwordHash}x` })).toBeNull();
  expect(findKnownDevice({ cookie: `${name}=other${deviceId}.${signature}` }, ada)).toBeNull();
  expect(findKnownDevice({ cookie: `${name}=${deviceId}` }, ada)).toBeNull();
  expect(findKnownDevice({}, ada)).toBeNull();
  const rotated = await knownDevices("t".repeat(32));
  expect(rotated.findKnownDevice({ cookie: `${name}=${value}` }, ada)).toBeNull();
});
