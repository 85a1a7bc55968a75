import { builder } from '../builder.ts';
import './errors.ts';
import './employee/employee.type.ts';
import './employee/create-employee.mutation.ts';
import './audit/audit-event.type.ts';

export const schema = builder.toSchema({ sortSchema: true });
