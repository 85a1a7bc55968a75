// podfactoryMatchReport: says, for each entry of a PodFactory roster, which employee PodFactory's
// name matching (and its suffixed emails) would pick, whether it is ambiguous, or whether nobody matches.
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import { createRosterMatcher, type PodfactoryMatch, type RosterEntry } from './podfactory.ts';

/** Bounds one report's work and answer (the CLI's too): a roster at most this long is refused before any read. */
export const MAX_ROSTER_ENTRIES = 1000;

/** A common first or last name fits hundreds of employees; an AMBIGUOUS entry lists this many of them. */
export const MAX_CANDIDATES_PER_ENTRY = 20;

/** Whole rows, so the GraphQL layer can show any employee field without reading them again. */
export type PodfactoryEmployee = Employee;

export interface PodfactoryReportEntry {
  entry: RosterEntry;
  match: PodfactoryMatch<PodfactoryEmployee>;
  /** An AMBIGUOUS entry fitted more employees than the MAX_CANDIDATES_PER_ENTRY its `candidates` list. */
  candidatesTruncated: boolean;
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
  const entries = roster.map((entry) => boundCandidates(entry, match(entry)));
  const count = (status: PodfactoryMatch['status']) => entries.filter((item) => item.match.status === status).length;
  return { entries, matched: count('MATCHED'), ambiguous: count('AMBIGUOUS'), unmatched: count('UNMATCHED') };
}

function boundCandidates(entry: RosterEntry, match: PodfactoryMatch<PodfactoryEmployee>): PodfactoryReportEntry {
  if (match.status !== 'AMBIGUOUS' || match.candidates.length <= MAX_CANDIDATES_PER_ENTRY) return { entry, match, candidatesTruncated: false };
  return { entry, match: { ...match, candidates: match.candidates.slice(0, MAX_CANDIDATES_PER_ENTRY) }, candidatesTruncated: true };
}
