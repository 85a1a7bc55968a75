/** A part built once: every caller awaits the same promise; a failed build is retried by the next caller. */
export function memo<T, A extends unknown[] = []>(build: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let built: Promise<T> | undefined;
  return (...args: A) =>
    (built ??= build(...args).catch((error: unknown) => {
      built = undefined;
      throw error;
    }));
}
