-- Undo and trust (20261216000400_decisions_trust.sql): a client's decline can be taken back for 15
-- minutes and a musician's withdrawal while the gig is open, by them only; the other side's unread
-- notice disappears, a seen one is corrected; the automatic declines of an accept are final. A
-- booking's cancel preview says what goes back. Trust facts count completed bookings and follow the
-- profile's visibility.
begin;
select plan(35);

select tests.create_supabase_user('club', null,
  '{"display_name": "Club", "is_client": true, "is_musician": false}');
select tests.create_supabase_user('ana', null, '{"display_name": "Ana"}');
select tests.create_supabase_user('sam', null, '{"display_name": "Sam"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');

insert into public.musician_profiles (id, stage_name, genres, instruments, published) values
  (tests.get_supabase_uid('ana'), 'Ana Costa', '{jazz}', '{piano}', true),
  (tests.get_supabase_uid('sam'), 'Sam Okafor', '{jazz}', '{bass}', true),
  (tests.get_supabase_uid('eve'), 'Eve Draft', '{jazz}', '{drums}', false);

insert into public.gigs (id, client_id, title, description, genres, instruments, starts_at, timezone,
                         city, country, budget_min_minor, budget_max_minor, currency, status,
                         published_at, apply_by)
values ('00000000-0000-4000-8000-00000000d001', tests.get_supabase_uid('club'), 'Friday jazz piano',
        'Three sets of standards for a dinner crowd, grand piano on site.', '{jazz}', '{piano}',
        now() + interval '10 days', 'Europe/Lisbon', 'Lisbon', 'PT', 20000, 50000, 'EUR', 'published',
        now(), now() + interval '9 days');

select tests.rls_enabled('public', 'decision_undos');
select tests.rls_enabled('public', 'musician_track_records');
select has_index('public', 'bookings', 'bookings_musician_completed_idx', 'Completed bookings are counted from an index');

select tests.authenticate_as('ana');
create temp table ana_app as select id from public.apply_to_gig('00000000-0000-4000-8000-00000000d001',
  'Ana for your Friday: standards, a grand piano and a quiet room.', 30000);
select tests.authenticate_as('sam');
create temp table sam_app as select id from public.apply_to_gig('00000000-0000-4000-8000-00000000d001',
  'Sam on bass with a pianist friend, standards all night long.', 28000);
grant select on ana_app, sam_app to authenticated, service_role;

-- undo a decline ----------------------------------------------------------------------------------
-- Ana reads her notices in the app only, so an unread one has gone nowhere else.
select tests.authenticate_as('ana');
select public.save_notification_preferences('[{"kind": "declined", "email": false, "sms": false}]');
select tests.authenticate_as('club');
select public.shortlist_application((select id from ana_app));
select is((select status from public.decline_application((select id from ana_app))), 'declined',
  'The client declines Ana');
select results_eq($$ select kind, from_status, undo_until > now() from public.decision_undos $$,
  $$ values ('declined', 'shortlisted', true) $$, 'The client sees the decline is undoable, from shortlisted');
select tests.authenticate_as('ana');
select is((select count(*)::int from public.decision_undos), 0, 'Ana does not see the client''s undo row');
select throws_ok($$ select public.undo_decline((select id from ana_app)) $$, 'SC403',
  'Only the gig''s owner can reconsider applications', 'The musician cannot undo the client''s decline');
select is((select count(*)::int from public.notifications where kind = 'declined'), 1, 'Ana was told');
select tests.authenticate_as('sam');
select throws_ok($$ select public.undo_decline((select id from ana_app)) $$, 'SC404',
  'Application not found', 'A stranger gets 404');

select tests.authenticate_as('club');
select is((select status from public.undo_decline((select id from ana_app))), 'shortlisted',
  'The client takes the decline back: shortlisted again');
select is((select count(*)::int from public.decision_undos), 0, 'Nothing left to undo');
select throws_ok($$ select public.undo_decline((select id from ana_app)) $$, 'SC409',
  'This application is not declined: nothing to undo', 'A second undo is refused');
select tests.authenticate_as('ana');
select is((select count(*)::int from public.notifications where kind in ('declined', 'decision_undone')), 0,
  'The unread decline notice is withdrawn; no correction needed');

-- A seen decline gets a correction instead.
select tests.authenticate_as('club');
select public.decline_application((select id from ana_app));
select tests.authenticate_as('ana');
update public.notifications set read_at = now() where kind = 'declined';
select tests.authenticate_as('club');
select public.undo_decline((select id from ana_app));
select tests.authenticate_as('ana');
select results_eq($$ select kind, link from public.notifications
                     where kind in ('declined', 'decision_undone') order by kind $$,
  $$ values ('decision_undone', '/gigs/00000000-0000-4000-8000-00000000d001'),
            ('declined', '/gigs/00000000-0000-4000-8000-00000000d001') $$,
  'A read decline stays, followed by a correction');
-- One that went out by e-mail is corrected too, even unread.
select tests.authenticate_as_service_role();
delete from public.notifications where user_id = tests.get_supabase_uid('ana');
select tests.authenticate_as('ana');
select public.save_notification_preferences('[{"kind": "declined", "email": true}]');
select tests.authenticate_as('club');
select public.decline_application((select id from ana_app));
select public.undo_decline((select id from ana_app));
select tests.authenticate_as('ana');
select results_eq($$ select kind from public.notifications
                     where kind in ('declined', 'decision_undone') order by kind $$,
  $$ values ('decision_undone') $$, 'An e-mailed decline is withdrawn in the app and corrected');

-- The window.
select tests.authenticate_as('club');
select public.decline_application((select id from ana_app));
select tests.authenticate_as_service_role();
update public.decision_undos set decided_at = now() - interval '20 minutes',
  undo_until = now() - interval '5 minutes';
