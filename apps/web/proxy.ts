import { NextResponse, type NextRequest } from 'next/server';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The page hands the agent's token to the browser, so it must only be served to pages that really
 * are on this machine: a DNS-rebinding site reaches us with its own name in the Host header.
 * `next start` puts its port in process.env.PORT; without it any loopback port is accepted.
 */
export function hostAllowed(host: string | null, port: string | undefined): boolean {
  if (!host) return false;
  return LOOPBACK_NAMES.some((name) => (port ? host === `${name}:${port}` : host === name || host.startsWith(`${name}:`)));
}

export function proxy(request: NextRequest) {
  if (!hostAllowed(request.headers.get('host'), process.env['PORT'])) {
    return new NextResponse('Forbidden: the Afterimage dashboard only answers on its loopback address.\n', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return NextResponse.next();
}
