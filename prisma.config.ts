// Read by the Prisma CLI (generate/validate). The gateway itself never runs the CLI at run time:
// migrations go through src/db/migrations.ts and the client through @prisma/adapter-pg.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
