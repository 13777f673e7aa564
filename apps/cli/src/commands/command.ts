import type { ApiClient } from '../api/api-client.js';

/** What a command prints: `data` with --json, `text` otherwise. */
export interface CommandResult {
  data: unknown;
  text: string;
  /** Printed, yet the exit code is 1 (a verdict such as "invalid cron"). */
  failed?: boolean;
}

export interface CommandContext {
  api: ApiClient;
  /** Progress and streamed lines (tail, demo): printed as they happen. */
  say: (line: string) => void;
  /** Lines beside the answer (stderr), so --json output stays parseable. */
  note: (line: string) => void;
  /**
   * Resolves on Ctrl-C, which then no longer ends the process: for commands that follow
   * something and stop cleanly. Others leave Ctrl-C alone.
   */
  interrupted: () => Promise<void>;
}

/** A command group (`workflows`, `events`, ...): its arguments after the group's name. */
export type CommandGroup = (args: string[], context: CommandContext) => Promise<CommandResult | void>;

/** Options every group takes. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function result(data: unknown, text: string): CommandResult {
  return { data, text };
}

/** The help text as a result, so `--json --help` still prints it readably. */
export function help(usage: string): CommandResult {
  return { data: { usage }, text: usage };
}

export function usageError(message: string, usage: string): Error {
  return new Error(`${message}\n\n${usage}`);
}

export function requireArg(value: string | undefined, name: string, usage: string): string {
  if (!value) throw usageError(`missing ${name}`, usage);
  return value;
}

/** A JSON option's value, or an error naming the option. */
export function parseJsonOption(text: string, option: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${option} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A whole number option, or an error naming it. */
export function parseCount(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${option} must be a whole number >= 1`);
  return value;
}

/** Waits `ms`, or less when Ctrl-C comes first. */
export function pause(ms: number, interrupted: Promise<void>): Promise<void> {
  return Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), interrupted]);
}
