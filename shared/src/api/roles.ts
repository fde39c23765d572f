import { z } from 'zod';

/**
 * Staff accounts: the national bureau, a region bureau (one of the 37), a city bureau (one
 * prefecture city). Its own module so contracts the enterprise side loads (the review outcome on
 * its home page) can name a role without pulling in the staff account rules and their password
 * dictionary, which would put ~400 KB into the mini-program's main package.
 */
export const staffRoleSchema = z.enum(['national', 'region', 'city']);
export type StaffRole = z.infer<typeof staffRoleSchema>;
