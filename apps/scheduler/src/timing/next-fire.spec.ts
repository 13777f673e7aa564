import { SCHEDULE_PRESETS, type ScheduleTrigger } from '@triggerline/contracts';
import { cronOf, latestFireAtOrBefore, nextFireAfter, upcomingFires } from './next-fire.js';

const at = (iso: string) => new Date(iso);
const iso = (dates: (Date | undefined)[]) => dates.map((date) => date?.toISOString());
const anchor = at('2026-01-01T00:00:00Z');

const cron = (expression: string, timezone = 'UTC'): ScheduleTrigger => ({
  type: 'schedule',
  schedule_type: 'cron',
  cron: expression,
  timezone,
});
const daily = (time: string, timezone = 'UTC'): ScheduleTrigger => ({
  type: 'schedule',
  schedule_type: 'daily',
  time,
  timezone,
});
const weekly = (day: number, time: string, timezone = 'UTC'): ScheduleTrigger => ({
  type: 'schedule',
  schedule_type: 'weekly',
  day,
  time,
  timezone,
});

describe('cron schedules', () => {
  it('fires "0 9 L * *" on the last day of February, 28th in 2027 and 29th in the leap year 2028', () => {
    expect(iso(upcomingFires(cron('0 9 L * *'), at('2027-02-01T00:00:00Z'), 2, anchor))).toEqual([
      '2027-02-28T09:00:00.000Z',
      '2027-03-31T09:00:00.000Z',
    ]);
    expect(nextFireAfter(cron('0 9 L * *'), at('2028-02-01T00:00:00Z'), anchor)).toEqual(
      at('2028-02-29T09:00:00Z'),
    );
  });

  it('fires "0 2 * * *" at 03:00 on the spring-forward day, when 02:00 does not exist', () => {
    // Europe/Berlin jumps from 02:00 CET to 03:00 CEST on 2027-03-28.
    expect(
      iso(upcomingFires(cron('0 2 * * *', 'Europe/Berlin'), at('2027-03-27T12:00:00Z'), 2, anchor)),
    ).toEqual(['2027-03-28T01:00:00.000Z', '2027-03-29T00:00:00.000Z']);
    // America/New_York jumps from 02:00 EST to 03:00 EDT on 2027-03-14.
    expect(
      iso(upcomingFires(cron('0 2 * * *', 'America/New_York'), at('2027-03-13T12:00:00Z'), 2, anchor)),
    ).toEqual(['2027-03-14T07:00:00.000Z', '2027-03-15T06:00:00.000Z']);
  });

  it('reads 6 fields as seconds first, and knows "#" and nicknames', () => {
    expect(iso(upcomingFires(cron('*/20 * * * * *'), at('2027-01-01T00:00:00.500Z'), 3, anchor))).toEqual([
      '2027-01-01T00:00:20.000Z',
      '2027-01-01T00:00:40.000Z',
      '2027-01-01T00:01:00.000Z',
    ]);
    // The second Monday of the month.
    expect(nextFireAfter(cron('0 9 * * 1#2'), at('2027-02-01T00:00:00Z'), anchor)).toEqual(
      at('2027-02-08T09:00:00Z'),
    );
    expect(nextFireAfter(cron('@daily', 'Asia/Tokyo'), at('2027-02-01T00:00:00Z'), anchor)).toEqual(
      at('2027-02-01T15:00:00Z'),
    );
  });

  it('fires strictly after the reference instant, and finds the latest fire at or before one', () => {
    const everySecond = cron('* * * * * *');
    expect(nextFireAfter(everySecond, at('2027-01-01T00:00:01.000Z'), anchor)).toEqual(
      at('2027-01-01T00:00:02.000Z'),
    );
    expect(latestFireAtOrBefore(everySecond, at('2027-01-01T00:00:01.000Z'), anchor)).toEqual(
      at('2027-01-01T00:00:01.000Z'),
    );
    expect(latestFireAtOrBefore(everySecond, at('2027-01-01T00:00:01.999Z'), anchor)).toEqual(
      at('2027-01-01T00:00:01.000Z'),
    );
  });

  it('fires an hourly cron in both repeated 01:00 hours of a fall-back: they are two real hours', () => {
    expect(
      iso(upcomingFires(cron('0 * * * *', 'America/New_York'), at('2027-11-07T04:30:00Z'), 3, anchor)),
    ).toEqual(['2027-11-07T05:00:00.000Z', '2027-11-07T06:00:00.000Z', '2027-11-07T07:00:00.000Z']);
  });

  it('never fires an expression that matches no date', () => {
    expect(nextFireAfter(cron('0 0 30 2 *'), at('2027-01-01T00:00:00Z'), anchor)).toBeUndefined();
    expect(upcomingFires(cron('0 0 30 2 *'), at('2027-01-01T00:00:00Z'), 3, anchor)).toEqual([]);
  });
});

