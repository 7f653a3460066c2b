-- Gigs: who may read, post and change them; what publishing needs; what a published gig keeps
-- fixed; closing and cancelling; invite-only gigs.
begin;
select plan(53);

select tests.create_supabase_user('client', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('rival', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('dual', null, '{"is_client": true}');           -- musician and client
select tests.create_supabase_user('maya');                                          -- musician only
select tests.create_supabase_user('sam');

insert into public.musician_profiles (id, stage_name, published) values
  (tests.get_supabase_uid('maya'), 'Maya', true), (tests.get_supabase_uid('sam'), 'Sam', true),
  (tests.get_supabase_uid('dual'), 'Dee', true);

-- posting ----------------------------------------------------------------------------------------------
select tests.authenticate_as('client');
select lives_ok(
  $$ insert into public.gigs (client_id, title, description, kind, genres, instruments, starts_at,
                              timezone, duration_minutes, venue_name, city, country, budget_min_minor,
                              budget_max_minor, currency)
     values (tests.get_supabase_uid('client'), '  Rooftop soul night  ',
             'Soul and Motown covers for a rooftop party of 120 guests, PA provided.', 'live_show',
             array[' Soul', 'MOTOWN ', 'soul', ''], array['Vocals', 'keys'], now() + interval '14 days',
             'Europe/Lisbon', 150, 'Terraço', 'Lisbon', 'PT', 40000, 90000, 'EUR') $$,
  'A client posts a draft gig');
select results_eq(
  $$ select title, genres, instruments, status, published_at from public.gigs $$,
  $$ values ('Rooftop soul night', array['soul', 'motown'], array['vocals', 'keys'], 'draft', null::timestamptz) $$,
  'The title is trimmed and genres and instruments normalised; the gig starts as a draft');
select throws_ok(
  $$ insert into public.gigs (client_id, title, starts_at)
     values (tests.get_supabase_uid('rival'), 'Posting as someone else', now() + interval '1 day') $$,
  '42501', 'new row violates row-level security policy for table "gigs"',
  'A client cannot post a gig in another client''s name');
select throws_ok(
  $$ insert into public.gigs (client_id, title, starts_at, status)
     values (tests.get_supabase_uid('client'), 'Straight to published', now() + interval '1 day', 'published') $$,
  '42501', 'permission denied for table gigs', 'A client cannot insert a gig in another state than draft');
select throws_ok(
  $$ insert into public.gigs (client_id, title, starts_at, timezone)
     values (tests.get_supabase_uid('client'), 'Nowhere time', now() + interval '1 day', 'Mars/Olympus_Mons') $$,
  'SC400', 'Unknown time zone', 'An unknown time zone is refused');
select throws_ok(
  $$ insert into public.gigs (client_id, title, starts_at, timezone)
     values (tests.get_supabase_uid('client'), 'Abbreviated time', now() + interval '1 day', 'CEST') $$,
  'SC400', 'Use a time zone name such as Europe/Berlin', 'A zone abbreviation is not an IANA name');
select throws_ok(
  $$ insert into public.gigs (client_id, title, starts_at, budget_min_minor, budget_max_minor)
     values (tests.get_supabase_uid('client'), 'Upside-down budget', now() + interval '1 day', 500, 100) $$,
  '23514', 'new row for relation "gigs" violates check constraint "gigs_budget_max_minor_check"',
  'A budget range must not end below its start');
select throws_ok(
  $$ insert into public.gigs (client_id, title, starts_at, apply_by)
     values (tests.get_supabase_uid('client'), 'Late deadline', now() + interval '1 day', now() + interval '2 days') $$,
  '23514', 'new row for relation "gigs" violates check constraint "gigs_apply_by_check"',
  'apply_by must not be after the start');

select tests.authenticate_as('maya');
select throws_ok(
  $$ insert into public.gigs (client_id, title, starts_at)
     values (tests.get_supabase_uid('maya'), 'A musician posting', now() + interval '1 day') $$,
  '42501', 'new row violates row-level security policy for table "gigs"',
  'A user who is not a client cannot post gigs');

-- reading drafts ---------------------------------------------------------------------------------------
select is_empty($$ select id from public.gigs $$, 'A musician does not see a draft');
select tests.authenticate_as('rival');
select is_empty($$ select id from public.gigs $$, 'Another client does not see a draft');
select is_empty($$ update public.gigs set title = 'Hijacked' returning id $$,
  'Another client cannot edit the draft');
select is_empty($$ delete from public.gigs returning id $$, 'Another client cannot delete the draft');
select tests.clear_authentication();
select is_empty($$ select id from public.gigs $$, 'An anonymous visitor does not see a draft');
select throws_ok($$ update public.gigs set title = 'Anon was here' $$, '42501',
  'permission denied for table gigs', 'An anonymous visitor cannot edit gigs');

-- publishing -------------------------------------------------------------------------------------------
select tests.authenticate_as('client');
select lives_ok($$ update public.gigs set title = 'Rooftop soul & Motown night' $$,
  'The owner edits the draft');
select throws_ok($$ update public.gigs set status = 'published' $$, '42501',
  'permission denied for table gigs', 'The state changes only through the functions');
select throws_ok($$ update public.gigs set client_id = tests.get_supabase_uid('rival') $$, '42501',
  'permission denied for table gigs', 'A gig cannot be handed to another client');

update public.gigs set description = 'Soul.';
select throws_ok($$ select public.publish_gig((select id from public.gigs)) $$, 'SC400',
  'Describe the gig in at least 20 characters before publishing it', 'Publishing needs a description');
update public.gigs set description = 'Soul and Motown covers for a rooftop party of 120 guests.',
                       city = null;
select throws_ok($$ select public.publish_gig((select id from public.gigs)) $$, 'SC400',
  'Give the city, or mark the gig as remote', 'Publishing needs a place unless the gig is remote');
update public.gigs set city = 'Lisbon', budget_min_minor = null, budget_max_minor = null;
select throws_ok($$ select public.publish_gig((select id from public.gigs)) $$, 'SC400',
  'Give a budget before publishing', 'Publishing needs a budget');
update public.gigs set budget_max_minor = 90000, genres = '{}', instruments = '{}';
select throws_ok($$ select public.publish_gig((select id from public.gigs)) $$, 'SC400',
  'Name at least one genre or instrument', 'Publishing needs a genre or an instrument');
update public.gigs set genres = '{soul}', apply_by = now() - interval '1 hour';
select throws_ok($$ select public.publish_gig((select id from public.gigs)) $$, 'SC400',
  'The deadline to apply must be in the future', 'Publishing needs an apply_by in the future');
update public.gigs set apply_by = null, starts_at = now() - interval '1 day';
select throws_ok($$ select public.publish_gig((select id from public.gigs)) $$, 'SC400',
  'The gig must start in the future', 'A gig in the past cannot be published');
update public.gigs set starts_at = now() + interval '14 days', apply_by = now() + interval '7 days';
select is((select status from public.publish_gig((select id from public.gigs))), 'published',
  'With everything in place the gig is published');

-- a published gig ------------------------------------------------------------------------------------
select tests.clear_authentication();
select results_eq($$ select title from public.gigs $$, $$ values ('Rooftop soul & Motown night') $$,
  'An anonymous visitor sees the published gig');
select tests.authenticate_as('maya');
select isnt_empty($$ select id from public.gigs $$, 'A musician sees the published gig');
select is_empty($$ update public.gigs set description = 'Free gig!' returning id $$,
  'A musician cannot edit it');

select tests.authenticate_as('client');
select lives_ok($$ update public.gigs set description = 'Soul and Motown covers for 120 guests; PA and lights provided.' $$,
  'The owner may still improve the description of a published gig');
select throws_ok($$ update public.gigs set starts_at = starts_at + interval '1 day' $$, 'SC409',
  'The terms of a published gig are fixed: close it and post a new one',
  'The start of a published gig is fixed');
select throws_ok($$ update public.gigs set budget_max_minor = 1000 $$, 'SC409',
  'The terms of a published gig are fixed: close it and post a new one',
  'The budget of a published gig is fixed');
select is_empty($$ delete from public.gigs returning id $$, 'A published gig cannot be deleted');

-- close and cancel -------------------------------------------------------------------------------------
reset role;
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, budget_max_minor,
                         status, published_at, apply_by) values
  ('00000000-0000-4000-8000-00000000c002', tests.get_supabase_uid('client'), 'Cancelled later',
   'A gig that will be cancelled after two musicians applied.', '{soul}', now() + interval '20 days',
   'Lisbon', 30000, 'published', now(), now() + interval '19 days'),
  ('00000000-0000-4000-8000-00000000c003', tests.get_supabase_uid('client'), 'Closed later',
   'A gig that will be closed after one musician applied.', '{soul}', now() + interval '21 days',
   'Lisbon', 30000, 'published', now(), now() + interval '20 days');
select tests.authenticate_as('maya');
select public.apply_to_gig('00000000-0000-4000-8000-00000000c002', 'Maya would love to sing at this one.', 20000);
select public.apply_to_gig('00000000-0000-4000-8000-00000000c003', 'Maya would love to sing at that one.', 20000);
select tests.authenticate_as('sam');
select public.apply_to_gig('00000000-0000-4000-8000-00000000c002', 'Sam would love to play at this one.', 20000);

select throws_ok($$ select public.cancel_gig('00000000-0000-4000-8000-00000000c002') $$, 'SC403',
  'Only the gig''s owner can cancel it', 'A musician cannot cancel a gig');
select tests.authenticate_as('rival');
select throws_ok($$ select public.close_gig('00000000-0000-4000-8000-00000000c003') $$, 'SC403',
  'Only the gig''s owner can close it', 'Another client cannot close a gig');

select tests.authenticate_as('client');
select is((select status from public.cancel_gig('00000000-0000-4000-8000-00000000c002')), 'cancelled',
  'The owner cancels a published gig');
select results_eq(
  $$ select distinct status from public.applications where gig_id = '00000000-0000-4000-8000-00000000c002' $$,
  $$ values ('declined') $$, 'Cancelling declines every active application');
select throws_ok($$ select public.cancel_gig('00000000-0000-4000-8000-00000000c002') $$, 'SC409',
  'Only a published gig can be cancelled', 'A cancelled gig cannot be cancelled again');
select throws_ok($$ update public.gigs set title = 'Resurrected'
                    where id = '00000000-0000-4000-8000-00000000c002' $$, 'SC409',
  'Only draft or published gigs can be edited', 'A cancelled gig is frozen');
select is((select status from public.close_gig('00000000-0000-4000-8000-00000000c003')), 'closed',
  'The owner closes a published gig');
select throws_ok($$ select public.close_gig('00000000-0000-4000-8000-00000000c003') $$, 'SC409',
  'Only a published gig can be closed', 'A closed gig cannot be closed again');

select tests.authenticate_as('sam');
select is((select count(*)::int from public.notifications where kind = 'declined'), 1,
  'Sam was told the cancelled gig declined him');
select tests.authenticate_as('maya');
select is((select count(*)::int from public.notifications where kind = 'declined'), 2,
  'Maya was told about the cancelled and the closed gig');

-- invite-only ------------------------------------------------------------------------------------------
select tests.authenticate_as('dual');
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, budget_max_minor,
                         visibility)
