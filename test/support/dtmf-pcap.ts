import { writeFileSync } from 'node:fs';

/**
 * Writes a pcap of RFC 2833 telephone events for a key sequence, laid out like the sip-tester
 * package's single-key pcaps (Ethernet/IPv4/UDP, payload type 101, 20 ms packets, three end
 * packets) but with each key its own event: a new RTP timestamp and a marker bit. The
 * sip-tester pcaps all carry the same timestamp, so a receiver takes a second one played in
 * the same call for the continuation of the first key — fine for one key, not for "1002".
 */
export function writeDtmfPcap(
  file: string,
  keys: string,
  opts: { eventMs?: number; gapMs?: number } = {},
): void {
  const eventMs = opts.eventMs ?? 160;
  const gapMs = opts.gapMs ?? 240;
  const packets: { atUs: number; rtp: Buffer }[] = [];
  let seq = 0x1f30;
  let atUs = 0;
  let timestamp = 0x33e0;
  for (const key of keys) {
    const event = eventCode(key);
    const steps = eventMs / 20;
    for (let i = 1; i <= steps + 2; i++) {
      const end = i >= steps;
      const duration = Math.min(i, steps) * 160;
      packets.push({ atUs, rtp: rtpEvent(seq++, timestamp, i === 1, event, end, duration) });
      if (i < steps) atUs += 20_000;
    }
    atUs += gapMs * 1000;
    timestamp += ((eventMs + gapMs) / 1000) * 8000;
  }
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  const records = packets.map(({ atUs: us, rtp }) => {
    const frame = ethernetUdp(rtp);
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(1_700_000_000 + Math.floor(us / 1e6), 0);
    rec.writeUInt32LE(us % 1e6, 4);
    rec.writeUInt32LE(frame.length, 8);
    rec.writeUInt32LE(frame.length, 12);
    return Buffer.concat([rec, frame]);
  });
  writeFileSync(file, Buffer.concat([header, ...records]));
}

function eventCode(key: string): number {
  if (/^[0-9]$/.test(key)) return Number(key);
  if (key === '*') return 10;
  if (key === '#') return 11;
  throw new Error(`not a DTMF key: ${key}`);
}

function rtpEvent(
  seq: number,
  timestamp: number,
  marker: boolean,
  event: number,
  end: boolean,
  duration: number,
) {
  const b = Buffer.alloc(16);
  b[0] = 0x80;
  b[1] = (marker ? 0x80 : 0) | 101;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(timestamp >>> 0, 4);
  b.writeUInt32BE(0x0e05384e, 8); // SSRC
  b[12] = event;
  b[13] = (end ? 0x80 : 0) | 10; // volume -10 dBm0
  b.writeUInt16BE(duration, 14);
  return b;
}

function ethernetUdp(payload: Buffer): Buffer {
  const eth = Buffer.from('0050bf990336000d8714ac240800', 'hex');
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 8 + payload.length, 2);
  ip[8] = 64;
  ip[9] = 17;
  Buffer.from([192, 168, 0, 3, 192, 168, 0, 1]).copy(ip, 12);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += ip.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  ip.writeUInt16BE(~sum & 0xffff, 10);
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(49176, 0);
  udp.writeUInt16BE(10000, 2);
  udp.writeUInt16BE(8 + payload.length, 4); // checksum 0: none (IPv4)
  return Buffer.concat([eth, ip, udp, payload]);
}
