// An upgrade request that Parley does not serve is answered and its connection closed by the server: none is left
// open, whatever the path (a session is not needed to send one).
import { expect, inject, it } from "vitest";
import {
  openFileCount,
  openRawConnection,
  readUntilServerCloses,
  serverProcessId,
  serverSocketsStillOpen,
  upgradeRequest,
} from "../support/raw-http";

const UPGRADES = 30;

it("answers every upgrade it does not serve and closes it, leaving no open file behind", async () => {
  const baseUrl = inject("baseUrl");
  const { host } = new URL(baseUrl);
  const pid = serverProcessId(baseUrl);
  const filesBefore = openFileCount(pid);
  const paths = ["/api/conversations/c0000000000000000000000/events", "/", "/_next/hmr", "/api/health"];
  const sockets = await Promise.all(
    Array.from({ length: UPGRADES }, (_, index) =>
      openRawConnection(baseUrl, upgradeRequest(paths[index % paths.length] ?? "/", host)),
    ),
  );
  const clientPorts = sockets.map((socket) => socket.localPort ?? 0);
  const exchanges = await Promise.all(sockets.map((socket) => readUntilServerCloses(socket, 5000)));
  for (const socket of sockets) socket.destroy();

  for (const { response, isClosedByServer } of exchanges) {
    expect(response).toMatch(/^HTTP\/1\.1 400 /);
    expect(response).toContain('"code":"invalid_input"');
    expect(isClosedByServer).toBe(true);
  }
  expect(serverSocketsStillOpen(pid, baseUrl, clientPorts)).toBe(0);
  // Other test files use the same server meanwhile: its count moves a little, but not by one file per upgrade.
  expect(openFileCount(pid) - filesBefore).toBeLessThan(UPGRADES / 2);
});
