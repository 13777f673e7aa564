#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ApiClient } from './api/api-client.js';
import { cliConfig } from './api/cli-config.js';
import type { CommandContext, CommandGroup } from './commands/command.js';
import { demoCommand } from './commands/demo.command.js';
import { eventsCommand } from './commands/events.command.js';
import { executionsCommand } from './commands/executions.command.js';
import { schedulesCommand } from './commands/schedules.command.js';
import { streamsCommand } from './commands/streams.command.js';
import { webhooksCommand } from './commands/webhooks.command.js';
import { workflowsCommand } from './commands/workflows.command.js';
import { startCommand } from './start/start.command.js';

const USAGE = `Usage: triggerline <command> [--json]   (triggerline <group> --help for a group's commands)

Commands:
  start        run the four services on this machine (what npm start does)
  streams      create or update the JetStream streams on NATS_URL and show them
  events       types | list | emit | tail
  workflows    create | list | show | activate | pause | run
  executions   list | show | tail
  schedules    list | show | preview | validate | presets
  webhooks     list | show | rotate | send
  demo         three workflows (event, schedule, webhook) run against the running services

The other commands (but events types) ask the services over HTTP:
  TRIGGERLINE_API_KEY          the API key (default: the one npm start keeps in ./data/api-key;
                               TRIGGERLINE_DATA_DIR moves ./data)
  TRIGGERLINE_GATEWAY_URL, TRIGGERLINE_SCHEDULER_URL, TRIGGERLINE_WEBHOOKS_URL, TRIGGERLINE_RUNNER_URL
                               default http://127.0.0.1:3001..3004 (TRIGGERLINE_PORT_BASE moves 3001)
start and streams: NATS_URL (default nats://127.0.0.1:4222), NATS_REPLICAS (default 1)`;

const GROUPS: Record<string, CommandGroup> = {
  events: eventsCommand,
  workflows: workflowsCommand,
  executions: executionsCommand,
  schedules: schedulesCommand,
  webhooks: webhooksCommand,
  demo: demoCommand,
};

async function run(argv: string[]): Promise<number> {
  const [group = '', ...rest] = argv;
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (group === 'streams') {
    print(
      await streamsCommand({
        natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
        replicas: Number(process.env.NATS_REPLICAS ?? 1),
      }),
    );
    return 0;
  }
  const command = GROUPS[group];
  if (!command) {
    const { values } = parseArgs({ args: argv, allowPositionals: true, strict: false });
    if (group === '' || group.startsWith('-') || values.help) {
      print(USAGE);
      return 0;
    }
    throw new Error(`unknown command "${group}"\n\n${USAGE}`);
  }
  const outcome = await command(rest, context(print));
  if (!outcome) return 0;
  print(rest.includes('--json') ? JSON.stringify(outcome.data, null, 2) : outcome.text);
  return outcome.failed ? 1 : 0;
}

function context(print: (line: string) => void): CommandContext {
  let interrupted: Promise<void> | undefined;
  const onInterrupt = () =>
    (interrupted ??= new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }));
  return {
    api: new ApiClient(cliConfig(process.env)),
    say: print,
    note: (line) => process.stderr.write(`${line}\n`),
    interrupted: onInterrupt,
  };
}

function fail(error: unknown): void {
  console.error(`triggerline: ${error instanceof Error ? error.message : String(error)}`);
}

const argv = process.argv.slice(2);
if (argv[0] === 'start') {
  startCommand(process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      fail(error);
      process.exit(1);
    },
  );
} else {
  // exitCode, not exit(): a long answer piped elsewhere is written out in full first.
  run(argv).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      fail(error);
      process.exitCode = 1;
    },
  );
}
