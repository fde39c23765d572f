import { z } from 'zod';

/**
 * Instants on the wire. The API answers every time in Beijing time, ISO 8601 with milliseconds and
 * `+08:00` (what `toBeijingIso` writes: the notices' deadlines are Beijing time, e.g. 30 June
 * 24:00); requests may name an instant with any offset. Declared once, here, so the document says
 * `format: date-time` on every timestamp and both sides parse the same shape.
 */

/** `2023-06-30T23:59:59.999+08:00` — what toBeijingIso writes. */
export const BEIJING_ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

/** A time the server answers: Beijing time with +08:00. */
export const beijingTimeSchema = z
  .string()
  .regex(BEIJING_ISO_PATTERN, '应为北京时间（ISO 8601，+08:00）')
  .meta({ id: 'BeijingTime', format: 'date-time', description: '北京时间，ISO 8601，精确到毫秒，带 +08:00（如 2023-06-30T23:59:59.999+08:00）', examples: ['2023-06-30T23:59:59.999+08:00'] });

/** A time a request names: ISO 8601 with an offset (any; `Z` too). */
export const instantInputSchema = z.iso.datetime({ offset: true }).meta({ id: 'Instant', description: 'ISO 8601 时间，须带时区（如 2026-07-01T12:00:00+08:00 或 …Z）', examples: ['2026-07-01T12:00:00+08:00'] });
