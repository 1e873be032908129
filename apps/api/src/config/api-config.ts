import { z } from 'zod';
import { parseAddressList } from '../sip-guard/security-events.js';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HTTP_HOST: z.string().default('0.0.0.0'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().regex(/^mysql:\/\//, 'must be a mysql:// URL'),
  DB_MIGRATE: z.stringbool().default(false),
  ARI_URL: z.url(),
  ARI_USERNAME: z.string().min(1),
  ARI_PASSWORD: z.string().min(1),
  AMI_HOST: z.string().min(1).default('127.0.0.1'),
  AMI_PORT: z.coerce.number().int().min(1).max(65535).default(5038),
  AMI_USERNAME: z.string().min(1),
  AMI_SECRET: z.string().min(1),
  WEBCALL_UI_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: z.stringbool().default(false),
  /** HS256 key of the access tokens. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** AES-256-GCM key of the SIP passwords at rest: 32 bytes, base64 (`openssl rand -base64 32`). */
  SIP_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64'),
  /** SIP domain/registrar host shown to users (default: the host of PUBLIC_URL). */
  SIP_PUBLIC_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/)
    .optional(),
  /** SIP port (udp and tcp) shown to users. */
  SIP_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).default(5060),
  /** TLS port shown to users when TLS is offered. */
  SIP_TLS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Address Asterisk sends RTP from for users' devices (unset: Asterisk chooses). */
  SIP_MEDIA_ADDRESS: z.ipv4().optional(),
  /** WebSocket URL the browser webphone registers over (Asterisk's /ws, or a proxy of it). */
  SIP_WS_URL: z
    .string()
    .regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')
    .default('ws://127.0.0.1:8088/ws'),
  /** Failed SIP authentications from one address within SIP_GUARD_WINDOW_S that block it. */
  SIP_GUARD_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  SIP_GUARD_WINDOW_S: z.coerce.number().int().min(1).default(300),
  /** How long a blocked address stays blocked. */
  SIP_GUARD_BLOCK_S: z.coerce.number().int().min(1).default(900),
  /**
   * Addresses never blocked, comma-separated IPs or CIDRs: a reverse proxy in front of the
   * WebSocket transport, an SBC, the office NAT (blocking it would shut everyone behind it out).
   */
  SIP_GUARD_IGNORE: z
    .string()
    .default('')
    .refine((v) => {
      try {
        parseAddressList(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be comma-separated IP addresses or CIDRs'),
  /** callflow's live call events (screen pops), relayed to the console over socket.io. */
  CALLFLOW_EVENTS_URL: z
    .string()
    .regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')
    .default('ws://127.0.0.1:8089/events'),
  /** Shared secret callflow requires on its event stream (the same value on both sides). */
  CALLFLOW_EVENTS_TOKEN: z.string().min(32, 'must be at least 32 characters'),
  /** Where users reach the console; links in mails point here. */
  PUBLIC_URL: z.url().default('http://localhost:8080'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('WebCall <no-reply@webcall.local>'),
  /** Requests per minute and client IP to each public auth route (sign-up, login, password reset). */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** Requests per minute and client IP to the public provisioning routes (softphone links, phone files). */
  PROVISIONING_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
});

export type ApiConfig = z.infer<typeof schema>;
export const API_CONFIG = Symbol('API_CONFIG');

/** Validates the environment once at start-up; the error names every bad field. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid api configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
