-- Virtual artists (20261213000100_virtual_artists.sql): an artist belongs to its owner; invited
-- members read it and everything under it, and change nothing; strangers see nothing. Versions
-- move only through the functions (expected version, one decision per proposal); imports are all
-- or nothing and idempotent; job progress reaches the owner and members only.
begin;
select plan(31);

select tests.create_supabase_user('ana', null, '{"display_name": "Ana"}');
select tests.create_supabase_user('mel', null, '{"display_name": "Mel"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');

create table tests.artist_ids (k text primary key, id uuid not null);
grant select, insert on tests.artist_ids to authenticated, service_role;

select has_index('public', 'artist_metrics', 'artist_metrics_track_id_idx', 'Metrics have a named index by track');
select has_index('public', 'artist_plans', 'artist_plans_one_running_idx', 'One plan under way per artist');
select tests.rls_enabled('public', 'artists');

-- Ana makes an artist ---------------------------------------------------------------------------------------
select tests.authenticate_as('ana');
insert into tests.artist_ids select 'a', public.create_artist(
  '{"genre": "synth-pop", "market": "GB", "audience": "runners", "tone": "warm"}',
  '{"name": "Luna Vale", "tempo_range": {"min": 90, "max": 110}}', '[]');
select is((select version from public.artists), 1, 'A new artist is version 1');
select is((select cause from public.artist_versions), 'created', 'Its first version says it was created');
select throws_ok($$ update public.artists set persona = '{}' $$, '42501', null,
  'Nobody writes the persona directly');
select throws_ok($$ insert into public.artist_versions (artist_id, version, persona, cause)
                    select id, 9, '{}', 'edited' from tests.artist_ids $$, '42501', null,
  'Nor a version');

select is(public.artist_new_version((select id from tests.artist_ids), 1,
  '{"name": "Luna Vale", "tempo_range": {"min": 110, "max": 125}}', 'edited', 'Faster', '[]', null), 2,
  'An edit of the current version makes version 2');
select throws_ok($$ select public.artist_new_version((select id from tests.artist_ids), 1,
  '{"name": "Luna Vale"}', 'edited', null, '[]', null) $$, 'SC409', null,
  'An edit of an old version is refused');
select is((select persona -> 'tempo_range' ->> 'min' from public.artists), '110', 'The persona is the new one');

-- imports -----------------------------------------------------------------------------------------------------
select results_eq($$ select inserted, updated, unchanged from public.import_artist_metrics(
    (select id from tests.artist_ids), array['Night Run', 'night run ', 'Glow'],
    array['2026-11-01', '2026-11-02', '2026-11-01']::date[], array['GB', 'GB', 'BR'],
    array[100, 120, 50], array[80, 90, 40], array[5, 6, 2], array[10, 12, 5], array[1000, 1010, 300]) $$,
  $$ values (3, 0, 0) $$, 'Three new rows');
select is((select count(*)::int from public.artist_tracks), 2, 'Titles that differ in case and spaces are one track');
select results_eq($$ select inserted, updated, unchanged from public.import_artist_metrics(
    (select id from tests.artist_ids), array['Night Run', 'Glow'],
    array['2026-11-01', '2026-11-01']::date[], array['GB', 'BR'],
    array[100, 55], array[80, 40], array[5, 2], array[10, 5], array[1000, 300]) $$,
  $$ values (0, 1, 1) $$, 'Again: one changed, one unchanged');
select throws_ok($$ select public.import_artist_metrics((select id from tests.artist_ids),
    array['Glow', 'Glow'], array['2026-11-03', '2026-11-04']::date[], array['BR', 'br'],
    array[1, 1], array[1, 1], array[0, 0], array[0, 0], array[1, 1]) $$, '23514', null,
  'A bad row fails the whole statement');
select is((select count(*)::int from public.artist_metrics), 3, 'Nothing of it was kept');

-- strangers and members ---------------------------------------------------------------------------------------
select tests.authenticate_as('eve');
select is((select count(*)::int from public.artists), 0, 'A stranger sees no artist');
select is((select count(*)::int from public.artist_metrics), 0, 'Nor its figures');
select throws_ok($$ select public.import_artist_metrics((select id from tests.artist_ids), array['X'],
    array['2026-11-05']::date[], array['GB'], array[1], array[1], array[0], array[0], array[1]) $$,
  'SC404', null, 'A stranger cannot import');
select throws_ok($$ select public.add_artist_member((select id from tests.artist_ids), 'eve@example.test') $$,
  'SC404', null, 'Nor invite');

select tests.authenticate_as('ana');
select lives_ok($$ select public.add_artist_member((select id from tests.artist_ids), 'MEL@example.test') $$,
  'The owner invites by e-mail (any case)');
select throws_ok($$ select public.add_artist_member((select id from tests.artist_ids), 'nobody@example.test') $$,
  'SC404', 'Nobody on Soundcheck uses that e-mail address', 'An unknown address is named');

select tests.authenticate_as('mel');
select is((select count(*)::int from public.artist_metrics), 3, 'A member reads the figures');
select is((select count(*)::int from public.artist_versions), 2, 'And the versions');
select throws_ok($$ select public.artist_new_version((select id from tests.artist_ids), 2,
  '{"name": "Mel''s"}', 'edited', null, '[]', null) $$, 'SC403', null, 'A member changes nothing');
select throws_ok($$ insert into public.artist_plans (artist_id, owner_id, based_on_version, trigger)
    select id, (select auth.uid()), 2, 'person' from tests.artist_ids $$, '42501', null,
  'Nor asks for plans');
select ok(private.can_read_artist_topic('artist_plan:' || gen_random_uuid()) = false,
  'A topic of no plan is refused');
select ok(private.can_read_artist_topic('artist_art:' || gen_random_uuid()) = false,
  'Nor of no drawing');

-- proposals are decided once ----------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
insert into public.artist_plans (id, artist_id, owner_id, based_on_version, trigger, status, stage)
select '00000000-0000-4000-8000-000000000001', id, tests.get_supabase_uid('ana'), 2, 'weekly', 'ready', null
  from tests.artist_ids;
insert into public.artist_plan_items (id, plan_id, artist_id, position, kind, title, change, evidence, confidence)
select '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', id, 0, 'tempo',
       'Lean faster', '{}', '[]', 'high' from tests.artist_ids;
select tests.authenticate_as('mel');
select ok(private.can_read_artist_topic('artist_plan:00000000-0000-4000-8000-000000000001'),
  'A member receives the plan''s progress');
select tests.authenticate_as('eve');
select ok(not private.can_read_artist_topic('artist_plan:00000000-0000-4000-8000-000000000001'),
  'A stranger does not');
select tests.authenticate_as('ana');
select lives_ok($$ select public.decide_artist_plan_item('00000000-0000-4000-8000-000000000002', 'rejected', null) $$,
  'The owner rejects a proposal');
select throws_ok($$ select public.decide_artist_plan_item('00000000-0000-4000-8000-000000000002', 'approved', 3) $$,
  'SC409', 'This proposal was already rejected', 'A decision is final');

select * from finish();
rollback;
