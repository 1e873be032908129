import { execFile } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PROMPT_UPLOAD_LIMITS } from '#contracts';

const run = promisify(execFile);

/** Uploads above this are refused before anything is decoded. */
export const MAX_PROMPT_BYTES = PROMPT_UPLOAD_LIMITS.maxBytes;
export const MIN_PROMPT_MS = PROMPT_UPLOAD_LIMITS.minMs;
export const MAX_PROMPT_MS = PROMPT_UPLOAD_LIMITS.maxMs;
/** What Asterisk plays without transcoding to G.711 callers: 8 kHz mono 16-bit PCM. */
export const PROMPT_SAMPLE_RATE = 8000;

/** Why an audio file is refused; each maps to a field error of `file`. */
export type AudioProblem = 'unsupported_type' | 'too_large' | 'too_long' | 'too_short' | 'unreadable';

export class AudioRejected extends Error {
  constructor(readonly problem: AudioProblem) {
    super(problem);
    this.name = 'AudioRejected';
  }
}

/**
 * The containers we take, each with the declared (MIME) types that may name it and the codecs
 * it may carry. The declared type and ffprobe's detection of the content must agree: a text
 * file called .wav or a program called .mp3 is refused whatever its name says.
 */
const FAMILIES = [
  {
    formats: ['wav'],
    mimes: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
    codecs: /^(pcm_|adpcm_|gsm|mulaw|alaw)/,
  },
  { formats: ['mp3'], mimes: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3'], codecs: /^mp3/ },
  {
    formats: ['ogg'],
    mimes: ['audio/ogg', 'application/ogg', 'audio/opus', 'audio/vorbis'],
    codecs: /^(vorbis|opus)$/,
  },
  {
    formats: ['mov,mp4,m4a,3gp,3g2,mj2'],
    mimes: ['audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac', 'audio/x-aac'],
    codecs: /^aac$/,
  },
  // What the browser's MediaRecorder records (audio/webm;codecs=opus).
  { formats: ['matroska,webm'], mimes: ['audio/webm', 'video/webm'], codecs: /^(opus|vorbis)$/ },
] as const;

/** The MIME types the upload accepts (for the API docs and the console's file picker). */
export const ACCEPTED_MIME_TYPES: readonly string[] = FAMILIES.flatMap((f) => f.mimes);

/** `audio/webm;codecs=opus` → `audio/webm`. */
export function baseMime(declared: string): string {
  return declared.split(';')[0].trim().toLowerCase();
}

export function isAcceptedMime(declared: string): boolean {
  return ACCEPTED_MIME_TYPES.includes(baseMime(declared));
}

export interface AudioTools {
  ffmpeg: string;
  ffprobe: string;
  /** Per command; a file that takes longer to decode is refused as unreadable. */
  timeoutMs: number;
}

export const DEFAULT_AUDIO_TOOLS: AudioTools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe', timeoutMs: 60_000 };

interface Probe {
  format?: { format_name?: string; duration?: string };
  streams?: { codec_type?: string; codec_name?: string }[];
}

/**
 * Checks the file at `input` against its declared type (ffprobe's detection of the content,
 * never the name), then converts it to 8 kHz mono 16-bit PCM wav at `output`. Returns the
 * converted duration in ms. Throws AudioRejected for anything we do not take.
 */
export async function convertPrompt(
  input: string,
  declaredType: string,
  output: string,
  tools: AudioTools = DEFAULT_AUDIO_TOOLS,
): Promise<number> {
  const size = (await stat(input)).size;
  if (size === 0) throw new AudioRejected('unreadable');
  if (size > MAX_PROMPT_BYTES) throw new AudioRejected('too_large');
  const mime = baseMime(declaredType);
  const family = FAMILIES.find((f) => (f.mimes as readonly string[]).includes(mime));
  if (!family) throw new AudioRejected('unsupported_type');

  let probe: Probe;
  try {
    // execFile, no shell: the path never meets a command line parser.
    const { stdout } = await run(
      tools.ffprobe,
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input],
      { timeout: tools.timeoutMs, maxBuffer: 4 * 1024 * 1024 },
    );
    probe = JSON.parse(stdout) as Probe;
  } catch {
    // Neither a container nor a stream ffprobe recognises: not audio we can take.
    throw new AudioRejected('unsupported_type');
  }
  const format = probe.format?.format_name ?? '';
  const audio = (probe.streams ?? []).find((s) => s.codec_type === 'audio');
  if (!(family.formats as readonly string[]).includes(format) || !audio?.codec_name) {
    throw new AudioRejected('unsupported_type');
  }
  if (!family.codecs.test(audio.codec_name)) throw new AudioRejected('unsupported_type');
  // MediaRecorder's webm carries no duration: then only the converted file tells.
  const declaredSeconds = Number(probe.format?.duration);
  if (Number.isFinite(declaredSeconds) && declaredSeconds * 1000 > MAX_PROMPT_MS + 1000) {
    throw new AudioRejected('too_long');
  }

  try {
    await run(
      tools.ffmpeg,
      [
        '-nostdin',
        '-hide_banner',
        '-v',
        'error',
        '-y',
        '-i',
        input,
        '-map',
        '0:a:0',
        // One second past the limit: enough to tell "too long" without decoding hours of audio.
        '-t',
        String(MAX_PROMPT_MS / 1000 + 1),
        '-ac',
        '1',
        '-ar',
        String(PROMPT_SAMPLE_RATE),
        '-c:a',
        'pcm_s16le',
        '-map_metadata',
        '-1',
        // A plain 44-byte RIFF header, no LIST chunk.
        '-fflags',
        '+bitexact',
        '-flags:a',
        '+bitexact',
        '-f',
        'wav',
        output,
      ],
      { timeout: tools.timeoutMs, maxBuffer: 4 * 1024 * 1024 },
    );
  } catch {
    throw new AudioRejected('unreadable');
  }
  const durationMs = await wavDurationMs(output).catch(() => {
    throw new AudioRejected('unreadable');
  });
  if (durationMs > MAX_PROMPT_MS) throw new AudioRejected('too_long');
  if (durationMs < MIN_PROMPT_MS) throw new AudioRejected(durationMs === 0 ? 'unreadable' : 'too_short');
  return durationMs;
}

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** PCM format tag (1). */
  format: number;
  dataBytes: number;
}

