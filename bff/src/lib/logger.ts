import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Credentials never reach a log line: the paths below are censored
 * wherever they appear (request bodies are not logged at all).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['key', '*.key', 'password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
