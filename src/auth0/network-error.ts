// How a call that never reached Auth0 is named in logs, audit rows, errors and /ready: the system error
// code fetch nests in its cause (ECONNREFUSED, a timeout, a TLS failure), never free text.

/** `Auth0 unreachable (ECONNREFUSED)`: the system code found down the cause chain (fetch nests it), never free text. */
export function unreachable(error: unknown): string {
  let code: string | undefined;
  for (let current = error as { cause?: unknown; code?: unknown } | null | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth += 1) {
    if (typeof current.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(current.code)) {
      code = current.code;
      break;
    }
  }
  if (!code) return 'Auth0 unreachable';
  const kind = /TIMEOUT|TIMEDOUT/.test(code) ? 'timed out, ' : /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ? 'TLS failed, ' : '';
  return `Auth0 unreachable (${kind}${code})`;
}
