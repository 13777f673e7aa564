// Subject and stream names are append-only: a rename strands messages already stored
// under the old name, so it needs a migration plan, not an edit.

const EVENTS_PREFIX = 'events.';
const RUNS_REQUESTED_PREFIX = 'runs.requested.';
const RUNS_FINISHED_PREFIX = 'runs.finished.';
const WORKFLOWS_PREFIX = 'workflows.';
const DLQ_PREFIX = 'dlq.';

/** `invoice.created` → `events.invoice.created` */
export function eventSubject(type: string): string {
  return EVENTS_PREFIX + type;
}

/** `events.invoice.created` → `invoice.created`; undefined for any other subject. */
export function eventTypeFromSubject(subject: string): string | undefined {
  return subject.startsWith(EVENTS_PREFIX) && subject.length > EVENTS_PREFIX.length
    ? subject.slice(EVENTS_PREFIX.length)
    : undefined;
}

export function runRequestedSubject(workflowId: string): string {
  return RUNS_REQUESTED_PREFIX + subjectToken(workflowId, 'workflowId');
}

export function runFinishedSubject(workflowId: string): string {
  return RUNS_FINISHED_PREFIX + subjectToken(workflowId, 'workflowId');
}

export function workflowSubject(workflowId: string): string {
  return WORKFLOWS_PREFIX + subjectToken(workflowId, 'workflowId');
}

/** Where a message that exhausted its deliveries is parked: `dlq.<original subject>`. */
export function dlqSubject(originalSubject: string): string {
  return DLQ_PREFIX + originalSubject;
}

export function subjectFromDlq(subject: string): string | undefined {
  return subject.startsWith(DLQ_PREFIX) ? subject.slice(DLQ_PREFIX.length) : undefined;
}

/** The last token of a per-workflow subject: `runs.requested.wf_1` → `wf_1`. */
export function workflowIdFromSubject(subject: string): string | undefined {
  for (const prefix of [RUNS_REQUESTED_PREFIX, RUNS_FINISHED_PREFIX, WORKFLOWS_PREFIX]) {
    if (subject.startsWith(prefix)) return subject.slice(prefix.length) || undefined;
  }
  return undefined;
}

/** A subject token may not be empty or hold `.`, `*`, `>` or white space. */
function subjectToken(value: string, name: string): string {
  if (!/^[^.*>\s]+$/.test(value)) {
    throw new Error(`${name} "${value}" cannot be a NATS subject token (no ".", "*", ">" or spaces)`);
  }
  return value;
}

/** The JetStream streams of DESIGN.md and the subjects each one stores. */
export const STREAMS = {
  events: { name: 'EVENTS', subjects: [`${EVENTS_PREFIX}>`] },
  runs: { name: 'RUNS', subjects: [`${RUNS_REQUESTED_PREFIX}>`] },
  runResults: { name: 'RUN_RESULTS', subjects: [`${RUNS_FINISHED_PREFIX}>`] },
  workflows: { name: 'WORKFLOWS', subjects: [`${WORKFLOWS_PREFIX}>`] },
  dlq: { name: 'DLQ', subjects: [`${DLQ_PREFIX}>`] },
} as const;

export type StreamKey = keyof typeof STREAMS;
export type StreamName = (typeof STREAMS)[StreamKey]['name'];

/** Which stream stores a subject (or a subject pattern such as `events.invoice.*`). */
export function streamForSubject(subject: string): StreamName | undefined {
  for (const stream of Object.values(STREAMS)) {
    const prefix = stream.subjects[0].slice(0, -1);
    if (subject.startsWith(prefix) && subject.length > prefix.length) return stream.name;
  }
  return undefined;
}
