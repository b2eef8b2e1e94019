/**
 * The one rule for where a credential may travel: HTTPS anywhere, plain HTTP only to loopback.
 * The HTTP client enforces it on every request; forms and settings check what is typed with it.
 */

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** HTTPS, or plain HTTP to loopback (the fake server, tests): the only URLs a credential may travel to. */
export function isSafeUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * What is wrong with a URL typed into a form or settings, or undefined when it is usable: the
 * same rule as the requests themselves, so that a form never accepts what a request would refuse.
 */
export function unsafeUrlProblem(value: string, example: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `Enter a URL such as ${example}`;
  }
  return isSafeUrl(url) ? undefined : 'Use https:// (http:// only for localhost)';
}

