import type { WorkflowDefinition } from '@triggerline/contracts';
import { parseArgs } from 'node:util';
import { ApiError, type ApiClient } from '../api/api-client.js';
import { type ExecutionView, listAllWorkflows, listExecutions, triggerSummary } from '../api/runner-api.js';
import { DEMO_WORKFLOWS, type DemoKind, demoInvoicePayments } from '../demo/demo-workflows.js';
import { duration } from '../format.js';
import { formatTable } from '../table.js';
import { COMMON_OPTIONS, type CommandGroup, type CommandResult, help, result } from './command.js';
import { emitEvent, type EventRecordView } from './events.command.js';
import type { ScheduleView } from './schedules.command.js';
import { listTriggers, sendTestDelivery } from './webhooks.command.js';

export const DEMO_USAGE = `Usage: triggerline demo [--json]

Against the running services (npm start in another terminal): creates or updates three workflows
(an invoice.paid event with a filter, a schedule every 10 seconds, a Standard Webhooks webhook),
waits until the gateway, scheduler and ingress know them, publishes two invoice.paid events (one
the filter lets through, one it does not), sends a signed webhook, then prints what ran. The
schedule is paused at the end; \`triggerline workflows activate ID\` starts it again.`;

const PICKUP_TIMEOUT_MS = 30_000;
const RUNS_TIMEOUT_MS = 60_000;
const POLL_MS = 500;
const KINDS: DemoKind[] = ['event', 'schedule', 'webhook'];

type Say = (line: string) => void;

export const demoCommand: CommandGroup = async (args, { api, say: print, note, interrupted }) => {
  const { values } = parseArgs({ args, options: COMMON_OPTIONS });
  if (values.help) return help(DEMO_USAGE);
  const say = values.json ? note : print;
  const startedAt = new Date();
  say(`Triggerline demo: workflows on ${api.url('workflow-runner')}`);

  const workflows = {} as Record<DemoKind, WorkflowDefinition>;
  for (const kind of KINDS) {
    workflows[kind] = await upsertWorkflow(api, DEMO_WORKFLOWS[kind]);
    say(
      `  ${kind.padEnd(8)} workflow ${workflows[kind].id} "${workflows[kind].name}" (version ${workflows[kind].version})`,
    );
  }

  // Ctrl-C ends the waiting, not the process, so the heartbeat is still paused below.
  const stop = new AbortController();
  void interrupted().then(() => stop.abort());
  try {
    return await triggerAndWatch(api, workflows, { startedAt, say, signal: stop.signal });
  } finally {
    // A schedule every 10 seconds left on would fill the runner's log for ever.
    const { id } = workflows.schedule;
    await api.post('workflow-runner', `/workflows/${id}/pause`).then(
      () => say(`paused the heartbeat: \`triggerline workflows activate ${id}\` starts it again`),
      (error: unknown) => note(`could not pause the heartbeat ${id}: ${(error as Error).message}`),
    );
  }
};

