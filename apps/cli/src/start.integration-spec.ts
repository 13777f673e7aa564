import { freePort, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '../../../dist/apps/cli/apps/cli/src/main.js');

describe('triggerline start (npm start)', () => {
  let nats: NatsTestServer;
  let dataDir: string;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'triggerline-start-'));
  });
  afterAll(async () => {
    await nats.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the four services with a new API key and SQLite files under the data folder, and stops on Ctrl-C', async () => {
    // Four consecutive free ports are likely but not certain; a clash shows as a failed start.
    const portBase = await freePort();
    const child = spawn('node', [cli, 'start'], {
      env: {
        ...process.env,
        NATS_URL: nats.url,
        TRIGGERLINE_DATA_DIR: dataDir,
        TRIGGERLINE_PORT_BASE: String(portBase),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const deadline = Date.now() + 60_000;
    while (!output.includes('Press Ctrl-C to stop.')) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`start did not come up:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const key = readFileSync(join(dataDir, 'api-key'), 'utf8').trim();
    expect(output).toContain(`API key (new, saved in ${join(dataDir, 'api-key')}): ${key}`);
    expect(statSync(join(dataDir, 'api-key')).mode & 0o777).toBe(0o600);
    for (const [offset, name] of [
      'event-gateway',
      'scheduler',
      'webhook-ingress',
      'workflow-runner',
    ].entries()) {
      const url = `http://127.0.0.1:${portBase + offset}`;
      expect(output).toContain(`${name.padEnd(16)} ${url}`);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(statSync(join(dataDir, `${name}.sqlite`)).isFile()).toBe(true);
    }

    const runner = `http://127.0.0.1:${portBase + 3}`;
    expect((await fetch(`${runner}/workflows`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(
      200,
    );
    expect((await fetch(`${runner}/workflows`)).status).toBe(401);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped.');
  }, 90_000);
});
