import pino, { type Logger } from 'pino';

/** How often buffered log lines are written out when traffic is too light to fill the buffer. */
const LOG_FLUSH_MS = 1_000;

/**
 * Structured JSON logs. Credentials never reach a log line: the paths below are censored
 * wherever they appear (request bodies are not logged at all).
 *
 * Without a destination, lines go to stdout through a 4 KB buffer written asynchronously (pino's
 * "asynchronous logging"): one write syscall per ~20 lines instead of one per line, which was a
 * tenth of the CPU of a small request (docs/performance.md). The buffer is written out at least
 * every second and on exit (pino flushes on exit); a hard kill can lose under a second of lines.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: ['key', '*.key', 'password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  };
  if (destination) return pino(options, destination);
  const logger = pino(options, pino.destination({ dest: 1, minLength: 4096, sync: false }));
  setInterval(() => logger.flush(), LOG_FLUSH_MS).unref();
  return logger;
}

export type { Logger };
