import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { isUnreachable, plainError } from './agent-client';

const AGENT = 'http://127.0.0.1:7170';

/** An error as the client makes it from the agent's JSON answer. */
function refusal(message: string, httpStatus: number) {
  return TRPCClientError.from({ error: { message, code: -32003, data: { code: 'FORBIDDEN', httpStatus } } });
}

describe('plainError', () => {
  it('says the agent cannot be reached when nothing answered, without the browser’s jargon', () => {
    const error = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(isUnreachable(error)).toBe(true);
    const text = plainError(error, AGENT);
    expect(text).toContain('Cannot reach the Afterimage agent at 127.0.0.1:7170');
    expect(text).not.toContain('Failed to fetch');
  });

  it('passes on what the agent said when it refused', () => {
    const error = refusal('Refusing to write to /media/card/x: it is on the source /dev/sdb. Choose a folder on another drive.', 403);
    expect(isUnreachable(error)).toBe(false);
    expect(plainError(error, AGENT)).toBe('Refusing to write to /media/card/x: it is on the source /dev/sdb. Choose a folder on another drive.');
  });

  it('explains a refused token and an input the agent could not read', () => {
    expect(plainError(refusal('Unauthorized', 401), AGENT)).toMatch(/refused the dashboard’s token/);
    expect(plainError(refusal('[{"code":"too_small","path":["destination"]}]', 400), AGENT)).toMatch(/did not accept the request/);
  });
});
