import { builder } from '../builder.ts';
import './errors.ts';
import './employee/employee.type.ts';
import './employee/create-employee.mutation.ts';
import './employee/provisioning.mutations.ts';
import './employee/import-employees.mutation.ts';
import './audit/audit-event.type.ts';
import './employee/employee-auth0-user.field.ts';
import './employee/employees.query.ts';
import './role/roles.query.ts';
import './reports/reconciliation-report.query.ts';
import './reports/podfactory-match-report.query.ts';

export const schema = builder.toSchema({ sortSchema: true });

// Default deny: every query and mutation must say who may call it. Checked when the schema is built,
// so a new root field without authScopes fails at start and in every test.
for (const rootType of [schema.getQueryType(), schema.getMutationType()]) {
  for (const field of Object.values(rootType?.getFields() ?? {})) {
    const options = field.extensions?.pothosOptions as { authScopes?: unknown } | undefined;
    if (!options?.authScopes) throw new Error(`${rootType!.name}.${field.name} declares no authScopes`);
  }
}
