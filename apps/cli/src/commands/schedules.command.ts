import type { ScheduleTrigger } from '@triggerline/contracts';
import { parseArgs } from 'node:util';
import { describeTrigger, orDash, shortTime } from '../format.js';
import { formatTable } from '../table.js';
import {
  COMMON_OPTIONS,
  type CommandGroup,
  help,
  parseCount,
  parseJsonOption,
  requireArg,
  result,
  usageError,
} from './command.js';

export const SCHEDULES_USAGE = `Usage: triggerline schedules <command> [--json]

  list                                            every scheduled job with its next and last run
  show WORKFLOW_ID                                one job with its next 10 fire times
  preview CRON|SCHEDULE_JSON [--count N] [--timezone Z]
                                                  the next fire times, e.g. '*/15 * * * *' or
                                                  '{"schedule_type":"interval","interval_seconds":90}'
  validate CRON [--timezone Z]                    is it valid, in words, its next runs (exit 1 if not)
  presets                                         the named cron presets`;

export interface ScheduleView {
  workflow_id: string;
  schedule_type: string;
  schedule: ScheduleTrigger;
  timezone: string;
  enabled: boolean;
  paused: boolean;
  next_run: string | null;
  last_run: string | null;
  run_count: number;
  error_count: number;
  last_error: string | null;
  next_runs?: string[];
}

interface Validation {
  valid: boolean;
  message: string;
  description: string | null;
  next_runs: string[];
}

export const schedulesCommand: CommandGroup = async (args, { api }) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, count: { type: 'string' }, timezone: { type: 'string' } },
  });
  const [command, argument] = positionals;
  if (values.help || !command) return help(SCHEDULES_USAGE);

  switch (command) {
    case 'list': {
      const schedules = await api.get<ScheduleView[]>('scheduler', '/schedules');
      return result(schedules, schedulesTable(schedules));
    }
    case 'show': {
      const id = requireArg(argument, 'WORKFLOW_ID', SCHEDULES_USAGE);
      const schedule = await api.get<ScheduleView>('scheduler', `/schedules/${encodeURIComponent(id)}`);
      const next = (schedule.next_runs ?? []).map((time) => `  ${time}`).join('\n');
      return result(
        schedule,
        `${schedulesTable([schedule])}\n\nnext runs:\n${next || '  (none: disabled or paused)'}`,
      );
    }
    case 'preview': {
      const text = requireArg(argument, 'CRON or SCHEDULE_JSON', SCHEDULES_USAGE);
      const schedule = text.trim().startsWith('{')
        ? parseJsonOption(text, 'the schedule')
        : { schedule_type: 'cron', cron: text, ...(values.timezone ? { timezone: values.timezone } : {}) };
      const preview = await api.post<{ timezone: string; fire_times: string[] }>(
        'scheduler',
        '/schedules/preview',
        {
          schedule,
          count: parseCount(values.count, '--count') ?? 10,
        },
      );
      return result(preview, preview.fire_times.join('\n'));
    }
    case 'validate': {
      const cron = requireArg(argument, 'CRON', SCHEDULES_USAGE);
      const validation = await api.post<Validation>('scheduler', '/schedules/validate', {
        cron,
        ...(values.timezone ? { timezone: values.timezone } : {}),
      });
      // The scheduler answers 200 either way; a script needs the verdict in the exit code.
      if (!validation.valid && values.json !== true) throw new Error(`invalid: ${validation.message}`);
      const text = [`valid: ${validation.description ?? cron}`, ...validation.next_runs.map((t) => `  ${t}`)];
      return { ...result(validation, text.join('\n')), failed: !validation.valid };
    }
    case 'presets': {
      const presets = await api.get<{ name: string; cron: string; description: string }[]>(
        'scheduler',
        '/schedules/presets',
      );
      return result(
        presets,
        formatTable(
          ['NAME', 'CRON', 'DESCRIPTION'],
          presets.map((p) => [p.name, p.cron, p.description]),
        ),
      );
    }
    default:
      throw usageError(`unknown command "schedules ${command}"`, SCHEDULES_USAGE);
  }
};

function schedulesTable(schedules: ScheduleView[]): string {
  return formatTable(
    ['WORKFLOW', 'SCHEDULE', 'ZONE', 'STATE', 'NEXT RUN', 'LAST RUN', 'RUNS', 'ERRORS', 'LAST ERROR'],
    schedules.map((s) => [
      s.workflow_id,
      describeTrigger(s.schedule).replace(/^schedule /, ''),
      s.timezone,
      !s.enabled ? 'inactive' : s.paused ? 'paused' : 'armed',
      shortTime(s.next_run),
      shortTime(s.last_run),
      s.run_count,
      s.error_count,
      orDash(s.last_error),
    ]),
  );
}
