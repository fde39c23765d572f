import type { MiddlewareContract } from '../lib/contract';
import { rateLimitContract } from '../lib/rateLimit';
import { uploadContract } from '../lib/rawBody';
import { errorHandlerContract } from './errorHandler';
import { methodOverrideContract } from './methodOverride';
import { authenticationContract, inputValidationContract, jsonBodyContract, jsonMediaTypeContract } from './mountRoutes';
import { requestContextContract } from './requestContext';

/**
 * What the chain in front of the routes can answer, in the order a request meets it (app.ts):
 * the OpenAPI document adds each contract's codes and headers to the routes it applies to.
 */
export const middlewareContracts: readonly MiddlewareContract[] = [
  methodOverrideContract,
  requestContextContract,
  errorHandlerContract,
  jsonBodyContract,
  authenticationContract,
  inputValidationContract,
  jsonMediaTypeContract,
  uploadContract,
  rateLimitContract,
];
