import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readableLogLine } from './log-line.js';
import { builtMain, type ServiceSpec } from './services.js';

/** One service process whose output lines are printed with its coloured name in front. */
export class SupervisedService {
  private child?: ChildProcess;
  readonly exited: Promise<number | null>;
  private markExited!: (code: number | null) => void;

  constructor(
    readonly spec: ServiceSpec,
    private readonly env: Record<string, string>,
    private readonly write: (line: string) => void,
    /** A terminal gets readable lines; a pipe gets the services' JSON as it is. */
    private readonly readable = false,
  ) {
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  start(): void {
    const child = spawn(process.execPath, [builtMain(this.spec.name)], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `\x1b[${this.spec.colour}m${this.spec.name.padEnd(16)}\x1b[0m|`;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) =>
        this.write(`${prefix} ${this.readable ? readableLogLine(line) : line}`),
      );
    }
    child.once('exit', (code) => this.markExited(code));
    this.child = child;
  }

  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child?.exitCode !== null)
        throw new Error(`${this.spec.name} stopped during start-up (see its log above)`);
      const healthy = await fetch(`${this.url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      if (Date.now() > deadline)
        throw new Error(`${this.spec.name} is not healthy after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM: the service finishes what it holds and exits; the promise gives its exit code. */
  stop(): Promise<number | null> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill('SIGTERM');
    return this.exited;
  }
}
