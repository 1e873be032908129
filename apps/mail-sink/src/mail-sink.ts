import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { renderList, renderMessage } from './html.js';
import { MailStore, type SinkMessage } from './mail-store.js';

export interface MailSinkOptions {
  host: string;
  smtpPort: number;
  httpPort: number;
  /** Messages kept in memory. */
  capacity?: number;
  /** Largest accepted message in bytes. */
  maxBytes?: number;
}

export interface MailSink {
  smtpPort: number;
  httpPort: number;
  store: MailStore;
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** A local SMTP server that accepts every mail, and a web page + JSON API to read them. */
export async function startMailSink(options: MailSinkOptions): Promise<MailSink> {
  const store = new MailStore(options.capacity ?? 500);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    banner: 'WebCall mail sink',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            const err = new Error('Message exceeds the size limit') as Error & { responseCode: number };
            err.responseCode = 552;
            return callback(err);
          }
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          store.add({
            from: mail.from?.text ?? envelopeFrom,
            to: envelopeTo.length ? envelopeTo : addresses(mail.to),
            subject: mail.subject ?? '',
            date: new Date().toISOString(),
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  const http = createServer((req, res) => handle(store, req, res));
  await listen(smtp.server as Server, options.smtpPort, options.host);
  await listen(http, options.httpPort, options.host);

  return {
    smtpPort: (smtp.server.address() as AddressInfo).port,
    httpPort: (http.address() as AddressInfo).port,
    store,
    async close() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => http.close(() => resolve())),
      ]);
    },
  };
}

function addresses(to: AddressObject | AddressObject[] | undefined): string[] {
  if (!to) return [];
  return (Array.isArray(to) ? to : [to]).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function handle(store: MailStore, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://sink');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const apiOne = /^\/api\/messages\/([^/]+)$/.exec(path);
  const pageOne = /^\/messages\/([^/]+)$/.exec(path);

  if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html', renderList(store.list()));
  if (req.method === 'GET' && path === '/api/messages') return json(res, 200, store.list());
  if (req.method === 'DELETE' && path === '/api/messages') {
    store.clear();
    res.writeHead(204).end();
    return;
  }
  if (req.method === 'GET' && apiOne) {
    const m = store.get(decodeURIComponent(apiOne[1]));
    return m ? json(res, 200, m) : json(res, 404, { error: 'not found' });
  }
  if (req.method === 'GET' && pageOne) {
    const m: SinkMessage | undefined = store.get(decodeURIComponent(pageOne[1]));
    return m ? send(res, 200, 'text/html', renderMessage(m)) : send(res, 404, 'text/plain', 'Not found');
  }
  send(res, 404, 'text/plain', 'Not found');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Mail HTML is only shown inside a sandboxed iframe; the page itself runs no script.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'",
  });
  res.end(body);
}
