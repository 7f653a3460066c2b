-- Reviews: only the parties of a completed booking, once each, about each other; hidden from all but
-- the author until both have reviewed or 14 days have passed; then counted in the profile ratings.
begin;
select plan(28);

select tests.create_supabase_user('client', null, '{"display_name": "Blue Door", "is_client": true, "is_musician": false}');
select tests.create_supabase_user('maya', null, '{"display_name": "Maya"}');
select tests.create_supabase_user('sam', null, '{"display_name": "Sam"}');
select tests.create_supabase_user('outsider');

insert into public.musician_profiles (id, stage_name, published) values
  (tests.get_supabase_uid('maya'), 'Maya Ortiz', true), (tests.get_supabase_uid('sam'), 'Sam Okafor', true);
insert into public.client_profiles (id, organisation, published) values
  (tests.get_supabase_uid('client'), 'The Blue Door', true);

-- Three gigs that happened (or will): booked with Maya (completed yesterday), with Sam (completed
-- yesterday), and with Maya again (still to come). Set up by the server.
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, budget_max_minor,
                         status, published_at, apply_by)
select v.id::uuid, tests.get_supabase_uid('client'), v.title, 'A gig that has been booked already.',
       '{jazz}', now() + v.starts, 'Porto', 50000, 'filled', now() - interval '20 days', now() + v.starts
  from (values ('00000000-0000-4000-8000-00000000e001', 'Past gig with Maya', interval '-2 days'),
               ('00000000-0000-4000-8000-00000000e002', 'Past gig with Sam', interval '-3 days'),
               ('00000000-0000-4000-8000-00000000e003', 'Future gig with Maya', interval '5 days')) v(id, title, starts);
insert into public.applications (id, gig_id, musician_id, proposal, quoted_fee_minor, currency, status, decided_at)
values
  ('00000000-0000-4000-8000-00000000e101', '00000000-0000-4000-8000-00000000e001', tests.get_supabase_uid('maya'),
   'A proposal long enough to be valid.', 40000, 'EUR', 'accepted', now() - interval '10 days'),
  ('00000000-0000-4000-8000-00000000e102', '00000000-0000-4000-8000-00000000e002', tests.get_supabase_uid('sam'),
   'A proposal long enough to be valid.', 30000, 'EUR', 'accepted', now() - interval '10 days'),
  ('00000000-0000-4000-8000-00000000e103', '00000000-0000-4000-8000-00000000e003', tests.get_supabase_uid('maya'),
   'A proposal long enough to be valid.', 45000, 'EUR', 'accepted', now() - interval '10 days');
insert into public.bookings (id, gig_id, application_id, client_id, musician_id, fee_minor, currency,
                             starts_at, ends_at, timezone, place, remote, cancellation_terms, status,
                             completed_at)
select ('00000000-0000-4000-8000-00000000e2' || right(g.id::text, 2))::uuid, g.id, a.id, g.client_id,
       a.musician_id, a.quoted_fee_minor, 'EUR', g.starts_at, g.starts_at + interval '2 hours', 'UTC',
       'Porto', false, 'Standard terms',
       case when g.starts_at < now() then 'completed' else 'confirmed' end,
       case when g.starts_at < now() then now() - interval '1 day' end
  from public.gigs g join public.applications a on a.gig_id = g.id;

-- who may review ---------------------------------------------------------------------------------------
select tests.authenticate_as('outsider');
select throws_ok($$ select public.submit_review('00000000-0000-4000-8000-00000000e201', 5, 'Great!') $$,
  'SC404', 'Booking not found', 'Someone who was not part of the booking cannot review it');

select tests.authenticate_as('maya');
select throws_ok($$ select public.submit_review('00000000-0000-4000-8000-00000000e203', 5, 'Great!') $$,
  'SC409', 'Only a completed booking can be reviewed', 'A booking still to come cannot be reviewed');
select throws_ok($$ select public.submit_review('00000000-0000-4000-8000-00000000e201', 0, 'Hmm') $$,
  'SC400', 'Give a rating from 1 to 5 stars', 'A rating below one star is refused');
select throws_ok($$ select public.submit_review('00000000-0000-4000-8000-00000000e201', 5, repeat('x', 2001)) $$,
  'SC400', 'Keep the review to 2000 characters', 'A review over 2000 characters is refused');
select throws_ok(
  $$ insert into public.reviews (booking_id, author_id, subject_id, rating, visible_at)
     values ('00000000-0000-4000-8000-00000000e201', tests.get_supabase_uid('maya'),
             tests.get_supabase_uid('client'), 5, now()) $$,
  '42501', 'permission denied for table reviews', 'Reviews are written only by submit_review');

