-- Schema-wide guarantees: RLS everywhere in the exposed schema, and the private and queue schemas
-- out of reach of API users.
begin;
select plan(13);

-- RLS ------------------------------------------------------------------------------------------------
select tests.rls_enabled('public');

-- private schema ---------------------------------------------------------------------------------------
select ok(not has_schema_privilege('anon', 'private', 'usage'),
  'An anonymous visitor has no usage on schema private');

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'private' and p.prorettype = 'trigger'::regtype
      and (has_function_privilege('anon', p.oid, 'execute')
           or has_function_privilege('authenticated', p.oid, 'execute'))),
  0, 'No trigger function in schema private is executable by anon or authenticated');

-- pgmq -------------------------------------------------------------------------------------------------
-- A function is reachable only with both usage on its schema and execute on it.
select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'pgmq' and has_schema_privilege('anon', 'pgmq', 'usage')
      and has_function_privilege('anon', p.oid, 'execute')),
  0, 'No pgmq function is callable by anon');

select is(
  (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'pgmq' and has_schema_privilege('authenticated', 'pgmq', 'usage')
      and has_function_privilege('authenticated', p.oid, 'execute')),
  0, 'No pgmq function is callable by authenticated');

select ok(has_function_privilege('service_role', 'pgmq.send(text, jsonb, integer)', 'execute'),
  'service_role can send to queues (the server drives them)');

-- The same, from the attacker's side.
select tests.create_supabase_user('mallory');
select tests.clear_authentication();
select throws_ok($$ select private.touch_updated_at() $$, '42501',
  'permission denied for schema private', 'An anonymous visitor cannot call private helpers');
select throws_ok($$ select pgmq.send('notify', '{"kind": "welcome"}') $$, '42501',
  'permission denied for schema pgmq', 'An anonymous visitor cannot enqueue messages');
select throws_ok($$ select * from public.outbox $$, '42501',
  'permission denied for table outbox', 'An anonymous visitor cannot read the mail outbox');

select tests.authenticate_as('mallory');
select throws_ok($$ select * from pgmq.read('notify', 30, 10) $$, '42501',
  'permission denied for schema pgmq', 'A signed-in user cannot read queue messages');
select throws_ok($$ select * from public.outbox $$, '42501',
  'permission denied for table outbox', 'A signed-in user cannot read the mail outbox');

-- Default privileges --------------------------------------------------------------------------------
-- Functions are executable only where a migration grants them, one by one (20261122000100).
reset role;
create function public.pgtap_probe() returns int language sql as 'select 1';
create function private.pgtap_probe() returns int language sql as 'select 1';
select ok(not has_function_privilege('anon', 'public.pgtap_probe()', 'execute'),
  'A new function in public is not executable by anon until granted');
select ok(not has_function_privilege('authenticated', 'private.pgtap_probe()', 'execute'),
  'A new function in private is not executable by authenticated until granted');

select * from finish();
rollback;
