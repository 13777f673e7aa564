import { buildEnvelope, customerIdOf, eventTypesByCategory } from '@triggerline/contracts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ApiClient } from '../api/api-client.js';
import { orDash, shortTime } from '../format.js';
import { formatTable } from '../table.js';
import {
  COMMON_OPTIONS,
  type CommandContext,
  type CommandGroup,
  help,
  parseCount,
  parseJsonOption,
  pause,
  requireArg,
  result,
  usageError,
} from './command.js';
import { eventTypesCommand } from './event-types.command.js';

export const EVENTS_USAGE = `Usage: triggerline events <command> [--json]

  types                                              the event catalog
  list [--type T] [--limit N]                        the gateway's history, newest first
  emit TYPE --data JSON|--file F [--source S]        publish one event through the gateway
  tail [--type T]                                    print events as the gateway records them, until Ctrl-C`;

export const CLI_EVENT_SOURCE = '/cli';
const TAIL_INTERVAL_MS = 1_000;
const TAIL_PAGE = 100;

export interface EventRecordView {
  id: string;
  type: string;
  source: string | null;
  customer_id: string | null;
  time: string;
  received_at: string;
  status: string;
  payload: unknown;
  errors: { path: string; message: string }[];
  triggered_workflows: string[];
}

export const eventsCommand: CommandGroup = async (args, context) => {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      type: { type: 'string' },
      limit: { type: 'string' },
      data: { type: 'string' },
      file: { type: 'string', short: 'f' },
      source: { type: 'string' },
    },
  });
  const [command, type] = positionals;
  if (values.help || !command) return help(EVENTS_USAGE);
  const { api } = context;

  switch (command) {
    case 'types':
      return result(eventTypesByCategory(), eventTypesCommand());
    case 'list': {
      const page = await api.get<{ items: EventRecordView[] }>('event-gateway', '/events', {
        type: values.type,
        limit: parseCount(values.limit, '--limit') ?? 20,
      });
      return result(page.items, eventsTable(page.items));
    }
    case 'emit': {
      const eventType = requireArg(type, 'TYPE', EVENTS_USAGE);
      const accepted = await emitEvent(api, eventType, eventData(values.data, values.file), values.source);
      return result(accepted, `accepted event ${accepted.ids[0]}`);
    }
    case 'tail':
      return tail(api, values.type, values.json === true, context);
    default:
      throw usageError(`unknown command "events ${command}"`, EVENTS_USAGE);
  }
};

/** Publishes one event through the gateway (which validates it against the catalog); its id. */
export async function emitEvent(
  api: ApiClient,
  type: string,
  data: object,
  source = CLI_EVENT_SOURCE,
): Promise<{ ids: string[] }> {
  const event = buildEnvelope({
    id: randomUUID(),
    source,
    type,
    time: new Date(),
    data,
    customerId: customerIdOf(data),
  });
  return api.post<{ ids: string[] }>('event-gateway', '/events', event);
}

function eventData(data: string | undefined, file: string | undefined): object {
  if ((data === undefined) === (file === undefined))
    throw new Error('give the payload with either --data JSON or --file F');
  const parsed =
    data !== undefined
      ? parseJsonOption(data, '--data')
      : parseJsonOption(readFileSync(file ?? '', 'utf8'), file ?? '');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('the event payload must be a JSON object');
  return parsed;
}

function eventsTable(events: EventRecordView[]): string {
  return formatTable(['ID', 'TYPE', 'TIME', 'STATUS', 'CUSTOMER', 'WORKFLOWS'], events.map(eventRow));
}

function eventRow(e: EventRecordView): string[] {
  return [
    e.id,
    e.type,
    shortTime(e.time),
    e.status,
    orDash(e.customer_id),
    e.status === 'rejected'
      ? e.errors.map((x) => `${x.path} ${x.message}`).join('; ')
      : e.triggered_workflows.join(' ') || '-',
  ];
}

/**
 * Follows the gateway's history rather than NATS: it shows what the system made of each event
 * (recorded or rejected, which workflows it triggered), which the raw subject cannot.
 */
async function tail(
  api: ApiClient,
  type: string | undefined,
  json: boolean,
  { say, interrupted: onInterrupt }: CommandContext,
): Promise<void> {
  const interrupted = onInterrupt();
  let stopped = false;
  void interrupted.then(() => (stopped = true));
  const page = () =>
    api
      .get<{ items: EventRecordView[] }>('event-gateway', '/events', { type, limit: TAIL_PAGE })
      .then((p) => p.items);
  const seen = new Set((await page()).map((e) => e.id));
  if (!json) say(`following events${type ? ` of type ${type}` : ''} (Ctrl-C to stop)`);
  while (!stopped) {
    await pause(TAIL_INTERVAL_MS, interrupted);
    if (stopped) break;
    for (const e of (await page()).reverse()) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      say(json ? JSON.stringify(e) : eventRow(e).join('  '));
    }
  }
}
