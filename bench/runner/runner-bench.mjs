// Row 5, runner: manual runs of a 3-step workflow (log, set, condition) through the built
// workflow-runner, executions/s from the first request to the last run result (published after
// the execution's final write), on SQLite and on PostgreSQL, a fresh database each. The runs are
// requested by publishing run requests on `runs.requested.<workflow>` exactly as
// POST /workflows/:id/run builds them: what is measured is the runner, not an HTTP client on the
// same two cores. Baseline: the same execution and step rows inserted through TypeORM in this
// process, with the runner's own entities and migrations (from its build).
//
//   node bench/runner/runner-bench.mjs [--runs-per-measure 10000] [--runs 3] [--databases sqlite,postgres]
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { api, freshPostgres, root, scratch, startNats, startService } from '../lib/processes.mjs';
import { flags, report, repeat, row, spread } from '../lib/report.mjs';
import { collect, manualRunRequest, pipelined } from '../lib/workloads.mjs';

const settings = flags({
  'runs-per-measure': 10_000,
  runs: 3,
  databases: 'sqlite,postgres',
  concurrency: '',
});
const perMeasure = settings['runs-per-measure'];
const built = (path) => import(join(root, 'dist/apps/workflow-runner', path));

const STEPS = [
  { id: 'note', type: 'log', message: 'invoice {{ input.invoice_id }}' },
  { id: 'total', type: 'set', values: { total: '{{ input.amount }}' } },
  { id: 'big', type: 'condition', expression: 'input.amount >= 1000.0' },
];
const INPUT = { invoice_id: 'inv_1', amount: 1500 };

/** A fresh database of the kind: its DATABASE_URL and how to remove it. */
async function freshDatabase(kind) {
  if (kind === 'postgres') {
    const database = await freshPostgres('runner');
    return { url: database.url, remove: database.drop };
  }
  const dir = scratch('runner-db');
  return {
    url: `sqlite:${join(dir, 'runner.sqlite')}`,
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function measureRunner(kind) {
  const nats = await startNats();
  const database = await freshDatabase(kind);
  const runner = await startService('workflow-runner', {
    NATS_URL: nats.url,
    DATABASE_URL: database.url,
  });
  const nc = await connect({ servers: nats.url });
  try {
    const workflow = await api(runner.url, '/workflows', {
      name: 'three steps',
      status: 'active',
      trigger: { type: 'manual' },
      steps: STEPS,
    });
    const js = jetstream(nc);
    return await repeat(
      { warmup: 1, runs: settings.runs },
      async (run) => {
        const count = run < 0 ? Math.ceil(perMeasure / 10) : perMeasure;
        const prefix = `man:r${run}-`;
        const requests = Array.from({ length: count }, (_, i) =>
          manualRunRequest(workflow.id, `${prefix}${i}`, INPUT),
        );
        let failed = 0;
        const finished = collect(nc, `runs.finished.${workflow.id}`, count, (msg) => {
          const result = msg.json();
          if (!result.idempotency_key.startsWith(prefix)) return false;
          if (result.status !== 'succeeded') failed++;
          return true;
        });
        const started = performance.now();
        await pipelined(count, (i) =>
          js.publish(requests[i].subject, requests[i].data, { msgID: requests[i].msgID }),
        );
        return { rate: Math.round((count / ((await finished) - started)) * 1000), failed };
      },
      `runner on ${kind} executions/s`,
    );
  } finally {
    await nc.close();
    await runner.stop();
    await nats.stop();
    await database.remove();
  }
}

/** The rows one finished run leaves: its execution and three step results, inserted directly. */
async function measureInserts(kind) {
  const database = await freshDatabase(kind);
  const { dataSourceOptions } = await built('libs/persistence/src/index.js');
  const { ExecutionEntity } = await built('apps/workflow-runner/src/executions/execution.entity.js');
  const { StepResultEntity } = await built('apps/workflow-runner/src/executions/step-result.entity.js');
  const { WorkflowEntity } = await built('apps/workflow-runner/src/workflows/workflow.entity.js');
  const { RunSlotEntity } = await built('apps/workflow-runner/src/executions/run-slot.entity.js');
  const { RUNNER_MIGRATIONS } = await built('apps/workflow-runner/src/migrations/index.js');
  const dataSource = new DataSource(
    dataSourceOptions({
      url: database.url,
      entities: [WorkflowEntity, ExecutionEntity, StepResultEntity, RunSlotEntity],
      migrations: RUNNER_MIGRATIONS,
    }),
  );
  await dataSource.initialize();
  try {
    const executions = dataSource.getRepository(ExecutionEntity);
    const steps = dataSource.getRepository(StepResultEntity);
    const outputs = [{ message: 'invoice inv_1' }, { total: '1500' }, { result: true }];
    return await repeat(
      { warmup: 1, runs: settings.runs },
      async (run) => {
        const count = run < 0 ? Math.ceil(perMeasure / 10) : perMeasure;
        const started = performance.now();
        // As many at once as the runner runs executions (RUNNER_CONCURRENCY's default).
        await pipelined(
          count,
          async () => {
            const now = new Date().toISOString();
            const key = `man:${randomUUID()}`;
            const id = `ex_${randomUUID().replaceAll('-', '')}`;
            await executions.insert({
              id,
              workflowId: 'wf_bench',
              workflowVersion: 1,
              idempotencyKey: key,
              status: 'succeeded',
              trigger: { trigger_type: 'manual', triggered_at: now },
              input: INPUT,
              vars: { total: '1500' },
              plan: { steps: STEPS },
              error: null,
              failedStep: null,
              cancelRequested: false,
              correlationId: null,
              requestedAt: now,
              createdAt: now,
              startedAt: now,
              finishedAt: now,
            });
            for (const [position, step] of STEPS.entries()) {
              await steps.insert({
                executionId: id,
                stepId: step.id,
                position,
                stepType: step.type,
                status: 'succeeded',
                attempts: 1,
                input: null,
                output: outputs[position],
                error: null,
                resumeAt: null,
                startedAt: now,
                finishedAt: now,
              });
            }
          },
          16,
        );
        return Math.round((count / (performance.now() - started)) * 1000);
      },
      `TypeORM inserts on ${kind} executions/s`,
    );
  } finally {
    await dataSource.destroy();
    await database.remove();
  }
}

const rows = [];
console.log(`runner: ${perMeasure} manual runs × ${settings.runs} runs on ${settings.databases}`);
for (const kind of settings.databases.split(',')) {
  const ours = await measureRunner(kind);
  const baseline = await measureInserts(kind);
  const failed = ours.reduce((sum, r) => sum + r.failed, 0);
  rows.push(
    row({
      name: 'runner',
      metric: `executions/s, 3 steps, ${kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}`,
      unit: '1/s',
      ours: spread(ours.map((r) => r.rate)),
      baseline: spread(baseline),
      note: failed > 0 ? `${failed} runs did not succeed` : '',
      details: { failed_runs: ours.map((r) => r.failed) },
    }),
  );
}
report('runner', rows, settings);
