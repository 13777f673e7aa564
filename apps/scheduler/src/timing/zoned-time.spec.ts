import { isRepeatedWallTime, offsetMinutes, toZonedIso } from './zoned-time.js';

describe('zoned time', () => {
  it('writes an instant as ISO with the offset its zone has then', () => {
    const instant = new Date('2027-03-28T01:00:00Z');
    expect(toZonedIso(instant, 'Europe/Berlin')).toBe('2027-03-28T03:00:00+02:00');
    expect(toZonedIso(instant, 'America/New_York')).toBe('2027-03-27T21:00:00-04:00');
    expect(toZonedIso(instant, 'Asia/Kolkata')).toBe('2027-03-28T06:30:00+05:30');
    expect(toZonedIso(instant, 'UTC')).toBe('2027-03-28T01:00:00+00:00');
  });

  it('knows the offset on each side of a DST change', () => {
    expect(offsetMinutes(new Date('2027-03-28T00:59:59Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date('2027-03-28T01:00:00Z'), 'Europe/Berlin')).toBe(120);
  });

  it('recognises the second reading of a wall time repeated by a fall-back', () => {
    expect(isRepeatedWallTime(new Date('2027-11-07T05:30:00Z'), 'America/New_York')).toBe(false);
    expect(isRepeatedWallTime(new Date('2027-11-07T06:30:00Z'), 'America/New_York')).toBe(true);
    expect(isRepeatedWallTime(new Date('2027-11-07T07:30:00Z'), 'America/New_York')).toBe(false);
    expect(isRepeatedWallTime(new Date('2027-04-03T15:15:00Z'), 'Australia/Lord_Howe')).toBe(true);
  });
});
