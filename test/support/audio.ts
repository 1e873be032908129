import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ApiClient } from './api-client.js';

const run = promisify(execFile);

/** The audio formats the prompt upload takes, with the codec ffmpeg encodes each with. */
export const AUDIO_FIXTURES = {
  wav: { ext: 'wav', type: 'audio/wav', codec: ['-c:a', 'pcm_s16le'] },
  mp3: { ext: 'mp3', type: 'audio/mpeg', codec: ['-c:a', 'libmp3lame', '-b:a', '32k'] },
  'ogg-vorbis': { ext: 'ogg', type: 'audio/ogg', codec: ['-c:a', 'libvorbis', '-q:a', '0'] },
  'ogg-opus': { ext: 'opus', type: 'audio/ogg', codec: ['-c:a', 'libopus', '-b:a', '16k'] },
  m4a: { ext: 'm4a', type: 'audio/mp4', codec: ['-c:a', 'aac', '-b:a', '32k'] },
  webm: { ext: 'webm', type: 'audio/webm', codec: ['-c:a', 'libopus', '-b:a', '16k'] },
} as const;
export type AudioFixture = keyof typeof AUDIO_FIXTURES;

/**
 * A tone of `seconds` in one of the accepted formats, made with ffmpeg at test time (no
 * binary fixtures in the repository).
 */
export async function makeAudio(
  format: AudioFixture,
  seconds: number,
  extra: string[] = [],
): Promise<{ bytes: Buffer; type: string; name: string }> {
  const f = AUDIO_FIXTURES[format];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-audio-'));
  try {
    const out = path.join(dir, `tone.${f.ext}`);
    await run('ffmpeg', [
      '-nostdin',
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:sample_rate=22050:duration=${seconds}`,
      ...f.codec,
      ...extra,
      out,
    ]);
    return { bytes: readFileSync(out), type: f.type, name: `tone.${f.ext}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface UploadFields {
  name?: string;
  language?: string;
  source?: string;
  [field: string]: string | undefined;
}

/** `POST /api/prompts` as multipart, like the console sends it. */
export function uploadPrompt(
  client: ApiClient,
  fields: UploadFields,
  file: { bytes: Buffer | Uint8Array; type: string; name: string } | null,
): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
  if (file) form.set('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return fetch(`${client.base}/prompts`, {
    method: 'POST',
    headers: {
      'accept-language': client.language,
      ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
    },
    body: form,
  });
}

/** Sample rate, channels, bits and duration from a wav's RIFF header. */
export function wavHeader(bytes: Buffer): {
  sampleRate: number;
  channels: number;
  bits: number;
  format: number;
  durationMs: number;
} {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
  let offset = 12;
  let fmt: { sampleRate: number; channels: number; bits: number; format: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      fmt = {
        format: bytes.readUInt16LE(offset + 8),
        channels: bytes.readUInt16LE(offset + 10),
        sampleRate: bytes.readUInt32LE(offset + 12),
        bits: bytes.readUInt16LE(offset + 22),
      };
    } else if (id === 'data' && fmt) {
      const durationMs = Math.round((size / (fmt.sampleRate * fmt.channels * (fmt.bits / 8))) * 1000);
      return { ...fmt, durationMs };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no fmt/data chunk');
}
