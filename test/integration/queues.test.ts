import type {
  ApiErrorBody,
  AuditPage,
  FlowView,
  MohClassView,
  PauseReasonView,
  PromptView,
  QueueLiveView,
  QueueStatusView,
  QueueView,
  UserGroup,
} from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { makeAudio, uploadPrompt } from '../support/audio.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

describe('queue groups, pause reasons, music classes and agent queue status (issue 6, API)', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let admin: ApiClient;
  let supervisor: ApiClient;
  let agent: ApiClient;
  let agentId: number;
  let supervisorId: number;
  let group: UserGroup;
  let prompt: PromptView;
  /** Another tenant's admin and its user, group, music class and pause reason. */
  let stranger: ApiClient;
  let foreign: { userId: number; groupId: number; mohClassId: number; reasonId: number };
  let n = 0;
  const unique = (base: string) => `${base} ${Date.now()}-${++n}`;

  beforeAll(async () => {
    api = await startApi(info);
    admin = (await signupTenant(anonymous)).client;
    const sup = await invitedMember(admin, info.mailSinkUrl!, 'supervisor');
    supervisor = sup.client;
    supervisorId = sup.user.id;
    const ag = await invitedMember(admin, info.mailSinkUrl!, 'agent');
    agent = ag.client;
    agentId = ag.user.id;
    group = await admin.expect<UserGroup>(201, 'POST', '/user-groups', { name: 'Nhóm CSKH' });
    await admin.expect(200, 'PATCH', `/users/${agentId}`, { groupIds: [group.id] });
    const uploaded = await uploadPrompt(admin, { name: 'Nhạc chờ 1' }, await makeAudio('wav', 1));
    prompt = (await uploaded.json()) as PromptView;

    stranger = (await signupTenant(anonymous)).client;
    const strangerUser = await invitedMember(stranger, info.mailSinkUrl!, 'agent');
    const strangerGroup = await stranger.expect<UserGroup>(201, 'POST', '/user-groups', { name: 'Lạ' });
    const strangerPrompt = (await (
      await uploadPrompt(stranger, { name: 'Lạ' }, await makeAudio('wav', 1))
    ).json()) as PromptView;
    const strangerMoh = await stranger.expect<MohClassView>(201, 'POST', '/moh-classes', {
      name: 'Lạ',
      promptIds: [strangerPrompt.id],
    });
    const strangerReason = await stranger.expect<PauseReasonView>(201, 'POST', '/pause-reasons', {
      name: 'Lạ',
    });
    foreign = {
      userId: strangerUser.user.id,
      groupId: strangerGroup.id,
      mohClassId: strangerMoh.id,
      reasonId: strangerReason.id,
    };
  });

  afterAll(async () => {
    await api?.stop();
  });

  describe('queues CRUD', () => {
    it('given valid settings and members when an admin creates a queue then the view has names, agent count and defaults', async () => {
      const name = unique('CSKH');
      const q = await admin.expect<QueueView>(201, 'POST', '/queues', {
        name,
        strategy: 'linear',
        maxWaitS: 120,
        exitKey: '#',
        members: [
          { kind: 'group', id: group.id, penalty: 1 },
          { kind: 'user', id: agentId },
          { kind: 'user', id: supervisorId, penalty: 2 },
        ],
      });
      expect(q).toMatchObject({
        name,
        strategy: 'linear',
        ringTimeoutS: 20,
        wrapupS: 10,
        maxWaitS: 120,
        maxCallers: null,
        mohClassId: null,
        announcePosition: true,
        exitKey: '#',
        record: false,
        members: [
          { kind: 'group', id: group.id, penalty: 1, name: 'Nhóm CSKH' },
          { kind: 'user', id: agentId, penalty: 0, name: 'Người agent' },
          { kind: 'user', id: supervisorId, penalty: 2, name: 'Người supervisor' },
        ],
        // The agent is in the group and listed directly: counted once.
        agentCount: 2,
      });
      expect(await supervisor.expect<QueueView>(200, 'GET', `/queues/${q.id}`)).toEqual(q);
      expect((await supervisor.expect<QueueView[]>(200, 'GET', '/queues')).map((x) => x.id)).toContain(q.id);
      expect((await agent.call('GET', '/queues')).status).toBe(403);
      expect((await supervisor.call('POST', '/queues', { name: unique('x') })).status).toBe(403);
    });

    it('given a queue when patched with new members then the member list is replaced as a whole and audited', async () => {
      const q = await admin.expect<QueueView>(201, 'POST', '/queues', {
        name: unique('Bán hàng'),
        members: [{ kind: 'user', id: agentId }],
      });
      const patched = await admin.expect<QueueView>(200, 'PATCH', `/queues/${q.id}`, {
        ringTimeoutS: 30,
        members: [{ kind: 'user', id: supervisorId, penalty: 3 }],
      });
      expect(patched.members).toEqual([
        { kind: 'user', id: supervisorId, penalty: 3, name: 'Người supervisor' },
      ]);
      expect(patched.ringTimeoutS).toBe(30);
      // Settings only: members untouched.
      const renamed = await admin.expect<QueueView>(200, 'PATCH', `/queues/${q.id}`, { maxCallers: null });
      expect(renamed.members).toEqual(patched.members);
      const log = await admin.expect<AuditPage>(200, 'GET', '/audit-log?action=queue.update&pageSize=10');
      expect(log.items.some((e) => e.targetId === q.id)).toBe(true);
    });

    it('given a bad member in a PATCH when refused then nothing of the change is applied', async () => {
      const q = await admin.expect<QueueView>(201, 'POST', '/queues', {
        name: unique('Nguyên vẹn'),
        members: [{ kind: 'user', id: agentId }],
      });
      expect(
        await admin.fieldCodes('PATCH', `/queues/${q.id}`, {
          wrapupS: 99,
          members: [
            { kind: 'user', id: supervisorId },
            { kind: 'user', id: foreign.userId },
          ],
        }),
      ).toEqual({ 'members.1.id': 'unknown' });
      expect(await admin.expect<QueueView>(200, 'GET', `/queues/${q.id}`)).toEqual(q);
    });

    it.each([
      [{}, { name: 'required' }],
      [{ name: '' }, { name: 'required' }],
      [{ name: 'x'.repeat(65) }, { name: 'too_long' }],
      [{ name: 5 }, { name: 'invalid_type' }],
      [{ name: 'q', color: 'red' }, { color: 'unknown_field' }],
      [{ name: 'q', strategy: 'loudest' }, { strategy: 'invalid_value' }],
      [{ name: 'q', ringTimeoutS: 4 }, { ringTimeoutS: 'too_small' }],
      [{ name: 'q', ringTimeoutS: 301 }, { ringTimeoutS: 'too_large' }],
      [{ name: 'q', ringTimeoutS: '20' }, { ringTimeoutS: 'invalid_type' }],
      [{ name: 'q', wrapupS: 3601 }, { wrapupS: 'too_large' }],
      [{ name: 'q', maxWaitS: 9 }, { maxWaitS: 'too_small' }],
      [{ name: 'q', maxCallers: 0 }, { maxCallers: 'too_small' }],
      [{ name: 'q', announceEveryS: 14 }, { announceEveryS: 'too_small' }],
      [{ name: 'q', exitKey: 'A' }, { exitKey: 'invalid_value' }],
      [{ name: 'q', exitKey: '12' }, { exitKey: 'invalid_value' }],
      [{ name: 'q', record: 'yes' }, { record: 'invalid_type' }],
      [{ name: 'q', strategy: null }, { strategy: 'invalid_type' }],
      [{ name: 'q', members: {} }, { members: 'invalid_type' }],
      [{ name: 'q', members: [{ kind: 'robot', id: 1 }] }, { 'members.0.kind': 'invalid_value' }],
      [{ name: 'q', members: [{ kind: 'user' }] }, { 'members.0.id': 'required' }],
      [{ name: 'q', members: [{ kind: 'user', id: 1, penalty: 10 }] }, { 'members.0.penalty': 'too_large' }],
      [{ name: 'q', members: [{ kind: 'user', id: 1, extra: 1 }] }, { 'members.0.extra': 'unknown_field' }],
    ])('given body %j when a queue is created then 400 with %j', async (body, fields) => {
      expect(await admin.fieldCodes('POST', '/queues', body)).toMatchObject(fields);
    });

    it("given another tenant's user, group or music class when used in a queue then 400 at that field", async () => {
      expect(
        await admin.fieldCodes('POST', '/queues', {
          name: unique('Lạ'),
          mohClassId: foreign.mohClassId,
          members: [
            { kind: 'user', id: foreign.userId },
            { kind: 'group', id: foreign.groupId },
            { kind: 'group', id: group.id },
            { kind: 'group', id: group.id },
          ],
        }),
      ).toEqual({
        mohClassId: 'unknown',
        'members.0.id': 'unknown',
        'members.1.id': 'unknown',
        'members.3': 'duplicate',
      });
    });

    it('given a taken name when another queue is created or renamed to it then 409 names the field', async () => {
      const name = unique('Trùng');
      await admin.expect(201, 'POST', '/queues', { name });
      const body = await admin.expect<ApiErrorBody & { fields: string[] }>(409, 'POST', '/queues', { name });
      expect(body.fields).toEqual(['name']);
      const other = await admin.expect<QueueView>(201, 'POST', '/queues', { name: unique('Khác') });
      expect(
        (await admin.expect<{ fields: string[] }>(409, 'PATCH', `/queues/${other.id}`, { name })).fields,
      ).toEqual(['name']);
    });

    it('given a queue a flow uses when it is deleted then 409 names the flow; once unused it is deleted', async () => {
      const q = await admin.expect<QueueView>(201, 'POST', '/queues', { name: unique('Dùng trong luồng') });
      const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
        name: unique('Luồng hàng đợi'),
        draft: {
          version: 1,
          entry: 'q',
          nodes: [
            { id: 'q', type: 'queue', queueId: String(q.id), priority: 0 },
            { id: 'end', type: 'hangup' },
          ],
        },
      });
      const refused = await admin.expect<ApiErrorBody & { flows: { id: number }[] }>(
        409,
        'DELETE',
        `/queues/${q.id}`,
      );
      expect(refused.code).toBe('queue_in_use');
      expect(refused.message).toContain(flow.name);
      expect(refused.flows.map((f) => f.id)).toEqual([flow.id]);
      await admin.expect(204, 'DELETE', `/flows/${flow.id}`);
      await admin.expect(204, 'DELETE', `/queues/${q.id}`);
      await admin.expect(404, 'GET', `/queues/${q.id}`);
    });

    it('given a user group a queue uses when the group is deleted then 409 names the queue (vi and en)', async () => {
      const g = await admin.expect<UserGroup>(201, 'POST', '/user-groups', { name: unique('Nhóm dùng') });
      const q = await admin.expect<QueueView>(201, 'POST', '/queues', {
        name: unique('Hàng đợi nhóm'),
        members: [{ kind: 'group', id: g.id }],
      });
      const en = await admin.expect<ApiErrorBody>(409, 'DELETE', `/user-groups/${g.id}`);
      expect(en.code).toBe('group_in_use');
      expect(en.message).toContain(q.name);
      const vi = new ApiClient(admin.base, admin.token, 'vi');
      expect((await vi.expect<ApiErrorBody>(409, 'DELETE', `/user-groups/${g.id}`)).message).toMatch(
        /Nhóm người dùng đang là thành viên/,
      );
      await admin.expect(200, 'PATCH', `/queues/${q.id}`, { members: [] });
      await admin.expect(204, 'DELETE', `/user-groups/${g.id}`);
    });
  });

  describe('music classes and pause reasons', () => {
    it('given prompts of the tenant when a music class is made, used by a queue, then deleting the class or its prompt is refused', async () => {
      const moh = await admin.expect<MohClassView>(201, 'POST', '/moh-classes', {
        name: unique('Nhạc xuân'),
        promptIds: [prompt.id],
      });
      expect(await agent.expect<MohClassView[]>(200, 'GET', '/moh-classes')).toContainEqual(moh);
      const q = await admin.expect<QueueView>(201, 'POST', '/queues', {
        name: unique('Có nhạc'),
        mohClassId: moh.id,
      });
      expect(q.mohClassId).toBe(moh.id);
      const inUse = await admin.expect<ApiErrorBody>(409, 'DELETE', `/moh-classes/${moh.id}`);
      expect(inUse.code).toBe('moh_class_in_use');
      expect(inUse.message).toContain(q.name);
      const promptInUse = await admin.expect<ApiErrorBody>(409, 'DELETE', `/prompts/${prompt.id}`);
      expect(promptInUse.code).toBe('prompt_in_moh_class');
      expect(promptInUse.message).toContain(moh.name);
      await admin.expect(200, 'PATCH', `/queues/${q.id}`, { mohClassId: null });
      await admin.expect(204, 'DELETE', `/moh-classes/${moh.id}`);
    });

    it.each([
      [{ name: 'm' }, { promptIds: 'required' }],
      [{ name: 'm', promptIds: [] }, { promptIds: 'invalid_value' }],
      [{ name: 'm', promptIds: Array.from({ length: 51 }, (_, i) => i + 1) }, { promptIds: 'invalid_value' }],
      [{ name: 'm', promptIds: ['1'] }, { promptIds: 'invalid_type' }],
      [{ name: 'x'.repeat(65), promptIds: [1] }, { name: 'too_long' }],
    ])('given music class body %j when created then 400 with %j', async (body, fields) => {
      expect(await admin.fieldCodes('POST', '/moh-classes', body)).toMatchObject(fields);
    });

    it("given another tenant's prompt when listed in a music class then 400 at promptIds.N", async () => {
      const other = await stranger.expect<{ items: PromptView[] }>(200, 'GET', '/prompts?pageSize=100');
      const foreignPrompt = other.items.find((p) => p.tenantId !== null)!;
      expect(
        await admin.fieldCodes('POST', '/moh-classes', {
          name: unique('Lạ'),
          promptIds: [prompt.id, foreignPrompt.id],
        }),
      ).toEqual({ 'promptIds.1': 'unknown' });
    });

    it('given pause reasons when created, renamed, duplicated and deleted then the rules hold', async () => {
      const r = await admin.expect<PauseReasonView>(201, 'POST', '/pause-reasons', { name: unique('Họp') });
      expect(await agent.expect<PauseReasonView[]>(200, 'GET', '/pause-reasons')).toContainEqual(r);
      expect((await agent.call('POST', '/pause-reasons', { name: 'x' })).status).toBe(403);
      expect(
        (await admin.expect<{ fields: string[] }>(409, 'POST', '/pause-reasons', { name: r.name })).fields,
      ).toEqual(['name']);
      expect(await admin.fieldCodes('POST', '/pause-reasons', { name: 'x'.repeat(65) })).toEqual({
        name: 'too_long',
      });
      const renamed = await admin.expect<PauseReasonView>(200, 'PATCH', `/pause-reasons/${r.id}`, {
        name: unique('Họp giao ban'),
      });
      expect(renamed.id).toBe(r.id);
      await admin.expect(204, 'DELETE', `/pause-reasons/${r.id}`);
      await admin.expect(404, 'GET', `/pause-reasons/${r.id}`);
    });
  });

  describe('the agent’s own queue status', () => {
    it('given an agent member through a group when logging in, pausing with a reason and back then GET reflects each step', async () => {
      const q = await admin.expect<QueueView>(201, 'POST', '/queues', {
        name: unique('Qua nhóm'),
        members: [{ kind: 'group', id: group.id }],
      });
      const notMine = await admin.expect<QueueView>(201, 'POST', '/queues', {
        name: unique('Không của tôi'),
        members: [{ kind: 'user', id: supervisorId }],
      });
      const reason = await admin.expect<PauseReasonView>(201, 'POST', '/pause-reasons', {
        name: unique('Ăn trưa'),
      });

      const before = await agent.expect<QueueStatusView>(200, 'GET', '/me/queue-status');
      expect(before.queues).toContainEqual({ id: q.id, name: q.name, loggedIn: false });
      expect(before.queues.map((x) => x.id)).not.toContain(notMine.id);

      // Callflow is not running in this suite: the change must not fail because of it.
      const loggedIn = await agent.expect<QueueStatusView>(200, 'PUT', '/me/queue-status', {
        loggedIn: [q.id],
      });
      expect(loggedIn.queues).toContainEqual({ id: q.id, name: q.name, loggedIn: true });

      expect(await agent.fieldCodes('PUT', '/me/queue-status', { loggedIn: [q.id, notMine.id] })).toEqual({
        loggedIn: 'not_member',
      });
      expect(await agent.fieldCodes('PUT', '/me/queue-status', { paused: true })).toEqual({
        pauseReasonId: 'required',
      });
      expect(
        await agent.fieldCodes('PUT', '/me/queue-status', { paused: true, pauseReasonId: foreign.reasonId }),
      ).toEqual({ pauseReasonId: 'unknown' });
      expect(await agent.fieldCodes('PUT', '/me/queue-status', { paused: 'yes', extra: 1 })).toEqual({
        paused: 'invalid_type',
        extra: 'unknown_field',
      });

      const paused = await agent.expect<QueueStatusView>(200, 'PUT', '/me/queue-status', {
        paused: true,
        pauseReasonId: reason.id,
      });
      expect(paused).toMatchObject({ paused: true, pauseReasonId: reason.id });
      expect(paused.changedAt).not.toBeNull();
      expect(await agent.expect<QueueStatusView>(200, 'GET', '/me/queue-status')).toEqual(paused);

      const live = await supervisor.expect<QueueLiveView[]>(200, 'GET', '/queues/live');
      const mine = live.find((x) => x.queueId === q.id)!;
      expect(mine).toMatchObject({ name: q.name, waiting: [], longestWaitS: 0 });
      expect(mine.agents).toContainEqual(expect.objectContaining({ userId: agentId, activity: 'paused' }));

      const back = await agent.expect<QueueStatusView>(200, 'PUT', '/me/queue-status', { paused: false });
      expect(back).toMatchObject({ paused: false, pauseReasonId: null });
      const again = await supervisor.expect<QueueLiveView[]>(200, 'GET', '/queues/live');
      expect(again.find((x) => x.queueId === q.id)!.agents).toContainEqual(
        expect.objectContaining({ userId: agentId, activity: 'available' }),
      );
      const out = await agent.expect<QueueStatusView>(200, 'PUT', '/me/queue-status', { loggedIn: [] });
      expect(out.queues.every((x) => !x.loggedIn)).toBe(true);
      expect((await agent.call('GET', '/queues/live')).status).toBe(403);
    });

    it('given /queues/live when asked then every queue of the tenant is listed with the live shape', async () => {
      const live = await admin.expect<QueueLiveView[]>(200, 'GET', '/queues/live');
      const queues = await admin.expect<QueueView[]>(200, 'GET', '/queues');
      expect(live.map((l) => l.queueId).sort()).toEqual(queues.map((q) => q.id).sort());
      for (const l of live) {
        expect(Object.keys(l).sort()).toEqual(['agents', 'longestWaitS', 'name', 'queueId', 'waiting']);
        for (const a of l.agents) expect(['offline', 'available', 'paused']).toContain(a.activity);
      }
      expect(await stranger.expect<QueueLiveView[]>(200, 'GET', '/queues/live')).toEqual([]);
    });
  });

  describe('tenant-wide queue settings', () => {
    it('given the defaults when an admin records every queue call in English then it is kept, audited, and only for this tenant', async () => {
      expect(await admin.expect(200, 'GET', '/queue-settings')).toEqual({ recordAll: false, language: 'vi' });
      expect(await admin.expect(200, 'PUT', '/queue-settings', { recordAll: true, language: 'en' })).toEqual({
        recordAll: true,
        language: 'en',
      });
      // A partial change keeps the rest; supervisors read, agents do not.
      expect(await admin.expect(200, 'PUT', '/queue-settings', { language: 'vi' })).toEqual({
        recordAll: true,
        language: 'vi',
      });
      expect(await supervisor.expect(200, 'GET', '/queue-settings')).toEqual({
        recordAll: true,
        language: 'vi',
      });
      expect((await supervisor.call('PUT', '/queue-settings', { recordAll: false })).status).toBe(403);
      expect((await agent.call('GET', '/queue-settings')).status).toBe(403);
      expect(await stranger.expect(200, 'GET', '/queue-settings')).toEqual({
        recordAll: false,
        language: 'vi',
      });
      const log = await admin.expect<AuditPage>(
        200,
        'GET',
        '/audit-log?action=queue_settings.update&pageSize=10',
      );
      expect(log.items[0]).toMatchObject({
        before: { recordAll: true, language: 'en' },
        after: { recordAll: true, language: 'vi' },
      });
    });

    it('given bad queue settings when saved then each field is named and nothing changes', async () => {
      const before = await admin.expect(200, 'GET', '/queue-settings');
      expect(await admin.fieldCodes('PUT', '/queue-settings', { recordAll: 'yes', language: 'fr' })).toEqual({
        recordAll: 'invalid_type',
        language: 'invalid_value',
      });
      const unknown = await admin.fieldCodes('PUT', '/queue-settings', { language: 'en', tenantId: 1 });
      expect(Object.keys(unknown)).toEqual(['tenantId']);
      expect(await admin.expect(200, 'GET', '/queue-settings')).toEqual(before);
    });
  });
});
