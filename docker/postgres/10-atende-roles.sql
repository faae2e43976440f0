-- Runs once, when the PostgreSQL volume is initialised (docker-compose.yml).
-- The app connects as `atende`, a member of `atende_app`: not the tables' owner, so row-level
-- security applies to it. Migrations run as the owner (postgres). Change the password for any
-- deployment reachable from outside your machine.
CREATE ROLE atende_app NOLOGIN;
CREATE ROLE atende LOGIN PASSWORD 'atende' IN ROLE atende_app;
