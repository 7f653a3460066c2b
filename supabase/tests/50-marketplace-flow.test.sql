-- Marketplace state machine: publish → apply → shortlist → accept → booking → complete, with every
-- wrong turn refused by the exact message, and nobody acting for someone else.
begin;
select plan(53);

select tests.create_supabase_user('client', null,
  '{"display_name": "The Blue Door", "is_client": true, "is_musician": false}');
select tests.create_supabase_user('other_client', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('maya', null, '{"display_name": "Maya"}');
select tests.create_supabase_user('sam', null, '{"display_name": "Sam"}');
select tests.create_supabase_user('lee', null, '{"display_name": "Lee"}');   -- no musician profile

insert into public.musician_profiles (id, stage_name, genres, instruments, published) values
  (tests.get_supabase_uid('maya'), 'Maya Ortiz Trio', '{jazz}', '{piano}', true),
  (tests.get_supabase_uid('sam'), 'Sam Okafor', '{jazz}', '{"double bass"}', true);

-- The client's draft, set up by the server.
insert into public.gigs (id, client_id, title, description, kind, genres, instruments, starts_at,
                         timezone, duration_minutes, venue_name, city, country, budget_min_minor,
                         budget_max_minor, currency)
values ('00000000-0000-4000-8000-00000000a001', tests.get_supabase_uid('client'), 'Friday jazz trio',
        'Three sets of standards for a dinner crowd, 8 to 11pm, grand piano on site.', 'live_show',
        '{jazz}', '{piano,"double bass"}', now() + interval '10 days', 'Europe/Berlin', 180,
        'The Blue Door', 'Berlin', 'DE', 30000, 50000, 'EUR');

-- publish ----------------------------------------------------------------------------------------------
select tests.authenticate_as('maya');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                      'I would love to play your Friday night with my trio.', 40000) $$,
  'SC404', 'Gig not found', 'A musician cannot apply to a draft (it is invisible to them)');
select throws_ok($$ select public.publish_gig('00000000-0000-4000-8000-00000000a001') $$,
  'SC404', 'Gig not found', 'A musician cannot publish someone else''s draft');

select tests.authenticate_as('client');
select results_eq(
  $$ select status, published_at is not null, apply_by = starts_at
       from public.publish_gig('00000000-0000-4000-8000-00000000a001') $$,
  $$ values ('published', true, true) $$,
  'The owner publishes the draft; apply_by defaults to the start');
select throws_ok($$ select public.publish_gig('00000000-0000-4000-8000-00000000a001') $$,
  'SC409', 'Only a draft gig can be published', 'A published gig cannot be published again');

select tests.authenticate_as('maya');
select throws_ok($$ select public.publish_gig('00000000-0000-4000-8000-00000000a001') $$,
  'SC403', 'Only the gig''s owner can publish it', 'A musician cannot publish a visible gig either');

-- apply ------------------------------------------------------------------------------------------------
select tests.authenticate_as('lee');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                      'Happy to help out, I play everything.', 10000) $$,
  'SC403', 'Create your musician profile before applying',
  'A user without a musician profile cannot apply');

select tests.authenticate_as('maya');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001', 'Pick me!', 40000) $$,
  'SC400', 'Write a proposal of 20 to 5000 characters', 'A proposal under 20 characters is refused');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                      'I would love to play your Friday night with my trio.', -1) $$,
  'SC400', 'Quote a fee of zero or more', 'A negative quote is refused');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                      'I would love to play your Friday night with my trio.', 40000, '"one song"') $$,
  'SC400', 'A setlist is a list of songs', 'A setlist must be a JSON list or object');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                      'I would love to play your Friday night with my trio.', 40000, null,
                      array[gen_random_uuid()]) $$,
  'SC400', 'Attach only your own media', 'Media that is not the applicant''s own is refused');
select throws_ok($$ select public.apply_to_gig(gen_random_uuid(),
                      'I would love to play your Friday night with my trio.', 40000) $$,
  'SC404', 'Gig not found', 'Applying to a gig that does not exist says not found');

select results_eq(
  $$ select status, currency, quoted_fee_minor, setlist -> 0 ->> 'title'
       from public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
              '  I would love to play your Friday night with my trio.  ', 40000,
              '[{"title": "Autumn Leaves"}]') $$,
  $$ values ('submitted', 'EUR', 40000, 'Autumn Leaves') $$,
  'A musician applies: submitted, quoted in the gig''s currency');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                      'Applying a second time, just in case you missed it.', 35000) $$,
  'SC409', 'You have already applied to this gig', 'One active application per musician and gig');

select tests.authenticate_as('sam');
select lives_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                     'Upright bass, 15 years of jazz clubs, own amp.', 30000) $$,
  'A second musician applies too');
