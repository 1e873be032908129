import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ApiErrorBody, AuditPage, PromptPage, PromptView } from '#contracts';
import { AriClient, type PlaybackFinished, type StasisStart } from '#ari';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { AUDIO_FIXTURES, makeAudio, uploadPrompt, wavHeader, type AudioFixture } from '../support/audio.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const BUILTIN_NAMES = [
  'welcome',
  'menu',
  'invalid-key',
  'no-input',
  'goodbye',
  'closed',
  'voicemail-greeting',
  'please-hold',
  'transferring',
  'busy',
];

describe('voice prompts (F18) on the real stack', () => {
  const info = stackInfo();
  const promptsDir = info.env.PROMPTS_DIR;
  const asteriskDir = info.callflowEnv.ASTERISK_PROMPTS_DIR;
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let db: mysql.Pool;
  let admin: ApiClient;
  let agent: ApiClient;
  let stranger: ApiClient;
  let tenantId: number;

  const fileOf = async (id: number): Promise<string> => {
    const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT file FROM prompts WHERE id = ?', [id]);
    return String(rows[0].file);
  };
  const ownRows = async (): Promise<number> => {
    const [rows] = await db.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM prompts WHERE tenant_id = ?',
      [tenantId],
    );
    return Number(rows[0].n);
  };
  const ownFiles = (): string[] => {
    const dir = path.join(promptsDir, `t${tenantId}`);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };
  const upload = async (name: string, format: AudioFixture = 'wav', seconds = 1): Promise<PromptView> => {
    const res = await uploadPrompt(admin, { name }, await makeAudio(format, seconds));
    const text = await res.text();
    expect(`${res.status} ${text}`).toMatch(/^201 /);
    return JSON.parse(text) as PromptView;
  };

  beforeAll(async () => {
    api = await startApi(info);
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    const home = await signupTenant(anonymous);
    admin = home.client;
    tenantId = home.session.user.tenantId!;
    agent = (await invitedMember(admin, info.mailSinkUrl!, 'agent')).client;
    stranger = (await signupTenant(anonymous)).client;
  });

  afterAll(async () => {
    await api?.stop();
    await db?.end();
  });

  it.each(Object.keys(AUDIO_FIXTURES) as AudioFixture[])(
    'given a 2-second %s file when an admin uploads it then it is stored as 8 kHz mono 16-bit wav of that length',
    async (format) => {
      const fixture = await makeAudio(format, 2);
      const res = await uploadPrompt(admin, { name: `Tone ${format}`, language: 'vi' }, fixture);
      const text = await res.text();
      expect(`${res.status} ${text}`).toMatch(/^201 /);
      const prompt = JSON.parse(text) as PromptView;
      expect(prompt).toMatchObject({
        tenantId,
        name: `Tone ${format}`,
        language: 'vi',
        kind: 'upload',
        audioUrl: `/api/prompts/${prompt.id}/audio`,
      });
      // Encoders pad a little (AAC, MP3, Opus priming): within 150 ms of the source.
      expect(Math.abs(prompt.durationMs - 2000)).toBeLessThanOrEqual(150);

      const file = await fileOf(prompt.id);
      expect(file).toMatch(new RegExp(`^t${tenantId}/${prompt.id}-[0-9a-f]{12}$`));
      const wavPath = path.join(promptsDir, `${file}.wav`);
      const bytes = readFileSync(wavPath);
      const header = wavHeader(bytes);
      expect(header).toMatchObject({ format: 1, sampleRate: 8000, channels: 1, bits: 16 });
      expect(Math.abs(header.durationMs - prompt.durationMs)).toBeLessThanOrEqual(1);
      // Asterisk runs as its own user: the file must be readable by others.
      expect(statSync(wavPath).mode & 0o004).toBe(0o004);

      const audio = await fetch(`${info.apiUrl}${prompt.audioUrl}`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(audio.status).toBe(200);
      expect(audio.headers.get('content-type')).toBe('audio/wav');
      expect(Buffer.from(await audio.arrayBuffer()).equals(bytes)).toBe(true);
    },
  );

  it('given an uploaded prompt when Asterisk plays it on a channel then the playback finishes done, not failed', async () => {
    const recorded = await uploadPrompt(
      admin,
      { name: 'Ghi âm trình duyệt', source: 'recording' },
      await makeAudio('webm', 1),
    );
    const prompt = (await recorded.json()) as PromptView;
    expect(prompt.kind).toBe('recording');
    const file = await fileOf(prompt.id);

    const ari = new AriClient({
      url: info.env.ARI_URL,
      username: info.env.ARI_USERNAME,
      password: info.env.ARI_PASSWORD,
      app: 'webcall-prompts-itest',
    });
    ari.start();
    try {
      await ari.waitUntilConnected(10_000);
      const channelId = `prompt-itest-${randomUUID()}`;
      const started = new Promise<StasisStart>((resolve) =>
        ari.on('StasisStart', (e) => {
          if (e.channel.id === channelId) resolve(e);
        }),
      );
      // The Local channel's other half waits in the dialplan (callflow is not running here, so
      // it gets the long apology): ours stays up for the whole prompt.
      await ari.channels.originate({
        endpoint: 'Local/s@webcall-stasis',
        app: 'webcall-prompts-itest',
        channelId,
      });
      await started;
      await ari.channels.answer({ channelId });
      const play = async (media: string): Promise<PlaybackFinished['playback']['state']> => {
        const playbackId = `pb-${randomUUID()}`;
        const finished = new Promise<PlaybackFinished>((resolve) =>
          ari.on('PlaybackFinished', (e) => {
            if (e.playback.id === playbackId) resolve(e);
          }),
        );
        await ari.channels.play({ channelId, media, playbackId });
        return (await finished).playback.state;
      };
      expect(await play(`sound:${asteriskDir}/${file}`)).toBe('done');
      // The same check tells a file Asterisk cannot play apart.
      expect(await play(`sound:${asteriskDir}/t${tenantId}/no-such-prompt`)).toBe('failed');
      await ari.channels.hangup({ channelId });
    } finally {
      await ari.stop();
    }
  });

  it('given bad uploads when posted then each is refused with a field error and nothing is stored', async () => {
    const rowsBefore = await ownRows();
    const filesBefore = ownFiles();
    const wav = await makeAudio('wav', 1);
    const tooLong = await makeAudio('mp3', 660, ['-ar', '8000', '-ac', '1', '-b:a', '8k']);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00PE\x00\x00'), randomBytes(4000)]);
    const cases: [
      string,
      { bytes: Buffer; type: string; name: string } | null,
      Record<string, string>,
      Record<string, string>,
    ][] = [
      [
        'text named .wav',
        { bytes: Buffer.from('hello, this is not audio\n'.repeat(20)), type: 'audio/wav', name: 'a.wav' },
        { name: 'x1' },
        { file: 'unsupported_type' },
      ],
      [
        'a program named .mp3',
        { bytes: exe, type: 'audio/mpeg', name: 'setup.mp3' },
        { name: 'x2' },
        { file: 'unsupported_type' },
      ],
      [
        'wav declared as mp3',
        { ...wav, type: 'audio/mpeg', name: 'tone.mp3' },
        { name: 'x3' },
        { file: 'unsupported_type' },
      ],
      [
        'an image type',
        { ...wav, type: 'image/png', name: 'tone.png' },
        { name: 'x4' },
        { file: 'unsupported_type' },
      ],
      [
        'over 10 MB',
        {
          bytes: Buffer.concat([wav.bytes, Buffer.alloc(10 * 1024 * 1024)]),
          type: 'audio/wav',
          name: 'big.wav',
        },
        { name: 'x5' },
        { file: 'too_large' },
      ],
      ['11 minutes long', tooLong, { name: 'x6' }, { file: 'too_long' }],
      ['0.1 s long', await makeAudio('wav', 0.1), { name: 'x7' }, { file: 'too_short' }],
      [
        'empty',
        { bytes: Buffer.alloc(0), type: 'audio/wav', name: 'empty.wav' },
        { name: 'x8' },
        { file: 'unreadable' },
      ],
      ['no file', null, { name: 'x9' }, { file: 'required' }],
      ['no name', wav, {}, { name: 'required' }],
      ['a blank name', wav, { name: '   ' }, { name: 'required' }],
      ['a 101-character name', wav, { name: 'a'.repeat(101) }, { name: 'too_long' }],
      ['an unknown language', wav, { name: 'x10', language: 'fr' }, { language: 'invalid_value' }],
      ['an unknown field', wav, { name: 'x11', tenantId: '1' }, { tenantId: 'unknown_field' }],
    ];
    for (const [label, file, fields, expected] of cases) {
      const res = await uploadPrompt(admin, fields, file);
      const body = (await res.json()) as ApiErrorBody;
      const codes = Object.fromEntries((body.fields ?? []).map((f) => [f.field, f.code]));
      expect({ label, status: res.status, codes }).toEqual({ label, status: 400, codes: expected });
      for (const f of body.fields ?? []) expect(f.message).toBeTruthy();
    }
    expect(await ownRows()).toBe(rowsBefore);
    expect(ownFiles()).toEqual(filesBefore);

    // The reason is worded for the reader, in Vietnamese too.
    const vi = new ApiClient(admin.base, admin.token, 'vi');
    const res = await uploadPrompt(
      vi,
      { name: 'x12' },
      { bytes: Buffer.from('plain text'), type: 'audio/wav', name: 'a.wav' },
    );
    expect(((await res.json()) as ApiErrorBody).fields).toEqual([
      {
        field: 'file',
        code: 'unsupported_type',
        message: expect.stringContaining('Định dạng không được hỗ trợ'),
      },
    ]);
  });

  it('given the built-in prompts then every name exists in vi and en with playable audio, and none can be changed', async () => {
    const page = await admin.expect<PromptPage>(200, 'GET', '/prompts?pageSize=100');
    const builtins = page.items.filter((p) => p.tenantId === null);
    for (const language of ['vi', 'en']) {
      const names = builtins.filter((p) => p.language === language).map((p) => p.name);
      expect(names.sort()).toEqual([...BUILTIN_NAMES].sort());
    }
    expect(builtins.every((p) => p.kind === 'builtin' && p.durationMs >= 1000)).toBe(true);
    const welcome = builtins.find((p) => p.name === 'welcome' && p.language === 'vi')!;
    // Readable by every tenant, agents included.
    for (const client of [stranger, agent]) {
      const audio = await fetch(`${info.apiUrl}${welcome.audioUrl}`, {
        headers: { authorization: `Bearer ${client.token}` },
      });
      expect(audio.status).toBe(200);
      expect(wavHeader(Buffer.from(await audio.arrayBuffer()))).toMatchObject({
        sampleRate: 8000,
        channels: 1,
      });
    }
    expect(await admin.expect<ApiErrorBody>(403, 'DELETE', `/prompts/${welcome.id}`)).toMatchObject({
      code: 'prompt_builtin',
    });
    expect(
      await admin.expect<ApiErrorBody>(403, 'PATCH', `/prompts/${welcome.id}`, { name: 'mine' }),
    ).toMatchObject({
      code: 'prompt_builtin',
    });
    expect((await admin.expect<PromptView>(200, 'GET', `/prompts/${welcome.id}`)).name).toBe('welcome');
  });

  it('given a prompt used by a flow draft and by a published version when deleted then 409 prompt_in_use names both flows', async () => {
    const prompt = await upload('Khuyến mãi tháng 12');
    const file = path.join(promptsDir, `${await fileOf(prompt.id)}.wav`);
    const graph = (id: string) =>
      JSON.stringify({ start: 'a', nodes: [{ id: 'a', type: 'play', prompt: { promptId: id }, next: 'a' }] });
    const [draftFlow] = await db.query<mysql.ResultSetHeader>(
      'INSERT INTO flows (tenant_id, name, draft) VALUES (?, ?, ?)',
      [tenantId, 'Luồng nháp', graph(String(prompt.id))],
    );
    const [publishedFlow] = await db.query<mysql.ResultSetHeader>(
      'INSERT INTO flows (tenant_id, name, draft, published_version) VALUES (?, ?, ?, 1)',
      [tenantId, 'Luồng đã xuất bản', graph('999999')],
    );
    await db.query(
      'INSERT INTO flow_versions (flow_id, version, graph, published_at) VALUES (?, 1, ?, NOW(3))',
      [
        publishedFlow.insertId,
        // Pretty-printed JSON counts too.
        JSON.stringify(JSON.parse(graph(String(prompt.id))), null, 2),
      ],
    );
    // A prompt id that merely starts with ours is another prompt.
    await db.query('INSERT INTO flows (tenant_id, name, draft) VALUES (?, ?, ?)', [
      tenantId,
      'Luồng khác',
      graph(`${prompt.id}0`),
    ]);

    const refused = await admin.expect<ApiErrorBody & { flows: { id: number; name: string }[] }>(
      409,
      'DELETE',
      `/prompts/${prompt.id}`,
    );
    expect(refused.code).toBe('prompt_in_use');
    expect(refused.flows.map((f) => f.name).sort()).toEqual(['Luồng nháp', 'Luồng đã xuất bản'].sort());
    expect(refused.message).toContain('Luồng nháp');
    expect(existsSync(file)).toBe(true);

    await db.query('DELETE FROM flows WHERE id IN (?, ?)', [draftFlow.insertId, publishedFlow.insertId]);
    await admin.expect(204, 'DELETE', `/prompts/${prompt.id}`);
    expect(existsSync(file)).toBe(false);
    await admin.expect(404, 'GET', `/prompts/${prompt.id}`);
    const log = await admin.expect<AuditPage>(200, 'GET', '/audit-log?targetType=prompt&pageSize=100');
    expect(log.items.find((e) => e.action === 'prompt.delete' && e.targetId === prompt.id)).toMatchObject({
      targetLabel: 'Khuyến mãi tháng 12',
    });
  });

  it('given names when a name is reused then 409 on name, and a rename is saved and audited', async () => {
    const first = await upload('Lời chào A');
    const second = await upload('Lời chào B');
    const again = await uploadPrompt(admin, { name: 'Lời chào A' }, await makeAudio('wav', 1));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'already_used', fields: ['name'] });
    expect(await admin.expect(409, 'PATCH', `/prompts/${second.id}`, { name: 'Lời chào A' })).toMatchObject({
      fields: ['name'],
    });
    expect(await admin.fieldCodes('PATCH', `/prompts/${second.id}`, { name: '' })).toEqual({
      name: 'required',
    });
    expect(await admin.fieldCodes('PATCH', `/prompts/${second.id}`, { name: 'C', kind: 'builtin' })).toEqual({
      kind: 'unknown_field',
    });
    const renamed = await admin.expect<PromptView>(200, 'PATCH', `/prompts/${second.id}`, {
      name: '  Lời chào   C ',
    });
    expect(renamed.name).toBe('Lời chào C');
    expect((await admin.expect<PromptView>(200, 'GET', `/prompts/${second.id}`)).name).toBe('Lời chào C');
    const log = await admin.expect<AuditPage>(200, 'GET', '/audit-log?targetType=prompt&pageSize=100');
    expect(log.items.find((e) => e.action === 'prompt.rename' && e.targetId === second.id)).toMatchObject({
      before: { name: 'Lời chào B' },
      after: { name: 'Lời chào C' },
    });
    expect(log.items.some((e) => e.action === 'prompt.create' && e.targetId === first.id)).toBe(true);
  });

  it('given a search and a page size then the list finds by name and pages own prompts before built-ins', async () => {
    const found = await admin.expect<PromptPage>(
      200,
      'GET',
      `/prompts?search=${encodeURIComponent('chào C')}`,
    );
    expect(found.items.map((p) => p.name)).toEqual(['Lời chào C']);
    const first = await admin.expect<PromptPage>(200, 'GET', '/prompts?pageSize=3&page=1');
    const second = await admin.expect<PromptPage>(200, 'GET', '/prompts?pageSize=3&page=2');
    expect(first.items).toHaveLength(3);
    expect(first.items.every((p) => p.tenantId === tenantId)).toBe(true);
    expect(second.page).toBe(2);
    expect(first.total).toBe(second.total);
    expect(first.items.map((p) => p.id)).not.toEqual(expect.arrayContaining(second.items.map((p) => p.id)));
    expect(await admin.fieldCodes('GET', '/prompts?pageSize=101')).toEqual({ pageSize: 'too_large' });
  });

  it('given another tenant then the prompt is 404 everywhere and not listed; given an agent then reads work and writes are 403', async () => {
    const prompt = await upload('Bí mật công ty');
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['GET', '/audio', undefined],
      ['PATCH', '', { name: 'Hacked' }],
      ['DELETE', '', undefined],
    ] as const) {
      expect(
        `${method} ${suffix} → ${(await stranger.call(method, `/prompts/${prompt.id}${suffix}`, body)).status}`,
      ).toBe(`${method} ${suffix} → 404`);
    }
    const theirs = await stranger.expect<PromptPage>(200, 'GET', '/prompts?pageSize=100');
    expect(theirs.items.some((p) => p.tenantId === tenantId)).toBe(false);
    expect(theirs.items.every((p) => p.tenantId === null)).toBe(true);

    expect(
      (await agent.expect<PromptPage>(200, 'GET', '/prompts')).items.some((p) => p.id === prompt.id),
    ).toBe(true);
    await agent.expect(200, 'GET', `/prompts/${prompt.id}`);
    expect((await agent.call('GET', `/prompts/${prompt.id}/audio`)).status).toBe(200);
    expect((await uploadPrompt(agent, { name: 'Agent' }, await makeAudio('wav', 1))).status).toBe(403);
    await agent.expect(403, 'PATCH', `/prompts/${prompt.id}`, { name: 'Agent' });
    await agent.expect(403, 'DELETE', `/prompts/${prompt.id}`);
    expect((await admin.expect<PromptView>(200, 'GET', `/prompts/${prompt.id}`)).name).toBe('Bí mật công ty');
  });
});
