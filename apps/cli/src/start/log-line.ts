const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: '\x1b[33mWARN \x1b[0m',
  50: '\x1b[31mERROR\x1b[0m',
  60: '\x1b[31mFATAL\x1b[0m',
};
/** Fields every line has, or that the prefix already shows. */
const SHOWN = new Set(['level', 'time', 'msg', 'service', 'context', 'err', 'pid', 'hostname']);

interface PinoLine {
  level: number;
  time: number;
  msg?: string;
  context?: string;
  err?: { message?: string; stack?: string };
  [field: string]: unknown;
}

/**
 * A service's pino JSON line as a person reads it in a terminal: time, level, context, message,
 * any other fields as key=value, an error's stack below. Anything else passes through unchanged.
 */
export function readableLogLine(line: string): string {
  const entry = parse(line);
  if (!entry) return line;
  const time = new Date(entry.time).toISOString().slice(11, 23);
  const context = entry.context ? `\x1b[2m${entry.context}\x1b[0m ` : '';
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const head = [`${time} ${LEVELS[entry.level] ?? entry.level} ${context}${entry.msg ?? ''}`, ...fields].join(
    ' ',
  );
  const stack = entry.err?.stack ?? entry.err?.message;
  return stack ? `${head}\n    ${stack.split('\n').join('\n    ')}` : head;
}

function parse(line: string): PinoLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as Partial<PinoLine>;
    return typeof value.level === 'number' && typeof value.time === 'number'
      ? (value as PinoLine)
      : undefined;
  } catch {
    return undefined;
  }
}
