#!/usr/bin/env node
// After migrations: make sure a login role that is a member of atende_app exists, and print the
// DATABASE_URL the app should use, so row-level security applies to the local service too.
// Falls back to the given DATABASE_URL (and says so) when the role cannot be created or used.
const { Client } = require('pg');

const ROLE = 'atende_local';

async function tryConnect(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT 1 FROM typeorm_migrations LIMIT 1');
  await client.end();
}

async function main() {
  const ownerUrl = process.env.DATABASE_URL;
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN; END IF;
    END $$`);
    await owner.query(`GRANT atende_app TO ${ROLE}`);
  } finally {
    await owner.end();
  }
  const appUrl = new URL(ownerUrl);
  appUrl.username = ROLE;
  appUrl.password = '';
  await tryConnect(appUrl.toString());
  process.stdout.write(appUrl.toString());
}

main().catch((error) => {
  process.stderr.write(`[start] the app keeps the owner's connection, so row-level security is not enforced: ${error.message}\n`);
  process.stdout.write(process.env.DATABASE_URL || '');
});