describe('daily schedules', () => {
  it('fires 02:30 on the spring-forward day an hour later, as cron-parser does, then at 02:30 again', () => {
    expect(
      iso(upcomingFires(daily('02:30', 'Europe/Berlin'), at('2027-03-27T12:00:00Z'), 2, anchor)),
    ).toEqual([
      '2027-03-28T01:30:00.000Z', // 03:30 CEST
      '2027-03-29T00:30:00.000Z', // 02:30 CEST
    ]);
    expect(
      iso(upcomingFires(daily('02:30', 'America/New_York'), at('2027-03-13T12:00:00Z'), 2, anchor)),
    ).toEqual(['2027-03-14T07:30:00.000Z', '2027-03-15T06:30:00.000Z']);
  });

  it('fires 01:30 once on the fall-back day, when New York reads 01:30 twice', () => {
    const schedule = daily('01:30', 'America/New_York');
    expect(iso(upcomingFires(schedule, at('2027-11-06T12:00:00Z'), 2, anchor))).toEqual([
      '2027-11-07T05:30:00.000Z', // 01:30 EDT; 01:30 EST (06:30Z) is the same wall time again
      '2027-11-08T06:30:00.000Z',
    ]);
    // Asked between the two 01:30s, and looking back from after both.
    expect(nextFireAfter(schedule, at('2027-11-07T05:45:00Z'), anchor)).toEqual(at('2027-11-08T06:30:00Z'));
    expect(latestFireAtOrBefore(schedule, at('2027-11-07T07:00:00Z'), anchor)).toEqual(
      at('2027-11-07T05:30:00Z'),
    );
  });

  it('fires 02:30 once on the fall-back day in Berlin, where 02:00-03:00 repeats', () => {
    expect(
      iso(upcomingFires(daily('02:30', 'Europe/Berlin'), at('2027-10-30T12:00:00Z'), 2, anchor)),
    ).toEqual([
      '2027-10-31T00:30:00.000Z', // 02:30 CEST
      '2027-11-01T01:30:00.000Z', // 02:30 CET
    ]);
    expect(latestFireAtOrBefore(daily('02:30', 'Europe/Berlin'), at('2027-10-31T03:00:00Z'), anchor)).toEqual(
      at('2027-10-31T00:30:00Z'),
    );
  });

  it('fires later the same day when the time is still ahead, else the next day', () => {
    expect(nextFireAfter(daily('09:00'), at('2027-01-01T08:59:59Z'), anchor)).toEqual(
      at('2027-01-01T09:00:00Z'),
    );
    expect(nextFireAfter(daily('09:00'), at('2027-01-01T09:00:00Z'), anchor)).toEqual(
      at('2027-01-02T09:00:00Z'),
    );
  });
});

describe('weekly schedules', () => {
  // 2027-01-01 is a Friday.
  it('counts days from Monday = 0, as the seed does', () => {
    expect(nextFireAfter(weekly(0, '09:00'), at('2027-01-01T00:00:00Z'), anchor)).toEqual(
      at('2027-01-04T09:00:00Z'),
    );
    expect(nextFireAfter(weekly(4, '09:00'), at('2027-01-01T00:00:00Z'), anchor)).toEqual(
      at('2027-01-01T09:00:00Z'),
    );
    expect(nextFireAfter(weekly(6, '23:15'), at('2027-01-01T00:00:00Z'), anchor)).toEqual(
      at('2027-01-03T23:15:00Z'),
    );
    expect(cronOf(weekly(6, '23:15'))).toBe('15 23 * * 0');
  });

  it('reads the day and time in its zone', () => {
    expect(
      iso(upcomingFires(weekly(0, '09:00', 'Europe/Berlin'), at('2027-01-01T00:00:00Z'), 2, anchor)),
    ).toEqual(['2027-01-04T08:00:00.000Z', '2027-01-11T08:00:00.000Z']);
    // Monday 00:30 in Tokyo is still Sunday in UTC.
    expect(nextFireAfter(weekly(0, '00:30', 'Asia/Tokyo'), at('2027-01-01T00:00:00Z'), anchor)).toEqual(
      at('2027-01-03T15:30:00Z'),
    );
  });

  it('fires a weekly 01:30 once on the fall-back Sunday', () => {
    expect(
      iso(upcomingFires(weekly(6, '01:30', 'America/New_York'), at('2027-11-06T12:00:00Z'), 2, anchor)),
    ).toEqual(['2027-11-07T05:30:00.000Z', '2027-11-14T06:30:00.000Z']);
  });
});

