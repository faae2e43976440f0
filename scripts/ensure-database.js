#!/usr/bin/env node
// Creates the database named in DATABASE_URL when it does not exist yet (used by scripts/start.sh).
const { Client } = require('pg');

async function main() {
  const target = new URL(process.env.DATABASE_URL || '');
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  const maintenance = new URL(target.toString());
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`);
      process.stdout.write(`[start] created database ${name}\n`);
    }
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  process.stderr.write(`[start] cannot prepare the database: ${error.message}\n`);
  process.exit(1);
});
