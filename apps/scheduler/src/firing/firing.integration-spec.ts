import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { runFinishedSubject, STREAMS, type RunResult } from '@triggerline/contracts';
import { durableName, JetStreamPublisher } from '@triggerline/messaging';
import {
  createTestDatabase,
  expectEventually,
  type NatsTestServer,
  startNatsTestServer,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from '@triggerline/testing';
import { type RunningScheduler, startScheduler } from '../../test/scheduler-app.js';
import {
  RunRequestLog,
  deleteWorkflow,
  everySecond,
  publishWorkflow,
} from '../../test/scheduler-fixtures.js';

const SECOND = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (ms: number) => new Date(ms).toISOString();
/** Consecutive whole seconds from the first slot to the last, as ISO strings. */
const secondsBetween = (first: string, last: string) => {
  const slots: string[] = [];
  for (let at = Date.parse(first); at <= Date.parse(last); at += SECOND) slots.push(iso(at));
  return slots;
};

describe.each(TEST_DATABASE_KINDS)('firing on %s', (kind) => {
  // Paths that write little beyond the projection run on SQLite only, to keep the suite short;
  // PostgreSQL gets pause/resume, run statistics and the restart.
  const onSqliteOnly = (name: string, test: () => Promise<void>) => {
    if (kind === 'sqlite') it.concurrent(name, test);
  };

  let nats: NatsTestServer;
  let database: TestDatabase;
  let connection: NatsConnection;
  let scheduler: RunningScheduler;
  let log: RunRequestLog;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase(kind);
    scheduler = await startScheduler(nats.url, database.url);
    connection = await connect({ servers: nats.url });
    log = await RunRequestLog.start(connection);
  });
  afterAll(async () => {
    await log.stop();
    await connection.close();
    await scheduler.app.close();
    await nats.dispose();
    await database.drop();
  });

  onSqliteOnly('requests a run of a 1-second cron job each second, keyed by its slot', async () => {
    await publishWorkflow(connection, { id: 'wf_tick', trigger: everySecond() });
    const slots = await expectEventually(() => {
      const seen = log.slots('wf_tick');
      expect(seen.length).toBeGreaterThanOrEqual(3);
      return seen;
    });
    expect(slots).toEqual(secondsBetween(slots[0], slots.at(-1) ?? ''));
    for (const request of log.forWorkflow('wf_tick')) {
      const slot = request.trigger.trigger_type === 'schedule' ? request.trigger.scheduled_time : '';
      expect(request).toMatchObject({
        idempotency_key: `sch:wf_tick:${slot}`,
        trigger: { trigger_type: 'schedule', schedule_type: 'cron', scheduled_time: slot },
        input: {},
      });
      expect(slot).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    }
    const detail = await scheduler.api('GET', '/schedules/wf_tick');
    expect(detail.body).toMatchObject({ enabled: true, paused: false, last_run: expect.any(String) });
  });

  it.concurrent('stops on pause and restarts on resume without making up the paused slots', async () => {
    await publishWorkflow(connection, { id: 'wf_pause', trigger: everySecond() });
    await expectEventually(() => expect(log.slots('wf_pause').length).toBeGreaterThanOrEqual(1));

    const paused = await scheduler.api('POST', '/schedules/wf_pause/pause', { note: 'maintenance' });
    const pausedAt = Date.now();
    expect(paused).toMatchObject({
      status: 200,
      body: { paused: true, pause_note: 'maintenance', next_run: null },
    });
    await sleep(2.5 * SECOND);
    // A slot already being published when the pause came may still land.
    expect(log.slots('wf_pause').filter((slot) => slot > iso(pausedAt + SECOND))).toEqual([]);

    const resumedAt = Date.now();
    expect(await scheduler.api('POST', '/schedules/wf_pause/resume')).toMatchObject({
      status: 200,
      body: { paused: false, pause_note: null, next_run: expect.any(String) },
    });
    await expectEventually(() =>
      expect(log.slots('wf_pause', (r) => r.requested_at > iso(resumedAt))).not.toEqual([]),
    );
    await sleep(1.2 * SECOND);
    const afterResume = log.slots('wf_pause', (r) => r.requested_at > iso(resumedAt));
    expect(afterResume[0] > iso(resumedAt)).toBe(true);
    expect(afterResume.length).toBeLessThanOrEqual(3);
    // The slots of the pause were not made up.
    const pausedSlots = log
      .slots('wf_pause')
      .filter((slot) => slot > iso(pausedAt + SECOND) && slot < iso(resumedAt));
    expect(pausedSlots).toEqual([]);
  });

  onSqliteOnly(
    'recomputes the next fire on a schedule change, with no slot twice, and stops on delete',
    async () => {
      await publishWorkflow(connection, { id: 'wf_change', trigger: everySecond() });
      await expectEventually(() => expect(log.slots('wf_change').length).toBeGreaterThanOrEqual(1));
      const changedAt = Date.now();
      const everyOtherSecond = {
        type: 'schedule' as const,
        schedule_type: 'cron' as const,
        cron: '*/2 * * * * *',
      };
      await publishWorkflow(connection, { id: 'wf_change', trigger: everyOtherSecond, version: 2 });
      await sleep(3.2 * SECOND);
      const slots = log.slots('wf_change');
      expect(new Set(slots).size).toBe(slots.length);
      const later = slots.filter((slot) => slot > iso(changedAt + SECOND));
      expect(later.length).toBeGreaterThanOrEqual(1);
      expect(later.every((slot) => new Date(slot).getUTCSeconds() % 2 === 0)).toBe(true);

      await deleteWorkflow(connection, 'wf_change', 3);
      await expectEventually(async () =>
        expect((await scheduler.api('GET', '/schedules/wf_change')).status).toBe(404),
      );
      const deletedAt = Date.now();
      await sleep(2.2 * SECOND);
      expect(log.slots('wf_change').filter((slot) => slot > iso(deletedAt + SECOND))).toEqual([]);
    },
  );

  onSqliteOnly('fires only active workflows', async () => {
    await publishWorkflow(connection, { id: 'wf_draft', trigger: everySecond(), status: 'draft' });
    await expectEventually(async () =>
      expect((await scheduler.api('GET', '/schedules/wf_draft')).body).toMatchObject({
        enabled: false,
        next_run: null,
      }),
    );
    await sleep(1.5 * SECOND);
    expect(log.slots('wf_draft')).toEqual([]);
  });

  it.concurrent(
    'skips slots while the previous run is unfinished under overlap "skip", and counts run results',
    async () => {
      await publishWorkflow(connection, { id: 'wf_overlap', trigger: everySecond({ overlap: 'skip' }) });
      const [first] = await expectEventually(() => {
        const requests = log.forWorkflow('wf_overlap');
        expect(requests.length).toBeGreaterThanOrEqual(1);
        return requests;
      });
      await sleep(2.5 * SECOND);
      expect(log.forWorkflow('wf_overlap')).toHaveLength(1);

      const result: RunResult = {
        execution_id: 'ex_1',
        workflow_id: 'wf_overlap',
        idempotency_key: first.idempotency_key,
        status: 'failed',
        started_at: first.requested_at,
        finished_at: new Date().toISOString(),
        duration_ms: 2500,
        error: { message: 'HTTP 503 from the CRM', step_id: 'notify' },
      };
      // Delivered twice (the runner retried its publish): counted once.
      const publisher = new JetStreamPublisher(jetstream(connection));
      await publisher.publish(runFinishedSubject('wf_overlap'), result);
      await publisher.publish(runFinishedSubject('wf_overlap'), result);
      await expectEventually(() => expect(log.forWorkflow('wf_overlap').length).toBeGreaterThanOrEqual(2));
      // Both deliveries handled by the scheduler's durable consumer.
      const jsm = await jetstreamManager(connection);
      await expectEventually(async () => {
        const consumer = await jsm.consumers.info(
          STREAMS.runResults.name,
          durableName('scheduler', 'runs.finished.>'),
        );
        expect(consumer).toMatchObject({ num_pending: 0, num_ack_pending: 0, delivered: { stream_seq: 2 } });
      });
      const detail = await scheduler.api('GET', '/schedules/wf_overlap');
      expect(detail.body).toMatchObject({
        run_count: 1,
        error_count: 1,
        last_error: 'HTTP 503 from the CRM',
        missed_count: expect.any(Number),
      });
      expect((detail.body as { missed_count: number }).missed_count).toBeGreaterThanOrEqual(2);
    },
  );

  it('after 5 s down, runs one catch-up under fire_once, none under skip and each slot under fire_all', async () => {
    await publishWorkflow(connection, { id: 'wf_once', trigger: everySecond({ misfire: 'fire_once' }) });
    await publishWorkflow(connection, { id: 'wf_skip', trigger: everySecond({ misfire: 'skip' }) });
    await publishWorkflow(connection, { id: 'wf_all', trigger: everySecond({ misfire: 'fire_all' }) });
    await expectEventually(() =>
      ['wf_once', 'wf_skip', 'wf_all'].forEach((id) =>
        expect(log.slots(id).length).toBeGreaterThanOrEqual(1),
      ),
    );

    await scheduler.app.close();
    const stoppedAt = Date.now();
    await sleep(5 * SECOND);
    const restartedAt = Date.now();
    scheduler = await startScheduler(nats.url, database.url);
    const catchUpsOf = (id: string) =>
      log.forWorkflow(id).filter((r) => r.trigger.trigger_type === 'schedule' && 'catch_up' in r.trigger);
    await expectEventually(() => {
      expect(catchUpsOf('wf_once')).toHaveLength(1);
      expect(log.slots('wf_skip', (r) => r.requested_at > iso(restartedAt)).length).toBeGreaterThanOrEqual(1);
    });
    await sleep(1.2 * SECOND);

    const lastBefore = (id: string) => log.slots(id, (r) => r.requested_at <= iso(stoppedAt)).at(-1) ?? '';
    const duringDowntime = (id: string) =>
      log.slots(id).filter((slot) => slot > lastBefore(id) && slot < iso(restartedAt - SECOND));
    const catchUps = catchUpsOf;

    expect(catchUps('wf_once')).toHaveLength(1);
    expect(duringDowntime('wf_once').length).toBeLessThanOrEqual(1);
    expect(catchUps('wf_skip')).toEqual([]);
    expect(duringDowntime('wf_skip')).toEqual([]);
    // fire_all leaves no gap at all.
    const all = log.slots('wf_all');
    expect(all).toEqual(secondsBetween(all[0], all.at(-1) ?? ''));
    expect(catchUps('wf_all').length).toBeGreaterThanOrEqual(4);

    for (const id of ['wf_once', 'wf_skip', 'wf_all']) {
      const slots = log.slots(id);
      expect(new Set(slots).size).toBe(slots.length);
    }
    const skip = await scheduler.api('GET', '/schedules/wf_skip');
    expect((skip.body as { missed_count: number }).missed_count).toBeGreaterThanOrEqual(4);
  });
});
