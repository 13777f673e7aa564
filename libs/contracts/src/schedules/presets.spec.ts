import { CronExpressionParser } from 'cron-parser';
import { describeCron, getPreset, SCHEDULE_PRESETS } from './presets.js';

describe('schedule presets', () => {
  it("holds the seed's 16 presets with its descriptions", () => {
    expect(SCHEDULE_PRESETS).toHaveLength(16);
    expect(new Set(SCHEDULE_PRESETS.map((preset) => preset.name)).size).toBe(16);
    expect(getPreset('weekly_friday')).toEqual({
      name: 'weekly_friday',
      cron: '0 17 * * 5',
      description: 'Weekly on Friday at 5:00 PM',
    });
    expect(getPreset('monthly_last')).toEqual({
      name: 'monthly_last',
      cron: '0 9 L * *',
      description: 'Monthly on the last day at 9:00 AM',
    });
    expect(getPreset('hourly')).toBeUndefined();
  });

  it.each(SCHEDULE_PRESETS.map((preset) => [preset.name, preset.cron]))(
    '%s (%s) is valid for cron-parser',
    (_name, cron) => {
      const next = CronExpressionParser.parse(cron, {
        currentDate: '2026-01-01T00:00:30Z',
        tz: 'UTC',
      }).next();
      expect(next.getTime()).toBeGreaterThan(Date.parse('2026-01-01T00:00:30Z'));
      expect(describeCron(cron)).toEqual(expect.any(String));
    },
  );

  it('fires the quarterly preset on the first of each quarter at 09:00', () => {
    const quarterly = CronExpressionParser.parse(getPreset('quarterly')?.cron ?? '', {
      currentDate: '2026-01-02T00:00:00Z',
      tz: 'UTC',
    });
    expect(quarterly.take(3).map((date) => date.toISOString())).toEqual([
      '2026-04-01T09:00:00.000Z',
      '2026-07-01T09:00:00.000Z',
      '2026-10-01T09:00:00.000Z',
    ]);
  });
});

describe('describeCron', () => {
  it('describes an expression in words', () => {
    expect(describeCron('0 9 * * 1')).toBe('At 09:00 AM, only on Monday');
    expect(describeCron('*/15 * * * *')).toBe('Every 15 minutes');
  });

  it('returns undefined for an invalid expression', () => {
    expect(describeCron('61 * * * *')).toBeUndefined();
    expect(describeCron('')).toBeUndefined();
    expect(describeCron('every day')).toBeUndefined();
  });
});
