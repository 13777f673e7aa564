import { Injectable, Logger } from '@nestjs/common';
import { scheduleRunKey } from '@triggerline/contracts';
import { JetStreamPublisher, type OutgoingMessage } from '@triggerline/messaging';
import { SchedulerMetrics } from '../observability/scheduler.metrics.js';
import { SchedulesStore, type FireRecord } from '../schedules/schedules.store.js';
import { planMisfires } from '../timing/misfire.js';
import { nextFireAfter } from '../timing/next-fire.js';
import { TimerQueue } from '../timing/timer-queue.js';
import { type Job, jobFromRow } from './job.js';
import { scheduledRunRequest } from './run-requests.js';

/** A slot this late while the leader was running counts as missed (the process stalled, NATS was away). */
const RUNTIME_MISFIRE_MS = 5_000;
/** A run request JetStream did not store is tried again after this long. */
const PUBLISH_RETRY_MS = 1_000;

interface FirePlan {
  job: Job;
  slots: Date[];
  catchUp: boolean;
  missed: number;
  next: Date | null;
}

/**
 * The leader's side: every runnable job in a timer queue at its next fire time. When slots come
 * due they are published together, then recorded together (last_run, next_run) once JetStream
 * has stored them. Replicas that are not the leader hold nothing and fire nothing.
 */
