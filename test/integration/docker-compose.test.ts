/**
 * docker/ is for users who deploy with Docker; no Docker engine runs here. What can be checked
 * without one is checked with real tools: Docker Compose v2's own `config` (found or installed by
 * docker/ensure-compose.sh) validates and resolves docker/compose.yaml, and the Asterisk image's
 * entrypoint renders the real asterisk-conf templates with the environment that container gets.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COMPOSE_FILE = path.join(ROOT, 'docker/compose.yaml');
const EXAMPLE_ENV = path.join(ROOT, 'docker/.env.example');
const ENTRYPOINT = path.join(ROOT, 'docker/asterisk-entrypoint.sh');
const TEMPLATES = path.join(ROOT, 'asterisk-conf');
const REQUIRED_SECRETS = [
  'MARIADB_ROOT_PASSWORD',
  'MARIADB_PASSWORD',
  'ARI_PASSWORD',
  'AMI_SECRET',
  'JWT_SECRET',
  'SIP_SECRET_KEY',
  'CALLFLOW_EVENTS_TOKEN',
];
const SERVICES = ['api', 'asterisk', 'callflow', 'mariadb'];

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface PortConfig {
  target: number;
  published?: string | number;
  host_ip?: string;
  protocol?: string;
}

interface ServiceConfig {
  environment?: Record<string, string | null>;
  ports?: PortConfig[];
}

interface ComposeConfig {
  name: string;
  services: Record<string, ServiceConfig>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Only what the tools need: variables of the test runner's own stack (ARI_PASSWORD, …) would
 * otherwise take precedence over the env file under test.
 */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.tmpdir(),
  };
  if (process.env.DOCKER_CONFIG) env.DOCKER_CONFIG = process.env.DOCKER_CONFIG;
  return { ...env, ...extra };
}

/** KEY=value lines of an env file (comments and blank lines skipped). */
function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1], match[2]);
  }
  return values;
}

