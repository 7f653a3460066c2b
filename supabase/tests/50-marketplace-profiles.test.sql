-- Musician and client profiles and media: published ones are public, drafts are the owner's; each
-- user writes only their own, in the columns meant for it; musicians and clients stay in their lane.
begin;
select plan(37);

select tests.create_supabase_user('maya');                                           -- musician
select tests.create_supabase_user('sam');                                            -- musician
select tests.create_supabase_user('venue', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('planner', null, '{"is_client": true, "is_musician": false}');

-- musician profiles ------------------------------------------------------------------------------------
select tests.authenticate_as('maya');
select lives_ok(
  $$ insert into public.musician_profiles (id, stage_name, bio, genres, instruments, skills, languages,
                                           city, country, lat, lng, fee_min_minor, fee_max_minor, currency)
     values (tests.get_supabase_uid('maya'), '  Maya Ortiz ', 'Jazz pianist from Lisbon.',
             array['Jazz', ' latin  jazz', 'jazz'], array['Piano', 'Keys'], array[' arranging', 'arranging'],
             array['Portuguese', 'English'], 'Lisbon', 'PT', 38.72, -9.14, 30000, 80000, 'EUR') $$,
  'A musician creates her own (draft) musician profile');
select results_eq(
  $$ select stage_name, genres, instruments, skills, published, rating_count from public.musician_profiles $$,
  $$ values ('Maya Ortiz', array['jazz', 'latin jazz'], array['piano', 'keys'], array['arranging'], false, 0) $$,
  'Names are trimmed and genres and instruments normalised; a new profile is a draft');
select throws_ok(
  $$ insert into public.musician_profiles (id, stage_name) values (tests.get_supabase_uid('sam'), 'Fake Sam') $$,
  '42501', 'new row violates row-level security policy for table "musician_profiles"',
  'A user cannot create a musician profile for someone else');
select throws_ok(
  $$ update public.musician_profiles set rating_avg = 5, rating_count = 100 $$,
  '42501', 'permission denied for table musician_profiles', 'A musician cannot set her own rating');
select throws_ok(
  $$ update public.musician_profiles set country = 'Portugal' $$,
  '23514', 'new row for relation "musician_profiles" violates check constraint "musician_profiles_country_check"',
  'The country is an ISO 3166 alpha-2 code');
select throws_ok(
  $$ update public.musician_profiles set lat = null $$,
  '23514', 'new row for relation "musician_profiles" violates check constraint "musician_profiles_lat_check"',
  'Coordinates come in pairs');
select throws_ok(
  $$ update public.musician_profiles set fee_min_minor = 90000 $$,
  '23514', 'new row for relation "musician_profiles" violates check constraint "musician_profiles_fee_max_minor_check"',
  'The fee range must not end below its start');
select throws_ok(
  $$ update public.musician_profiles set currency = 'eur' $$,
  '23514', 'new row for relation "musician_profiles" violates check constraint "musician_profiles_currency_check"',
  'The currency is an upper-case ISO 4217 code');

select tests.authenticate_as('sam');
select is_empty($$ select id from public.musician_profiles $$, 'Another user does not see a draft profile');
select is_empty($$ update public.musician_profiles set bio = 'hacked' returning id $$,
  'Another user cannot edit it');
select is_empty($$ delete from public.musician_profiles returning id $$, 'Another user cannot delete it');

select tests.authenticate_as('venue');
select throws_ok(
  $$ insert into public.musician_profiles (id, stage_name) values (tests.get_supabase_uid('venue'), 'DJ Venue') $$,
  '42501', 'new row violates row-level security policy for table "musician_profiles"',
  'A client-only user cannot create a musician profile');

select tests.clear_authentication();
select is_empty($$ select id from public.musician_profiles $$, 'An anonymous visitor does not see a draft profile');
select throws_ok($$ update public.musician_profiles set bio = 'anon' $$, '42501',
  'permission denied for table musician_profiles', 'An anonymous visitor cannot edit profiles');

select tests.authenticate_as('maya');
select lives_ok($$ update public.musician_profiles set published = true $$, 'Maya publishes her profile');
select tests.clear_authentication();
select results_eq($$ select stage_name from public.musician_profiles $$, $$ values ('Maya Ortiz') $$,
  'An anonymous visitor sees a published musician profile');
select tests.authenticate_as('sam');
select results_eq($$ select stage_name from public.musician_profiles $$, $$ values ('Maya Ortiz') $$,
  'So does another user');

-- A client sees the draft profile of a musician who applied to their gig.
select tests.authenticate_as('sam');
insert into public.musician_profiles (id, stage_name) values (tests.get_supabase_uid('sam'), 'Sam Okafor');
reset role;
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, budget_max_minor,
                         status, published_at, apply_by)
values ('00000000-0000-4000-8000-00000000d001', tests.get_supabase_uid('venue'), 'Open jazz jam host',
        'Host our Tuesday jam session with a house trio.', '{jazz}', now() + interval '9 days', 'Porto',
        15000, 'published', now(), now() + interval '8 days');
