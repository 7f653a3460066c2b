-- Views for Supabase Studio (20261217000900_studio_views.sql): each runs with the reader's rights
-- (security_invoker), sits in a schema the API roles cannot reach, and shows what it promises.
begin;
select plan(8);

select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'admin' and c.relkind = 'v'),
  6, 'Six views for Studio');
select is_empty(
  $$ select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'admin' and c.relkind = 'v'
        and not coalesce(c.reloptions @> array['security_invoker=true'], false) $$,
  'Every one is security_invoker');
select ok(not has_schema_privilege('authenticated', 'admin', 'usage'), 'authenticated: no usage');
select ok(not has_schema_privilege('anon', 'admin', 'usage'), 'anon: no usage');
select ok(not has_schema_privilege('service_role', 'admin', 'usage'), 'service_role: no usage');

select tests.create_supabase_user('ana', null, '{"is_musician": true}');
update auth.users set banned_until = now() + interval '2 days' where id = tests.get_supabase_uid('ana');
insert into private.user_suspensions (user_id, reason) values (tests.get_supabase_uid('ana'), 'spam');
select results_eq(
  format($$ select suspension_reason, is_musician from admin.users where id = %L $$,
         tests.get_supabase_uid('ana')),
  $$ values ('spam'::text, true) $$,
  'admin.users shows the suspension and the roles');
select is_empty($$ select 1 from admin.booking_ledger group by booking_id having sum(amount_minor) <> 0 $$,
  'Every booking ledger balances');

set local role authenticated;
select throws_ok($$ select 1 from admin.users $$, '42501', null,
  'A signed-in API role cannot reach the Studio views');

select * from finish();
rollback;
