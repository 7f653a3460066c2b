-- Payout accounts: a musician records their Razorpay linked account, an admin one for any
-- musician; nobody writes the table directly or reads another's; Stripe's status follows
-- account.updated in the provider's time order; a booking's payout readiness and route.
begin;
select plan(17);

select tests.create_supabase_user('venue', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('maya');
select tests.create_supabase_user('mallory');
select tests.create_supabase_user('judge');
update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role": "admin"}'
 where id = tests.get_supabase_uid('judge');

insert into public.musician_profiles (id, stage_name, published)
values (tests.get_supabase_uid('maya'), 'Maya Ortiz', true);
insert into public.gigs (id, client_id, title, description, genres, starts_at, duration_minutes, city,
                         budget_max_minor, status, published_at, apply_by) values
  ('00000000-0000-4000-8000-00000000d001', tests.get_supabase_uid('venue'), 'Raga night',
   'Two sets of ragas in a listening room.', '{jazz}', now() + interval '30 days', 120,
   'Lisbon', 60000, 'published', now(), now() + interval '29 days');
select tests.authenticate_as('maya');
select public.apply_to_gig('00000000-0000-4000-8000-00000000d001', 'Maya for your raga night, solo.', 50000);
select tests.authenticate_as('venue');
select public.accept_application(a.id) from public.applications a;
create temp table b1 as select id from public.bookings where gig_id = '00000000-0000-4000-8000-00000000d001';
grant select on b1 to authenticated, service_role;

-- Razorpay: entered by the musician or an admin ---------------------------------------------------------
select tests.authenticate_as('venue');
select throws_ok($$ select public.register_razorpay_account('acc_AAAAAAAAAAAAAA', null) $$,
  'SC403', 'Only a musician has a payout account', 'A client has no payout account');
select throws_ok($$ select public.register_razorpay_account('acc_AAAAAAAAAAAAAA',
                          tests.get_supabase_uid('maya')) $$,
  'SC404', 'Musician not found', 'Nobody but an admin records another musician''s account');
select tests.authenticate_as('maya');
select throws_ok($$ select public.register_razorpay_account('acc_short', null) $$,
  'SC400', 'A Razorpay linked account id is acc_ and 14 letters or digits', 'The id''s shape is checked');
select throws_ok($$ insert into public.payout_accounts (musician_id, provider, account_id, status)
                    values (tests.get_supabase_uid('maya'), 'razorpay', 'acc_BBBBBBBBBBBBBB', 'enabled') $$,
  '42501', null, 'A musician cannot write the table directly');
select is((select status from public.register_razorpay_account('acc_AAAAAAAAAAAAAA', null)), 'enabled',
  'The musician records their linked account');
select tests.authenticate_as('judge');
select is((select account_id from public.register_razorpay_account('acc_CCCCCCCCCCCCCC',
          tests.get_supabase_uid('maya'))), 'acc_CCCCCCCCCCCCCC', 'An admin replaces it for the musician');
select tests.authenticate_as('mallory');
select throws_ok($$ select public.register_razorpay_account('acc_CCCCCCCCCCCCCC', null) $$,
  'SC409', 'That linked account belongs to another musician', 'One linked account, one musician');
select is_empty($$ select * from public.payout_accounts $$, 'A stranger reads no payout account');
select tests.authenticate_as('maya');
select is((select count(*)::int from public.payout_accounts), 1, 'The musician reads their own');

-- readiness and route -----------------------------------------------------------------------------------
select tests.authenticate_as('venue');
select ok(private.booking_payout_ready((select id from b1), 'razorpay'),
  'The booking''s musician can be paid through Razorpay');
select ok(not private.booking_payout_ready((select id from b1), 'stripe'),
  'Not through Stripe: no account there');
select tests.authenticate_as('mallory');
select ok(not private.booking_payout_ready((select id from b1), 'razorpay'),
  'A stranger learns nothing about the booking');
select throws_ok($$ select * from private.payout_route((select id from b1), 'razorpay') $$,
  '42501', null, 'A user cannot read the payout route');

-- Stripe status from account.updated ------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is((select status from private.save_stripe_account(tests.get_supabase_uid('maya'), 'acct_1Maya')),
  'pending', 'A new Express account is pending');
select is(private.set_payout_status('stripe', 'acct_1Maya', true, true, true, now()), 'applied',
  'account.updated with payouts on and details submitted applies');
select is(private.set_payout_status('stripe', 'acct_1Maya', false, false, false, now() - interval '1 minute'),
  'stale', 'An older account.updated arriving late changes nothing');
select results_eq($$ select account_id, share_minor from private.payout_route((select id from b1), 'stripe') $$,
  $$ values ('acct_1Maya'::text, 50000::bigint) $$,
  'The route: the enabled account and the musician''s share, the booking''s fee');

select * from finish();
rollback;
