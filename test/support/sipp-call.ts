import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDtmfPcap } from './dtmf-pcap.js';

export interface HotlineCallOptions {
  sipPort: number;
  /** The dialled hotline number. */
  number: string;
  /** The carrier's address (the loopback carrier trunk matches 127.0.0.2). */
  localIp?: string;
  localPort?: number;
  /** Caller number presented in From. */
  caller?: string;
  /** Keys sent as RFC 2833 events (the sip-tester package's pcaps), each after `keyDelayMs`. */
  keys?: string[];
  keyDelayMs?: number;
  /** A key sequence sent in one go after `keyDelayMs` (e.g. an extension for direct dial), as
   *  RFC 2833 events from a pcap written for it (see dtmf-pcap.ts). */
  dial?: string;
  /** Speak (send the sip-tester G.711 sample) after the keys, e.g. for voicemail. */
  speak?: boolean;
  /** Pause before speaking (default 1.5 s). */
  speakDelayMs?: number;
  /** `hangup`: we hang up after `holdMs`; `wait`: Asterisk hangs up; `refused`: expect `refusal`. */
  end: 'hangup' | 'wait' | 'refused';
  holdMs?: number;
  refusal?: number;
  timeoutS?: number;
  /** Send back every RTP packet received (audio both ways through Asterisk). */
  rtpEcho?: boolean;
}

const PCAPS = '/usr/share/sip-tester';
const PCAP_KEY: Record<string, string> = { '*': 'star', '#': 'pound' };

function scenario(o: HotlineCallOptions, dialPcap: string): string {
  const from = `<sip:${o.caller ?? '0901234567'}@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]`;
  const to = `<sip:${o.number}@[remote_ip]:[remote_port]>`;
  const head = (method: string, cseq: string) => `${method} sip:${o.number}@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: ${from}
      To: ${to}${method === 'INVITE' ? '' : '[peer_tag_param]'}
      Call-ID: [call_id]
      CSeq: ${cseq}
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70`;
  const steps: string[] = [];
  steps.push(`<send retrans="500"><![CDATA[
      ${head('INVITE', '1 INVITE')}
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=carrier 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 8 101
      a=rtpmap:8 PCMA/8000
      a=rtpmap:101 telephone-event/8000
      a=fmtp:101 0-15
      a=sendrecv
    ]]></send>`);
  steps.push(
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
  );
  if (o.end === 'refused') {
    steps.push(`<recv response="${o.refusal ?? 404}"/>`);
    return wrap(steps);
  }
  steps.push('<recv response="200" rrs="true"/>');
  steps.push(`<send><![CDATA[
      ${head('ACK', '1 ACK')}
      Content-Length: 0
    ]]></send>`);
  for (const key of o.keys ?? []) {
    steps.push(`<pause milliseconds="${o.keyDelayMs ?? 1500}"/>`);
    steps.push(
      `<nop><action><exec play_pcap_audio="${PCAPS}/dtmf_2833_${PCAP_KEY[key] ?? key}.pcap"/></action></nop>`,
    );
  }
  if (o.dial) {
    steps.push(`<pause milliseconds="${o.keyDelayMs ?? 1500}"/>`);
    steps.push(`<nop><action><exec play_pcap_audio="${dialPcap}"/></action></nop>`);
  }
  if (o.speak) {
    steps.push(`<pause milliseconds="${o.speakDelayMs ?? 1500}"/>`);
    steps.push(`<nop><action><exec play_pcap_audio="${PCAPS}/g711a.pcap"/></action></nop>`);
  }
  if (o.end === 'hangup') {
    steps.push(`<pause milliseconds="${o.holdMs ?? 2000}"/>`);
    steps.push(`<send retrans="500"><![CDATA[
      ${head('BYE', '2 BYE')}
      Content-Length: 0
    ]]></send>`);
    steps.push('<recv response="200" crlf="true"/>');
  } else {
    steps.push('<recv request="BYE"/>');
    steps.push(`<send><![CDATA[
      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>`);
  }
  return wrap(steps);
}

