import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type NatsTestServer, startNatsTestServer } from '@triggerline/testing';

// The built CLI, run as a user runs it (nx builds it before this test).
const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = join(workspaceRoot, 'dist/apps/cli/apps/cli/src/main.js');
const run = promisify(execFile);

describe('triggerline CLI', () => {
  let server: NatsTestServer;

  beforeAll(async () => {
    server = await startNatsTestServer();
  });
  afterAll(() => server.dispose());

  it('provisions the five streams on NATS_URL and lists them', async () => {
    const { stdout } = await run('node', [cli, 'streams'], { env: { ...process.env, NATS_URL: server.url } });

    const rows = stdout.split('\n').filter((line) => /^(EVENTS|RUNS|RUN_RESULTS|WORKFLOWS|DLQ)\s/.test(line));
    expect(rows.map((row) => row.split(/\s+/).slice(0, 4))).toEqual([
      ['EVENTS', 'events.>', '1', '0'],
      ['RUNS', 'runs.requested.>', '1', '0'],
      ['RUN_RESULTS', 'runs.finished.>', '1', '0'],
      ['WORKFLOWS', 'workflows.>', '1', '0'],
      ['DLQ', 'dlq.>', '1', '0'],
    ]);
  });

  it('lists every event type of the catalog', async () => {
    const { stdout } = await run('node', [cli, 'events', 'types']);

    expect(stdout).toMatch(
      /^invoice\.created\s+invoices\s+invoice_id, invoice_number, customer_id, amount, currency, due_date$/m,
    );
  });

  it('exits non-zero with the reason on an unknown command', async () => {
    await expect(run('node', [cli, 'frobnicate'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('triggerline: unknown command "frobnicate"'),
    });
  });

  it("prints a group's commands with --help, and exits 1 naming an unknown one", async () => {
    const { stdout } = await run('node', [cli, 'webhooks', '--help']);
    expect(stdout).toMatch(/^ {2}send ID\|PATH \[--data JSON\]/m);

    await expect(run('node', [cli, 'executions', 'replay'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('triggerline: unknown command "executions replay"'),
    });
  });
});
