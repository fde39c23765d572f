import { Writable } from 'node:stream';
import { createLogger } from '../lib/logger';
import { isClientGone, logAppError } from './appErrors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger('debug', sink) };
}

describe('errors Koa emits after the answer started', () => {
  it('When the client hung up (reset, broken pipe, premature close, aborted), then it is recognised as gone', () => {
    for (const error of [withCode('read ECONNRESET', 'ECONNRESET'), withCode('write EPIPE', 'EPIPE'), withCode('Premature close', 'ERR_STREAM_PREMATURE_CLOSE'), new Error('aborted')]) {
      expect(isClientGone(error)).toBe(true);
    }
  });

  it('When something else failed, or what was thrown is not an Error, then it is not taken for a client that left', () => {
    expect(isClientGone(withCode('connect ECONNREFUSED', 'ECONNREFUSED'))).toBe(false);
    expect(isClientGone(new Error('GridFS chunk missing'))).toBe(false);
    expect(isClientGone('ECONNRESET')).toBe(false);
  });

  it('When a client left, then one debug line; when a stream broke, then one error line with the request', async () => {
    const { lines, logger } = capture();
    logAppError(logger, withCode('read ECONNRESET', 'ECONNRESET'));
    logAppError(logger, new Error('GridFS chunk missing'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [20, 'client closed the connection'],
      [50, 'error after the response started'],
    ]);
  });
});
