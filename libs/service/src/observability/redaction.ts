/**
 * Request parts that hold credentials or signatures: pino writes `[redacted]` instead.
 * Header names are lower case, as Node delivers them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["webhook-signature"]',
  'req.headers["x-signature"]',
  'req.headers["x-hub-signature-256"]',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
];
