/**
 * Generates libs/ari/src/generated/ari-types.ts from Asterisk's own Swagger 1.2 files
 * (`rest-api/*.json`): one interface per model, every event with its literal `type`, the
 * `AriEvent` union and `AriEventMap`, and one typed API class per resource whose methods call
 * an injected `request(method, path, { query, body })`.
 *
 * Run directly by Node's type stripping (no build step), so only erasable TypeScript here:
 *   node libs/ari/generator/generate-ari-types.ts [rest-api-dir] [output-file]
 * The output is deterministic (no timestamps, stable ordering) so it can be committed and a
 * unit test can assert it is up to date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface AllowableValues {
  valueType: 'LIST' | 'RANGE';
  values?: string[];
  min?: number;
  max?: number;
}

interface SwaggerProperty {
  type: string;
  description?: string;
  required?: boolean;
  allowableValues?: AllowableValues;
}

interface SwaggerModel {
  id: string;
  description?: string;
  properties?: Record<string, SwaggerProperty>;
  discriminator?: string;
  subTypes?: string[];
}

interface SwaggerParameter {
  name: string;
  description?: string;
  /** A typo in Asterisk's endpoints.json. */
  descriptioni?: string;
  paramType: 'path' | 'query' | 'body';
  required?: boolean;
  allowMultiple?: boolean;
  dataType: string;
  defaultValue?: unknown;
  allowableValues?: AllowableValues;
}

interface SwaggerOperation {
  httpMethod: string;
  summary?: string;
  notes?: string;
  nickname: string;
  responseClass: string;
  parameters?: SwaggerParameter[];
  errorResponses?: { code: number; reason: string }[];
  upgrade?: string;
}

interface SwaggerApiDeclaration {
  apiVersion: string;
  resourcePath: string;
  apis: { path: string; description?: string; operations: SwaggerOperation[] }[];
  models?: Record<string, SwaggerModel>;
}

interface SwaggerResourceListing {
  apiVersion: string;
  apis: { path: string; description?: string }[];
}

export interface AriSpec {
  /** ARI version from resources.json (e.g. 10.0.0 for Asterisk 22). */
  apiVersion: string;
  /** One entry per resource, in resources.json order. */
  resources: { name: string; description: string; declaration: SwaggerApiDeclaration }[];
}

const ROOT_EVENT_MODEL = 'Message';

/** Reads resources.json and every API declaration it lists from `dir`. */
export function loadAriSpec(dir: string): AriSpec {
  const readJson = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const listing = readJson('resources.json') as SwaggerResourceListing;
  const resources = listing.apis.map((api) => {
    const match = /^\/api-docs\/([A-Za-z]+)\.\{format\}$/.exec(api.path);
    if (!match) throw new Error(`Unexpected API path in resources.json: ${api.path}`);
    const name = match[1];
    return {
      name,
      description: api.description ?? name,
      declaration: readJson(`${name}.json`) as SwaggerApiDeclaration,
    };
  });
  return { apiVersion: listing.apiVersion, resources };
}

