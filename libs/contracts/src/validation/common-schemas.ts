// Small schemas the message contracts share, so that "an id" or "a timestamp" is checked alike everywhere.

export const nonEmptyString = { type: 'string', minLength: 1 } as const;

export const dateTime = { type: 'string', format: 'date-time' } as const;

export const positiveInteger = { type: 'integer', minimum: 1 } as const;