/** Reads the RIFF header of a wav file (fmt and data chunks). */
export async function readWavInfo(file: string): Promise<WavInfo> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const buf = head.subarray(0, bytesRead);
    if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
      throw new Error('not a RIFF/WAVE file');
    }
    let offset = 12;
    let fmt: Omit<WavInfo, 'dataBytes'> | null = null;
    while (offset + 8 <= buf.length) {
      const id = buf.toString('ascii', offset, offset + 4);
      const size = buf.readUInt32LE(offset + 4);
      if (id === 'fmt ') {
        fmt = {
          format: buf.readUInt16LE(offset + 8),
          channels: buf.readUInt16LE(offset + 10),
          sampleRate: buf.readUInt32LE(offset + 12),
          bitsPerSample: buf.readUInt16LE(offset + 22),
        };
      } else if (id === 'data') {
        if (!fmt) throw new Error('data chunk before fmt chunk');
        // ffmpeg writing to a file fills in the real size; trust the file size if it did not.
        const fileBytes = (await handle.stat()).size - (offset + 8);
        const dataBytes = size === 0 || size === 0xffffffff ? fileBytes : Math.min(size, fileBytes);
        return { ...fmt, dataBytes };
      }
      offset += 8 + size + (size % 2);
    }
    throw new Error('no data chunk');
  } finally {
    await handle.close();
  }
}

/** Duration of a PCM wav from its header and data size. */
export async function wavDurationMs(file: string): Promise<number> {
  const info = await readWavInfo(file);
  const bytesPerSecond = info.sampleRate * info.channels * (info.bitsPerSample / 8);
  if (!bytesPerSecond) throw new Error('bad wav header');
  return Math.round((info.dataBytes / bytesPerSecond) * 1000);
}
