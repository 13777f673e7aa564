import { EVENT_CATALOG } from '../events/catalog.js';
import {
  dlqSubject,
  eventSubject,
  eventTypeFromSubject,
  runFinishedSubject,
  runRequestedSubject,
  streamForSubject,
  subjectFromDlq,
  workflowIdFromSubject,
  workflowSubject,
} from './subjects.js';

describe('subjects', () => {
  it('maps every catalog type to its subject and back', () => {
    expect(eventSubject('invoice.created')).toBe('events.invoice.created');
    for (const { type } of EVENT_CATALOG) {
      expect(eventTypeFromSubject(eventSubject(type))).toBe(type);
      expect(streamForSubject(eventSubject(type))).toBe('EVENTS');
    }
    expect(eventTypeFromSubject('events.')).toBeUndefined();
    expect(eventTypeFromSubject('runs.requested.wf_1')).toBeUndefined();
  });

  it('builds the per-workflow subjects and reads the workflow id back', () => {
    expect(runRequestedSubject('wf_1')).toBe('runs.requested.wf_1');
    expect(runFinishedSubject('wf_1')).toBe('runs.finished.wf_1');
    expect(workflowSubject('wf_1')).toBe('workflows.wf_1');
    for (const subject of [
      runRequestedSubject('wf_1'),
      runFinishedSubject('wf_1'),
      workflowSubject('wf_1'),
    ]) {
      expect(workflowIdFromSubject(subject)).toBe('wf_1');
    }
    expect(streamForSubject('runs.requested.wf_1')).toBe('RUNS');
    expect(streamForSubject('runs.finished.wf_1')).toBe('RUN_RESULTS');
    expect(streamForSubject('workflows.wf_1')).toBe('WORKFLOWS');
  });

  it('refuses a workflow id that would break the subject', () => {
    expect(() => runRequestedSubject('wf.1')).toThrow(
      'workflowId "wf.1" cannot be a NATS subject token (no ".", "*", ">" or spaces)',
    );
    expect(() => workflowSubject('')).toThrow('cannot be a NATS subject token');
  });

  it('parks a message under dlq.<original subject> and reads it back', () => {
    expect(dlqSubject('events.invoice.created')).toBe('dlq.events.invoice.created');
    expect(subjectFromDlq('dlq.events.invoice.created')).toBe('events.invoice.created');
    expect(streamForSubject('dlq.events.invoice.created')).toBe('DLQ');
    expect(subjectFromDlq('events.invoice.created')).toBeUndefined();
  });
});