/** The ENV instructions of a Dockerfile (this repo's simple KEY=value form, no quoting). */
function dockerfileEnv(file: string): Record<string, string> {
  const instructions = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim());
  const env: Record<string, string> = {};
  for (const instruction of instructions.filter((line) => /^ENV\s/i.test(line))) {
    for (const pair of instruction.split(/\s+/).slice(1)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

/** Every published port of the resolved config, one entry per port (compose expands ranges). */
function publishedPorts(config: ComposeConfig) {
  return Object.entries(config.services).flatMap(([service, s]) =>
    (s.ports ?? []).map((p) => ({
      service,
      target: p.target,
      // A string in Compose v2's JSON; normalised in case another version prints a number.
      published: String(p.published),
      hostIp: p.host_ip,
    })),
  );
}

describe('docker/compose.yaml', () => {
  let compose: string[] = [];
  let scratch = '';

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'webcall-docker-'));
    // Finds Docker Compose v2, installing Debian's package when this machine has none.
    const found = await run('bash', [path.join(ROOT, 'docker/ensure-compose.sh')], process.env);
    if (found.code !== 0) throw new Error(`docker/ensure-compose.sh failed:\n${found.stderr}`);
    compose = found.stdout.trim().split(/\s+/);
  }, 300_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  function writeEnvFile(name: string, values: Map<string, string>): string {
    const file = path.join(scratch, name);
    writeFileSync(file, [...values].map(([key, value]) => `${key}=${value}\n`).join(''));
    return file;
  }

  async function composeConfig(envFile: string): Promise<RunResult> {
    const [command, ...prefix] = compose;
    return run(
      command,
      [...prefix, '-f', COMPOSE_FILE, '--env-file', envFile, 'config', '--format', 'json'],
      cleanEnv(),
    );
  }

  async function resolvedConfig(envFile: string): Promise<ComposeConfig> {
    const result = await composeConfig(envFile);
    if (result.code !== 0) {
      throw new Error(`${compose.join(' ')} config exited with ${result.code}:\n${result.stderr}`);
    }
    return JSON.parse(result.stdout) as ComposeConfig;
  }

  describe('given the example env file docker/.env.example', () => {
    it('when compose config resolves the file, then it is valid and defines mariadb, asterisk, api and callflow', async () => {
      const config = await resolvedConfig(EXAMPLE_ENV);

      expect(config.name).toBe('webcall');
      expect(Object.keys(config.services).sort()).toEqual(SERVICES);
    });

    it('when compose config resolves the file, then the api publishes 8080 and no service publishes AMI 5038', async () => {
      const ports = publishedPorts(await resolvedConfig(EXAMPLE_ENV));

      expect(ports.filter((p) => p.service === 'api')).toEqual([
        expect.objectContaining({ target: 8080, published: '8080' }),
      ]);
      expect(ports.filter((p) => p.target === 5038 || p.published === '5038')).toEqual([]);
      expect(ports.filter((p) => p.service === 'mariadb')).toEqual([]);
    });

    it('when compose config resolves the file, then ARI (8088) is published on loopback only', async () => {
      const ports = publishedPorts(await resolvedConfig(EXAMPLE_ENV));

      expect(ports.filter((p) => p.target === 8088)).toEqual([
        expect.objectContaining({ service: 'asterisk', hostIp: '127.0.0.1', published: '8088' }),
      ]);
    });
  });

  describe('given an env file with fresh random secrets', () => {
    it('when compose config resolves the file, then each secret reaches exactly the services that use it', async () => {
      const secrets = new Map(REQUIRED_SECRETS.map((name) => [name, randomBytes(16).toString('hex')]));
      const config = await resolvedConfig(writeEnvFile('random.env', secrets));
      const env = (service: string) => config.services[service].environment ?? {};
      const s = (name: string) => secrets.get(name) as string;

      expect(env('mariadb')).toMatchObject({
        MARIADB_ROOT_PASSWORD: s('MARIADB_ROOT_PASSWORD'),
        MARIADB_PASSWORD: s('MARIADB_PASSWORD'),
      });
      expect(env('asterisk')).toMatchObject({ ARI_PASSWORD: s('ARI_PASSWORD'), AMI_SECRET: s('AMI_SECRET') });
      for (const service of ['api', 'callflow']) {
        expect(env(service)).toMatchObject({
          DATABASE_URL: `mysql://webcall:${s('MARIADB_PASSWORD')}@mariadb:3306/webcall`,
          ARI_URL: 'http://asterisk:8088',
          ARI_PASSWORD: s('ARI_PASSWORD'),
          AMI_HOST: 'asterisk',
          AMI_PORT: '5038',
          AMI_SECRET: s('AMI_SECRET'),
        });
      }
      expect(env('api').DB_MIGRATE).toBe('true');
      expect(env('api').JWT_SECRET).toBe(s('JWT_SECRET'));
      expect(JSON.stringify(config.services.callflow)).not.toContain(s('JWT_SECRET'));
      expect(env('api').SIP_SECRET_KEY).toBe(s('SIP_SECRET_KEY'));
      expect(JSON.stringify(config.services.callflow)).not.toContain(s('SIP_SECRET_KEY'));
      expect(env('callflow').DB_MIGRATE).toBeUndefined();
      // The live event stream's token is shared by exactly its two ends.
      const eventTokenUsers = SERVICES.filter((service) =>
        JSON.stringify(config.services[service]).includes(s('CALLFLOW_EVENTS_TOKEN')),
      );
      expect(eventTokenUsers).toEqual(['api', 'callflow']);
      expect(env('api').CALLFLOW_EVENTS_URL).toBe('ws://callflow:8089/events');
      // The root password is for the database container alone.
      const rootPasswordUsers = SERVICES.filter((service) =>
        JSON.stringify(config.services[service]).includes(s('MARIADB_ROOT_PASSWORD')),
      );
      expect(rootPasswordUsers).toEqual(['mariadb']);
    });
  });

  describe.each(REQUIRED_SECRETS)('given an env file without %s', (secret) => {
    it(`when compose config resolves the file, then it exits non-zero naming ${secret}`, async () => {
      const values = parseEnvFile(readFileSync(EXAMPLE_ENV, 'utf8'));
      expect(values.has(secret)).toBe(true);
      values.delete(secret);

      const result = await composeConfig(writeEnvFile(`without-${secret}.env`, values));

      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(secret);
      expect(result.stderr).toContain('docker/.env');
    });
  });

  describe('given the asterisk-conf templates and the environment of the asterisk container', () => {
    it('when the entrypoint renders them, then every placeholder is resolved from the image and compose values', async () => {
      const config = await resolvedConfig(EXAMPLE_ENV);
      const fromCompose = Object.fromEntries(
        Object.entries(config.services.asterisk.environment ?? {}).filter(
          (entry): entry is [string, string] => entry[1] !== null,
        ),
      );
      const fromImage = dockerfileEnv(path.join(ROOT, 'docker/asterisk.Dockerfile'));
      // The image's directories are placeholders too; point them at scratch so that rendering
      // here (as root, on a machine that may have an asterisk user) never touches /var or /etc.
      const dirs = Object.fromEntries(
        Object.keys(fromImage)
          .filter((key) => /^AST_[A-Z]+_DIR$/.test(key))
          .map((key) => [key, path.join(scratch, 'real', key.toLowerCase())]),
      );
      const etc = path.join(scratch, 'real', 'etc');

      const result = await run(
        'bash',
        [ENTRYPOINT, 'true'],
        cleanEnv({
          ...fromImage,
          ...fromCompose,
          ...dirs,
          ASTERISK_TEMPLATE_DIR: TEMPLATES,
          ASTERISK_CONFIG_DIR: etc,
        }),
      );

      if (result.code !== 0) {
        throw new Error(`the entrypoint exited with ${result.code}:\n${result.stderr}`);
      }
      const templates = readdirSync(TEMPLATES).filter((f) => f.endsWith('.conf'));
      expect(
        readdirSync(etc)
          .filter((f) => f.endsWith('.conf'))
          .sort(),
      ).toEqual(templates.sort());
      const leftovers = templates.filter((f) =>
        /\{\{[A-Za-z0-9_]+\}\}/.test(readFileSync(path.join(etc, f), 'utf8')),
      );
      expect(leftovers).toEqual([]);
      expect(readFileSync(path.join(etc, 'ari.conf'), 'utf8')).toContain(
        `password = ${fromCompose.ARI_PASSWORD}`,
      );
      expect(readdirSync(path.join(etc, 'generated'))).toEqual([]);
    });
  });

  describe('given templates using values with sed and glob special characters', () => {
    it('when the entrypoint renders them, then the values are written literally', async () => {
      const templates = path.join(scratch, 'special', 'templates');
      const etc = path.join(scratch, 'special', 'etc');
      mkdirSync(templates, { recursive: true });
      writeFileSync(
        path.join(templates, 'a.conf'),
        'secret = {{SECRET}}\nport = {{PORT}}\nagain = {{SECRET}}\n\n',
      );
      // "{{PORT}}" inside a value is data, not a placeholder.
      const value = String.raw`a&b\1/c|d*e$f{{PORT}}`;

      const result = await run(
        'bash',
        [ENTRYPOINT, 'true'],
        cleanEnv({ SECRET: value, PORT: '5060', ASTERISK_TEMPLATE_DIR: templates, ASTERISK_CONFIG_DIR: etc }),
      );

      expect(result.code).toBe(0);
      expect(readFileSync(path.join(etc, 'a.conf'), 'utf8')).toBe(
        `secret = ${value}\nport = 5060\nagain = ${value}\n\n`,
      );
    });
  });

  describe('given a template with a placeholder that has no environment variable', () => {
    it('when the entrypoint runs, then it fails naming the variable and the file, and renders nothing', async () => {
      const templates = path.join(scratch, 'missing', 'templates');
      const etc = path.join(scratch, 'missing', 'etc');
      mkdirSync(templates, { recursive: true });
      writeFileSync(path.join(templates, 'ok.conf'), 'port = {{SIP_PORT}}\n');
      writeFileSync(
        path.join(templates, 'ari.conf'),
        'user = {{WEBCALL_TEST_UNSET_SECRET}}\npassword = {{WEBCALL_TEST_UNSET_SECRET}}\n',
      );

      const result = await run(
        'bash',
        [ENTRYPOINT, 'echo', 'asterisk would start'],
        cleanEnv({ SIP_PORT: '5060', ASTERISK_TEMPLATE_DIR: templates, ASTERISK_CONFIG_DIR: etc }),
      );

      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('WEBCALL_TEST_UNSET_SECRET (used in ari.conf)');
      expect(result.stdout).not.toContain('asterisk would start');
      expect(readdirSync(etc)).toEqual([]);
    });
  });
});
