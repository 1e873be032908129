import { startMailSink } from './mail-sink.js';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name}: must be a port number, got ${raw}`);
  }
  return value;
}

async function main(): Promise<void> {
  const sink = await startMailSink({
    host: '127.0.0.1',
    smtpPort: port('MAIL_SINK_SMTP_PORT', 1025),
    httpPort: port('MAIL_SINK_HTTP_PORT', 8025),
  });
  console.log(
    `mail sink ready: SMTP 127.0.0.1:${sink.smtpPort}, messages at http://127.0.0.1:${sink.httpPort}/`,
  );
  const stop = () => {
    void sink.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
