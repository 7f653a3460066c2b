-- Behaviour signals for matching (20261215000100_match_signals.sql): the log and both aggregates
-- are the service's alone; the log is append-only even for the table's owner (the cascades from a
-- deleted profile or gig still work); private.record_match_signal keeps both aggregates; no row
-- is the cold start; the formulas on worked examples; and the triggers record what people did,
-- without counting "accept one, the others declined" as declines.
begin;
select plan(45);

select tests.create_supabase_user('venue', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('maya');
select tests.create_supabase_user('sam');
select tests.create_supabase_user('ivy');
insert into public.musician_profiles (id, stage_name, published) values
  (tests.get_supabase_uid('maya'), 'Maya Ortiz', true),
  (tests.get_supabase_uid('sam'), 'Sam Okafor', true),
  (tests.get_supabase_uid('ivy'), 'Ivy Lane', true);
insert into public.gigs (id, client_id, title, description, genres, starts_at, duration_minutes, city,
                         budget_max_minor, status, published_at, apply_by) values
  ('00000000-0000-4000-8000-00000000c001', tests.get_supabase_uid('venue'), 'Friday jazz',
   'Two sets of jazz standards in a listening room.', '{jazz}', now() + interval '10 days', 120,
   'Lisbon', 60000, 'published', now(), now() + interval '9 days'),
  ('00000000-0000-4000-8000-00000000c002', tests.get_supabase_uid('venue'), 'Saturday soul',
   'Two sets of soul covers for a late crowd, PA on site.', '{soul}', now() + interval '11 days', 120,
   'Lisbon', 60000, 'published', now(), now() + interval '10 days');

-- private: RLS on, and nobody but the service reads; nobody writes but the functions ------------------
select tests.rls_enabled('private', 'match_signals');
select tests.rls_enabled('private', 'match_reputation');
select tests.rls_enabled('private', 'match_affinity');
select has_index('private', 'match_signals', 'match_signals_musician_id_idx', 'Signals by musician');
select has_index('private', 'match_signals', 'match_signals_client_id_idx', 'Signals by client');

select tests.authenticate_as('maya');
select throws_ok($$ select * from private.match_signals $$, '42501', null, 'A user cannot read the log');
select throws_ok($$ insert into private.match_signals (kind, client_id, musician_id)
                    values ('booked', tests.get_supabase_uid('venue'), tests.get_supabase_uid('maya')) $$,
  '42501', null, 'Nor forge a signal');
select throws_ok($$ select * from private.match_reputation $$, '42501', null, 'Nor read reputations');
select throws_ok($$ select * from private.match_affinity $$, '42501', null, 'Nor affinities');
select throws_ok($$ select private.record_match_signal('booked', tests.get_supabase_uid('venue'),
                      tests.get_supabase_uid('maya'), null, null, null) $$, '42501', null,
  'Nor record one');
select tests.clear_authentication();
set local role anon;
select throws_ok($$ select * from private.match_signals $$, '42501', null, 'Anon cannot read the log');
select throws_ok($$ insert into private.match_reputation (subject_id) values (gen_random_uuid()) $$,
  '42501', null, 'Nor write a reputation');
select throws_ok($$ select private.record_match_signal('booked', gen_random_uuid(), gen_random_uuid(),
                      null, null, null) $$, '42501', null, 'Nor record a signal');
reset role;

-- the formulas ----------------------------------------------------------------------------------------
select is(private.match_reputation_score(0, 0, 0, 0), 0::real, 'No history: 0');
select is(round(private.match_reputation_score(5, 1, 0, 0)::numeric, 4), 0.2500,
  'One five-star review moves it a little: ((5 + 10.5)/4 - 3.5)/1.5');
select is(round(private.match_reputation_score(10, 2, 0, 0)::numeric, 4), 0.4000,
  'Two: ((10 + 10.5)/5 - 3.5)/1.5');
select is(round(private.match_reputation_score(10, 2, 2, 0)::numeric, 4), 0.5000,
  'Plus 0.05 per booking');
select is(round(private.match_reputation_score(0, 0, 9, 0)::numeric, 4), 0.2000,
  'Outcomes are capped at +0.2');
select is(round(private.match_reputation_score(0, 0, 1, 4)::numeric, 4), -0.1500,
  '-0.05 per decline beyond the bookings');
select is(private.match_reputation_score(20, 20, 0, 9), -1::real, 'Clamped at -1');
select is(round(private.match_affinity_score(1, 0, 0, 0, 0, 0)::numeric, 4), 0.2000, 'Shortlisted +0.2');
select is(round(private.match_affinity_score(1, 1, 0, 0, 4, 1)::numeric, 4), 0.9500,
  'Shortlisted, booked, reviewed 4: 0.2 + 0.5 + 0.25');
select is(private.match_affinity_score(1, 1, 0, 0, 5, 1), 1::real, 'Clamped at 1');
select is(round(private.match_affinity_score(0, 0, 1, 1, 0, 0)::numeric, 4), -0.8000,
  'Declined -0.6, withdrawn -0.2');

-- recording through the function (the service) --------------------------------------------------------
select tests.authenticate_as_service_role();
select is(coalesce((select score from private.match_reputation
                     where subject_id = tests.get_supabase_uid('ivy')), 0), 0::real,
  'Cold start: no row, read as 0');
select throws_ok($$ select private.record_match_signal('liked', tests.get_supabase_uid('venue'),
                      tests.get_supabase_uid('ivy'), null, null, null) $$, 'SC400', 'Unknown signal kind',
  'An unknown kind is refused');
select throws_ok($$ select private.record_match_signal('reviewed', tests.get_supabase_uid('venue'),
                      tests.get_supabase_uid('ivy'), null, 6::smallint, 'client') $$, 'SC400', null,
  'A rating outside 1..5 is refused');
select throws_ok($$ insert into private.match_signals (kind, client_id, musician_id)
                    values ('booked', tests.get_supabase_uid('venue'), tests.get_supabase_uid('ivy')) $$,
  '42501', null, 'The service writes only through the function');
select lives_ok($$ select private.record_match_signal('booked', tests.get_supabase_uid('venue'),
                     tests.get_supabase_uid('ivy'), null, null, null, now() - interval '30 days');
                   select private.record_match_signal('booked', tests.get_supabase_uid('venue'),
                     tests.get_supabase_uid('ivy'), null, null, null, now() - interval '20 days');
                   select private.record_match_signal('reviewed', tests.get_supabase_uid('venue'),
                     tests.get_supabase_uid('ivy'), null, 5::smallint, 'client');
                   select private.record_match_signal('reviewed', tests.get_supabase_uid('venue'),
                     tests.get_supabase_uid('ivy'), null, 5::smallint, 'client');
                   select private.record_match_signal('reviewed', tests.get_supabase_uid('venue'),
                     tests.get_supabase_uid('ivy'), null, 2::smallint, 'musician') $$,
  'The service replays a history');
select results_eq($$ select rating_sum, rating_n, booked_n, round(score::numeric, 4)
                       from private.match_reputation where subject_id = tests.get_supabase_uid('ivy') $$,
  $$ values (10, 2, 2, 0.5000) $$, 'Her reputation: two fives, two bookings = 0.4 + 0.1');
select is((select round(score::numeric, 4) from private.match_affinity
            where client_id = tests.get_supabase_uid('venue')
              and musician_id = tests.get_supabase_uid('ivy')), 1.0000,
  'Their affinity: 0.5 + 0.5 + 0.5 + 0.5, clamped');
select results_eq($$ select rating_sum, rating_n, booked_n, round(score::numeric, 4)
                       from private.match_reputation
                      where subject_id = tests.get_supabase_uid('venue') $$,
  $$ values (2, 1, 0, round(((2 + 10.5) / 4 - 3.5) / 1.5, 4)) $$,
  'Her review of the client counts for the client');

-- the triggers: what people did -----------------------------------------------------------------------
select tests.authenticate_as('maya');
select public.apply_to_gig('00000000-0000-4000-8000-00000000c001',
  'Maya for your night, trio or solo.', 40000);
select tests.authenticate_as('sam');
select public.apply_to_gig('00000000-0000-4000-8000-00000000c001',
  'Sam on upright bass, standards all night.', 30000);
select public.apply_to_gig('00000000-0000-4000-8000-00000000c002',
  'Sam on upright bass, soul all night.', 30000);
select tests.authenticate_as('ivy');
select public.apply_to_gig('00000000-0000-4000-8000-00000000c001',
  'Ivy sings standards, with her own trio.', 50000);
select tests.authenticate_as('venue');
select public.shortlist_application((select id from public.applications
  where musician_id = tests.get_supabase_uid('maya')));
select public.decline_application((select id from public.applications
  where musician_id = tests.get_supabase_uid('sam') and gig_id = '00000000-0000-4000-8000-00000000c001'));
select public.accept_application((select id from public.applications
  where musician_id = tests.get_supabase_uid('maya')));
select tests.authenticate_as('sam');
select public.withdraw_application((select id from public.applications
  where musician_id = tests.get_supabase_uid('sam') and gig_id = '00000000-0000-4000-8000-00000000c002'));
reset role;
select is((select status from public.applications where musician_id = tests.get_supabase_uid('ivy')),
  'declined', 'Accepting Maya declined Ivy');
select results_eq($$ select kind, musician_id from private.match_signals where gig_id is not null
                       order by id $$,
  $$ values ('shortlisted', tests.get_supabase_uid('maya')), ('declined', tests.get_supabase_uid('sam')),
            ('booked', tests.get_supabase_uid('maya')), ('withdrawn', tests.get_supabase_uid('sam')) $$,
  'The client''s shortlist, decline and booking and Sam''s withdrawal; not Ivy''s automatic decline');
select is((select round(score::numeric, 4) from private.match_affinity
            where client_id = tests.get_supabase_uid('venue')
              and musician_id = tests.get_supabase_uid('sam')), -0.8000,
  'Sam: declined by the client, then withdrew from the client''s gig');

-- append-only, even for the owner; the cascades still work --------------------------------------------
select throws_ok($$ update private.match_signals set rating = 1 where kind = 'reviewed' $$, 'SC403',
  'The match signal log cannot be changed', 'The owner cannot change a signal');
select throws_ok($$ delete from private.match_signals $$, 'SC403', null, 'Nor delete one');
select throws_ok($$ truncate private.match_signals $$, 'SC403', null, 'Nor empty the log');
select throws_ok($$ update private.match_signals set gig_id = null $$, 'SC403', null,
  'Nor clear a gig by hand');
select tests.authenticate_as_service_role();
select throws_ok($$ delete from private.match_signals $$, '42501', null, 'The service cannot delete');
reset role;
select lives_ok($$ delete from public.gigs where id = '00000000-0000-4000-8000-00000000c002' $$,
  'A deleted gig leaves its signals');
select is((select count(*)::int from private.match_signals
            where kind = 'withdrawn' and gig_id is null), 1, 'with the gig cleared');
select set_config('test.sam', tests.get_supabase_uid('sam')::text, true);
select lives_ok($$ delete from auth.users where id = current_setting('test.sam')::uuid $$,
  'A deleted account takes its signals');
select is((select count(*)::int from private.match_signals
            where musician_id = current_setting('test.sam')::uuid), 0, 'Sam''s signals are gone');
select is((select count(*)::int from private.match_affinity
            where musician_id = current_setting('test.sam')::uuid), 0, 'and his aggregates');

select * from finish();
rollback;
