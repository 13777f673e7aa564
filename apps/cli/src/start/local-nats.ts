import { connect } from '@nats-io/transport-node';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface NatsForLocalRun {
  url: string;
  /** Set when we started the server ourselves; stopped last. */
  process?: ChildProcess;
}

async function reachable(url: string): Promise<boolean> {
  try {
    const connection = await connect({ servers: url, timeout: 1_000, reconnect: false });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

function natsServerBinary(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  return existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : undefined;
}

/** NATS_URL when something answers there; otherwise a local `nats-server -js` keeping its data under ./data/nats. */
export async function natsForLocalRun(
  url: string,
  dataDir: string,
  log: (line: string) => void,
): Promise<NatsForLocalRun> {
  if (await reachable(url)) return { url };
  const binary = natsServerBinary();
  if (!binary) {
    throw new Error(
      `no NATS server answers at ${url}, and nats-server is not installed.\n` +
        '  Install it (Debian/Ubuntu: apt-get install nats-server; macOS: brew install nats-server)\n' +
        '  or point NATS_URL at a NATS server with JetStream enabled.',
    );
  }
  const { hostname, port } = new URL(url.replace(/^nats:/, 'http:'));
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  log(`no NATS at ${url}: starting ${binary} -js (data in ${storeDir})`);
  const child = spawn(binary, ['-a', hostname, '-p', port || '4222', '-js', '-sd', storeDir], {
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await reachable(url)) return { url, process: child };
    if (child.exitCode !== null)
      throw new Error(`nats-server exited with ${child.exitCode}; is port ${port || 4222} taken?`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`nats-server did not answer at ${url} within 10 s`);
}
