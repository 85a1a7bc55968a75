import { builder } from '../builder.ts';

// Every file that adds to the schema, by domain. <thing>.type.ts: one type, its enums and the root
// fields that only look it up; <root-field>.query.ts and <root-field>.mutation.ts: one root field and
// the types only it uses; <domain>.errors.ts: error types. Helpers that add nothing until called
// (employee.payload.ts, common/ids.ts, validate-input.ts, schema-types.ts) are imported where used.
import './common/error.type.ts';
import './common/input-validation.errors.ts';

import './employee/employee.type.ts';
import './employee/auth0-user.type.ts';
import './employee/employee.errors.ts';
import './employee/employees.query.ts';
import './employee/create-employee.mutation.ts';
import './employee/assign-role.mutation.ts';
import './employee/resend-verification.mutation.ts';
import './employee/retry-provisioning.mutation.ts';
import './employee/link-auth0-user.mutation.ts';
import './employee/employee-sync-status.subscription.ts';
import './employee/update-employee.mutation.ts';
import './employee/deactivate-employee.mutation.ts';
import './employee/reactivate-employee.mutation.ts';

import './employee-import/import-row-outcome.type.ts';
import './employee-import/import-batch.type.ts';
import './employee-import/import-employees.mutation.ts';
import './employee-import/import-batch-progress.subscription.ts';

import './audit/audit-event.type.ts';
import './audit/audit-events.query.ts';

import './role/role.type.ts';

import './provisioning/provisioning-status.type.ts';
import './provisioning/set-provisioning-enabled.mutation.ts';

import './scim/scim-token.type.ts';
import './scim/create-scim-token.mutation.ts';
import './scim/revoke-scim-token.mutation.ts';
import './scim/held-deactivation.type.ts';
import './scim/held-deactivations.mutation.ts';
import './webhooks/webhook-endpoint.type.ts';
import './webhooks/create-webhook-endpoint.mutation.ts';
import './webhooks/update-webhook-endpoint.mutation.ts';
import './webhooks/delete-webhook-endpoint.mutation.ts';
import './webhooks/rotate-webhook-secret.mutation.ts';
import './webhooks/webhook-deliveries.query.ts';

import './reports/reconciliation-report.query.ts';
import './reports/podfactory-match-report.query.ts';

builder.queryType({ description: 'Read access to employees and their provisioning audit trail.' });
builder.mutationType({ description: 'Employee provisioning.' });
builder.subscriptionType({ description: 'Live provisioning status over Server-Sent Events (GraphQL over SSE), from any gateway or worker process.' });

export const schema = builder.toSchema({ sortSchema: true });

// Default deny: every query and mutation must say who may call it. Checked when the schema is built,
// so a new root field without authScopes fails at start and in every test.
for (const rootType of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
  for (const field of Object.values(rootType?.getFields() ?? {})) {
    const options = field.extensions?.pothosOptions as { authScopes?: unknown } | undefined;
    if (!options?.authScopes) throw new Error(`${rootType!.name}.${field.name} declares no authScopes`);
  }
}
