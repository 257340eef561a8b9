// An SMTP server on loopback for tests (the `smtp-server` package): it accepts every mail and keeps it, so that a
// test can wait for the mail a request sent and read the link in it.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CaughtMail = { to: string[]; raw: string };

export type MailCatcher = {
  url: string;
  mails: CaughtMail[];
  /** The first mail to `address` that arrives (or arrived), or a timeout error. */
  waitForMailTo: (address: string, timeoutMs?: number) => Promise<CaughtMail>;
  close: () => Promise<void>;
};

export async function startMailCatcher(): Promise<MailCatcher> {
  const mails: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to make for a test.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString() });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  function waitForMailTo(address: string, timeoutMs = 10_000): Promise<CaughtMail> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const mail = mails.find((caught) => caught.to.includes(address));
        if (!mail) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(mail);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`No mail to ${address} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitForMailTo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