values ('00000000-0000-4000-8000-00000000c004', tests.get_supabase_uid('dual'), 'Private session',
        'Invite-only studio session for a string arrangement.', '{classical}',
        now() + interval '10 days', 'Porto', 50000, 'invite_only');
select lives_ok($$ insert into public.gig_invites (gig_id, musician_id)
                   values ('00000000-0000-4000-8000-00000000c004', tests.get_supabase_uid('maya')) $$,
  'The owner invites Maya');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000c004',
                      'Applying to my own session, why not?', 100) $$,
  'SC403', 'You cannot apply to your own gig', 'Nobody applies to their own gig');
select lives_ok($$ select public.publish_gig('00000000-0000-4000-8000-00000000c004') $$,
  'The owner publishes the invite-only gig');

select tests.authenticate_as('maya');
select isnt_empty($$ select id from public.gigs where id = '00000000-0000-4000-8000-00000000c004' $$,
  'The invited musician sees the invite-only gig');
select is((select count(*)::int from public.notifications where kind = 'invite'), 1,
  'and was told about it when it was published');
select lives_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000c004',
                     'Thanks for the invitation, Maya is in.', 45000) $$,
  'The invited musician applies');

select tests.authenticate_as('sam');
select is_empty($$ select id from public.gigs where id = '00000000-0000-4000-8000-00000000c004' $$,
  'A musician who is not invited does not see it');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000c004',
                      'Let me in, I heard about it from a friend.', 100) $$,
  'SC404', 'Gig not found', 'and cannot apply to it');
select throws_ok($$ insert into public.gig_invites (gig_id, musician_id)
                    values ('00000000-0000-4000-8000-00000000c004', tests.get_supabase_uid('sam')) $$,
  '42501', 'new row violates row-level security policy for table "gig_invites"',
  'A musician cannot invite themselves');
select is_empty($$ select * from public.gig_invites $$, 'nor see other people''s invitations');

select tests.clear_authentication();
select is_empty($$ select id from public.gigs where visibility = 'invite_only' $$,
  'An anonymous visitor sees no invite-only gig');

select * from finish();
rollback;