describe('interval schedules', () => {
  const hourly: ScheduleTrigger = { type: 'schedule', schedule_type: 'interval', interval_seconds: 3600 };
  const created = at('2027-01-01T00:00:10Z');

  it('counts from the anchor, not from when it is asked', () => {
    expect(iso(upcomingFires(hourly, at('2027-01-01T05:30:00Z'), 2, created))).toEqual([
      '2027-01-01T06:00:10.000Z',
      '2027-01-01T07:00:10.000Z',
    ]);
    expect(nextFireAfter(hourly, at('2027-01-01T01:00:10Z'), created)).toEqual(at('2027-01-01T02:00:10Z'));
  });

  it('fires first one interval after the anchor, never at or before it', () => {
    expect(nextFireAfter(hourly, at('2026-12-01T00:00:00Z'), created)).toEqual(at('2027-01-01T01:00:10Z'));
    expect(nextFireAfter(hourly, created, created)).toEqual(at('2027-01-01T01:00:10Z'));
    expect(latestFireAtOrBefore(hourly, at('2027-01-01T01:00:09Z'), created)).toBeUndefined();
    expect(latestFireAtOrBefore(hourly, at('2027-01-01T03:59:00Z'), created)).toEqual(
      at('2027-01-01T03:00:10Z'),
    );
  });

  it('ignores the zone: an interval is elapsed time, DST or not', () => {
    const berlin: ScheduleTrigger = { ...hourly, timezone: 'Europe/Berlin' };
    expect(iso(upcomingFires(berlin, at('2027-03-28T00:30:00Z'), 3, created))).toEqual([
      '2027-03-28T01:00:10.000Z',
      '2027-03-28T02:00:10.000Z',
      '2027-03-28T03:00:10.000Z',
    ]);
  });
});

describe('presets', () => {
  // From Friday 2027-01-01 10:00 UTC.
  const expected: Record<string, string> = {
    every_minute: '2027-01-01T10:01:00.000Z',
    every_5_minutes: '2027-01-01T10:05:00.000Z',
    every_15_minutes: '2027-01-01T10:15:00.000Z',
    every_30_minutes: '2027-01-01T10:30:00.000Z',
    every_hour: '2027-01-01T11:00:00.000Z',
    every_2_hours: '2027-01-01T12:00:00.000Z',
    every_6_hours: '2027-01-01T12:00:00.000Z',
    every_12_hours: '2027-01-01T12:00:00.000Z',
    daily_midnight: '2027-01-02T00:00:00.000Z',
    daily_9am: '2027-01-02T09:00:00.000Z',
    daily_6pm: '2027-01-01T18:00:00.000Z',
    weekly_monday: '2027-01-04T09:00:00.000Z',
    weekly_friday: '2027-01-01T17:00:00.000Z',
    monthly_first: '2027-02-01T09:00:00.000Z',
    monthly_last: '2027-01-31T09:00:00.000Z',
    quarterly: '2027-04-01T09:00:00.000Z',
  };

  it('covers every preset of the seed', () => {
    expect(SCHEDULE_PRESETS.map((preset) => preset.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(SCHEDULE_PRESETS.map((preset) => [preset.name, preset.cron]))('%s (%s)', (name, expression) => {
    expect(nextFireAfter(cron(expression), at('2027-01-01T10:00:00Z'), anchor)?.toISOString()).toBe(
      expected[name],
    );
  });
});
