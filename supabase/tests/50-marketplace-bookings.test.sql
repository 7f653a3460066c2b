-- Bookings: two accepts on one gig give one booking; a musician is never booked twice at once;
-- cancelling frees the slot; only the two parties see or change a booking.
begin;
select plan(20);

select tests.create_supabase_user('venue', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('planner', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('maya');
select tests.create_supabase_user('sam');
select tests.create_supabase_user('outsider');

insert into public.musician_profiles (id, stage_name, published) values
  (tests.get_supabase_uid('maya'), 'Maya Ortiz', true),
  (tests.get_supabase_uid('sam'), 'Sam Okafor', true);

-- Two published gigs of two clients on the same evening, overlapping by an hour, and a third
-- the next day. Applications as the musicians would send them.
insert into public.gigs (id, client_id, title, description, genres, starts_at, duration_minutes, city,
                         budget_max_minor, status, published_at, apply_by) values
  ('00000000-0000-4000-8000-00000000b001', tests.get_supabase_uid('venue'), 'Jazz night at the venue',
   'Two sets of jazz standards in a listening room.', '{jazz}', now() + interval '30 days', 180,
   'Lisbon', 60000, 'published', now(), now() + interval '29 days'),
  ('00000000-0000-4000-8000-00000000b002', tests.get_supabase_uid('planner'), 'Wedding reception',
   'Background jazz piano during the wedding dinner.', '{jazz}',
   now() + interval '30 days' + interval '2 hours', 120, 'Lisbon', 80000, 'published', now(),
   now() + interval '29 days'),
  ('00000000-0000-4000-8000-00000000b003', tests.get_supabase_uid('planner'), 'Wedding ceremony',
   'Piano for the ceremony and the champagne reception.', '{jazz}', now() + interval '31 days', 90,
   'Lisbon', 50000, 'published', now(), now() + interval '30 days');

select tests.authenticate_as('maya');
select public.apply_to_gig('00000000-0000-4000-8000-00000000b001', 'Maya for your jazz night, trio or solo.', 50000);
select public.apply_to_gig('00000000-0000-4000-8000-00000000b002', 'Maya for your wedding reception dinner.', 70000);
select public.apply_to_gig('00000000-0000-4000-8000-00000000b003', 'Maya for your wedding ceremony music.', 40000);
select tests.authenticate_as('sam');
select public.apply_to_gig('00000000-0000-4000-8000-00000000b001', 'Sam with bass and vocals for jazz night.', 45000);

-- two accepts on one gig -------------------------------------------------------------------------------
-- With Postgres' row lock the second of two concurrent accepts waits for the first to commit and
-- then sees the gig filled; PGlite runs transactions one after the other, which is this sequence.
select tests.authenticate_as('venue');
select lives_ok(
  $$ select public.accept_application((select id from public.applications
       where gig_id = '00000000-0000-4000-8000-00000000b001' and musician_id = tests.get_supabase_uid('maya'))) $$,
  'The venue accepts Maya');
select throws_ok(
  $$ select public.accept_application((select id from public.applications
       where gig_id = '00000000-0000-4000-8000-00000000b001' and musician_id = tests.get_supabase_uid('sam'))) $$,
  'SC409', 'This gig is already filled', 'A second accept on the same gig is refused');
select is((select count(*)::int from public.bookings), 1, 'The venue has exactly one booking');

-- overlapping bookings ---------------------------------------------------------------------------------
select tests.authenticate_as('planner');
select throws_ok(
  $$ select public.accept_application((select id from public.applications
       where gig_id = '00000000-0000-4000-8000-00000000b002')) $$,
  'SC409', 'This musician is already booked at that time',
  'A musician booked elsewhere at an overlapping time cannot be booked');
select results_eq(
  $$ select g.status, a.status from public.gigs g join public.applications a on a.gig_id = g.id
      where g.id = '00000000-0000-4000-8000-00000000b002' $$,
  $$ values ('published', 'submitted') $$,
  'The refused accept changed nothing');
select lives_ok(
  $$ select public.accept_application((select id from public.applications
       where gig_id = '00000000-0000-4000-8000-00000000b003')) $$,
  'The next day does not overlap: Maya is booked for the ceremony');

-- The exclusion constraint backs the check up for accepts racing on two different gigs.
reset role;
select throws_ok(
  format($$ insert into public.bookings (gig_id, application_id, client_id, musician_id, fee_minor,
                                         currency, starts_at, ends_at, timezone, place, remote,
                                         cancellation_terms)
            select g.id, a.id, g.client_id, a.musician_id, 1, 'EUR', g.starts_at,
                   g.starts_at + interval '1 hour', 'UTC', 'x', false, 'x'
              from public.gigs g join public.applications a on a.gig_id = g.id
             where g.id = %L $$, '00000000-0000-4000-8000-00000000b002'),
  '23P01', 'conflicting key value violates exclusion constraint "bookings_starts_at_excl"',
  'The database itself refuses overlapping live bookings of one musician');

-- who sees and changes bookings ------------------------------------------------------------------------
select tests.authenticate_as('outsider');
select is_empty($$ select id from public.bookings $$, 'An outsider sees no bookings');
select throws_ok(
  $$ select public.cancel_booking((select id from public.bookings
       where gig_id = '00000000-0000-4000-8000-00000000b001'), 'I am not even part of this') $$,
  'SC404', 'Booking not found', 'An outsider cannot cancel a booking (it is invisible to them)');

select tests.clear_authentication();
select throws_ok($$ select id from public.bookings $$, '42501', 'permission denied for table bookings',
  'An anonymous visitor cannot read bookings');

select tests.authenticate_as('planner');
select results_eq($$ select gig_id from public.bookings $$,
  $$ values ('00000000-0000-4000-8000-00000000b003'::uuid) $$,
  'A client sees only their own bookings');
select throws_ok($$ delete from public.bookings $$, '42501', 'permission denied for table bookings',
  'A party cannot delete a booking');

-- cancel -----------------------------------------------------------------------------------------------
select tests.authenticate_as('maya');
select results_eq($$ select count(*)::int from public.bookings $$, $$ values (2) $$,
  'Maya sees both of her bookings');
select throws_ok(
  $$ select public.cancel_booking((select id from public.bookings
       where gig_id = '00000000-0000-4000-8000-00000000b001'), '   ') $$,
  'SC400', 'Give a reason of up to 1000 characters', 'Cancelling needs a reason');
select results_eq(
  $$ select status, cancel_reason, cancelled_at is not null
       from public.cancel_booking((select id from public.bookings
              where gig_id = '00000000-0000-4000-8000-00000000b001'), ' Broken wrist, sorry. ') $$,
  $$ values ('cancelled', 'Broken wrist, sorry.', true) $$,
  'Either party cancels a confirmed booking with a reason');
select results_eq($$ select status from public.gigs where id = '00000000-0000-4000-8000-00000000b001' $$,
  $$ values ('closed') $$, 'The gig of a cancelled booking is closed (a gig is booked once)');
select throws_ok(
  $$ select public.cancel_booking((select id from public.bookings
       where gig_id = '00000000-0000-4000-8000-00000000b001'), 'Again') $$,
  'SC409', 'Only a confirmed booking can be cancelled', 'A cancelled booking cannot be cancelled again');

select tests.authenticate_as('venue');
select results_eq($$ select kind, body from public.notifications where kind = 'booking_cancelled' $$,
  $$ values ('booking_cancelled', 'Broken wrist, sorry.') $$,
  'The other party is told, with the reason');

-- A cancelled booking no longer blocks the evening.
select tests.authenticate_as('planner');
select lives_ok(
  $$ select public.accept_application((select id from public.applications
       where gig_id = '00000000-0000-4000-8000-00000000b002')) $$,
  'Once the first booking is cancelled, Maya can be booked for the overlapping reception');
select is((select count(*)::int from public.bookings), 2, 'The planner now has both of Maya''s bookings');

select * from finish();
rollback;