select is_empty(
  $$ select id from public.applications where musician_id = tests.get_supabase_uid('maya') $$,
  'An applicant cannot see another applicant''s application');
select throws_ok(
  $$ insert into public.applications (gig_id, musician_id, proposal, quoted_fee_minor, currency)
     values ('00000000-0000-4000-8000-00000000a001', tests.get_supabase_uid('sam'),
             'Sneaking in a second application directly.', 1, 'EUR') $$,
  '42501', 'permission denied for table applications', 'Applications are written only by apply_to_gig');
select throws_ok(
  $$ update public.applications set status = 'accepted' where musician_id = tests.get_supabase_uid('sam') $$,
  '42501', 'permission denied for table applications', 'An applicant cannot accept themselves');

select tests.authenticate_as('client');
select is((select count(*)::int from public.applications
            where gig_id = '00000000-0000-4000-8000-00000000a001'),
  2, 'The gig''s owner sees both applications');
select is((select count(*)::int from public.notifications where kind = 'application'),
  2, 'The client was notified of each application');

select tests.authenticate_as('other_client');
select is_empty($$ select id from public.applications $$,
  'Another client sees no applications to someone else''s gig');

-- shortlist --------------------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select throws_ok(
  format($$ select public.shortlist_application(%L) $$,
         (select id from public.applications where musician_id = tests.get_supabase_uid('maya'))),
  'SC404', 'Application not found', 'Another applicant cannot touch Maya''s application');

select tests.authenticate_as('maya');
select throws_ok(
  $$ select public.shortlist_application(
       (select id from public.applications where musician_id = tests.get_supabase_uid('maya'))) $$,
  'SC403', 'Only the gig''s owner can shortlist applications', 'An applicant cannot shortlist themselves');

select tests.authenticate_as('client');
select is(
  (select status from public.shortlist_application(
     (select id from public.applications where musician_id = tests.get_supabase_uid('maya')))),
  'shortlisted', 'The owner shortlists Maya');
select throws_ok(
  $$ select public.shortlist_application(
       (select id from public.applications where musician_id = tests.get_supabase_uid('maya'))) $$,
  'SC409', 'Only a submitted application can be shortlisted', 'A shortlisted application cannot be shortlisted again');

select tests.authenticate_as('maya');
select is((select count(*)::int from public.notifications where kind = 'shortlisted'),
  1, 'Maya was told she is on the shortlist');
select throws_ok(
  $$ select public.accept_application(
       (select id from public.applications where musician_id = tests.get_supabase_uid('maya'))) $$,
  'SC403', 'Only the gig''s owner can accept applications', 'An applicant cannot accept themselves');

-- accept -----------------------------------------------------------------------------------------------
select tests.authenticate_as('client');
select results_eq(
  $$ select status, fee_minor, currency, ends_at - starts_at, place, remote, timezone,
            musician_id = tests.get_supabase_uid('maya'), client_id = tests.get_supabase_uid('client'),
            cancellation_terms like 'Either party may cancel free of charge%'
       from public.accept_application(
              (select id from public.applications where musician_id = tests.get_supabase_uid('maya'))) $$,
  $$ values ('confirmed', 40000, 'EUR', interval '180 minutes', 'The Blue Door, Berlin, DE', false,
             'Europe/Berlin', true, true, true) $$,
  'Accepting books Maya with a snapshot of the terms: her fee, the gig''s time, zone and place');
select results_eq(
  $$ select status from public.gigs where id = '00000000-0000-4000-8000-00000000a001' $$,
  $$ values ('filled') $$, 'The gig is filled');
select results_eq(
  $$ select m.stage_name, a.status, a.decided_at is not null
       from public.applications a join public.musician_profiles m on m.id = a.musician_id
      order by m.stage_name $$,
  $$ values ('Maya Ortiz Trio', 'accepted', true), ('Sam Okafor', 'declined', true) $$,
  'Maya''s application is accepted and every other one declined');

-- The second accept on the same gig (as after a concurrent first one committed).
select throws_ok(
  $$ select public.accept_application(
       (select id from public.applications where musician_id = tests.get_supabase_uid('sam'))) $$,
  'SC409', 'This gig is already filled', 'A second accept on a filled gig is refused with a clear message');
select is((select count(*)::int from public.bookings where gig_id = '00000000-0000-4000-8000-00000000a001'),
  1, 'and there is still exactly one booking');
select throws_ok(
  $$ select public.decline_application(
       (select id from public.applications where musician_id = tests.get_supabase_uid('maya'))) $$,
  'SC409', 'Only a submitted or shortlisted application can be declined', 'An accepted application cannot be declined');

