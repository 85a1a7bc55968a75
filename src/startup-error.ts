// A start failure whose cause we know: logged as one line that says what happened and how to fix it,
// without a stack trace (an operator needs the fix, not our call stack).
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** A listen() that failed because the port is taken becomes a StartupError naming the setting to change. */
export function portInUse(error: unknown, port: number, setting: string, hint: string): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return error;
  return new StartupError(`port ${port} is already in use (${hint}): stop that process or set ${setting} to a free port`, { cause: error });
}
