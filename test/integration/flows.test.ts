import type { ApiErrorBody, FlowProblem, FlowView, TenantUser } from '#contracts';
import { createDataSource, PromptEntity } from '#database';
import type { FlowGraph, Simulation } from '#flow-engine';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { startApi } from '../support/api.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

type FlowInvalid = ApiErrorBody & { problems: FlowProblem[] };

describe('call flows API on the real servers', () => {
  const info = stackInfo();
  const api = new ApiClient(`${info.apiUrl}/api`);
  const db = createDataSource(info.env.DATABASE_URL);
  let proc: AppProcess;
  let admin: ApiClient;
  let extension: string;
  let promptId: string;

  const graph = (menuPrompt: string): FlowGraph => ({
    version: 1,
    entry: 'hours',
    nodes: [
      {
        id: 'hours',
        type: 'shift',
        label: 'Giờ hành chính',
        schedule: {
          timeZone: 'Asia/Ho_Chi_Minh',
          weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '17:30' })),
          holidays: ['2027-01-01'],
          exceptions: [],
        },
        inHours: 'menu',
        outOfHours: 'bye',
      },
      {
        id: 'menu',
        type: 'ivr',
        label: 'Menu chính',
        prompt: { promptId: menuPrompt },
        keys: { '1': 'sales' },
        timeoutS: 5,
        retries: 1,
        directDial: false,
        onFailure: 'bye',
      },
      { id: 'sales', type: 'extension', extension, ringTimeoutS: 20, onNoAnswer: 'bye' },
      { id: 'bye', type: 'hangup' },
    ],
  });

  beforeAll(async () => {
    [proc] = await Promise.all([startApi(info), db.initialize()]);
    const tenant = await signupTenant(api);
    admin = tenant.client;
    const me = await admin.expect<TenantUser>(200, 'GET', `/users/${tenant.session.user.id}`);
    extension = me.extension!;
    const prompt = await db.getRepository(PromptEntity).save({
      tenantId: tenant.session.user.tenantId!,
      name: 'menu',
      language: 'vi',
      kind: 'upload' as const,
      file: 'test/menu',
      durationMs: 3000,
    });
    promptId = String(prompt.id);
  });

  afterAll(async () => {
    await proc?.stop();
    await db.destroy();
  });

  it('given a valid draft when created, published and simulated then the version is 1 and the path follows the keys', async () => {
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Hotline chính',
      draft: graph(promptId),
    });
    expect(flow).toMatchObject({ name: 'Hotline chính', publishedVersion: null, dirty: true, problems: [] });

    const published = await admin.expect<FlowView>(200, 'POST', `/flows/${flow.id}/publish`);
    expect(published).toMatchObject({ publishedVersion: 1, dirty: false });
    expect(published.publishedAt).not.toBeNull();

    // Tuesday 2026-12-01 10:00 in Hà Nội: open; key 1 → the extension.
    const open = await admin.expect<Simulation>(200, 'POST', `/flows/${flow.id}/simulate`, {
      at: '2026-12-01T03:00:00Z',
      entries: ['1'],
    });
    expect(open.path.map((s) => `${s.nodeId}:${s.branch ?? ''}`)).toEqual([
      'hours:in_hours',
      'menu:key:1',
      'sales:answered',
    ]);
    expect(open.end.reason).toBe('connected');
    // The holiday: closed.
    const holiday = await admin.expect<Simulation>(200, 'POST', `/flows/${flow.id}/simulate`, {
      at: '2027-01-01T03:00:00Z',
    });
    expect(holiday.path[0]).toMatchObject({ nodeId: 'hours', branch: 'out_of_hours' });
    expect(holiday.end.reason).toBe('hangup');
  });

  it('given a published flow when the draft changes and is published again then versions are kept and new simulations use the new one', async () => {
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Versions',
      draft: graph(promptId),
    });
    await admin.expect(200, 'POST', `/flows/${flow.id}/publish`);
    const changed = graph(promptId);
    (changed.nodes[1] as { keys: Record<string, string> }).keys = { '2': 'sales' };
    const saved = await admin.expect<FlowView>(200, 'PATCH', `/flows/${flow.id}`, { draft: changed });
    expect(saved).toMatchObject({ publishedVersion: 1, dirty: true });

    const onPublished = await admin.expect<Simulation>(200, 'POST', `/flows/${flow.id}/simulate`, {
      at: '2026-12-01T03:00:00Z',
      entries: ['2'],
    });
    expect(onPublished.path[1]).toMatchObject({ nodeId: 'menu', branch: 'invalid' });
    const onDraft = await admin.expect<Simulation>(200, 'POST', `/flows/${flow.id}/simulate`, {
      at: '2026-12-01T03:00:00Z',
      entries: ['2'],
      draft: true,
    });
    expect(onDraft.path[1]).toMatchObject({ nodeId: 'menu', branch: 'key:2' });

    await admin.expect(200, 'POST', `/flows/${flow.id}/publish`);
    const versions = await admin.expect<{ version: number }[]>(200, 'GET', `/flows/${flow.id}/versions`);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('given a draft with a dangling edge, a missing prompt, an unknown extension or a loop without a menu when saved then 400 names each node and field and nothing changes', async () => {
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Broken',
      draft: graph(promptId),
    });
    const bad = graph('999999');
    bad.nodes.push(
      { id: 'loop-a', type: 'play', prompt: { promptId }, next: 'loop-b' },
      { id: 'loop-b', type: 'play', prompt: { promptId }, next: 'loop-a' },
    );
    (bad.nodes[0] as { outOfHours: string }).outOfHours = 'loop-a';
    (bad.nodes[1] as { keys: Record<string, string> }).keys = { '1': 'sales', '2': 'nowhere' };
    (bad.nodes[2] as { extension: string }).extension = '9999';
    const answer = await admin.expect<FlowInvalid>(400, 'PATCH', `/flows/${flow.id}`, { draft: bad });
    expect(answer.code).toBe('flow_invalid');
    const found = answer.problems.map((p) => `${p.nodeId}/${p.field}/${p.code}`).sort();
    expect(found).toEqual([
      'loop-a/id/loop_without_wait',
      'loop-b/id/loop_without_wait',
      'menu/keys.2/dangling_edge',
      'menu/prompt/missing_prompt',
      'sales/extension/unknown_extension',
    ]);
    expect(answer.problems.every((p) => p.message.length > 0)).toBe(true);
    const after = await admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`);
    expect(after.draft).toEqual(graph(promptId));
  });

  it('given malformed drafts and bodies when sent then 400 with the field at fault, in Vietnamese too', async () => {
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', { name: 'Shapes' });
    const shape = await admin.expect<FlowInvalid>(400, 'PATCH', `/flows/${flow.id}`, {
      draft: { version: 1, entry: 'x', nodes: [{ id: 'x', type: 'teleport' }] },
    });
    expect(shape.problems).toEqual([
      expect.objectContaining({ nodeId: 'x', field: 'type', code: 'invalid_value' }),
    ]);

    expect(await admin.fieldCodes('PATCH', `/flows/${flow.id}`, { draft: 'not an object' })).toEqual({
      draft: expect.any(String),
    });
    expect(await admin.fieldCodes('POST', '/flows', { name: 'x'.repeat(101) })).toEqual({ name: 'too_long' });
    expect(await admin.fieldCodes('POST', '/flows', { name: 'ok', colour: 'red' })).toEqual({
      colour: 'unknown_field',
    });
    expect(await admin.fieldCodes('POST', '/flows', {})).toEqual({ name: 'required' });
    expect(await admin.fieldCodes('POST', `/flows/${flow.id}/simulate`, { at: 'yesterday' })).toEqual({
      at: expect.any(String),
    });
    expect(await admin.fieldCodes('POST', `/flows/${flow.id}/simulate`, { entries: ['1; DROP'] })).toEqual({
      'entries.0': 'invalid_value',
    });
    expect(await admin.fieldCodes('POST', '/flows', { name: 'Shapes' })).toEqual({ name: 'taken' });

    const vi = new ApiClient(admin.base, admin.token, 'vi');
    const inVietnamese = await vi.expect<FlowInvalid>(400, 'PATCH', `/flows/${flow.id}`, {
      draft: { version: 1, entry: 'nowhere', nodes: [{ id: 'a', type: 'hangup' }] },
    });
    expect(inVietnamese.message).toContain('Luồng gọi');
    expect(inVietnamese.problems[0]).toMatchObject({ nodeId: null, field: 'entry', code: 'missing_entry' });
    expect(inVietnamese.problems[0]!.message).toBe('Bước bắt đầu không tồn tại.');
  });

  it('given a node nothing leads to when saved then it is kept with a problem, and publishing is refused until it is linked', async () => {
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Unreachable',
      draft: graph(promptId),
    });
    const more = graph(promptId);
    more.nodes.push({ id: 'later', type: 'hangup', label: 'Chưa dùng' });
    const saved = await admin.expect<FlowView>(200, 'PATCH', `/flows/${flow.id}`, { draft: more });
    expect(saved.problems).toEqual([expect.objectContaining({ nodeId: 'later', code: 'unreachable' })]);
    const refused = await admin.expect<FlowInvalid>(400, 'POST', `/flows/${flow.id}/publish`);
    expect(refused.problems.map((p) => p.nodeId)).toEqual(['later']);
    expect((await admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`)).publishedVersion).toBeNull();
  });

  it('given shift and IVR resources when added, changed and removed then the flow draft follows, and a node in use cannot be removed', async () => {
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Nodes',
      draft: graph(promptId),
    });
    const shifts = await admin.expect<{ id: string; flowId: number }[]>(200, 'GET', '/shifts');
    expect(shifts.map((s) => s.id)).toContain(`${flow.id}.hours`);

    const ivr = await admin.expect<{ id: string; node: { id: string } }>(201, 'POST', '/ivrs', {
      flowId: flow.id,
      node: {
        type: 'ivr',
        label: 'Menu phụ',
        prompt: { promptId },
        keys: { '0': 'bye' },
        timeoutS: 4,
        retries: 0,
        directDial: true,
      },
    });
    expect(ivr.id).toBe(`${flow.id}.ivr-1`);
    // A new menu nothing leads to yet: saved, flagged.
    const withIvr = await admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`);
    expect(withIvr.problems).toEqual([expect.objectContaining({ nodeId: 'ivr-1', code: 'unreachable' })]);

    const badIvr = await admin.expect<FlowInvalid>(400, 'PUT', `/ivrs/${ivr.id}`, {
      node: {
        type: 'ivr',
        prompt: { promptId },
        keys: { '0': 'bye' },
        timeoutS: 0,
        retries: 0,
        directDial: true,
      },
    });
    expect(badIvr.problems).toEqual([
      expect.objectContaining({ nodeId: 'ivr-1', field: 'timeoutS', code: 'invalid_value' }),
    ]);

    const inUse = await admin.expect<ApiErrorBody>(409, 'DELETE', `/ivrs/${flow.id}.menu`);
    expect(inUse.code).toBe('node_in_use');
    expect(inUse.message).toContain('Giờ hành chính');
    await admin.expect(204, 'DELETE', `/ivrs/${ivr.id}`);
    await admin.expect(404, 'GET', `/ivrs/${ivr.id}`);
    await admin.expect(404, 'GET', `/shifts/${flow.id}.menu`);
    await admin.expect(404, 'GET', '/ivrs/not-an-id');
  });

  it('given another tenant or a lower role when it reaches for the flows then 404 or 403 and nothing leaks', async () => {
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Private',
      draft: graph(promptId),
    });
    const other = (await signupTenant(api)).client;
    expect(await other.expect<FlowView[]>(200, 'GET', '/flows')).toEqual([]);
    expect(await other.expect<unknown[]>(200, 'GET', '/shifts')).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `/flows/${flow.id}`],
      ['PATCH', `/flows/${flow.id}`, { name: 'Mine' }],
      ['DELETE', `/flows/${flow.id}`],
      ['POST', `/flows/${flow.id}/publish`],
      ['POST', `/flows/${flow.id}/simulate`, {}],
      ['GET', `/flows/${flow.id}/versions`],
      ['GET', `/shifts/${flow.id}.hours`],
      ['DELETE', `/ivrs/${flow.id}.menu`],
      ['POST', '/ivrs', { flowId: flow.id, node: { type: 'ivr' } }],
    ] as [string, string, unknown?][]) {
      await other.expect(404, method, path, body);
    }
    const agent = (await invitedMember(admin, info.mailSinkUrl!, 'agent')).client;
    await agent.expect(403, 'GET', '/flows');
    await agent.expect(403, 'POST', `/flows/${flow.id}/publish`);
    const supervisor = (await invitedMember(admin, info.mailSinkUrl!, 'supervisor')).client;
    await supervisor.expect(200, 'GET', `/flows/${flow.id}`);
    await supervisor.expect(403, 'PATCH', `/flows/${flow.id}`, { name: 'x' });
    const after = await admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`);
    expect(after).toMatchObject({ name: 'Private', publishedVersion: null });
  });
});
