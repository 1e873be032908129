import { expectEventually } from './eventually.js';

export interface SinkMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  text: string;
  html: string;
}

/** Waits for the newest mail the sink received for `to`, and returns it. */
export async function waitForMail(sinkUrl: string, to: string, timeoutMs = 15_000): Promise<SinkMessage> {
  return expectEventually(
    async () => {
      const messages = (await (await fetch(`${sinkUrl}/api/messages`)).json()) as SinkMessage[];
      const found = messages.find((m) =>
        m.to.some((address) => address.toLowerCase().includes(to.toLowerCase())),
      );
      if (!found) throw new Error(`no mail to ${to} yet`);
      return found;
    },
    { timeoutMs },
  );
}

/** The first link of a mail's text that starts with `prefix`. */
export function linkIn(mail: SinkMessage, path: string): string {
  const match = new RegExp(`https?://\\S+${path}\\S*`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in mail "${mail.subject}"`);
  return match[0];
}
