-- service_role drains the queues (the worker acts as it), but the pgmq extension grants it nothing:
-- on real PostgreSQL the worker got "permission denied for schema pgmq". These are the grants
-- Supabase's Queues integration gives: the schema, its tables and sequences (each queue is a
-- q_<name> and an a_<name> table, created by whoever calls pgmq.create), and its functions.
-- Only service_role: the API roles reach queues through the app's security-definer functions.
-- Idempotent, and the same on the embedded pgmq-compatible schema.

-- grants ---------------------------------------------------------------------------------------------
grant usage on schema pgmq to service_role;
grant select, insert, update, delete on all tables in schema pgmq to service_role;
grant usage, select, update on all sequences in schema pgmq to service_role;
grant execute on all functions in schema pgmq to service_role;

-- Queues created later (by this role, which runs the migrations) get the same.
alter default privileges in schema pgmq
  grant select, insert, update, delete on tables to service_role;
alter default privileges in schema pgmq
  grant usage, select, update on sequences to service_role;
alter default privileges in schema pgmq
  grant execute on functions to service_role;
