import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { TRIGGER_DEFAULTS, type ScheduleTrigger } from '@triggerline/contracts';
import { isRepeatedWallTime } from './zoned-time.js';

// When a schedule fires, as pure functions of the schedule, a reference instant and the anchor.
// cron, daily and weekly go through cron-parser, so the three agree on time zones and DST: a
// local time that does not exist on the spring-forward day moves forward by the gap, as
// cron-parser does (02:30 in Berlin becomes 03:30 CEST). A daily or weekly time repeated by a
// fall-back fires once, at its first occurrence. An interval counts from its anchor (the job's
// creation time): anchor + k x interval_seconds, k >= 1, whatever the zone.

const PARSED_LIMIT = 10_000;
const parsed = new Map<string, CronExpression>();

/** The cron expression a cron, daily or weekly schedule stands for. */
export function cronOf(schedule: ScheduleTrigger): string | undefined {
  switch (schedule.schedule_type) {
    case 'cron':
      return schedule.cron;
    case 'daily': {
      const [hour, minute] = schedule.time.split(':').map(Number);
      return `${minute} ${hour} * * *`;
    }
    case 'weekly': {
      const [hour, minute] = schedule.time.split(':').map(Number);
      // The seed counts days from Monday = 0; cron from Sunday = 0.
      return `${minute} ${hour} * * ${(schedule.day + 1) % 7}`;
    }
    case 'interval':
      return undefined;
  }
}

// Parsing costs far more than stepping, and most jobs share a handful of expressions.
function expression(cron: string, timeZone: string, at: Date): CronExpression {
  const key = `${timeZone} ${cron}`;
  let parsedExpression = parsed.get(key);
  if (!parsedExpression) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsedExpression = CronExpressionParser.parse(cron, { tz: timeZone, currentDate: at, strict: false });
    parsed.set(key, parsedExpression);
  }
  parsedExpression.reset(at);
  return parsedExpression;
}

function timeZoneOf(schedule: ScheduleTrigger): string {
  return schedule.timezone ?? TRIGGER_DEFAULTS.timezone;
}

/** Whether a fall-back repeat of this slot must be skipped: daily and weekly times fire once. */
function firesOncePerDay(schedule: ScheduleTrigger): boolean {
  return schedule.schedule_type === 'daily' || schedule.schedule_type === 'weekly';
}

function step(schedule: ScheduleTrigger, from: Date, direction: 'next' | 'prev'): Date | undefined {
  const cron = cronOf(schedule);
  if (cron === undefined) return undefined;
  const timeZone = timeZoneOf(schedule);
  try {
    const iterator = expression(cron, timeZone, from);
    for (;;) {
      const candidate = (direction === 'next' ? iterator.next() : iterator.prev()).toDate();
      if (!firesOncePerDay(schedule) || !isRepeatedWallTime(candidate, timeZone)) return candidate;
    }
  } catch {
    // An expression that never matches (e.g. 30 February) runs out of cron-parser's loop limit.
    return undefined;
  }
}

/** The first fire time strictly after `after`; undefined when the schedule never fires again. */
export function nextFireAfter(schedule: ScheduleTrigger, after: Date, anchor: Date): Date | undefined {
  if (schedule.schedule_type === 'interval') {
    const period = schedule.interval_seconds * 1000;
    const elapsed = after.getTime() - anchor.getTime();
    const k = elapsed < period ? 1 : Math.floor(elapsed / period) + 1;
    return new Date(anchor.getTime() + k * period);
  }
  return step(schedule, after, 'next');
}

/** The last fire time at or before `at`; undefined when there is none. */
export function latestFireAtOrBefore(schedule: ScheduleTrigger, at: Date, anchor: Date): Date | undefined {
  if (schedule.schedule_type === 'interval') {
    const period = schedule.interval_seconds * 1000;
    const k = Math.floor((at.getTime() - anchor.getTime()) / period);
    return k >= 1 ? new Date(anchor.getTime() + k * period) : undefined;
  }
  return step(schedule, new Date(at.getTime() + 1), 'prev');
}

/** The next `count` fire times strictly after `after`. */
export function upcomingFires(schedule: ScheduleTrigger, after: Date, count: number, anchor: Date): Date[] {
  const fires: Date[] = [];
  let cursor = after;
  while (fires.length < count) {
    const next = nextFireAfter(schedule, cursor, anchor);
    if (!next) break;
    fires.push(next);
    cursor = next;
  }
  return fires;
}
