-- People's data (20261217000600_account_data.sql): who may call what. A user asks for and cancels
-- their own deletion and export; only the service purges, lists due accounts, reads deletion
-- states or finishes exports; nobody reads another's exports or the deletions table.
begin;
select plan(27);

select tests.create_supabase_user('ana', 'ana@example.test', '{"display_name": "Ana Purgeworth"}');
select tests.create_supabase_user('eve', null, '{"is_client": true, "is_musician": false}');
insert into auth.refresh_tokens (token, user_id, session_id)
values ('ana-token-1', tests.get_supabase_uid('ana')::text, gen_random_uuid());

-- anon ------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select throws_ok($$ select public.request_account_deletion() $$, '42501', null,
  'anon cannot ask for a deletion');
select throws_ok($$ select public.request_account_export() $$, '42501', null,
  'anon cannot ask for an export');
select throws_ok($$ select public.cancel_account_deletion() $$, '42501', null,
  'anon cannot restore an account');

-- an authenticated user: not the service's functions ---------------------------------------------------
select tests.authenticate_as('eve');
select throws_ok(format('select private.purge_account(%L, now())', tests.get_supabase_uid('ana')),
  '42501', null, 'A user cannot purge an account');
select throws_ok($$ select private.due_account_purges(now()) $$, '42501', null,
  'A user cannot list due purges');
select throws_ok(format('select private.account_deletion_state(%L)', tests.get_supabase_uid('ana')),
  '42501', null, 'A user cannot read another''s deletion state');
select throws_ok(format('select * from private.account_purge_files(%L)', tests.get_supabase_uid('ana')),
  '42501', null, 'A user cannot list another''s files');
select throws_ok(format('select * from private.account_held_bookings(%L)', tests.get_supabase_uid('ana')),
  '42501', null, 'A user cannot read another''s held bookings');
select throws_ok(
  format('select private.finish_account_export(%L, 1, 1, 7)', gen_random_uuid()),
  '42501', null, 'A user cannot finish an export');
select throws_ok($$ select * from private.account_deletions $$, '42501', null,
  'A user cannot read the deletions table');

-- ana: export and deletion of her own account -----------------------------------------------------------
select tests.authenticate_as('ana');
select isnt(public.request_account_export(), null, 'Ana asks for an export');
select throws_ok($$ select public.request_account_export() $$, 'SC409', null,
  'One export at a time');
select is((public.account_deletion_preview() ->> 'pending')::boolean, false, 'Nothing pending yet');
select ok((public.request_account_deletion() ->> 'purge_after')::timestamptz
            between now() + interval '29 days 23 hours' and now() + interval '30 days 1 hour',
  'Her deletion is scheduled 30 days on');
select is((public.account_deletion_preview() ->> 'pending')::boolean, true, 'It is pending');

select tests.authenticate_as('eve');
select is_empty($$ select id from public.account_exports $$, 'Eve does not see Ana''s exports');
select throws_ok($$ select public.cancel_account_deletion() $$, 'SC404', null,
  'Eve cannot restore: nothing of hers is pending (and Ana''s is not hers)');

reset role; -- auth.refresh_tokens is the auth service's table: read it as the owner
select is((select count(*)::int from auth.refresh_tokens
            where user_id = tests.get_supabase_uid('ana')::text and not revoked), 0,
  'Every session of Ana''s ended');
select tests.authenticate_as_service_role();
select throws_ok(format('select private.purge_account(%L, now())', tests.get_supabase_uid('ana')),
  'SC409', null, 'No purge before the 30 days are over');

select tests.authenticate_as('ana');
select is(public.cancel_account_deletion() ->> 'restored', 'true', 'Ana restores her account');
select throws_ok($$ select public.cancel_account_deletion() $$, 'SC404', null,
  'A second restore finds nothing pending');
select ok(public.request_account_deletion() ? 'purge_after', 'She asks again');

select tests.authenticate_as_service_role();
select is(private.purge_account(tests.get_supabase_uid('ana'), now() + interval '31 days')
            ->> 'purged', 'true', 'The service purges her account after 30 days');
reset role;
select is((select count(*)::int from auth.users
            where email = 'deleted-' || id || '@deleted.invalid' and deleted_at is not null
              and raw_user_meta_data = '{}'::jsonb),
  1, 'Her e-mail is a tombstone (the address may sign up again), her metadata gone');

-- eve, a client: her open gig is closed and its applicant told ------------------------------------------
select tests.create_supabase_user('max', null, '{"display_name": "Max"}');
insert into public.musician_profiles (id, stage_name, genres, instruments, published)
values (tests.get_supabase_uid('max'), 'Max Quartet', '{jazz}', '{piano}', true);
insert into public.gigs (id, client_id, title, description, kind, genres, instruments, starts_at,
                         timezone, duration_minutes, city, country, currency, status, published_at)
values ('00000000-0000-4000-8000-00000000e001', tests.get_supabase_uid('eve'), 'Eve''s jazz night',
        'Three sets of standards for a dinner crowd.', 'live_show', '{jazz}', '{piano}',
        now() + interval '10 days', 'Europe/Berlin', 180, 'Berlin', 'DE', 'EUR', 'published', now());
select tests.authenticate_as('max');
select lives_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000e001',
                     'I would love to play your night with my quartet.', 40000) $$, 'Max applies');
select tests.authenticate_as('eve');
select is((public.request_account_deletion() ->> 'closed_gigs')::int, 1, 'Eve''s open gig is closed');
reset role;
select results_eq(
  $$ select g.status, a.status from public.gigs g join public.applications a on a.gig_id = g.id
      where g.id = '00000000-0000-4000-8000-00000000e001' $$,
  $$ values ('closed', 'declined') $$, 'Its applicant''s application is declined');

select * from finish();
rollback;
