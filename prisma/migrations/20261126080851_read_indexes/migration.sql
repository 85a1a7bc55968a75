-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actor_occurredAt_idx" ON "AuditEvent"("actor", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_occurredAt_idx" ON "AuditEvent"("outcome", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Employee_department_idx" ON "Employee"("department");

-- CreateIndex
CREATE INDEX "Employee_role_idx" ON "Employee"("role");

-- CreateIndex
CREATE INDEX "Employee_createdAt_id_idx" ON "Employee"("createdAt" DESC, "id" DESC);
