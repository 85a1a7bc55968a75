// Plain-text renderings of the two reports for the CLIs (the GraphQL queries return the same data).
import type { PodfactoryEmployee, PodfactoryReport } from '../services/podfactory-match.service.ts';
import type { ReconciliationReport, ReportEmployee } from '../services/reconciliation.service.ts';

const who = (employee: Pick<ReportEmployee, 'name' | 'email' | 'department'>) =>
  `${employee.name} <${employee.email}> [${employee.department}]`;

function section(title: string, lines: string[]): string[] {
  return [``, `${title} (${lines.length})`, ...(lines.length === 0 ? ['  none'] : lines.map((line) => `  ${line}`))];
}

export function formatReconciliationReport(report: ReconciliationReport): string {
  return [
    `Reconciliation report, ${report.generatedAt.toISOString()}${report.department ? `, department ${report.department}` : ''}`,
    `Checked ${report.employeesChecked} active employees against ${report.auth0UsersScanned} Auth0 users created by this system.`,
    ...section(
      'Employees without an Auth0 user',
      report.employeesWithoutAuth0User.map(
        (item) =>
          `${item.reason.padEnd(19)} ${who(item.employee)} ${item.employee.auth0SyncStatus}` +
          (item.employee.auth0UserId ? ` linked to ${item.employee.auth0UserId}` : '') +
          (item.unlinkedAuth0UserIds.length ? `; unlinked Auth0 users: ${item.unlinkedAuth0UserIds.join(', ')}` : ''),
      ),
    ),
    ...section(
      'Orphaned Auth0 users (no such employee)',
      report.orphanedAuth0Users.map(
        (item) => `${item.user.userId} <${item.user.email}> employee_id=${item.employeeId ?? '(none)'} created ${item.user.createdAt.toISOString()}`,
      ),
    ),
    ...section(
      'Employees with several Auth0 users',
      report.duplicateAuth0Users.map(
        (item) =>
          `${who(item.employee)}: ${item.users.map((user) => `${user.userId}${user.userId === item.employee.auth0UserId ? ' (linked)' : ''}`).join(', ')}`,
      ),
    ),
    ...section(
      'Role drift',
      report.roleDrift.map(
        (item) => `${who(item.employee)}: expected ${item.expectedRole}, Auth0 has ${item.auth0Roles.length ? item.auth0Roles.join(', ') : 'no role'}`,
      ),
    ),
    ...section(
      'Access drift (blocked flag)',
      report.accessDrift.map(
        (item) =>
          `${who(item.employee)}: ${item.auth0UserId} ${item.kind === 'BLOCKED_IN_AUTH0_BUT_ACTIVE' ? 'blocked in Auth0 but active here' : 'active in Auth0 but deactivated here'}`,
      ),
    ),
    ...section(
      `Unverified for more than ${report.unverifiedForDays} days`,
      report.staleUnverified.map(
        (item) => `${who(item.employee)}: ${item.auth0UserId}, created ${item.accountCreatedAt.toISOString()} (${item.daysUnverified} days)`,
      ),
    ),
    ...section(
      `Accounts in the connection no employee links (of ${report.connectionUsersScanned} read; adopt with import --adopt-existing)`,
      report.unlinkedAuth0Accounts.map(
        (item) =>
          `${item.user.userId} <${item.user.email}> created_by=${item.createdBy ?? '(none)'}${item.user.blocked ? ' (blocked)' : ''} -> ` +
          (item.probableEmployee ? `${who(item.probableEmployee)} by ${item.matchedBy}` : 'no employee found'),
      ),
    ),
  ].join('\n');
}

export function formatPodfactoryReport(report: PodfactoryReport): string {
  const lines = report.entries.map(({ entry, match, candidatesTruncated }) => {
    const roster = `${entry.name}${entry.email ? ` <${entry.email}>` : ''}`;
    switch (match.status) {
      case 'MATCHED':
        return `MATCHED    ${roster} -> ${who(match.employee)} by ${match.variant}${match.nameVariant === null ? ' (name differs: renamed?)' : ''}`;
      case 'AMBIGUOUS':
        return `AMBIGUOUS  ${roster} -> ${match.candidates.map(who).join(' | ')}${candidatesTruncated ? ' | ...' : ''} (by ${match.variant})`;
      case 'UNMATCHED':
        return `UNMATCHED  ${roster}`;
    }
  });
  return [
    ...lines,
    '',
    `${report.entries.length} entries: ${report.matched} matched, ${report.ambiguous} ambiguous, ${report.unmatched} unmatched.`,
  ].join('\n');
}

/** The report as the podfactoryMatchReport query's fields (employees by id, name, email, department, status), for --json. */
export function podfactoryReportJson(report: PodfactoryReport): object {
  const employee = (row: PodfactoryEmployee) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    department: row.department,
    role: row.role,
    externalId: row.externalId,
    auth0SyncStatus: row.auth0SyncStatus,
  });
  return {
    matched: report.matched,
    ambiguous: report.ambiguous,
    unmatched: report.unmatched,
    entries: report.entries.map(({ entry, match, candidatesTruncated }) => ({
      name: entry.name,
      email: entry.email ?? null,
      status: match.status,
      matchedBy: match.status === 'UNMATCHED' ? null : match.variant,
      nameVariant: match.status === 'MATCHED' ? match.nameVariant : null,
      previousName: match.status === 'MATCHED' ? match.previousName : null,
      employee: match.status === 'MATCHED' ? employee(match.employee) : null,
      candidates: match.status === 'AMBIGUOUS' ? match.candidates.map(employee) : [],
      candidatesTruncated,
    })),
  };
}
