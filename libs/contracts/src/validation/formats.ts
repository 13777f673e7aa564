import { CronExpressionParser } from 'cron-parser';

// Custom string formats of the contracts. Each check lives here once, so schema validation,
// presets and services agree on what counts as valid.

/** An IANA zone name such as `Europe/Berlin` or `UTC`; not a bare offset like `+01:00`. */
export function isIanaTimeZone(zone: string): boolean {
  // Newer Intl versions accept offsets as time zones; a schedule needs a named zone for DST.
  if (zone.trim() === '' || /^[+-]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A cron expression of 5 fields (6 with seconds first) or an alias such as `@daily`, as cron-parser reads it. */
export function isCronExpression(expression: string): boolean {
  // cron-parser fills in missing fields ("" and "* * *" both read as every minute); nobody means that.
  const fields = expression.trim().split(/\s+/);
  const isAlias = fields.length === 1 && fields[0].startsWith('@');
  if (!isAlias && fields.length !== 5 && fields.length !== 6) return false;
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return true;
  } catch {
    return false;
  }
}

/** A time of day as `HH:MM`, 00:00 to 23:59. */
export const HH_MM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
