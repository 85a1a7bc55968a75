// How far V8 lets the old generation grow past what survived the last full GC before it runs the next one.
// V8 picks that factor itself, up to 4x on a machine with more than 2 GB for the heap (no container limit,
// or a generous one). Measured for issue 24 (bench:memory, 2 000 rows in imports of 500): what a burst
// promotes is short-lived (Prisma's query plans and results, the Auth0 SDK's fetch streams, kept across a
// scavenge or two by the I/O they wait on); 70-90 MB survived each full GC while the old generation grew to
// 224 MB before one ran, and RSS peaked with it. At 1.5x, full GCs come before that garbage piles up.
// A process started with its own --heap-growing-percent (NODE_OPTIONS) keeps it.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function boundHeapGrowth(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => /^--heap[-_]growing[-_]percent/.test(arg));
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
