import { parseArgs } from 'node:util';
import { type ExecutionView, recentExecutions, triggerSummary } from '../api/runner-api.js';
import type { ApiClient } from '../api/api-client.js';
import { duration, orDash, shortTime } from '../format.js';
import { formatTable } from '../table.js';
import {
  COMMON_OPTIONS,
  type CommandContext,
  type CommandGroup,
  help,
  parseCount,
  pause,
  requireArg,
  result,
  usageError,
} from './command.js';

export const EXECUTIONS_USAGE = `Usage: triggerline executions <command> [--json]

  list [--workflow ID] [--status S] [--limit N]   newest first (S: running, waiting, succeeded, failed, cancelled)
  show ID                                         one execution with its steps (status, duration, error)
  tail [--workflow ID]                            print executions as they start and finish, until Ctrl-C`;

const TAIL_INTERVAL_MS = 1_000;

export const executionsCommand: CommandGroup = async (args, context) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      workflow: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const [command, id] = positionals;
  if (values.help || !command) return help(EXECUTIONS_USAGE);
  const { api } = context;

  switch (command) {
    case 'list': {
      const executions = await recentExecutions(api, {
        workflowId: values.workflow,
        status: values.status,
        limit: parseCount(values.limit, '--limit') ?? 20,
      });
      return result(executions, executionsTable(executions));
    }
    case 'show': {
      const execution = await api.get<ExecutionView>(
        'workflow-runner',
        `/executions/${encodeURIComponent(requireArg(id, 'ID', EXECUTIONS_USAGE))}`,
      );
      return result(execution, describeExecution(execution));
    }
    case 'tail':
      return tail(api, values.workflow, values.json === true, context);
    default:
      throw usageError(`unknown command "executions ${command}"`, EXECUTIONS_USAGE);
  }
};

export function executionsTable(executions: ExecutionView[]): string {
  return formatTable(
    ['ID', 'WORKFLOW', 'TRIGGER', 'STATUS', 'REQUESTED', 'DURATION', 'ERROR'],
    executions.map((e) => [
      e.id,
      e.workflow_id,
      triggerSummary(e.trigger),
      e.status,
      shortTime(e.requested_at),
      duration(e.started_at, e.finished_at),
      orDash(e.error),
    ]),
  );
}

function describeExecution(e: ExecutionView): string {
  const lines = [
    `execution ${e.id}`,
    `workflow  ${e.workflow_id} (version ${e.workflow_version})`,
    `trigger   ${triggerSummary(e.trigger)}`,
    `status    ${e.status}${e.failed_step ? ` at step ${e.failed_step}` : ''}`,
    `requested ${shortTime(e.requested_at)}, ran ${duration(e.started_at, e.finished_at)}`,
  ];
  if (e.error) lines.push(`error     ${e.error}`);
  const steps = e.steps ?? [];
  lines.push(
    '',
    formatTable(
      ['STEP', 'TYPE', 'STATUS', 'ATTEMPTS', 'DURATION', 'ERROR'],
      steps.map((s) => [
        s.id,
        s.type,
        s.status,
        s.attempts,
        duration(s.started_at, s.finished_at),
        orDash(s.error),
      ]),
    ),
  );
  return lines.join('\n');
}

/** Polls the runner: a line when an execution appears and each time its status changes. */
async function tail(
  api: ApiClient,
  workflowId: string | undefined,
  json: boolean,
  { say, interrupted: onInterrupt }: CommandContext,
): Promise<void> {
  const interrupted = onInterrupt();
  let stopped = false;
  void interrupted.then(() => (stopped = true));
  // What already ran is history, not news: only changes from now on are printed.
  const seen = new Map((await recentExecutions(api, { workflowId, limit: 50 })).map((e) => [e.id, e.status]));
  if (!json) say(`following executions${workflowId ? ` of ${workflowId}` : ''} (Ctrl-C to stop)`);
  while (!stopped) {
    await pause(TAIL_INTERVAL_MS, interrupted);
    if (stopped) break;
    const executions = await recentExecutions(api, { workflowId, limit: 50 });
    for (const e of executions.reverse()) {
      if (seen.get(e.id) === e.status) continue;
      seen.set(e.id, e.status);
      say(
        json
          ? JSON.stringify(e)
          : [
              shortTime(e.requested_at),
              e.id,
              e.workflow_id,
              triggerSummary(e.trigger),
              e.status,
              orDash(e.error),
            ].join('  '),
      );
    }
  }
}
