import cronstrue from 'cronstrue';
import { isCronExpression } from '../validation/formats.js';

export interface SchedulePreset {
  name: string;
  cron: string;
  description: string;
}

/** The seed's CronExpressionHelper presets, with its descriptions, in its order. */
export const SCHEDULE_PRESETS = [
  { name: 'every_minute', cron: '* * * * *', description: 'Every minute' },
  { name: 'every_5_minutes', cron: '*/5 * * * *', description: 'Every 5 minutes' },
  { name: 'every_15_minutes', cron: '*/15 * * * *', description: 'Every 15 minutes' },
  { name: 'every_30_minutes', cron: '*/30 * * * *', description: 'Every 30 minutes' },
  { name: 'every_hour', cron: '0 * * * *', description: 'Every hour' },
  { name: 'every_2_hours', cron: '0 */2 * * *', description: 'Every 2 hours' },
  { name: 'every_6_hours', cron: '0 */6 * * *', description: 'Every 6 hours' },
  { name: 'every_12_hours', cron: '0 */12 * * *', description: 'Every 12 hours' },
  { name: 'daily_midnight', cron: '0 0 * * *', description: 'Daily at midnight' },
  { name: 'daily_9am', cron: '0 9 * * *', description: 'Daily at 9:00 AM' },
  { name: 'daily_6pm', cron: '0 18 * * *', description: 'Daily at 6:00 PM' },
  { name: 'weekly_monday', cron: '0 9 * * 1', description: 'Weekly on Monday at 9:00 AM' },
  { name: 'weekly_friday', cron: '0 17 * * 5', description: 'Weekly on Friday at 5:00 PM' },
  { name: 'monthly_first', cron: '0 9 1 * *', description: 'Monthly on the 1st at 9:00 AM' },
  { name: 'monthly_last', cron: '0 9 L * *', description: 'Monthly on the last day at 9:00 AM' },
  { name: 'quarterly', cron: '0 9 1 1,4,7,10 *', description: 'Quarterly on the 1st at 9:00 AM' },
] as const satisfies readonly SchedulePreset[];

export type SchedulePresetName = (typeof SCHEDULE_PRESETS)[number]['name'];

export function getPreset(name: string): SchedulePreset | undefined {
  return SCHEDULE_PRESETS.find((preset) => preset.name === name);
}

/**
 * A sentence for a cron expression ("At 09:00 AM, only on Monday"), or undefined when the
 * expression is not valid. Where cronstrue cannot phrase a valid expression, the expression
 * itself is the description, as in the seed.
 */
export function describeCron(expression: string): string | undefined {
  if (!isCronExpression(expression)) return undefined;
  try {
    return cronstrue.toString(expression, { throwExceptionOnParseError: true });
  } catch {
    return expression;
  }
}
