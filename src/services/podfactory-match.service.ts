// podfactoryMatchReport: says, for each entry of a PodFactory roster, which employee PodFactory's
// name matching (and its suffixed emails) would pick, whether it is ambiguous, or whether nobody matches.
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import { createRosterMatcher, type PodfactoryMatch, type RosterEntry } from './podfactory.ts';

export const MAX_ROSTER_ENTRIES = 10_000;

/** Whole rows, so the GraphQL layer can show any employee field without reading them again. */
export type PodfactoryEmployee = Employee;

export interface PodfactoryReportEntry {
  entry: RosterEntry;
  match: PodfactoryMatch<PodfactoryEmployee>;
}

export interface PodfactoryReport {
  entries: PodfactoryReportEntry[];
  matched: number;
  ambiguous: number;
  unmatched: number;
}

/** Active employees are the candidates; they are read once and indexed in memory. */
export async function podfactoryMatchReport(deps: { prisma: PrismaClient }, roster: readonly RosterEntry[]): Promise<PodfactoryReport> {
  const employees = await deps.prisma.employee.findMany({ where: { active: true } });
  const match = createRosterMatcher(employees);
  const entries = roster.map((entry) => ({ entry, match: match(entry) }));
  const count = (status: PodfactoryMatch['status']) => entries.filter((item) => item.match.status === status).length;
  return { entries, matched: count('MATCHED'), ambiguous: count('AMBIGUOUS'), unmatched: count('UNMATCHED') };
}
