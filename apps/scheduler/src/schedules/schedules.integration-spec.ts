import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  createTestDatabase,
  expectEventually,
  type NatsTestServer,
  startNatsTestServer,
  type TestDatabase,
} from '@triggerline/testing';
import { type RunningScheduler, startScheduler } from '../../test/scheduler-app.js';
import { RunRequestLog, publishWorkflow } from '../../test/scheduler-fixtures.js';

describe('schedules API', () => {
  let nats: NatsTestServer;
  let database: TestDatabase;
  let connection: NatsConnection;
  let scheduler: RunningScheduler;
  let log: RunRequestLog;

  beforeAll(async () => {
    nats = await startNatsTestServer();
    database = await createTestDatabase('sqlite');
    scheduler = await startScheduler(nats.url, database.url);
    connection = await connect({ servers: nats.url });
    log = await RunRequestLog.start(connection);
    await publishWorkflow(connection, {
      id: 'wf_daily',
      trigger: { type: 'schedule', schedule_type: 'daily', time: '02:30', timezone: 'Europe/Berlin' },
    });
    await publishWorkflow(connection, { id: 'wf_manual', trigger: { type: 'manual' } });
    await expectEventually(async () =>
      expect((await scheduler.api('GET', '/schedules/wf_daily')).status).toBe(200),
    );
  });
  afterAll(async () => {
    await log.stop();
    await connection.close();
    await scheduler.app.close();
    await nats.dispose();
    await database.drop();
  });

  it('needs an API key', async () => {
    const response = await fetch(`${scheduler.base}/schedules`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('lists the jobs of workflows with a schedule trigger, with their next run', async () => {
    const { status, body } = await scheduler.api('GET', '/schedules');
    expect(status).toBe(200);
    expect(body).toEqual([
      expect.objectContaining({
        workflow_id: 'wf_daily',
        schedule_type: 'daily',
        timezone: 'Europe/Berlin',
        schedule: expect.objectContaining({ time: '02:30', misfire: 'fire_once', overlap: 'allow' }),
        enabled: true,
        paused: false,
        next_run: expect.stringMatching(/T0[01]:30:00\.000Z$/),
        last_run: null,
        run_count: 0,
        error_count: 0,
        last_error: null,
        missed_count: 0,
      }),
    ]);
  });

  it('shows one job with its next 10 fire times in its zone, and names an unknown one', async () => {
    const { body } = await scheduler.api('GET', '/schedules/wf_daily');
    const nextRuns = (body as { next_runs: string[] }).next_runs;
    expect(nextRuns).toHaveLength(10);
    for (const run of nextRuns) expect(run).toMatch(/^\d{4}-\d\d-\d\dT0[23]:30:00\+0[12]:00$/);
    expect(await scheduler.api('GET', '/schedules/wf_nope')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'schedule of workflow "wf_nope" does not exist' } },
    });
  });

  it('lists the 16 presets described by cronstrue', async () => {
    const { body } = await scheduler.api('GET', '/schedules/presets');
    expect(body).toHaveLength(16);
    expect(body).toContainEqual({
      name: 'monthly_last',
      cron: '0 9 L * *',
      description: 'At 09:00 AM, on the last day of the month',
    });
    expect(body).toContainEqual({
      name: 'weekly_monday',
      cron: '0 9 * * 1',
      description: 'At 09:00 AM, only on Monday',
    });
  });

  it('previews fire times with the zone’s offset across a DST change', async () => {
    const daily = await scheduler.api('POST', '/schedules/preview', {
      schedule: { schedule_type: 'daily', time: '02:30', timezone: 'Europe/Berlin' },
      count: 3,
      from: '2027-03-27T12:00:00Z',
    });
    expect(daily).toEqual({
      status: 200,
      body: {
        timezone: 'Europe/Berlin',
        fire_times: ['2027-03-28T03:30:00+02:00', '2027-03-29T02:30:00+02:00', '2027-03-30T02:30:00+02:00'],
      },
    });
    const interval = await scheduler.api('POST', '/schedules/preview', {
      schedule: { type: 'schedule', schedule_type: 'interval', interval_seconds: 5400 },
      count: 2,
      from: '2027-01-01T00:00:00Z',
    });
    expect(interval.body).toEqual({
      timezone: 'UTC',
      fire_times: ['2027-01-01T01:30:00+00:00', '2027-01-01T03:00:00+00:00'],
    });
  });

  it('rejects a preview naming the bad field', async () => {
    const badZone = await scheduler.api('POST', '/schedules/preview', {
      schedule: { schedule_type: 'weekly', day: 0, time: '25:00', timezone: 'Mars/Olympus' },
    });
    expect(badZone.status).toBe(400);
    const paths = (badZone.body as { error: { fields: { path: string }[] } }).error.fields.map(
      (field) => field.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['schedule.time', 'schedule.timezone']));
    const badCount = await scheduler.api('POST', '/schedules/preview', {
      schedule: { schedule_type: 'cron', cron: '@hourly' },
      count: 1000,
    });
    expect(badCount).toMatchObject({
      status: 400,
      body: { error: { message: 'count must be a whole number from 1 to 100' } },
    });
  });

  it('validates a cron expression: in words with its next runs, or why not', async () => {
    const valid = await scheduler.api('POST', '/schedules/validate', {
      cron: '0 9 * * 1',
      timezone: 'America/New_York',
    });
    expect(valid.body).toMatchObject({
      valid: true,
      message: 'Valid cron expression',
      description: 'At 09:00 AM, only on Monday',
    });
    const runs = (valid.body as { next_runs: string[] }).next_runs;
    expect(runs).toHaveLength(5);
    for (const run of runs) expect(run).toMatch(/T09:00:00-0[45]:00$/);

    const invalid = await scheduler.api('POST', '/schedules/validate', { cron: '61 * * * *' });
    expect(invalid).toEqual({
      status: 200,
      body: { valid: false, message: expect.stringMatching(/^cron /), description: null, next_runs: [] },
    });
    const badZone = await scheduler.api('POST', '/schedules/validate', {
      cron: '* * * * *',
      timezone: '+02:00',
    });
    expect(badZone).toMatchObject({ status: 400, body: { error: { fields: [{ path: 'timezone' }] } } });
  });

  it('runs a job now as a manual run', async () => {
    const { status, body } = await scheduler.api('POST', '/schedules/wf_daily/run');
    expect(status).toBe(202);
    const key = (body as { idempotency_key: string }).idempotency_key;
    expect(key).toMatch(/^man:/);
    const [request] = await expectEventually(() => {
      const found = log.requests.filter((r) => r.idempotency_key === key);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(request).toMatchObject({
      workflow_id: 'wf_daily',
      trigger: { trigger_type: 'manual' },
      input: {},
    });
    expect((await scheduler.api('POST', '/schedules/wf_manual/run')).status).toBe(404);
  });

  it('checks the pause note', async () => {
    expect(await scheduler.api('POST', '/schedules/wf_daily/pause', { note: 42 })).toMatchObject({
      status: 400,
      body: { error: { fields: [{ path: 'note' }] } },
    });
  });
});