select tests.authenticate_as('sam');
select results_eq($$ select kind from public.notifications where kind in ('declined', 'accepted') $$,
  $$ values ('declined') $$, 'Sam was told he was declined, and nothing else');
select throws_ok(
  $$ select public.withdraw_application(
       (select id from public.applications where musician_id = tests.get_supabase_uid('sam'))) $$,
  'SC409', 'Only a submitted or shortlisted application can be withdrawn', 'A declined application cannot be withdrawn');
select is_empty($$ select id from public.bookings $$, 'Sam cannot see Maya''s booking');
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a001',
                      'Trying again now that the gig is filled.', 25000) $$,
  'SC409', 'This gig is no longer taking applications', 'Nobody can apply to a filled gig');

select tests.authenticate_as('maya');
select results_eq($$ select kind from public.notifications where kind in ('declined', 'accepted') $$,
  $$ values ('accepted') $$, 'Maya was told she is booked');
select throws_ok(
  $$ select public.withdraw_application(
       (select id from public.applications where musician_id = tests.get_supabase_uid('maya'))) $$,
  'SC409', 'An accepted application cannot be withdrawn: cancel the booking instead',
  'An accepted application cannot be withdrawn');
select isnt_empty($$ select id from public.bookings $$, 'Maya sees her booking');
select throws_ok(
  $$ update public.bookings set fee_minor = 99999 $$,
  '42501', 'permission denied for table bookings', 'A party cannot rewrite the booking''s terms');

-- complete ---------------------------------------------------------------------------------------------
select throws_ok(
  $$ select public.complete_booking((select id from public.bookings)) $$,
  'SC409', 'A booking can be completed only after it ends', 'A booking cannot be completed before it ends');

select tests.authenticate_as('other_client');
select throws_ok(
  format($$ select public.complete_booking(%L) $$,
         (select b.id from public.bookings b join public.gigs g on g.id = b.gig_id
           where g.id = '00000000-0000-4000-8000-00000000a001')),
  'SC404', 'Booking not found', 'An outsider cannot complete someone else''s booking');
select is_empty($$ select id from public.bookings $$, 'An outsider sees no bookings');

-- The gig took place: move the booking into the past (as the server).
reset role;
update public.bookings set starts_at = now() - interval '4 hours', ends_at = now() - interval '1 hour';

select tests.authenticate_as('maya');
select results_eq(
  $$ select status, completed_at is not null from public.complete_booking((select id from public.bookings)) $$,
  $$ values ('completed', true) $$, 'Either party completes the booking once it has ended');
select throws_ok(
  $$ select public.complete_booking((select id from public.bookings)) $$,
  'SC409', 'Only a confirmed booking can be completed', 'A completed booking cannot be completed again');
select throws_ok(
  $$ select public.cancel_booking((select id from public.bookings), 'Changed my mind') $$,
  'SC409', 'Only a confirmed booking can be cancelled', 'A completed booking cannot be cancelled');

select tests.authenticate_as('client');
select is((select count(*)::int from public.notifications where kind = 'booking_completed'),
  1, 'The client was told the booking was completed');

-- withdraw and apply again -----------------------------------------------------------------------------
reset role;
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, budget_max_minor,
                         status, published_at, apply_by)
values ('00000000-0000-4000-8000-00000000a002', tests.get_supabase_uid('client'), 'Sunday brunch duo',
        'Easy-listening jazz for a Sunday brunch, two sets of 45 minutes.', '{jazz}',
        now() + interval '20 days', 'Berlin', 20000, 'published', now(), now() + interval '19 days');

select tests.authenticate_as('sam');
select lives_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a002',
                     'Bass and vocals for your brunch, relaxed repertoire.', 15000) $$,
  'Sam applies to the brunch');
select is(
  (select status from public.withdraw_application(
     (select id from public.applications where gig_id = '00000000-0000-4000-8000-00000000a002'))),
  'withdrawn', 'The applicant withdraws');
select lives_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a002',
                     'Changed my mind: still keen to play your brunch.', 14000) $$,
  'After withdrawing, the musician may apply again');

select tests.authenticate_as('client');
select is(
  (select status from public.decline_application(
     (select id from public.applications
       where gig_id = '00000000-0000-4000-8000-00000000a002' and status = 'submitted'))),
  'declined', 'The owner declines an application');
select is((select count(*)::int from public.notifications where kind = 'withdrawn'),
  1, 'The client was told about the withdrawal');

select tests.clear_authentication();
select throws_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000a002',
                      'Anonymous hopeful wants to play the brunch.', 100) $$,
  '42501', 'permission denied for function apply_to_gig', 'An anonymous visitor cannot apply');

select * from finish();
rollback;
