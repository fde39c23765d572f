import { config as configureZod } from 'zod';

/**
 * Runtime fixes that must run before any page code. Imported first by app.ts.
 *
 * 1. The shared domain code uses `Object.hasOwn` (ES2022). WeChat runs on the phone's own JS
 *    engine, and iOS before 15.4 lacks it; the babel preset transforms syntax, not library calls.
 */
if (typeof Object.hasOwn !== 'function') {
  Object.defineProperty(Object, 'hasOwn', {
    value: (object: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(object, key),
    configurable: true,
    writable: true,
  });
}

/**
 * 2. zod (used by the shared engine to check a questionnaire definition) compiles fast parsers
 *    with `new Function` when it can. WeChat forbids dynamic code, and H5 may run under a strict
 *    CSP: parse without it everywhere (one definition per session, so speed does not matter).
 */
configureZod({ jitless: true });
