import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';

export interface LeaderLeaseOptions {
  bucket: string;
  /** How long a lease lives without renewal: the bucket's TTL (max age). */
  ttlMs: number;
  replicas: number;
  onChange: (leader: boolean) => void;
  logger: { log(message: string): void; warn(message: string): void };
}

const KEY = 'leader';

/**
 * Leader election on a NATS KV bucket whose TTL is the lease. `create` takes the key only when
 * nobody holds it; the holder renews with `update` against the revision it last wrote, which
 * fails if anyone else wrote since; if the holder dies its entry expires after the TTL and the
 * next `create` wins. The holder counts itself leader only while its last renewal is fresh, so
 * a partitioned leader stops before a new one can start.
 */
export class LeaderLease {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private revision?: number;
  private validUntil = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private ticking?: Promise<void>;

  private constructor(
    private readonly kv: KV,
    private readonly options: LeaderLeaseOptions,
  ) {}

  static async open(connection: NatsConnection, options: LeaderLeaseOptions): Promise<LeaderLease> {
    const kv = await new Kvm(connection).create(options.bucket, {
      ttl: options.ttlMs,
      history: 1,
      replicas: options.replicas,
    });
    const lease = new LeaderLease(kv, options);
    lease.schedule(0);
    return lease;
  }

  isLeader(): boolean {
    return this.revision !== undefined && Date.now() < this.validUntil;
  }

  /** Stops campaigning; a leader deletes its entry so a successor need not wait for the TTL. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    if (this.revision !== undefined) {
      await this.kv.delete(KEY, { previousSeq: this.revision }).catch(() => undefined);
      this.setLeader(undefined);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const { ttlMs } = this.options;
    const startedAt = Date.now();
    // What we write counts from no earlier than now; a tenth of the TTL covers clock drift.
    const freshUntil = startedAt + ttlMs - ttlMs / 10;
    if (this.revision !== undefined) {
      try {
        this.revision = await this.kv.update(KEY, this.holder, this.revision);
        this.validUntil = freshUntil;
      } catch (error) {
        if (Date.now() >= this.validUntil || isRevisionConflict(error)) {
          this.options.logger.warn(`leader lease lost: ${describe(error)}`);
          this.setLeader(undefined);
        }
      }
      return this.schedule(ttlMs / 3);
    }
    try {
      const revision = await this.kv.create(KEY, this.holder);
      this.validUntil = freshUntil;
      this.setLeader(revision);
      return this.schedule(ttlMs / 3);
    } catch {
      // Held by someone else (or NATS is away): try again right after that lease would expire.
      const entry = await this.kv.get(KEY).catch(() => null);
      const expiresIn = entry && entry.value.length > 0 ? entry.created.getTime() + ttlMs - Date.now() : 0;
      return this.schedule(Math.min(Math.max(expiresIn + 20, 50), ttlMs / 4));
    }
  }

  private setLeader(revision: number | undefined): void {
    const was = this.revision !== undefined;
    this.revision = revision;
    const is = revision !== undefined;
    if (was === is) return;
    this.options.logger.log(is ? `${this.holder} is the leader` : `${this.holder} is no longer the leader`);
    this.options.onChange(is);
  }
}

function isRevisionConflict(error: unknown): boolean {
  return /wrong last sequence/i.test(describe(error));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
