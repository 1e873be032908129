import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';

interface SinkMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  text: string;
  html: string | null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('mail sink as a real process', () => {
  let sink: AppProcess;
  let smtpPort: number;
  let url: string;

  beforeAll(async () => {
    smtpPort = await freePort();
    const httpPort = await freePort();
    url = `http://127.0.0.1:${httpPort}`;
    sink = startApp('dist/apps/mail-sink/src/main.js', {
      MAIL_SINK_SMTP_PORT: String(smtpPort),
      MAIL_SINK_HTTP_PORT: String(httpPort),
    });
    await expectEventually(() => sink.output().includes('mail sink ready'), { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    await sink?.stop();
  });

  async function send(subject: string, html: string): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false });
    await transport.sendMail({
      from: 'WebCall <no-reply@webcall.local>',
      to: 'someone@example.com',
      subject,
      text: `text of ${subject}`,
      html,
    });
    transport.close();
  }

  it('given two mails sent over SMTP when /api/messages is read then both are listed newest first with their parts', async () => {
    await fetch(`${url}/api/messages`, { method: 'DELETE' });
    await send('first', '<p>one</p>');
    await send('second', '<p>two</p>');

    const messages = (await (await fetch(`${url}/api/messages`)).json()) as SinkMessage[];
    expect(messages.map((m) => m.subject)).toEqual(['second', 'first']);
    expect(messages[0]).toMatchObject({ to: ['someone@example.com'], html: '<p>two</p>' });
    expect(messages[0].from).toContain('no-reply@webcall.local');
    expect(messages[0].text.trim()).toBe('text of second');
    expect(new Date(messages[0].date).getTime()).not.toBeNaN();

    const one = await fetch(`${url}/api/messages/${messages[1].id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as SinkMessage).subject).toBe('first');
    expect((await fetch(`${url}/api/messages/nope`)).status).toBe(404);
  });

  it('given a mail with markup in its subject when the HTML pages are shown then everything is escaped', async () => {
    await send('<script>alert(1)</script>', '<img src=x onerror=alert(1)>');
    const list = await (await fetch(`${url}/`)).text();
    expect(list).not.toContain('<script>alert(1)</script>');
    expect(list).toContain('&#60;script&#62;');

    const [latest] = (await (await fetch(`${url}/api/messages`)).json()) as SinkMessage[];
    const page = await fetch(`${url}/messages/${latest.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('sandbox=""');
  });

  it('given stored mails when DELETE /api/messages then the list is empty', async () => {
    await send('to be deleted', '<p>x</p>');
    expect((await fetch(`${url}/api/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${url}/api/messages`)).json()).toEqual([]);
  });
});
