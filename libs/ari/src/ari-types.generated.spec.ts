import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DEFAULT_INPUT_DIR,
  DEFAULT_OUTPUT_FILE,
  generateAriTypes,
  loadAriSpec,
  main,
} from '../generator/generate-ari-types.js';
import type { AriHttpMethod, AriRequestOptions } from './ari-request.js';
import { ARI_EVENT_TYPES, ARI_RESOURCE_NAMES, createAriResources } from './generated/ari-types.js';

interface SwaggerParam {
  name: string;
  paramType: string;
  dataType: string;
}
interface SwaggerOp {
  httpMethod: string;
  nickname: string;
  upgrade?: string;
  parameters?: SwaggerParam[];
}
interface SwaggerFile {
  apis: { path: string; operations: SwaggerOp[] }[];
  models?: Record<string, { subTypes?: string[] }>;
}

const readSwagger = (name: string): SwaggerFile =>
  JSON.parse(readFileSync(join(DEFAULT_INPUT_DIR, `${name}.json`), 'utf8')) as SwaggerFile;

describe('generated ARI types', () => {
  it('is up to date with the generator and rest-api (else run `npm run ari:generate`)', () => {
    const expected = generateAriTypes(loadAriSpec(DEFAULT_INPUT_DIR));
    expect(readFileSync(DEFAULT_OUTPUT_FILE, 'utf8') === expected).toBe(true);
  });

  it('is deterministic', () => {
    expect(generateAriTypes(loadAriSpec(DEFAULT_INPUT_DIR))).toBe(
      generateAriTypes(loadAriSpec(DEFAULT_INPUT_DIR)),
    );
  });

  it('lists every event model of events.json', () => {
    const eventSubTypes = readSwagger('events').models?.Event.subTypes ?? [];
    expect(eventSubTypes.length).toBeGreaterThan(40);
    expect([...ARI_EVENT_TYPES]).toEqual([...eventSubTypes].sort());
    for (const name of [
      'StasisStart',
      'StasisEnd',
      'ChannelDtmfReceived',
      'PlaybackFinished',
      'ChannelDestroyed',
    ]) {
      expect(ARI_EVENT_TYPES).toContain(name);
    }
  });

  it('has one API per resource of resources.json', () => {
    expect([...ARI_RESOURCE_NAMES].sort()).toEqual(
      [
        'applications',
        'asterisk',
        'bridges',
        'channels',
        'deviceStates',
        'endpoints',
        'events',
        'mailboxes',
        'playbacks',
        'recordings',
        'sounds',
      ].sort(),
    );
  });

  describe('every operation', () => {
    const calls: { method: AriHttpMethod; path: string; options: AriRequestOptions | undefined }[] = [];
    const resources = createAriResources(async (method, path, options) => {
      calls.push({ method, path, options });
      return undefined as never;
    });

    const cases = ARI_RESOURCE_NAMES.flatMap((resource) =>
      readSwagger(resource).apis.flatMap((api) =>
        api.operations.filter((op) => !op.upgrade).map((op) => ({ resource, path: api.path, op })),
      ),
    );

    it('covers all Swagger operations except the WebSocket upgrade', () => {
      expect(cases.length).toBeGreaterThan(90);
      expect(cases.some((c) => c.resource === 'channels' && c.op.nickname === 'originate')).toBe(true);
    });

    it.each(cases.map((c) => [`${c.resource}.${c.op.nickname}`, c] as const))(
      '%s sends its method, path, query and body',
      async (_name, { resource, path, op }) => {
        const params: Record<string, unknown> = {};
        for (const p of op.parameters ?? []) {
          params[p.name] =
            p.paramType === 'path' ? `${p.name} value/x` : p.paramType === 'body' ? { sample: p.name } : 'v';
        }
        calls.length = 0;
        const api = resources[resource] as unknown as Record<string, (p?: unknown) => Promise<unknown>>;
        expect(typeof api[op.nickname]).toBe('function');
        await api[op.nickname](params);

        const expectedPath = path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
          encodeURIComponent(`${name} value/x`),
        );
        expect(calls).toHaveLength(1);
        const [call] = calls;
        expect(call.method).toBe(op.httpMethod);
        expect(call.path).toBe(expectedPath);
        const queryNames = (op.parameters ?? []).filter((p) => p.paramType === 'query').map((p) => p.name);
        expect(Object.keys(call.options?.query ?? {}).sort()).toEqual(queryNames.sort());
        for (const name of queryNames) expect(call.options?.query?.[name]).toBe('v');
        const bodyParams = (op.parameters ?? []).filter((p) => p.paramType === 'body');
        if (bodyParams.length === 0) {
          expect(call.options?.body).toBeUndefined();
        } else if (bodyParams[0].dataType === 'object') {
          expect(call.options?.body).toEqual({ sample: bodyParams[0].name });
        } else {
          expect(call.options?.body).toEqual(
            Object.fromEntries(bodyParams.map((p) => [p.name, { sample: p.name }])),
          );
        }
      },
    );
  });

  describe('the generator', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ari-gen-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes to the given output from the given input dir', () => {
      const output = join(dir, 'nested', 'types.ts');
      const logged: unknown[] = [];
      const original = console.log;
      console.log = (...args: unknown[]) => void logged.push(args);
      try {
        main(['node', 'generate-ari-types.ts', DEFAULT_INPUT_DIR, output]);
      } finally {
        console.log = original;
      }
      expect(readFileSync(output, 'utf8')).toBe(readFileSync(DEFAULT_OUTPUT_FILE, 'utf8'));
      expect(logged).toHaveLength(1);
    });

    it('fails loudly on a Swagger type it does not know', () => {
      const spec = loadAriSpec(DEFAULT_INPUT_DIR);
      const channels = spec.resources.find((r) => r.name === 'channels');
      const channel = channels?.declaration.models?.Channel;
      if (!channel?.properties) throw new Error('Channel model missing');
      channel.properties.id.type = 'Uuid';
      expect(() => generateAriTypes(spec)).toThrow('Unknown Swagger type "Uuid" in Channel.id');
    });
  });
});
