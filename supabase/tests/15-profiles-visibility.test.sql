-- Who reads whose public.profiles row, tried from the attacker's side: an anonymous visitor sees
-- members with a published musician or client profile only; a signed-in stranger sees those and
-- their own; the two sides of an application (and so of its conversation, booking and reviews)
-- see each other even while unpublished. Musician and client drafts stay their owner's (and an
-- applicant's musician draft the client's they applied to).
begin;
select plan(22);

select tests.create_supabase_user('club', null,
  '{"display_name": "Club Owner", "is_client": true, "is_musician": false}');    -- no client profile
select tests.create_supabase_user('drafty', null, '{"display_name": "Drafty"}');  -- draft musician
select tests.create_supabase_user('star', null, '{"display_name": "Star"}');      -- published musician
select tests.create_supabase_user('venue', null,
  '{"display_name": "Venue Person", "is_client": true, "is_musician": false}');   -- published client
select tests.create_supabase_user('quiet', null,
  '{"display_name": "Quiet Client", "is_client": true, "is_musician": false}');   -- draft client
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');        -- shares nothing

insert into public.musician_profiles (id, stage_name, genres, instruments, published) values
  (tests.get_supabase_uid('drafty'), 'Drafty Draft', '{jazz}', '{piano}', false),
  (tests.get_supabase_uid('star'), 'Star Trio', '{jazz}', '{piano}', true);
insert into public.client_profiles (id, organisation, published) values
  (tests.get_supabase_uid('venue'), 'The Venue', true),
  (tests.get_supabase_uid('quiet'), 'Quiet Rooms', false);
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, country,
                         budget_max_minor, currency)
values ('00000000-0000-4000-8000-00000000f001', tests.get_supabase_uid('club'), 'Sunday brunch jazz',
        'Two sets of quiet standards for a Sunday brunch crowd.', '{jazz}', now() + interval '10 days',
        'Berlin', 'DE', 50000, 'EUR');
select tests.authenticate_as('club');
select public.publish_gig('00000000-0000-4000-8000-00000000f001');
-- The draft musician applies: from now on the club and Drafty deal with each other.
select tests.authenticate_as('drafty');
select public.apply_to_gig('00000000-0000-4000-8000-00000000f001',
                           'I would love to play your Sunday brunch on the piano.', 40000);

-- anonymous visitor ------------------------------------------------------------------------------
select tests.clear_authentication();
select results_eq(
  $$ select display_name from public.profiles order by display_name $$,
  $$ values ('Star'::text), ('Venue Person'::text) $$,
  'An anonymous visitor reads only the profiles of members with a published profile');
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('drafty') $$,
  'not an unpublished musician''s');
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('club') $$,
  'nor the profile of a client without a published client profile');
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('quiet') $$,
  'nor a draft client''s');
select is_empty($$ select 1 from public.musician_profiles where not published $$,
  'Musician drafts stay hidden from visitors');
select is_empty($$ select 1 from public.client_profiles where not published $$,
  'and client drafts too');

-- a signed-in stranger ---------------------------------------------------------------------------
select tests.authenticate_as('eve');
select results_eq(
  $$ select display_name from public.profiles order by display_name $$,
  $$ values ('Eve'::text), ('Star'::text), ('Venue Person'::text) $$,
  'A stranger reads their own and the published members'' profiles');
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('drafty') $$,
  'not an unpublished musician''s');
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('club') $$,
  'nor a client''s they have no dealings with');
select is_empty($$ select 1 from public.musician_profiles where id = tests.get_supabase_uid('drafty') $$,
  'nor a musician draft');
select is_empty($$ select 1 from public.client_profiles where id = tests.get_supabase_uid('quiet') $$,
  'nor a client draft');
select is_empty($$ update public.profiles set display_name = 'Hacked'
                    where id = tests.get_supabase_uid('star') returning id $$,
  'and can change none of them');

-- the two sides of an application ----------------------------------------------------------------
select tests.authenticate_as('club');
select is((select display_name from public.profiles where id = tests.get_supabase_uid('drafty')),
  'Drafty', 'The client reads the profile of a musician who applied to their gig');
select is((select stage_name from public.musician_profiles where id = tests.get_supabase_uid('drafty')),
  'Drafty Draft', 'and the applicant''s musician draft');
select is((select musician ->> 'display_name' from (
             select jsonb_build_object('display_name', p.display_name) as musician
               from public.applications a join public.profiles p on p.id = a.musician_id) x),
  'Drafty', 'so the applications list keeps the applicant');
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('eve') $$,
  'but not the profile of anyone else unpublished');
select is_empty($$ select 1 from public.client_profiles where id = tests.get_supabase_uid('quiet') $$,
  'nor another client''s draft');

select tests.authenticate_as('drafty');
select is((select display_name from public.profiles where id = tests.get_supabase_uid('club')),
  'Club Owner', 'The applicant reads the profile of the gig''s client');
select results_eq(
  $$ select p.display_name from public.conversations c
       join public.profiles p on p.id = c.client_id $$,
  $$ values ('Club Owner'::text) $$,
  'so the inbox names the other side of the conversation');
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('quiet') $$,
  'but no other unpublished client');

-- publishing opens a profile to everyone; unpublishing closes it again
select tests.authenticate_as('quiet');
update public.client_profiles set published = true where id = tests.get_supabase_uid('quiet');
select tests.clear_authentication();
select is((select display_name from public.profiles where id = tests.get_supabase_uid('quiet')),
  'Quiet Client', 'A client who publishes their profile is visible to visitors');
select tests.authenticate_as('quiet');
update public.client_profiles set published = false where id = tests.get_supabase_uid('quiet');
select tests.clear_authentication();
select is_empty($$ select 1 from public.profiles where id = tests.get_supabase_uid('quiet') $$,
  'and hidden again once unpublished');

select * from finish();
rollback;
