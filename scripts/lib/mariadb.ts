import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBinaries } from './apt.ts';
import { exec, run, which } from './exec.ts';
import { log, SetupError } from './log.ts';
import { assertDiskSpace, GiveUp, waitFor } from './net.ts';
import type { ProcessGroup } from './proc.ts';
import type { Profile } from './profile.ts';

export interface MariadbHandle {
  url: string;
  socket: string;
}

async function serverBinary(): Promise<string | null> {
  return (await which('mariadbd')) ?? (await which('mysqld'));
}

/** Starts the profile's private MariaDB (datadir, socket, port, logs under .runtime/). */
export async function startMariadb(
  profile: Profile,
  group: ProcessGroup,
  dbPassword: string,
  env: NodeJS.ProcessEnv,
): Promise<MariadbHandle> {
  if (!(await serverBinary())) {
    await ensureBinaries([{ bin: 'mariadbd', pkg: 'mariadb-server' }], 'The private MariaDB');
  }
  await ensureBinaries([{ bin: 'mariadb', pkg: 'mariadb-client' }], 'The private MariaDB');
  const bin = await serverBinary();
  if (!bin) throw new SetupError('mariadb-server is installed but no mariadbd/mysqld binary was found.');

  const dir = path.join(profile.dir, 'mariadb');
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  const errorLog = path.join(dir, 'error.log');
  mkdirSync(dir, { recursive: true });

  if (!existsSync(path.join(datadir, 'mysql'))) {
    assertDiskSpace(dir, 512 * 2 ** 20, 'the MariaDB data directory');
    log('mariadb', `initialising ${path.relative(process.cwd(), datadir)}`);
    const installDb = (await which('mariadb-install-db')) ?? (await which('mysql_install_db'));
    if (!installDb) throw new SetupError('mariadb-install-db not found: reinstall mariadb-server.');
    await run(installDb, [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--user=root',
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
    ]);
  }

  const server = group.spawn(
    'mariadb',
    bin,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${profile.ports.db}`,
      '--bind-address=127.0.0.1',
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--log-error=${errorLog}`,
      '--user=root',
      '--skip-name-resolve',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--innodb-buffer-pool-size=128M',
      '--innodb-flush-log-at-trx-commit=2',
      '--max-connections=300',
    ],
    { env },
  );

  const client = (await which('mariadb')) ?? 'mysql';
  const sql = (statement: string) => run(client, [`--socket=${socket}`, '-uroot', '-N', '-e', statement]);
  try {
    await waitFor(
      async () => {
        if (!server.running) throw new GiveUp('mariadbd exited');
        return (await exec(client, [`--socket=${socket}`, '-uroot', '-e', 'SELECT 1'])).code === 0;
      },
      'MariaDB to accept connections',
      60_000,
    );
  } catch (err) {
    const tail = existsSync(errorLog)
      ? readFileSync(errorLog, 'utf8').trim().split('\n').slice(-10).join('\n')
      : '';
    throw new SetupError(`MariaDB did not start (${(err as Error).message}).\n${tail}`);
  }

  const pw = dbPassword.replace(/'/g, "''");
  await sql(
    [
      'CREATE DATABASE IF NOT EXISTS webcall CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
      `CREATE USER IF NOT EXISTS 'webcall'@'127.0.0.1' IDENTIFIED BY '${pw}'`,
      `ALTER USER 'webcall'@'127.0.0.1' IDENTIFIED BY '${pw}'`,
      // Tests create throw-away databases named webcall_*.
      "GRANT ALL PRIVILEGES ON `webcall%`.* TO 'webcall'@'127.0.0.1'",
    ].join('; '),
  );
  log('mariadb', `ready on 127.0.0.1:${profile.ports.db} (socket ${path.relative(process.cwd(), socket)})`);
  return {
    url: `mysql://webcall:${encodeURIComponent(dbPassword)}@127.0.0.1:${profile.ports.db}/webcall`,
    socket,
  };
}
