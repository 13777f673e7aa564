import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { expectEventually } from '@triggerline/testing';

const workspaceRoot = new URL('../../../', import.meta.url).pathname;

export type ServiceName = 'event-gateway' | 'scheduler' | 'webhook-ingress' | 'workflow-runner';

/** One built service (`dist/apps/<name>`) as its own OS process, started and stopped as in production. */
export class ServiceProcess {
  private child?: ChildProcess;
  private output = '';

  constructor(
    readonly name: ServiceName,
    readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  async start(): Promise<void> {
    const main = join(workspaceRoot, 'dist/apps', this.name, 'apps', this.name, 'src/main.js');
    this.child = spawn('node', [main], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-8_000));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    // A test process that dies before its afterAll must not leave a service behind.
    const child = this.child;
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    await expectEventually(
      async () => {
        if (this.child?.exitCode !== null) throw new Error(`${this.name} exited:\n${this.output}`);
        expect((await fetch(`${this.url}/health`)).status).toBe(200);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  /** kill -9: nothing is acked, drained or flushed. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM, as an orchestrator stops it; a service still running 15 s later fails the test. */
  async stop(): Promise<void> {
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      this.child?.kill('SIGKILL');
    }, 15_000);
    try {
      await this.signal('SIGTERM');
    } finally {
      clearTimeout(timer);
    }
    if (hung) throw new Error(`${this.name} did not stop within 15 s of SIGTERM:\n${this.output}`);
  }

  /** A counter or gauge from `/metrics`, summed over its labels. */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }

  /** What the process printed last, for a failure message. */
  get log(): string {
    return this.output;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

/** JSON over HTTP with the API key. */
export async function api(
  base: string,
  key: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** An execution as the runner's API shows it (the fields these tests read). */
export interface ExecutionView {
  id: string;
  idempotency_key: string;
  status: string;
  trigger: Record<string, unknown>;
  input: Record<string, unknown>;
  vars: Record<string, unknown>;
}

/** Every execution of a workflow, newest first: the runner pages its list, so this reads to the end. */
export async function executionsOf(
  runnerUrl: string,
  key: string,
  workflowId: string,
): Promise<ExecutionView[]> {
  const executions: ExecutionView[] = [];
  let cursor: string | null = null;
  do {
    const query = `limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api(runnerUrl, key, `/workflows/${workflowId}/executions?${query}`);
    if (page.status !== 200) throw new Error(`executions of ${workflowId}: ${page.status}`);
    executions.push(...(page.body.items as ExecutionView[]));
    cursor = page.body.next_cursor as string | null;
  } while (cursor);
  return executions;
}
