import { z } from 'zod';

/**
 * Staff accounts: the national bureau, a region bureau (one of the 37), a city bureau (one
 * prefecture city). Its own module so contracts the enterprise side loads (the review outcome on
 * its home page) can name a role without pulling in the staff account rules and their password
 * dictionary, which would put ~400 KB into the mini-program's main package.
 */
export const staffRoleSchema = z.enum(['national', 'region', 'city']).meta({ id: 'StaffRole', description: 'national 国家局，region 地区局（37 个之一），city 地市局' });
export type StaffRole = z.infer<typeof staffRoleSchema>;
