import { isCronExpression, isIanaTimeZone } from './formats.js';

describe('formats', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])(
    '%s is an IANA time zone',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(true);
    },
  );

  it.each(['', 'Berlin', '+01:00', '-05:00', 'Mars/Olympus_Mons'])('%j is not an IANA time zone', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });

  it.each(['* * * * *', '0 9 L * *', '30 0 9 * * 1-5', '@daily'])('%s is a cron expression', (expression) => {
    expect(isCronExpression(expression)).toBe(true);
  });

  it.each(['', '   ', '* * *', '60 * * * *', '* * * * * * *'])(
    '%j is not a cron expression',
    (expression) => {
      expect(isCronExpression(expression)).toBe(false);
    },
  );
});