-- one review: hidden -----------------------------------------------------------------------------------
select results_eq(
  $$ select subject_id = tests.get_supabase_uid('client'), rating, body,
            visible_at = (select completed_at + interval '14 days' from public.bookings
                           where id = '00000000-0000-4000-8000-00000000e201')
       from public.submit_review('00000000-0000-4000-8000-00000000e201', 5,
                                 ' Lovely room, great piano, paid on the night. ') $$,
  $$ values (true, 5::smallint, 'Lovely room, great piano, paid on the night.', true) $$,
  'Maya reviews the client; it stays hidden until 14 days after completion');
select throws_ok($$ select public.submit_review('00000000-0000-4000-8000-00000000e201', 4, 'Again') $$,
  'SC409', 'You have already reviewed this booking', 'One review per party and booking');
select isnt_empty($$ select id from public.reviews $$, 'The author sees her own review');
select throws_ok($$ update public.reviews set rating = 1 $$, '42501',
  'permission denied for table reviews', 'A review cannot be edited afterwards');

select tests.authenticate_as('client');
select is_empty($$ select id from public.reviews $$, 'The subject does not see it yet');
select tests.clear_authentication();
select is_empty($$ select id from public.reviews $$, 'nor does an anonymous visitor');
select tests.authenticate_as('client');
select is((select rating_count from public.client_profiles), 0, 'A hidden review is not counted');

-- both reviewed: visible -------------------------------------------------------------------------------
select lives_ok($$ select public.submit_review('00000000-0000-4000-8000-00000000e201', 4,
                     'Prepared, on time, read the room well.') $$,
  'The client reviews Maya');
select results_eq($$ select rating from public.reviews order by rating $$,
  $$ values (4::smallint), (5::smallint) $$, 'Once both have reviewed, each sees both reviews');
select tests.clear_authentication();
select is((select count(*)::int from public.reviews), 2, 'and so does everyone');
select results_eq($$ select rating_avg, rating_count from public.musician_profiles where stage_name = 'Maya Ortiz' $$,
  $$ values (4.00::numeric(3, 2), 1) $$, 'Maya''s rating counts the visible review');
select results_eq($$ select rating_avg, rating_count from public.client_profiles $$,
  $$ values (5.00::numeric(3, 2), 1) $$, 'The client''s rating counts the visible review');
select tests.authenticate_as('maya');
select results_eq($$ select kind, body from public.notifications where kind = 'review' $$,
  $$ values ('review', 'Blue Door gave you 4 stars.') $$, 'Maya was told about her review');
select tests.authenticate_as('client');
select is((select count(*)::int from public.notifications where kind = 'review'), 1,
  'and the client about theirs');

-- one review, 14 days later: visible -------------------------------------------------------------------
select lives_ok($$ select public.submit_review('00000000-0000-4000-8000-00000000e202', 2,
                     'Arrived late and left early.') $$,
  'The client reviews Sam, who never reviews back');
select tests.authenticate_as('sam');
select is_empty($$ select id from public.reviews where subject_id = tests.get_supabase_uid('sam') $$,
  'Sam does not see it while he could still review');
select is((select rating_count from public.musician_profiles where stage_name = 'Sam Okafor'), 0,
  'and it is not counted yet');

-- Fourteen days pass (moving the completion back, as the server).
reset role;
update public.bookings set completed_at = now() - interval '15 days'
 where id = '00000000-0000-4000-8000-00000000e202';

select tests.authenticate_as('sam');
select results_eq($$ select rating, body from public.reviews where subject_id = tests.get_supabase_uid('sam') $$,
  $$ values (2::smallint, 'Arrived late and left early.') $$,
  'After 14 days the review shows without his');
select results_eq($$ select rating_avg, rating_count from public.musician_profiles where stage_name = 'Sam Okafor' $$,
  $$ values (2.00::numeric(3, 2), 1) $$, 'and counts in his rating');
select is((select count(*)::int from public.notifications where kind = 'review'), 1,
  'and he is told about it');
select tests.clear_authentication();
select is((select count(*)::int from public.reviews), 3, 'Everyone sees the three visible reviews');

-- Reviewing late: the review shows at once.
select tests.authenticate_as('sam');
select ok((select visible_at <= now() from public.submit_review('00000000-0000-4000-8000-00000000e202', 3,
                                                               'Late payment, nice crowd.')),
  'A review written after the 14 days is visible at once');
select tests.authenticate_as('client');
select results_eq($$ select rating_avg, rating_count from public.client_profiles $$,
  $$ values (4.00::numeric(3, 2), 2) $$, 'and counts in the subject''s rating');

select * from finish();
rollback;