select tests.authenticate_as('venue');
select is_empty($$ select id from public.musician_profiles where stage_name = 'Sam Okafor' $$,
  'A client does not see a draft profile of a stranger');
select tests.authenticate_as('sam');
select public.apply_to_gig('00000000-0000-4000-8000-00000000d001', 'Sam would love to host your jam night.', 12000);
select tests.authenticate_as('venue');
select isnt_empty($$ select id from public.musician_profiles where stage_name = 'Sam Okafor' $$,
  'A client sees the draft profile of a musician who applied to their gig');
select tests.authenticate_as('planner');
select is_empty($$ select id from public.musician_profiles where stage_name = 'Sam Okafor' $$,
  'but another client still does not');

-- client profiles --------------------------------------------------------------------------------------
select tests.authenticate_as('venue');
select lives_ok(
  $$ insert into public.client_profiles (id, organisation, venue_type, capacity, city, country)
     values (tests.get_supabase_uid('venue'), 'The Blue Door', 'jazz club', 120, 'Porto', 'PT') $$,
  'A client creates a (draft) client profile');
select throws_ok(
  $$ insert into public.client_profiles (id, organisation) values (tests.get_supabase_uid('planner'), 'Fake') $$,
  '42501', 'new row violates row-level security policy for table "client_profiles"',
  'A client cannot create a client profile for someone else');
select throws_ok(
  $$ update public.client_profiles set rating_avg = 5 $$,
  '42501', 'permission denied for table client_profiles', 'A client cannot set their own rating');
select tests.authenticate_as('maya');
select throws_ok(
  $$ insert into public.client_profiles (id, organisation) values (tests.get_supabase_uid('maya'), 'Maya Events') $$,
  '42501', 'new row violates row-level security policy for table "client_profiles"',
  'A musician-only user cannot create a client profile');
select is_empty($$ select id from public.client_profiles $$, 'A musician does not see a draft client profile');
select tests.clear_authentication();
select is_empty($$ select id from public.client_profiles $$, 'nor does an anonymous visitor');
select tests.authenticate_as('venue');
update public.client_profiles set published = true;
select tests.clear_authentication();
select results_eq($$ select organisation from public.client_profiles $$, $$ values ('The Blue Door') $$,
  'A published client profile is public');
select throws_ok($$ update public.client_profiles set organisation = 'Anon' $$, '42501',
  'permission denied for table client_profiles', 'An anonymous visitor cannot edit client profiles');

-- media ------------------------------------------------------------------------------------------------
select tests.authenticate_as('maya');
select lives_ok(
  format($$ insert into public.media (owner_id, kind, path, title) values (%L, 'audio', %L, 'Live at Hot Clube') $$,
         tests.get_supabase_uid('maya'), tests.get_supabase_uid('maya') || '/hot-clube.mp3'),
  'A musician registers a sample in her own folder');
select throws_ok(
  format($$ insert into public.media (owner_id, kind, path) values (%L, 'audio', %L) $$,
         tests.get_supabase_uid('maya'), tests.get_supabase_uid('sam') || '/stolen.mp3'),
  '23514', 'new row for relation "media" violates check constraint "media_path_check"',
  'A media row must point into its owner''s folder');
select throws_ok(
  format($$ insert into public.media (owner_id, kind, path) values (%L, 'audio', %L) $$,
         tests.get_supabase_uid('sam'), tests.get_supabase_uid('sam') || '/fake.mp3'),
  '42501', 'new row violates row-level security policy for table "media"',
  'A user cannot add media in someone else''s name');
select throws_ok(
  format($$ insert into public.media (owner_id, kind, path) values (%L, 'midi', %L) $$,
         tests.get_supabase_uid('maya'), tests.get_supabase_uid('maya') || '/song.mid'),
  '23514', 'new row for relation "media" violates check constraint "media_kind_check"',
  'Media is a photo, audio or video');
select lives_ok(
  format($$ insert into storage.objects (bucket_id, name, owner) values ('media', %L, %L) $$,
         tests.get_supabase_uid('maya') || '/hot-clube.mp3', tests.get_supabase_uid('maya')),
  'She uploads the file into her folder of the media bucket');
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('media', %L) $$,
         tests.get_supabase_uid('sam') || '/x.mp3'),
  '42501', 'new row violates row-level security policy for table "objects"',
  'but not into another user''s folder');

select tests.authenticate_as('sam');
select is_empty($$ update public.media set title = 'Mine now' returning id $$,
  'Another user cannot rename her media');
select is_empty($$ delete from public.media returning id $$, 'nor delete it');
select tests.clear_authentication();
select results_eq($$ select m.title, o.name is not null from public.media m
                      left join storage.objects o on o.bucket_id = 'media' and o.name = m.path $$,
  $$ values ('Live at Hot Clube', true) $$, 'Media rows and files are public');

select * from finish();
rollback;