// ---------------------------------------------------------------------------------------------
// Small text helpers

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** A JSDoc block (or nothing) at the given indentation; never lets `*\/` end it early. */
function doc(lines: (string | undefined)[], indent: string): string[] {
  const text = lines
    .filter((line): line is string => line !== undefined && line.trim().length > 0)
    .flatMap((line) => line.split('\n'))
    .map((line) => line.trim().replace(/\*\//g, '*\\/'));
  if (text.length === 0) return [];
  if (text.length === 1) return [`${indent}/** ${text[0]} */`];
  return [`${indent}/**`, ...text.map((line) => `${indent} *${line ? ` ${line}` : ''}`), `${indent} */`];
}

// ---------------------------------------------------------------------------------------------
// Types

/** Maps a Swagger 1.2 type name (as used by Asterisk) to TypeScript; unknown names fail loudly. */
function tsType(swaggerType: string, models: ReadonlyMap<string, SwaggerModel>, where: string): string {
  const list = /^List\[(.+)\]$/.exec(swaggerType);
  if (list) {
    const item = tsType(list[1], models, where);
    return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
  }
  switch (swaggerType) {
    case 'string':
    case 'Date':
      return 'string';
    case 'int':
    case 'long':
    case 'double':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
    case 'containers':
      return 'Record<string, unknown>';
    case 'binary':
      return 'ArrayBuffer';
    case 'void':
      return 'void';
    default:
      if (models.has(swaggerType)) return swaggerType;
      throw new Error(`Unknown Swagger type "${swaggerType}" in ${where}`);
  }
}

function literalUnion(values: string[]): string {
  return values.map(quote).join(' | ');
}

function valueType(
  swaggerType: string,
  allowable: AllowableValues | undefined,
  models: ReadonlyMap<string, SwaggerModel>,
  where: string,
): string {
  if (allowable?.valueType === 'LIST' && allowable.values && swaggerType === 'string') {
    return literalUnion(allowable.values);
  }
  return tsType(swaggerType, models, where);
}

function rangeNote(allowable: AllowableValues | undefined): string | undefined {
  if (allowable?.valueType !== 'RANGE') return undefined;
  const parts: string[] = [];
  if (allowable.min !== undefined) parts.push(`@minimum ${allowable.min}`);
  if (allowable.max !== undefined) parts.push(`@maximum ${allowable.max}`);
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Models and events

interface ModelIndex {
  models: Map<string, SwaggerModel>;
  /** Child model → parent model, from `subTypes`. */
  parents: Map<string, string>;
  /** Every concrete model below Message (the events, plus MissingParams), sorted. */
  messageLeaves: string[];
  /** Every concrete model below Event, sorted. */
  eventTypes: string[];
}

function indexModels(spec: AriSpec): ModelIndex {
  const models = new Map<string, SwaggerModel>();
  for (const resource of spec.resources) {
    for (const [name, model] of Object.entries(resource.declaration.models ?? {})) {
      if (models.has(name)) throw new Error(`Model ${name} is declared twice (${resource.name})`);
      if (model.id !== name) throw new Error(`Model key ${name} differs from its id ${model.id}`);
      models.set(name, model);
    }
  }
  const parents = new Map<string, string>();
  for (const [name, model] of models) {
    for (const sub of model.subTypes ?? []) {
      if (!models.has(sub)) throw new Error(`Model ${name} lists unknown subtype ${sub}`);
      parents.set(sub, name);
    }
  }
  const leavesBelow = (root: string): string[] => {
    const out: string[] = [];
    const visit = (name: string): void => {
      const subs = models.get(name)?.subTypes ?? [];
      if (subs.length === 0 && name !== root) out.push(name);
      subs.forEach(visit);
    };
    visit(root);
    return out.sort();
  };
  if (!models.has(ROOT_EVENT_MODEL)) throw new Error(`No ${ROOT_EVENT_MODEL} model in events.json`);
  return { models, parents, messageLeaves: leavesBelow(ROOT_EVENT_MODEL), eventTypes: leavesBelow('Event') };
}

function isInMessageTree(name: string, index: ModelIndex): boolean {
  for (let current: string | undefined = name; current; current = index.parents.get(current)) {
    if (current === ROOT_EVENT_MODEL) return true;
  }
  return false;
}

function renderModel(name: string, index: ModelIndex): string[] {
  const model = index.models.get(name)!;
  const parent = index.parents.get(name);
  const properties = Object.entries(model.properties ?? {});
  const isLeafMessage = index.messageLeaves.includes(name);
  const lines = doc([model.description], '');
  if (!parent && !isLeafMessage && properties.length === 0) {
    // An empty interface is a lint error and says nothing: Asterisk documents no fields.
    lines.push(`export type ${name} = Record<string, unknown>;`);
    return lines;
  }
  lines.push(`export interface ${name}${parent ? ` extends ${parent}` : ''} {`);
  if (isLeafMessage) {
    lines.push(...doc(['Discriminator: the name of this message type.'], '  '));
    lines.push(`  type: ${quote(name)};`);
  }
  for (const [propName, prop] of properties) {
    const where = `${name}.${propName}`;
    const type = valueType(prop.type, prop.allowableValues, index.models, where);
    lines.push(...doc([prop.description, rangeNote(prop.allowableValues)], '  '));
    lines.push(`  ${propertyKey(propName)}${prop.required ? '' : '?'}: ${type};`);
  }
  lines.push('}');
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Operations

/**
 * Swagger 1.2 calls JSON bodies `containers` and says nothing of their shape; Asterisk documents
 * it in prose. These are the documented shapes of the body parameters it uses.
 */
function bodyParamType(
  param: SwaggerParameter,
  models: ReadonlyMap<string, SwaggerModel>,
  where: string,
): string {
  const description = param.description ?? param.descriptioni ?? '';
  if (param.dataType === 'containers' && param.name === 'fields') return 'ConfigTuple[]';
  if (param.dataType === 'containers' && param.name === 'variables') {
    return description.includes('report_events') ? 'AriVariables' : 'Record<string, string>';
  }
  return tsType(param.dataType, models, where);
}

interface RenderedOperation {
  paramsInterface: string[];
  method: string[];
}

function errorClassFor(code: number): string {
  if (code === 404) return 'AriNotFoundError';
  if (code === 409) return 'AriConflictError';
  if (code === 400 || code === 422) return 'AriBadRequestError';
  return 'AriError';
}

function renderOperation(
  resourceName: string,
  apiPath: string,
  op: SwaggerOperation,
  models: ReadonlyMap<string, SwaggerModel>,
): RenderedOperation {
  const where = `${resourceName}.${op.nickname}`;
  const params = op.parameters ?? [];
  const seen = new Set<string>();
  for (const param of params) {
    if (seen.has(param.name)) throw new Error(`Duplicate parameter ${param.name} in ${where}`);
    seen.add(param.name);
  }
  const pathParams = params.filter((p) => p.paramType === 'path');
  const queryParams = params.filter((p) => p.paramType === 'query');
  const bodyParams = params.filter((p) => p.paramType === 'body');
  const wholeBody = bodyParams.filter((p) => p.dataType === 'object');
  if (wholeBody.length > 1 || (wholeBody.length === 1 && bodyParams.length > 1)) {
    throw new Error(`Cannot combine body parameters of ${where}`);
  }
  const placeholders = [...apiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const name of placeholders) {
    if (!pathParams.some((p) => p.name === name))
      throw new Error(`Path ${apiPath} of ${where} has no ${name}`);
  }

  const returnType = tsType(op.responseClass, models, `${where} response`);
  const paramsName = `${pascal(resourceName)}${pascal(op.nickname)}Params`;
  const paramsInterface: string[] = [];
  if (params.length > 0) {
    paramsInterface.push(
      ...doc([`Parameters of \`${resourceName}.${op.nickname}\` (${op.httpMethod} ${apiPath}).`], ''),
    );
    paramsInterface.push(`export interface ${paramsName} {`);
    for (const param of params) {
      const description = param.description ?? param.descriptioni;
      let type: string;
      if (param.paramType === 'body') {
        type = bodyParamType(param, models, `${where}.${param.name}`);
      } else {
        type = valueType(param.dataType, param.allowableValues, models, `${where}.${param.name}`);
        if (param.allowMultiple) {
          const item = type.includes(' | ') ? `(${type})` : type;
          type = `${type} | readonly ${item}[]`;
        }
      }
      // Asterisk marks some path parameters optional, but a path cannot have a hole.
      const required = param.required === true || param.paramType === 'path';
      const notes = [
        description,
        param.allowMultiple ? 'Several values are sent comma-separated.' : undefined,
        param.paramType === 'body'
          ? `Sent in the JSON body${param.dataType === 'object' ? '' : ` as \`${param.name}\``}.`
          : undefined,
        param.defaultValue !== undefined ? `@default ${JSON.stringify(param.defaultValue)}` : undefined,
        rangeNote(param.allowableValues),
      ];
      paramsInterface.push(...doc(notes, '  '));
      paramsInterface.push(`  ${propertyKey(param.name)}${required ? '' : '?'}: ${type};`);
    }
    paramsInterface.push('}');
  }

  const allOptional = params.every((p) => p.paramType !== 'path' && p.required !== true);
  const signature =
    params.length === 0
      ? `${op.nickname}(): Promise<${returnType}>`
      : `${op.nickname}(params: ${paramsName}${allOptional ? ' = {}' : ''}): Promise<${returnType}>`;

  const access = (name: string): string =>
    IDENTIFIER.test(name) ? `params.${name}` : `params[${quote(name)}]`;
  const pathExpr = placeholders.length
    ? '`' +
      apiPath.replace(/\{([^}]+)\}/g, (_m, name: string) => `\${encodeURIComponent(${access(name)})}`) +
      '`'
    : quote(apiPath);

  const options: string[] = [];
  if (queryParams.length > 0) {
    const entries = queryParams.map((p) => `        ${propertyKey(p.name)}: ${access(p.name)},`);
    options.push(['query: {', ...entries, '      }'].join('\n'));
  }
  if (wholeBody.length === 1) {
    options.push(`body: ${access(wholeBody[0].name)}`);
  } else if (bodyParams.length > 0) {
    const entries = bodyParams.map((p) => `${propertyKey(p.name)}: ${access(p.name)}`);
    options.push(`body: jsonBody({ ${entries.join(', ')} })`);
  }
  if (op.responseClass === 'binary') options.push(`responseType: 'arraybuffer'`);

  const call =
    options.length === 0
      ? [`    return this.#request<${returnType}>(${quote(op.httpMethod)}, ${pathExpr});`]
      : [
          `    return this.#request<${returnType}>(${quote(op.httpMethod)}, ${pathExpr}, {`,
          ...options.map((option) => `      ${option},`),
          '    });',
        ];

  const throwsLines = (op.errorResponses ?? []).map(
    (e) => `@throws {${errorClassFor(e.code)}} ${e.code} ${e.reason}`,
  );
  const method = [
    ...doc([op.summary, op.notes, `\`${op.httpMethod} ${apiPath}\``, ...throwsLines], '  '),
    `  ${signature} {`,
    ...call,
    '  }',
  ];
  return { paramsInterface, method };
}

// ---------------------------------------------------------------------------------------------
// Whole file

export function generateAriTypes(spec: AriSpec): string {
  const index = indexModels(spec);
  const out: string[] = [];
  const emit = (...lines: string[]): void => {
    out.push(...lines);
  };

  emit(
    "// Generated by libs/ari/generator/generate-ari-types.ts from Asterisk's rest-api/*.json.",
    '// Do not edit: change the generator or the input files, then run `npm run ari:generate`.',
    '',
    "import type { AriRequest } from '../ari-request.js';",
    '',
    `/** ARI version of the Swagger files these types were generated from. */`,
    `export const ARI_API_VERSION = ${quote(spec.apiVersion)};`,
    '',
    '/** A variable value in bodies that accept `report_events` (include changes in channel/bridge events). */',
    'export interface AriVariableValue {',
    '  value: string;',
    '  report_events?: boolean;',
    '}',
    '',
    '/** Variables to set, each a plain string or a value with `report_events`. */',
    'export type AriVariables = Record<string, string | AriVariableValue>;',
    '',
    '// ---- Models --------------------------------------------------------------------------------',
  );

  const names = [...index.models.keys()];
  const plainModels = names.filter((name) => !isInMessageTree(name, index)).sort();
  for (const name of plainModels) emit('', ...renderModel(name, index));

  emit('', '// ---- Events --------------------------------------------------------------------------------');
  const abstractMessages = names.filter((n) => isInMessageTree(n, index) && !index.messageLeaves.includes(n));
  const messageOrder = [
    ...abstractMessages.sort((a, b) => depth(a, index) - depth(b, index) || a.localeCompare(b)),
    ...index.messageLeaves,
  ];
  for (const name of messageOrder) emit('', ...renderModel(name, index));

  emit(
    '',
    '/** Every event type Asterisk sends on the ARI WebSocket, by its `type`. */',
    'export interface AriEventMap {',
    ...index.eventTypes.map((name) => `  ${name}: ${name};`),
    '}',
    '',
    '/** Name of an ARI event type. */',
    'export type AriEventType = keyof AriEventMap;',
    '',
    '/** Any ARI event (discriminated by `type`). */',
    'export type AriEvent = AriEventMap[AriEventType];',
    '',
    '/** Every message on the ARI WebSocket: the events plus protocol messages such as MissingParams. */',
    `export type AriMessage = ${index.messageLeaves.join(' | ')};`,
    '',
    '/** The event type names, sorted. */',
    'export const ARI_EVENT_TYPES: readonly AriEventType[] = [',
    ...index.eventTypes.map((name) => `  ${quote(name)},`),
    '];',
    '',
    '// ---- Operations ----------------------------------------------------------------------------',
    '',
    '/** Drops undefined members; undefined when nothing is left, so no body is sent at all. */',
    'function jsonBody(members: Record<string, unknown>): Record<string, unknown> | undefined {',
    '  const entries = Object.entries(members).filter(([, value]) => value !== undefined);',
    '  return entries.length === 0 ? undefined : Object.fromEntries(entries);',
    '}',
  );

  const resourceClasses: { name: string; className: string; description: string }[] = [];
  for (const resource of spec.resources) {
    const className = `${pascal(resource.name)}Api`;
    const methods: string[][] = [];
    const interfaces: string[][] = [];
    const nicknames = new Set<string>();
    for (const api of resource.declaration.apis) {
      for (const op of api.operations) {
        // The WebSocket upgrade (GET /events) is the event stream itself, not a REST call.
        if (op.upgrade) continue;
        if (nicknames.has(op.nickname)) throw new Error(`Duplicate nickname ${resource.name}.${op.nickname}`);
        nicknames.add(op.nickname);
        const rendered = renderOperation(resource.name, api.path, op, index.models);
        if (rendered.paramsInterface.length > 0) interfaces.push(rendered.paramsInterface);
        methods.push(rendered.method);
      }
    }
    if (methods.length === 0) continue;
    resourceClasses.push({ name: resource.name, className, description: resource.description });
    for (const lines of interfaces) emit('', ...lines);
    emit(
      '',
      ...doc([`${resource.description} (\`/${resource.name}\`).`], ''),
      `export class ${className} {`,
      '  readonly #request: AriRequest;',
      '',
      '  constructor(request: AriRequest) {',
      '    this.#request = request;',
      '  }',
    );
    for (const method of methods) emit('', ...method);
    emit('}');
  }

  emit(
    '',
    '/** One typed API object per ARI resource. */',
    'export interface AriResources {',
    ...resourceClasses.map((r) => `  ${r.name}: ${r.className};`),
    '}',
    '',
    '/** The resource names of {@link AriResources}, in resources.json order. */',
    'export const ARI_RESOURCE_NAMES: readonly (keyof AriResources)[] = [',
    ...resourceClasses.map((r) => `  ${quote(r.name)},`),
    '];',
    '',
    '/** Builds every resource API on top of one request function. */',
    'export function createAriResources(request: AriRequest): AriResources {',
    '  return {',
    ...resourceClasses.map((r) => `    ${r.name}: new ${r.className}(request),`),
    '  };',
    '}',
    '',
  );
  return out.join('\n');
}

function depth(name: string, index: ModelIndex): number {
  let d = 0;
  for (let p = index.parents.get(name); p; p = index.parents.get(p)) d += 1;
  return d;
}

// ---------------------------------------------------------------------------------------------
// CLI

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_INPUT_DIR = resolve(here, '../rest-api');
export const DEFAULT_OUTPUT_FILE = resolve(here, '../src/generated/ari-types.ts');

export function main(argv: readonly string[]): void {
  const inputDir = resolve(argv[2] ?? DEFAULT_INPUT_DIR);
  const outputFile = resolve(argv[3] ?? DEFAULT_OUTPUT_FILE);
  const text = generateAriTypes(loadAriSpec(inputDir));
  mkdirSync(dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, text);
  console.log(`ARI types written to ${outputFile} (${text.length} characters) from ${inputDir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv);
}