function wrap(steps: string[]): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="hotline-call">
${steps.join('\n')}
</scenario>
`;
}

export interface HotlineCallResult {
  ok: boolean;
  output: string;
}

/** A media port for SIPp, kept below 26000 (a benchmark of the project may use 26000–28999). */
const mediaPort = () => String(24000 + Math.floor(Math.random() * 950) * 2);

/**
 * One carrier call to a hotline with SIPp, keys as RFC 2833 events; resolves when it ends. The
 * carrier's SIP port (5070–5079) may be held by another process of the machine for a moment:
 * SIPp then fails before sending anything, and the call is placed again from another port.
 */
export async function hotlineCall(o: HotlineCallOptions): Promise<HotlineCallResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-hotline-'));
  const file = path.join(dir, 'scenario.xml');
  const dialPcap = path.join(dir, 'dial.pcap');
  if (o.dial) writeDtmfPcap(dialPcap, o.dial);
  writeFileSync(file, scenario(o, dialPcap));
  const ip = o.localIp ?? '127.0.0.2';

  for (let attempt = 1; ; attempt++) {
    // A port nobody holds now; another process may still take it first, hence the retries.
    const port = attempt === 1 && o.localPort ? o.localPort : await freeUdpPort(ip, 5070, 5079);
    const result = await runSipp(dir, [
      `127.0.0.1:${o.sipPort}`,
      '-sf',
      file,
      '-i',
      ip,
      '-p',
      String(port),
      '-mi',
      ip,
      '-mp',
      mediaPort(),
      '-m',
      '1',
      '-timeout',
      `${o.timeoutS ?? 60}s`,
      '-timeout_error',
      '-nostdin',
      '-trace_err',
      ...(o.rtpEcho ? ['-rtp_echo'] : []),
    ]);
    if (result.ok || attempt >= 4 || !/Unable to bind (main|media|audio)/i.test(result.output)) return result;
  }
}

function runSipp(dir: string, args: string[]): Promise<HotlineCallResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      let errors = '';
      try {
        errors = readFileSync(path.join(dir, `scenario_${child.pid}_errors.log`), 'utf8');
      } catch {
        /* no errors file */
      }
      resolve({ ok: code === 0, output: `${output}\n${errors}`.slice(-4000) });
    });
  });
}

/** A UDP port in [from, to] on `ip` that nobody holds now (the loopback carrier matches by IP, so
 *  concurrent calls need their own ports). */
async function freeUdpPort(ip: string, from: number, to: number): Promise<number> {
  const ports = Array.from({ length: to - from + 1 }, (_, i) => from + i).sort(() => Math.random() - 0.5);
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, ip, () => socket.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free UDP port on ${ip} in ${from}-${to}`);
}

/** The far end refuses the call with this SIP status (e.g. 486 busy). */
const REFUSING_UAS = (status: number) => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="refusing uas">
  <recv request="INVITE" />
  <send><![CDATA[
      SIP/2.0 ${status} Refused
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0
    ]]></send>
  <recv request="ACK" />
</scenario>
`;

/**
 * A SIPp UAS standing for the carrier's far end on 127.0.0.2:5080: answers one call (or refuses it
 * with `refuse`), logs messages.
 */
export function carrierAnswers(
  timeoutS = 60,
  opts: { refuse?: number } = {},
): { done: Promise<{ ok: boolean; messages: string }> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-uas-'));
  if (opts.refuse) writeFileSync(path.join(dir, 'refuse.xml'), REFUSING_UAS(opts.refuse));
  const args = [
    ...(opts.refuse ? ['-sf', path.join(dir, 'refuse.xml')] : ['-sn', 'uas']),
    '-i',
    '127.0.0.2',
    '-p',
    '5080',
    '-mi',
    '127.0.0.2',
    '-mp',
    mediaPort(),
    '-m',
    '1',
    '-timeout',
    `${timeoutS}s`,
    '-nostdin',
    '-trace_msg',
    '-message_file',
    path.join(dir, 'messages.log'),
  ];
  const done = new Promise<{ ok: boolean; messages: string }>((resolve, reject) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => {
      let messages = '';
      try {
        messages = readFileSync(path.join(dir, 'messages.log'), 'utf8');
      } catch {
        /* nothing received */
      }
      resolve({ ok: code === 0, messages });
    });
  });
  return { done };
}