@Injectable()
export class FiringService {
  private readonly logger = new Logger('Firing');
  private readonly jobs = new Map<string, Job>();
  private readonly queue = new TimerQueue((due) => void this.track(this.fireDue(due.map(({ key }) => key))));
  private readonly inFlight = new Set<Promise<void>>();
  private leading = false;
  /** Grows on every change of leadership, so work begun under an earlier term stops. */
  private term = 0;
  private leaderSince = new Date(0);
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SchedulesStore,
    private readonly publisher: JetStreamPublisher,
    private readonly metrics: SchedulerMetrics,
  ) {}

  /** Whether the lease is still ours: checked before every batch. */
  private isLeaseHeld: () => boolean = () => false;

  /** The lease tells us to start or stop firing. */
  setLeader(leader: boolean, isLeaseHeld: () => boolean): void {
    this.isLeaseHeld = isLeaseHeld;
    this.metrics.leader.set(leader ? 1 : 0);
    if (leader === this.leading) return;
    this.leading = leader;
    this.term++;
    this.queue.clear();
    this.jobs.clear();
    if (leader) {
      this.leaderSince = new Date();
      this.loading = this.track(this.loadUntilDone(this.term));
    }
    this.metrics.jobs.set(0);
  }

  /** Re-reads one job after a change (workflow update, pause, resume) and re-arms its timer. */
  async refresh(workflowId: string): Promise<void> {
    if (!this.leading) return;
    await this.loading;
    const term = this.term;
    const row = await this.store.find(workflowId);
    if (!this.leading || term !== this.term) return;
    const current = this.jobs.get(workflowId);
    if (!row) {
      if (current?.inFlight) Object.assign(current, { runnable: false, dirty: true });
      else this.forget(workflowId);
      return;
    }
    const fresh = jobFromRow(row);
    if (current && current.fingerprint === fresh.fingerprint) return;
    if (current?.inFlight) {
      const { schedule, anchor, runnable, fingerprint } = fresh;
      Object.assign(current, { schedule, anchor, runnable, fingerprint, dirty: true });
      return;
    }
    // The in-memory last slot is fresher than the row while we lead.
    fresh.lastRun = current?.lastRun ?? fresh.lastRun;
    await this.rearm(fresh);
  }

  /** Waits for what is being published and recorded; for shutdown and tests. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.leading = false;
    this.term++;
    this.queue.clear();
    this.jobs.clear();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      (error: unknown) => this.logger.error(`firing failed: ${describe(error)}`),
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    return work;
  }

  /** A leader that cannot read its jobs (database away) keeps trying while it leads. */
  private async loadUntilDone(term: number): Promise<void> {
    while (term === this.term) {
      try {
        return await this.load();
      } catch (error) {
        this.logger.error(`cannot load the jobs, retrying in 1 s: ${describe(error)}`);
        await new Promise((resolve) => setTimeout(resolve, PUBLISH_RETRY_MS));
      }
    }
  }

  /** New leader: every job at its recorded next_run; slots that passed while nobody led fire at once, under the misfire policy. */
  private async load(): Promise<void> {
    const term = this.term;
    const rows = await this.store.findAll();
    if (term !== this.term) return;
    const records: FireRecord[] = [];
    const now = new Date();
    for (const row of rows) {
      const job = jobFromRow(row);
      this.jobs.set(job.workflowId, job);
      if (!job.runnable) continue;
      if (!job.nextRun) {
        job.nextRun = this.nextAfterNow(job, now);
        records.push({ workflowId: job.workflowId, nextRun: job.nextRun, missed: 0 });
      }
      if (job.nextRun) this.queue.set(job.workflowId, job.nextRun);
    }
    // The jobs are armed from here on; a failed write only leaves next_run stale in the table.
    await this.store
      .recordFires(records)
      .catch((error: unknown) => this.logger.error(`next_run of new jobs not recorded: ${describe(error)}`));
    this.metrics.jobs.set(this.queue.size);
    this.logger.log(`leading with ${this.queue.size} armed jobs of ${rows.length}`);
  }

  private async rearm(job: Job): Promise<void> {
    this.jobs.set(job.workflowId, job);
    job.nextRun = job.runnable ? this.nextAfterNow(job, new Date()) : null;
    if (job.nextRun) this.queue.set(job.workflowId, job.nextRun);
    else this.queue.delete(job.workflowId);
    this.metrics.jobs.set(this.queue.size);
    await this.store.recordFires([{ workflowId: job.workflowId, nextRun: job.nextRun, missed: 0 }]);
  }

  /** The first slot after now and after the last slot fired, so a change never repeats one. */
  private nextAfterNow(job: Job, now: Date): Date | null {
    const from = job.lastRun && job.lastRun > now ? job.lastRun : now;
    return nextFireAfter(job.schedule, from, job.anchor) ?? null;
  }

  private forget(workflowId: string): void {
    this.jobs.delete(workflowId);
    this.queue.delete(workflowId);
    this.metrics.jobs.set(this.queue.size);
  }

  private async fireDue(workflowIds: string[]): Promise<void> {
    if (!this.leading) return;
    if (!this.isLeaseHeld()) {
      // The last renewal is too old (NATS slow or away): hold off, as a successor may be firing.
      // If the lease is renewed after all these slots go out late, under the misfire policy.
      for (const id of workflowIds) this.queue.set(id, new Date(Date.now() + PUBLISH_RETRY_MS));
      return;
    }
    const now = new Date();
    const batch = workflowIds
      .map((id) => this.jobs.get(id))
      .filter((job): job is Job => job !== undefined && job.runnable && job.nextRun !== null);
    for (const job of batch) job.inFlight = true;
    // Until JetStream answers, every job of the batch counts as not sent (and is retried).
    let failed = new Set(batch.map((job) => job.workflowId));
    try {
      const overlapping = await this.store.stillRunning(
        batch.filter((job) => job.schedule.overlap === 'skip').map((job) => job.workflowId),
      );
      const plans = batch.map((job) => this.plan(job, now, overlapping.has(job.workflowId)));
      failed = await this.publish(plans);
      const records: FireRecord[] = [];
      for (const plan of plans) {
        const { job } = plan;
        if (failed.has(job.workflowId)) continue;
        const lastSlot = plan.slots.at(-1);
        if (lastSlot) job.lastRun = lastSlot;
        job.nextRun = plan.next;
        records.push({
          workflowId: job.workflowId,
          lastRun: lastSlot,
          nextRun: plan.next,
          runningKey: lastSlot ? scheduleRunKey(job.workflowId, lastSlot) : undefined,
          missed: plan.missed,
        });
      }
      await this.store.recordFires(records);
    } finally {
      for (const job of batch) this.settleJob(job, failed.has(job.workflowId));
      this.metrics.jobs.set(this.queue.size);
    }
  }

  private plan(job: Job, now: Date, overlapping: boolean): FirePlan {
    const slot = job.nextRun ?? now;
    const missedWhileDown = slot < this.leaderSince || now.getTime() - slot.getTime() > RUNTIME_MISFIRE_MS;
    let plan: FirePlan;
    if (missedWhileDown) {
      const misfire = planMisfires(job.schedule, job.schedule.misfire, slot, now, job.anchor);
      if (misfire.capped)
        this.logger.warn(
          `${job.workflowId}: more than ${misfire.fire.length} missed slots; fire_all runs the latest ${misfire.fire.length}`,
        );
      plan = { job, slots: misfire.fire, catchUp: true, missed: misfire.missed, next: misfire.next ?? null };
      if (misfire.missed > 0) this.metrics.missed.inc({ reason: 'misfire' }, misfire.missed);
    } else {
      plan = {
        job,
        slots: [slot],
        catchUp: false,
        missed: 0,
        next: nextFireAfter(job.schedule, slot, job.anchor) ?? null,
      };
    }
    if (overlapping && plan.slots.length > 0) {
      this.metrics.missed.inc({ reason: 'overlap' }, plan.slots.length);
      return { ...plan, slots: [], missed: plan.missed + plan.slots.length };
    }
    return plan;
  }

  /** Publishes every slot of the batch at once; returns the jobs with a slot JetStream did not store. */
  private async publish(plans: FirePlan[]): Promise<Set<string>> {
    const sends = plans.flatMap((plan) =>
      plan.slots.map((slot) => ({
        plan,
        slot,
        message: scheduledRunRequest(
          plan.job.workflowId,
          plan.job.schedule.schedule_type,
          slot,
          plan.catchUp,
        ),
      })),
    );
    const failed = new Set<string>();
    await Promise.all(
      sends.map(async ({ plan, slot, message }) => {
        try {
          await this.send(message);
          this.metrics.fires.inc({ kind: plan.catchUp ? 'catch_up' : 'scheduled' });
          if (!plan.catchUp) this.metrics.lateness.observe((Date.now() - slot.getTime()) / 1000);
        } catch (error) {
          this.metrics.publishFailures.inc();
          if (!failed.has(plan.job.workflowId))
            this.logger.error(
              `${plan.job.workflowId}: run request for ${slot.toISOString()} not stored: ${describe(error)}`,
            );
          failed.add(plan.job.workflowId);
        }
      }),
    );
    return failed;
  }

  private send({ subject, message, ...options }: OutgoingMessage): Promise<unknown> {
    return this.publisher.publish(subject, message, options);
  }

  /** After a batch: back in the queue at the next fire (or soon again, when its request failed). */
  private settleJob(job: Job, failed: boolean): void {
    job.inFlight = false;
    if (!this.leading || this.jobs.get(job.workflowId) !== job) return;
    if (job.dirty) {
      job.dirty = false;
      void this.track(this.rearm(job));
      return;
    }
    if (!job.runnable || !job.nextRun) return this.queue.delete(job.workflowId);
    this.queue.set(job.workflowId, failed ? new Date(Date.now() + PUBLISH_RETRY_MS) : job.nextRun);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
