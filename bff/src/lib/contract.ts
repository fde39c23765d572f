import type { ErrorCode } from '@assess/shared';
import type { HeaderDoc, RouteSpec } from './route';

/**
 * What a middleware adds to the answers of the routes it runs for, declared beside the middleware
 * itself: the OpenAPI document adds these codes and headers to every route `appliesTo` selects,
 * so a route's documented answers are its own `errors` plus what the chain in front of it can
 * answer — never a hand list kept beside the code. The contract test (test/helpers/contract.ts)
 * fails the API suite on any answer the document does not list.
 */
export interface MiddlewareContract {
  name: string;
  /** What the middleware does, in Chinese, for the document's introduction. */
  description: string;
  appliesTo(route: RouteSpec<any>): boolean;
  /** Error codes it may answer instead of the route. */
  errors?: readonly ErrorCode[];
  /** Request headers it reads. */
  requestHeaders?: readonly HeaderDoc[];
  /** Headers it sets on every answer (success or error) of the routes it applies to. */
  responseHeaders?: Readonly<Record<string, { description: string; required?: boolean }>>;
  /** A sentence appended to the description of each operation it applies to. */
  note?: (route: RouteSpec<any>) => string | undefined;
}

export const everyRoute = (): boolean => true;
