import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes the next versioned SQL migration from schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
