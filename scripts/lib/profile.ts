import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError } from './log.ts';
import type { StackInfo } from '../stack-info.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RUNTIME = path.join(ROOT, '.runtime');

export type ProfileName = StackInfo['profile'];

export type Ports = StackInfo['ports'];

/** Each profile has its own ports and state so `npm start` and `npm test` can run side by side. */
const BASE: Record<ProfileName, Ports> = {
  dev: {
    http: 8080,
    ari: 8088,
    ami: 5038,
    sip: 5060,
    sipTls: 5061,
    db: 3307,
    callflowStatus: 8089,
    smtp: 1025,
    mailSink: 8025,
    rtpStart: 10000,
    rtpEnd: 10999,
  },
  test: {
    http: 18080,
    ari: 18088,
    ami: 15038,
    sip: 15060,
    sipTls: 15061,
    db: 13307,
    callflowStatus: 18089,
    smtp: 11025,
    mailSink: 18025,
    rtpStart: 11000,
    rtpEnd: 12999,
  },
  bench: {
    http: 28080,
    ari: 28088,
    ami: 25038,
    sip: 25060,
    sipTls: 25061,
    db: 23307,
    callflowStatus: 28089,
    smtp: 21025,
    mailSink: 28025,
    rtpStart: 13000,
    rtpEnd: 16999,
  },
};

export interface Profile {
  name: ProfileName;
  dir: string;
  ports: Ports;
}

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new SetupError(`${name}=${raw} is not a valid TCP/UDP port (1-65535).`);
  }
  return value;
}

export function loadProfile(name: ProfileName): Profile {
  const base = BASE[name];
  const ports: Ports = {
    http: envPort('HTTP_PORT', base.http),
    ari: envPort('WEBCALL_ARI_PORT', base.ari),
    ami: envPort('WEBCALL_AMI_PORT', base.ami),
    sip: envPort('WEBCALL_SIP_PORT', base.sip),
    sipTls: envPort('WEBCALL_SIP_TLS_PORT', base.sipTls),
    db: envPort('WEBCALL_DB_PORT', base.db),
    callflowStatus: envPort('CALLFLOW_STATUS_PORT', base.callflowStatus),
    smtp: envPort('MAIL_SINK_SMTP_PORT', base.smtp),
    mailSink: envPort('MAIL_SINK_HTTP_PORT', base.mailSink),
    rtpStart: base.rtpStart,
    rtpEnd: base.rtpEnd,
  };
  // WEBCALL_STATE_NAME gives a run its own state directory (used by the prerequisite tests).
  const dir = path.join(RUNTIME, process.env.WEBCALL_STATE_NAME ?? name);
  mkdirSync(dir, { recursive: true });
  return { name, dir, ports };
}
