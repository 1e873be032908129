import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { baseMime, isAcceptedMime, readWavInfo, wavDurationMs } from './audio.js';
import { promptWavPath } from './prompt-files.js';

/** A PCM wav header (with a LIST chunk before `data`, as some encoders write) and `dataBytes` of silence. */
function wav(sampleRate: number, channels: number, bits: number, dataBytes: number): Buffer {
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(sampleRate, 12);
  fmt.writeUInt32LE((sampleRate * channels * bits) / 8, 16);
  fmt.writeUInt16LE((channels * bits) / 8, 20);
  fmt.writeUInt16LE(bits, 22);
  const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
  const data = Buffer.alloc(8 + dataBytes);
  data.write('data', 0, 'ascii');
  data.writeUInt32LE(dataBytes, 4);
  const body = Buffer.concat([Buffer.from('WAVE'), fmt, list, data]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('prompt audio helpers', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'audio-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given declared types with parameters when checked then only the base type counts', () => {
    expect(baseMime('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(isAcceptedMime('Audio/WAV')).toBe(true);
    expect(isAcceptedMime('audio/webm; codecs=opus')).toBe(true);
    expect(isAcceptedMime('text/plain')).toBe(false);
    expect(isAcceptedMime('application/octet-stream')).toBe(false);
  });

  it('given a wav with an extra chunk when read then format and duration come from fmt and data', async () => {
    const file = path.join(dir, 'a.wav');
    writeFileSync(file, wav(8000, 1, 16, 24_000));
    expect(await readWavInfo(file)).toEqual({
      format: 1,
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 16,
      dataBytes: 24_000,
    });
    expect(await wavDurationMs(file)).toBe(1500);
  });

  it('given a file that is not RIFF/WAVE when read then it is refused', async () => {
    const file = path.join(dir, 'b.wav');
    writeFileSync(file, 'not a wav at all');
    await expect(readWavInfo(file)).rejects.toThrow(/RIFF/);
  });

  it('given a file name that climbs out of the prompts directory then no path is made for it', () => {
    expect(promptWavPath('/p', 't1/2-ab')).toBe('/p/t1/2-ab.wav');
    expect(() => promptWavPath('/p', '../etc/passwd')).toThrow();
  });
});
