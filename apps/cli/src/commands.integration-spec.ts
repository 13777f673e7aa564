import { expectEventually, freePort, type NatsTestServer, startNatsTestServer } from '@triggerline/testing';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built CLI, run as a user runs it, against the four built services that `triggerline start`
// runs (a private nats-server, SQLite files in a temp folder).
const cliMain = join(dirname(fileURLToPath(import.meta.url)), '../../../dist/apps/cli/apps/cli/src/main.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

describe('triggerline commands against the running services', () => {
  let nats: NatsTestServer;
  let dataDir: string;
  let supervisor: ChildProcess;
  let env: NodeJS.ProcessEnv;
  let portBase: number;

  const cliWith = (extraEnv: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile('node', [cliMain, ...args], { env: { ...env, ...extraEnv } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const cli = (...args: string[]) => cliWith({}, ...args);
  const cliJson = async <T>(...args: string[]): Promise<T> => {
    const run = await cli(...args, '--json');
    if (run.code !== 0) throw new Error(`triggerline ${args.join(' ')} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  };
  const createWorkflow = async (definition: object): Promise<string> => {
    const file = join(dataDir, `workflow-${Date.now()}-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify(definition));
    return (await cliJson<{ id: string }>('workflows', 'create', '-f', file)).id;
  };
  const executionsOf = (workflowId: string) =>
    cliJson<{ id: string; status: string; trigger: { trigger_type: string } }[]>(
      'executions',
      'list',
      '--workflow',
      workflowId,
    );

  beforeAll(async () => {
    nats = await startNatsTestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'triggerline-cli-'));
    // Four consecutive free ports are likely but not certain; a clash shows as a failed start.
    portBase = await freePort();
    env = { ...process.env, TRIGGERLINE_DATA_DIR: dataDir, TRIGGERLINE_PORT_BASE: String(portBase) };
    supervisor = spawn('node', [cliMain, 'start'], {
      env: { ...env, NATS_URL: nats.url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expectEventually(
      () => {
        if (supervisor.exitCode !== null) throw new Error(`start exited:\n${output}`);
        expect(output).toContain('Press Ctrl-C to stop.');
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }, 70_000);

  afterAll(async () => {
    if (supervisor && supervisor.exitCode === null) {
      const exited = new Promise((resolve) => supervisor.once('exit', resolve));
      supervisor.kill('SIGINT');
      await exited;
    }
    await nats?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a workflow from a file, lists it, runs it and shows the execution with its steps', async () => {
    const id = await createWorkflow({
      name: 'CLI greeting',
      status: 'active',
      trigger: { type: 'manual' },
      steps: [{ id: 'greet', type: 'log', message: 'hello {{ input.name }}' }],
    });

    const table = await cli('workflows', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+STATUS\s+TRIGGER\s+STEPS\s+VERSION\s+UPDATED$/);
    expect(table.stdout).toMatch(new RegExp(`^${id}\\s+CLI greeting\\s+active\\s+manual\\s+1\\s+1\\s`, 'm'));
    const listed = await cliJson<{ id: string; name: string }[]>('workflows', 'list');
    expect(listed).toContainEqual(expect.objectContaining({ id, name: 'CLI greeting' }));

    const run = await cli('workflows', 'run', id, '--input', '{"name":"Ada"}');
    const executionId = /started execution (exe_\w+)/.exec(run.stdout)?.[1];
    expect(executionId).toBeDefined();
    const shown = await expectEventually(
      async () => {
        const show = await cli('executions', 'show', executionId ?? '');
        expect(show.stdout).toMatch(/^status\s+succeeded$/m);
        return show.stdout;
      },
      { timeoutMs: 20_000, intervalMs: 300 },
    );
    expect(shown).toMatch(/^trigger\s+manual$/m);
    expect(shown).toMatch(/^greet\s+log\s+succeeded\s+1\s+\d+ ms\s+-$/m);
    const detail = await cliJson<{ steps: { output: unknown }[] }>('executions', 'show', executionId ?? '');
    expect(detail.steps[0].output).toEqual({ message: 'hello Ada' });
  });

  it('refuses a bad definition with the runner’s message naming the field, and exits 1', async () => {
    const file = join(dataDir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'bad', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'nope' }] }),
    );
    const run = await cli('workflows', 'create', '-f', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^triggerline: 400 validation_failed: steps\[0\]\.type must be one of log/);
  });

  it('starts a run of an event workflow with events emit', async () => {
    const id = await createWorkflow({
      name: 'CLI big payments',
      status: 'active',
      trigger: { type: 'event', event: 'payment.received', filter: 'data.amount >= 100' },
      steps: [{ id: 'note', type: 'log', message: 'paid {{ input.amount }}' }],
    });
    // The gateway learns of the workflow from NATS: an event before that would rightly run nothing.
    const key = readFileSync(join(dataDir, 'api-key'), 'utf8').trim();
    await expectEventually(
      async () => {
        const response = await fetch(`http://127.0.0.1:${portBase}/subscriptions`, {
          headers: { authorization: `Bearer ${key}` },
        });
        expect(await response.json()).toContainEqual(expect.objectContaining({ workflow_id: id }));
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );

    const payment = { payment_id: 'p-1', invoice_id: 'i-1', customer_id: 'c-1', amount: 250, method: 'card' };
    const emitted = await cli('events', 'emit', 'payment.received', '--data', JSON.stringify(payment));
    expect(emitted.stdout).toMatch(/^accepted event [\w-]+$/m);

    const executions = await expectEventually(
      async () => {
        const list = await executionsOf(id);
        expect(list.map((e) => [e.trigger.trigger_type, e.status])).toEqual([['event', 'succeeded']]);
        return list;
      },
      { timeoutMs: 20_000, intervalMs: 300 },
    );
    expect(executions).toHaveLength(1);
    const history = await cli('events', 'list', '--type', 'payment.received');
    expect(history.stdout).toMatch(
      new RegExp(`^[\\w-]+\\s+payment\\.received\\s+\\S+\\s+accepted\\s+c-1\\s+${id}$`, 'm'),
    );
  });

  it('exits 1 on a bad cron with the scheduler’s message naming the field', async () => {
    const run = await cli('schedules', 'validate', 'every tuesday');
    expect(run).toMatchObject({ code: 1, stderr: expect.stringMatching(/^triggerline: invalid: cron /) });

    const good = await cli('schedules', 'validate', '0 9 * * 1', '--timezone', 'Europe/Berlin');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^valid: At 09:00 AM, only on Monday$/m);
  });

  it('signs a test delivery for each scheme, by trigger id or path: 202, and the workflow runs', async () => {
    const sendAndRun = async (scheme: string, path?: string) => {
      const id = await createWorkflow({
        name: `CLI ${scheme} webhook`,
        status: 'active',
        trigger: { type: 'webhook', scheme, ...(path ? { path } : {}) },
        steps: [{ id: 'got', type: 'log', message: 'order {{ input.order_id }}' }],
      });
      const trigger = await expectEventually(
        async () => {
          const [found] = await cliJson<{ id: string; enabled: boolean }[]>(
            'webhooks',
            'list',
            '--workflow',
            id,
          );
          expect(found).toMatchObject({ enabled: true });
          return found;
        },
        { timeoutMs: 20_000, intervalMs: 300 },
      );
      // The ingress reads its path table at most a second old: a brand-new trigger may 404 once.
      const sent = await expectEventually(
        async () => {
          const run = await cli(
            'webhooks',
            'send',
            path ?? trigger.id,
            '--data',
            `{"order_id":"o-${scheme}"}`,
          );
          expect(run.stderr).toBe('');
          return run;
        },
        { timeoutMs: 10_000, intervalMs: 500 },
      );
      const executions = await expectEventually(
        async () => {
          const list = await executionsOf(id);
          expect(list.map((e) => [e.trigger.trigger_type, e.status])).toEqual([['webhook', 'succeeded']]);
          return list;
        },
        { timeoutMs: 20_000, intervalMs: 300 },
      );
      return { scheme, sent: sent.stdout.trim(), runs: executions.length };
    };

    const results = await Promise.all([
      sendAndRun('standard'),
      sendAndRun('hmac-sha256'),
      sendAndRun('github', 'cli/github'),
      sendAndRun('stripe'),
    ]);
    expect(results).toEqual([
      { scheme: 'standard', sent: expect.stringMatching(/^202 accepted: delivery msg_[\w-]+$/), runs: 1 },
      { scheme: 'hmac-sha256', sent: expect.stringMatching(/^202 accepted: delivery \S+$/), runs: 1 },
      { scheme: 'github', sent: expect.stringMatching(/^202 accepted: delivery [\w-]+$/), runs: 1 },
      { scheme: 'stripe', sent: expect.stringMatching(/^202 accepted: delivery \S+$/), runs: 1 },
    ]);
  });

  it('follows events with events tail until Ctrl-C', async () => {
    const tail = spawn('node', [cliMain, 'events', 'tail', '--type', 'user.signed_up'], { env });
    let output = '';
    tail.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => tail.once('exit', resolve));
    await expectEventually(() => expect(output).toContain('following events of type user.signed_up'), {
      timeoutMs: 10_000,
    });

    const emitted = await cliJson<{ ids: string[] }>(
      'events',
      'emit',
      'user.signed_up',
      '--data',
      '{"user_id":"u-9","email":"u9@example.com","signed_up_at":"2026-11-27T00:00:00Z"}',
    );
    await expectEventually(
      () =>
        expect(output).toMatch(
          new RegExp(`^${emitted.ids[0]}\\s+user\\.signed_up\\s+\\S+\\s+accepted\\s`, 'm'),
        ),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    tail.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('names the URL when a service does not answer', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await cliWith({ TRIGGERLINE_RUNNER_URL: closed }, 'workflows', 'list');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `triggerline: cannot reach workflow-runner at ${closed} (ECONNREFUSED): is \`npm start\` running? ` +
        '(or set TRIGGERLINE_RUNNER_URL)\n',
    );
  });

  it('runs the demo, twice: executions of an event, a schedule and a webhook, no copies of its workflows', async () => {
    for (const round of [1, 2]) {
      const demo = await cli('demo');

      expect({ round, code: demo.code, stderr: demo.stderr }).toEqual({ round, code: 0, stderr: '' });
      const rows = demo.stdout.split('\n').filter((line) => / exe_\w+\s+succeeded /.test(line));
      expect(rows.find((row) => row.startsWith('Demo: thank big payers'))).toMatch(/event invoice\.paid/);
      expect(rows.find((row) => row.startsWith('Demo: heartbeat every 10 s'))).toMatch(/ schedule \d{4}-/);
      expect(rows.find((row) => row.startsWith('Demo: partner order webhook'))).toMatch(/ webhook msg_/);
      expect(demo.stdout).toMatch(/\(amount 40\): filtered out, no run$/m);
    }
    const names = (await cliJson<{ name: string; status: string }[]>('workflows', 'list'))
      .filter((w) => w.name.startsWith('Demo: '))
      .map((w) => `${w.name} ${w.status}`)
      .sort();
    expect(names).toEqual([
      'Demo: heartbeat every 10 s paused',
      'Demo: partner order webhook active',
      'Demo: thank big payers active',
    ]);
  }, 120_000);
});
