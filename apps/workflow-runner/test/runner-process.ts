import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectEventually } from '@triggerline/testing';

export const BUILT_MAIN = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../dist/apps/workflow-runner/apps/workflow-runner/src/main.js',
);

/** The built runner as its own OS process, as it runs in production. */
export class RunnerProcess {
  private child?: ChildProcess;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    this.child = spawn('node', [BUILT_MAIN], { env: { ...process.env, ...this.env }, stdio: 'ignore' });
    await expectEventually(
      async () => expect((await fetch(`http://127.0.0.1:${this.env.PORT}/health`)).status).toBe(200),
      {
        timeoutMs: 20_000,
      },
    );
  }

  /** kill -9: no shutdown hook runs, nothing is acked or drained. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
