import type { ScheduleTrigger } from '@triggerline/contracts';
import { FIRE_ALL_CAP, countSlots, planMisfires } from './misfire.js';

const at = (iso: string) => new Date(iso);
const anchor = at('2027-01-01T00:00:00Z');
const everySecond: ScheduleTrigger = { type: 'schedule', schedule_type: 'cron', cron: '* * * * * *' };
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe('planMisfires', () => {
  // Down from 10:00:00 (the first slot not run) to 10:00:05.400: six slots passed.
  const firstDue = at('2027-01-01T10:00:00Z');
  const now = at('2027-01-01T10:00:05.400Z');

  it('fire_once runs the latest missed slot and counts the others as missed', () => {
    expect(planMisfires(everySecond, 'fire_once', firstDue, now, anchor)).toEqual({
      fire: [at('2027-01-01T10:00:05Z')],
      missed: 5,
      capped: false,
      next: at('2027-01-01T10:00:06Z'),
    });
  });

  it('skip runs none of them', () => {
    expect(planMisfires(everySecond, 'skip', firstDue, now, anchor)).toEqual({
      fire: [],
      missed: 6,
      capped: false,
      next: at('2027-01-01T10:00:06Z'),
    });
  });

  it('fire_all runs each, oldest first', () => {
    const plan = planMisfires(everySecond, 'fire_all', firstDue, now, anchor);
    expect(iso(plan.fire)).toEqual([
      '2027-01-01T10:00:00.000Z',
      '2027-01-01T10:00:01.000Z',
      '2027-01-01T10:00:02.000Z',
      '2027-01-01T10:00:03.000Z',
      '2027-01-01T10:00:04.000Z',
      '2027-01-01T10:00:05.000Z',
    ]);
    expect(plan).toMatchObject({ missed: 0, capped: false });
  });

  it('finds nothing to do when no slot passed yet', () => {
    const plan = planMisfires(everySecond, 'fire_all', at('2027-01-01T10:00:06Z'), now, anchor);
    expect(plan).toEqual({ fire: [], missed: 0, capped: false, next: at('2027-01-01T10:00:06Z') });
  });

  it('caps fire_all at the latest 100 slots after a clock jump of years, quickly', () => {
    const started = Date.now();
    const plan = planMisfires(everySecond, 'fire_all', firstDue, at('2031-06-01T00:00:00.500Z'), anchor);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(plan.capped).toBe(true);
    expect(plan.fire).toHaveLength(FIRE_ALL_CAP);
    expect(plan.fire[0]).toEqual(at('2031-05-31T23:58:21Z'));
    expect(plan.fire[FIRE_ALL_CAP - 1]).toEqual(at('2031-06-01T00:00:00Z'));
    // 1,612 days from 2027-01-01T10:00:00 to 2031-06-01T00:00:00, one slot a second, both ends in.
    expect(plan.missed).toBe(1_612 * 86_400 - 10 * 3_600 + 1 - FIRE_ALL_CAP);
    expect(plan.next).toEqual(at('2031-06-01T00:00:01Z'));
  });

  it('counts missed intervals exactly, however long the gap', () => {
    const minutely: ScheduleTrigger = { type: 'schedule', schedule_type: 'interval', interval_seconds: 60 };
    // 2027-01-01T00:01 .. 2037-01-01T00:00: ten years (3,653 days with 2028, 2032 and 2036) of minutes.
    expect(countSlots(minutely, at('2027-01-01T00:00:30Z'), at('2037-01-01T00:00:00Z'), anchor)).toBe(
      5_260_320,
    );
    const plan = planMisfires(
      minutely,
      'fire_once',
      at('2027-01-01T00:01:00Z'),
      at('2037-01-01T00:00:30Z'),
      anchor,
    );
    expect(plan).toEqual({
      fire: [at('2037-01-01T00:00:00Z')],
      missed: 5_260_319,
      capped: false,
      next: at('2037-01-01T00:01:00Z'),
    });
  });

  it('estimates missed monthly slots from their spacing, and counts few slots one by one', () => {
    const monthlyLast: ScheduleTrigger = { type: 'schedule', schedule_type: 'cron', cron: '0 9 L * *' };
    // 2027-01-31 .. 2036-12-31: 120 month ends.
    const count = countSlots(monthlyLast, at('2027-01-01T00:00:00Z'), at('2037-01-01T00:00:00Z'), anchor);
    expect(Math.abs(count - 120)).toBeLessThanOrEqual(1);
    expect(countSlots(monthlyLast, at('2027-01-01T00:00:00Z'), at('2027-04-01T00:00:00Z'), anchor)).toBe(3);
  });
});
