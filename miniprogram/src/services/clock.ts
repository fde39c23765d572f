import { createServerClock } from './serverClock';

/** The app's one server clock: every response with `serverTime` corrects it. */
export const serverClock = createServerClock();
