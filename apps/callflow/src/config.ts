import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().regex(/^mysql:\/\//, 'must be a mysql:// URL'),
  ARI_URL: z.url(),
  ARI_USERNAME: z.string().min(1),
  ARI_PASSWORD: z.string().min(1),
  ARI_APP: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .default('webcall'),
  AMI_HOST: z.string().min(1).default('127.0.0.1'),
  AMI_PORT: z.coerce.number().int().min(1).max(65535).default(5038),
  AMI_USERNAME: z.string().min(1),
  AMI_SECRET: z.string().min(1),
  CALLFLOW_STATUS_PORT: z.coerce.number().int().min(0).max(65535).default(8089),
  WELCOME_PROMPT: z
    .string()
    .regex(/^[a-z0-9/_-]+$/)
    .default('hello-world'),
  /** How often the tenants' status and call quotas are reloaded (ms). */
  TENANT_LIMITS_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** How long an extension rings before the caller hears "not answering" (seconds). */
  RING_TIMEOUT_S: z.coerce.number().int().min(5).max(300).default(30),
  /** The prompts directory as Asterisk sees it (prompt files are played from there). */
  ASTERISK_PROMPTS_DIR: z
    .string()
    .regex(/^\/[A-Za-z0-9/_.-]*$/)
    .default('/var/lib/asterisk/sounds/webcall'),
  /** Shared secret the api presents to subscribe to the live call events (`/events`). */
  CALLFLOW_EVENTS_TOKEN: z.string().min(32, 'must be at least 32 characters'),
  /** Address of the status and events server; loopback unless the api runs on another host. */
  CALLFLOW_STATUS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Start the flows' clock at this time (ISO 8601 with offset), then advance in real time.
   *  For tests and demos of shifts and holidays; unset in production (the real clock). */
  FLOW_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  /** Call records and queue state are written behind: statements queued within this window
   *  travel in one round trip (ms; a crash may lose the last window's writes). 100 ms: at 20
   *  calls/s 0.6 write round trips per queued call instead of 1.9 with 25 ms (MariaDB −1 ms/call). */
  DB_WRITE_WINDOW_MS: z.coerce.number().int().min(0).max(5_000).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  LOG_PRETTY: z.stringbool().default(false),
});

export type CallflowConfig = z.infer<typeof schema>;

/** Validates the environment once at start-up; a bad value stops the process with the field named. */
export function loadCallflowConfig(env: NodeJS.ProcessEnv = process.env): CallflowConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid callflow configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
