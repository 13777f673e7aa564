import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private `nats-server -js` on a free loopback port, so suites never share streams. */
export interface NatsTestServer {
  readonly url: string;
  readonly port: number;
  /** Graceful stop (SIGTERM); the store survives for `start()`. */
  stop(): Promise<void>;
  /** Starts the server again on the same port with the same store. */
  start(): Promise<void>;
  /** Stops the server and deletes its store. */
  dispose(): Promise<void>;
}

/** The Debian package installs to /usr/sbin, which a non-root PATH may lack. */
export function natsServerBinary(): string {
  if (process.env.NATS_SERVER_BIN) return process.env.NATS_SERVER_BIN;
  return existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One nats-server process with fixed arguments that can be started again after a stop or a kill. */
export class NatsServerProcess {
  private child?: ChildProcess;

  /** `port` is the client port in `args`: `start()` resolves once it accepts connections. */
  constructor(
    private readonly args: string[],
    readonly port: number,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const child = spawn(natsServerBinary(), this.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    // A test process that dies before its afterAll must not leave a server behind.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}:\n${log}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPort(this.port, 10_000), exited]);
  }

  /** SIGTERM shuts down gracefully; SIGKILL is a crash. Resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const running = this.child;
    this.child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  }
}

export async function startNatsTestServer(extraArgs: string[] = []): Promise<NatsTestServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'triggerline-nats-'));
  const server = new NatsServerProcess(
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...extraArgs],
    port,
  );
  await server.start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    start: () => server.start(),
    stop: () => server.stop(),
    dispose: async () => {
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
