import type { WorkflowDefinition } from '@triggerline/contracts';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { listAllWorkflows } from '../api/runner-api.js';
import { describeTrigger, shortTime } from '../format.js';
import { formatTable } from '../table.js';
import {
  COMMON_OPTIONS,
  type CommandGroup,
  help,
  parseJsonOption,
  requireArg,
  result,
  usageError,
} from './command.js';

export const WORKFLOWS_USAGE = `Usage: triggerline workflows <command> [--json]

  create -f FILE           create a workflow from a JSON definition (see the runner's README)
  list                     every workflow
  show ID                  one definition
  activate ID              let its trigger run it
  pause ID                 stop its trigger (manual runs still work)
  run ID [--input JSON]    run it now with this input; prints the execution id`;

export const workflowsCommand: CommandGroup = async (args, { api }) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, file: { type: 'string', short: 'f' }, input: { type: 'string' } },
  });
  const [command, id] = positionals;
  if (values.help || !command) return help(WORKFLOWS_USAGE);
  const path = (suffix = '') =>
    `/workflows/${encodeURIComponent(requireArg(id, 'ID', WORKFLOWS_USAGE))}${suffix}`;

  switch (command) {
    case 'create': {
      const file = requireArg(values.file, '-f FILE', WORKFLOWS_USAGE);
      const definition = parseJsonOption(readFileSync(file, 'utf8'), file);
      const created = await api.post<WorkflowDefinition>('workflow-runner', '/workflows', definition);
      return result(created, `created ${created.id} "${created.name}" (${created.status})`);
    }
    case 'list': {
      const workflows = await listAllWorkflows(api);
      return result(
        workflows,
        formatTable(
          ['ID', 'NAME', 'STATUS', 'TRIGGER', 'STEPS', 'VERSION', 'UPDATED'],
          workflows.map((w) => [
            w.id,
            w.name,
            w.status,
            describeTrigger(w.trigger),
            w.steps.length,
            w.version,
            shortTime(w.updated_at),
          ]),
        ),
      );
    }
    case 'show': {
      const workflow = await api.get<WorkflowDefinition>('workflow-runner', path());
      return result(workflow, JSON.stringify(workflow, null, 2));
    }
    case 'activate':
    case 'pause': {
      const workflow = await api.post<WorkflowDefinition>('workflow-runner', path(`/${command}`));
      return result(workflow, `${workflow.id} is ${workflow.status} (version ${workflow.version})`);
    }
    case 'run': {
      const input = values.input === undefined ? {} : parseJsonOption(values.input, '--input');
      const started = await api.post<{ execution_id: string }>('workflow-runner', path('/run'), input);
      return result(started, `started execution ${started.execution_id}`);
    }
    default:
      throw usageError(`unknown command "workflows ${command}"`, WORKFLOWS_USAGE);
  }
};