/** Waits until the services know the workflows, triggers each once and reports what ran. */
async function triggerAndWatch(
  api: ApiClient,
  workflows: Record<DemoKind, WorkflowDefinition>,
  { startedAt, say, signal }: { startedAt: Date; say: Say; signal: AbortSignal },
): Promise<CommandResult> {
  const waitFor = <T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>) =>
    poll(what, timeoutMs, check, signal);
  // The trigger services learn about workflows from NATS, a moment after the runner stored them.
  const { event, schedule, webhook } = workflows;
  say('waiting for the event gateway to subscribe the invoice.paid workflow…');
  await waitFor('the gateway to list the event workflow in /subscriptions', PICKUP_TIMEOUT_MS, async () =>
    (await api.get<{ workflow_id: string }[]>('event-gateway', '/subscriptions')).some(
      (s) => s.workflow_id === event.id,
    ),
  );
  say('waiting for the scheduler to pick up the schedule…');
  const job = await waitFor('the scheduler to arm the 10-second schedule', PICKUP_TIMEOUT_MS, async () => {
    const found = await api
      .get<ScheduleView>('scheduler', `/schedules/${schedule.id}`)
      .catch(notFoundAsUndefined);
    return found?.enabled && !found.paused && found.next_run ? found : undefined;
  });
  say(`  next heartbeat at ${job.next_run}`);
  say('waiting for the webhook ingress to open the webhook…');
  const trigger = await waitFor('the ingress to enable the webhook trigger', PICKUP_TIMEOUT_MS, async () =>
    (await listTriggers(api, webhook.id)).find((t) => t.enabled && t.workflow_status === 'active'),
  );
  say(`  webhook at ${api.url('webhook-ingress')}${trigger.path}`);

  const payments = demoInvoicePayments(startedAt);
  const eventIds: string[] = [];
  for (const { amount, data } of payments) {
    const { ids } = await emitEvent(api, 'invoice.paid', data);
    eventIds.push(ids[0]);
    say(
      `published invoice.paid ${ids[0]} (amount ${amount}: ${amount >= 1000 ? 'passes' : 'does not pass'} data.amount >= 1000)`,
    );
  }
  // The ingress reloads its path table every second: a trigger just created may need that long.
  const delivery = await waitFor('the ingress to accept the signed webhook', PICKUP_TIMEOUT_MS, () =>
    sendTestDelivery(api, trigger.id, { order_id: `ord-demo-${startedAt.getTime()}`, total: 99.5 }).catch(
      notFoundAsUndefined,
    ),
  );
  say(`sent a signed webhook: 202, delivery ${delivery.delivery_id}`);

  say('waiting for the runs (the heartbeat fires every 10 s)…');
  const reported = new Set<DemoKind>();
  const runs = await waitFor('a finished run of each workflow', RUNS_TIMEOUT_MS, async () => {
    const found = await demoRuns(api, workflows, startedAt);
    const done = (list: ExecutionView[]) =>
      list.length > 0 && list.every((e) => ['succeeded', 'failed', 'cancelled'].includes(e.status));
    for (const kind of KINDS.filter((k) => done(found[k]) && !reported.has(k))) {
      reported.add(kind);
      say(`  ${kind} run ${found[kind].map((e) => `${e.id} ${e.status}`).join(', ')}`);
    }
    return KINDS.every((kind) => done(found[kind])) ? found : undefined;
  });
  const recorded = await waitFor('the gateway to record both events', PICKUP_TIMEOUT_MS, async () => {
    const records = await Promise.all(
      eventIds.map((id) =>
        api.get<EventRecordView>('event-gateway', `/events/${id}`).catch(notFoundAsUndefined),
      ),
    );
    return records.every((r) => r !== undefined) ? (records as EventRecordView[]) : undefined;
  });

  // The lists carry no steps; the details have what each logged.
  const details = Object.fromEntries(
    await Promise.all(
      KINDS.map(async (kind) => [
        kind,
        await Promise.all(
          runs[kind].map((e) => api.get<ExecutionView>('workflow-runner', `/executions/${e.id}`)),
        ),
      ]),
    ),
  ) as Record<DemoKind, ExecutionView[]>;
  const rows = KINDS.flatMap((kind) =>
    details[kind].map((e) => [
      workflows[kind].name,
      triggerSummary(e.trigger),
      e.id,
      e.status,
      duration(e.started_at, e.finished_at),
      logMessage(e),
    ]),
  );
  const text = [
    '',
    'What ran:',
    formatTable(['WORKFLOW', 'TRIGGER', 'EXECUTION', 'STATUS', 'TOOK', 'LOGGED'], rows),
    '',
    ...recorded.map(
      (r, i) =>
        `event ${r.id} (amount ${payments[i].amount}): ${r.triggered_workflows.includes(event.id) ? 'ran the workflow' : 'filtered out, no run'}`,
    ),
    '',
    'See also: triggerline executions list, triggerline executions show ID, triggerline events list.',
  ].join('\n');
  return result({ workflows, events: recorded, delivery, executions: details }, text);
}

/** Creates the workflow, or brings the one of that name back to the demo's definition. */
async function upsertWorkflow(
  api: ApiClient,
  definition: (typeof DEMO_WORKFLOWS)[DemoKind],
): Promise<WorkflowDefinition> {
  const existing = (await listAllWorkflows(api)).find((w) => w.name === definition.name);
  return existing
    ? api.put<WorkflowDefinition>('workflow-runner', `/workflows/${existing.id}`, definition)
    : api.post<WorkflowDefinition>('workflow-runner', '/workflows', definition);
}

/** The executions of this demo run: requested since it started. */
async function demoRuns(api: ApiClient, workflows: Record<DemoKind, WorkflowDefinition>, since: Date) {
  const entries = await Promise.all(
    KINDS.map(async (kind) => {
      const list = await listExecutions(api, workflows[kind].id, { limit: 20 });
      return [kind, list.filter((e) => new Date(e.requested_at) >= since).reverse()] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<DemoKind, ExecutionView[]>;
}

function logMessage(execution: ExecutionView): string {
  return execution.steps?.map((s) => (s.output as { message?: string } | null)?.message).find(Boolean) ?? '-';
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof ApiError && error.status === 404) return undefined;
  throw error;
}

/** Polls `check` until it gives a value; past the timeout, says what it was waiting for. */
async function poll<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined | false>,
  signal: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal.aborted) throw new Error(`interrupted while waiting for ${what}`);
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
