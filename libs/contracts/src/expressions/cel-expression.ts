import { parse } from '@marcbachmann/cel-js';
import type { FieldError, Validated } from '../validation/field-error.js';

/** A compiled CEL expression (Common Expression Language: no loops, no side effects). */
export type CelProgram = (context: Record<string, unknown>) => unknown;

/**
 * Compiles a CEL expression once, for event filters and `condition` steps alike, so the runner
 * that validates a workflow and the services that evaluate it read one dialect.
 */
export function compileCel(expression: string, path: string): Validated<CelProgram> {
  try {
    const program = parse(expression);
    return { ok: true, value: (context) => program(context) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, errors: [celError(path, reason)] };
  }
}

/** Runs a compiled condition; anything but a boolean result is an error, not a guess. */
export function evaluateCelCondition(program: CelProgram, context: Record<string, unknown>): boolean {
  const result = program(context);
  if (typeof result !== 'boolean') throw new TypeError(`the expression gave ${typeof result}, not a boolean`);
  return result;
}

function celError(path: string, reason: string): FieldError {
  return { path, message: `is not a valid CEL expression: ${reason}` };
}
