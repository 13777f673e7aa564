import { stripVTControlCharacters as plain } from 'node:util';
import { readableLogLine } from './log-line.js';

describe('readableLogLine', () => {
  it('shows time, level, context and message of a pino line, other fields as key=value', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.parse('2026-11-27T03:24:23.365Z'),
      service: 'workflow-runner',
      context: 'WorkflowLog',
      msg: 'thanks c1',
      execution_id: 'exe_1',
      attempt: 2,
    });

    expect(plain(readableLogLine(line))).toBe(
      '03:24:23.365 INFO  WorkflowLog thanks c1 execution_id=exe_1 attempt=2',
    );
  });

  it("puts an error's stack under the line", () => {
    const line = JSON.stringify({
      level: 50,
      time: Date.parse('2026-11-27T03:24:23.000Z'),
      msg: 'handler failed',
      err: { message: 'boom', stack: 'Error: boom\n    at handle (x.js:1:1)' },
    });

    expect(plain(readableLogLine(line)).split('\n')).toEqual([
      '03:24:23.000 ERROR handler failed',
      '    Error: boom',
      '        at handle (x.js:1:1)',
    ]);
  });

  it('passes anything that is not a pino line through unchanged', () => {
    for (const line of ['plain text', '{not json', '{"msg":"no level or time"}']) {
      expect(readableLogLine(line)).toBe(line);
    }
  });
});
