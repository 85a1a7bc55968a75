-- employees(filter: { search }) is name ILIKE '%term%' OR email LIKE '%term%': trigram GIN indexes (pg_trgm, a
-- trusted extension: the database owner may create it) serve both through a BitmapOr. Terms under 3
-- characters have no trigram and use the newest-first index instead. The name and department orders of the
-- list get indexes with the id tie-break (the department one replaces the plain department index).

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "Employee_department_idx";

-- CreateIndex
CREATE INDEX "Employee_department_id_idx" ON "Employee"("department", "id");

-- CreateIndex
CREATE INDEX "Employee_name_id_idx" ON "Employee"("name", "id");

-- CreateIndex
CREATE INDEX "Employee_name_trgm_idx" ON "Employee" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Employee_email_trgm_idx" ON "Employee" USING GIN ("email" gin_trgm_ops);
