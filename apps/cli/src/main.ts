#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { eventTypesCommand } from './commands/event-types.command.js';
import { streamsCommand } from './commands/streams.command.js';
import { startCommand } from './start/start.command.js';

const USAGE = `Usage: triggerline <command>

Commands:
  start          run the four services on this machine (what npm start does)
  streams        create or update the JetStream streams on NATS_URL and show them
  events types   list the event catalog

Environment: NATS_URL (default nats://127.0.0.1:4222), NATS_REPLICAS (default 1)`;

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals.join(' ');
  if (values.help || command === '') return USAGE;
  if (command === 'streams') {
    return streamsCommand({
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      replicas: Number(process.env.NATS_REPLICAS ?? 1),
    });
  }
  if (command === 'events types') return eventTypesCommand();
  throw new Error(`unknown command "${command}"\n\n${USAGE}`);
}

const argv = process.argv.slice(2);
if (argv[0] === 'start') {
  startCommand(process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`triggerline: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
} else {
  run(argv).then(
    (output) => console.log(output),
    (error: unknown) => {
      console.error(`triggerline: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