select tests.authenticate_as('club');
select throws_ok($$ select public.undo_decline((select id from ana_app)) $$, 'SC409',
  'Too late to undo: a decline can be taken back for 15 minutes', 'Past the window, a decline stands');

-- undo a withdrawal -------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select is((select status from public.withdraw_application((select id from sam_app))), 'withdrawn',
  'Sam withdraws');
select results_eq($$ select kind, from_status, undo_until <= now() + interval '9 days' from public.decision_undos $$,
  $$ values ('withdrawn', 'submitted', true) $$, 'Sam may undo until the gig stops taking applications');
select tests.authenticate_as('club');
select throws_ok($$ select public.undo_withdraw((select id from sam_app)) $$, 'SC403',
  'Only the applicant can restore an application', 'The client cannot undo Sam''s withdrawal');
select tests.authenticate_as('sam');
select is((select status from public.undo_withdraw((select id from sam_app))), 'submitted',
  'Sam takes the withdrawal back');
select tests.authenticate_as('club');
select is((select count(*)::int from public.notifications where kind in ('withdrawn', 'decision_undone')), 0,
  'The client''s unread withdrawal notice is gone');

-- Withdrawn, re-applied: the old one cannot come back beside the new one.
select tests.authenticate_as('sam');
select public.withdraw_application((select id from sam_app));
select public.apply_to_gig('00000000-0000-4000-8000-00000000d001',
  'Sam again, this time with a drummer: the full trio for your night.', 35000);
select throws_ok($$ select public.undo_withdraw((select id from sam_app)) $$, 'SC409',
  'There is a newer application from this musician to this gig', 'A newer application wins');

-- Accepting: the automatic declines are final ---------------------------------------------------------
select tests.authenticate_as_service_role();
update public.applications set status = 'submitted', decided_at = null where id = (select id from ana_app);
select tests.authenticate_as('club');
create temp table booking as
  select id from public.accept_application(
    (select id from public.applications where musician_id = tests.get_supabase_uid('sam')
        and status = 'submitted'));
grant select on booking to authenticated, service_role;
select is((select status from public.applications where id = (select id from ana_app)), 'declined',
  'Accepting Sam declines Ana');
select is((select count(*)::int from public.decision_undos), 0, 'That decline cannot be undone');
select throws_ok($$ select public.undo_decline((select id from ana_app)) $$, 'SC409',
  'This application is not declined: nothing to undo', 'Undo refused after an accept');

-- cancel preview --------------------------------------------------------------------------------------
select results_eq(
  $$ select held_minor, refund_minor, musician_keeps_minor, currency, late, by_client
       from public.booking_cancel_preview((select id from booking)) $$,
  $$ values (0::bigint, 0::bigint, 0::bigint, 'EUR', false, true) $$,
  'Nothing held yet: nothing to refund; 10 days out is not late');
select public.open_checkout((select id from booking), 'builtin');
select tests.authenticate_as_service_role();
select private.mark_held((select id from public.payments where booking_id = (select id from booking)),
  (select total_minor from public.payments where booking_id = (select id from booking))::integer,
  'EUR', 'pay_d1', null, 3);
update public.bookings set starts_at = now() + interval '3 days', ends_at = now() + interval '3 days 2 hours'
 where id = (select id from booking);
select tests.authenticate_as('club');
select results_eq(
  $$ select held_minor, refund_minor, musician_keeps_minor, late, by_client
       from public.booking_cancel_preview((select id from booking)) $$,
  $$ values (35000::bigint, 17500::bigint, 17500::bigint, true, true) $$,
  'A client cancelling inside 7 days: half the fee back');
select tests.authenticate_as('sam');
select results_eq(
  $$ select refund_minor, musician_keeps_minor, by_client
       from public.booking_cancel_preview((select id from booking)) $$,
  $$ values (35000::bigint, 0::bigint, false) $$,
  'The musician cancelling: all of it goes back to the client');
select tests.authenticate_as('ana');
select throws_ok($$ select * from public.booking_cancel_preview((select id from booking)) $$, 'SC404',
  'Booking not found', 'A stranger gets 404');
select tests.authenticate_as('club');
select public.cancel_booking((select id from booking), 'The venue flooded');
select is((select refunded_minor from public.payments where booking_id = (select id from booking)),
  17500::bigint, 'The refund matches the preview');

-- trust facts -------------------------------------------------------------------------------------
reset role;
select tests.create_booking_cast();
create temp table played as select tests.create_booking('Played night', 5) as id;
reset role;
grant select on played to authenticated, service_role;
select tests.authenticate_as_service_role();
update public.bookings set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour'
 where id = (select id from played);
select tests.authenticate_as('venue');
select public.complete_booking((select id from played));
select tests.clear_authentication();
select results_eq(
  $$ select completed_bookings, member_since is not null from public.musician_trust_facts
      where musician_id = tests.get_supabase_uid('maya') $$,
  $$ values (1, true) $$, 'A visitor sees Maya''s completed booking and since when she is a member');
select is((select count(*)::int from public.musician_trust_facts
            where musician_id = tests.get_supabase_uid('eve')), 0, 'A draft profile shows no facts');
select is((select count(*)::int from public.musician_track_records
            where musician_id = tests.get_supabase_uid('eve')), 0, 'Nor its track record');
reset role;
select tests.authenticate_as('eve');
select is((select count(*)::int from public.musician_trust_facts
            where musician_id = tests.get_supabase_uid('eve')), 1, 'Eve sees her own');
select tests.authenticate_as('ana');
select throws_ok($$ insert into public.musician_track_records (musician_id, completed_bookings)
                   values (tests.get_supabase_uid('ana'), 99) $$, '42501', null,
  'Nobody writes a track record');

select * from finish();
rollback;
