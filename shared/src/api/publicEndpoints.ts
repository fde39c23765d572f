import { endpoint, type Endpoint } from './endpoints';
import { publicPublicitySchema } from './reviews';

/** What anyone may call without logging in, outside the enterprise's app (the public subpackage). */
export const publicEndpoints = {
  getPublicPublicity: endpoint({ method: 'get', path: '/api/public/campaigns/:id/publicity', response: publicPublicitySchema }),
} as const satisfies Record<string, Endpoint>;
