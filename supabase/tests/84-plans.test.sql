-- Plans and subscriptions: anyone reads the plans; a user reads only their own subscription and
-- never writes one; subscriptions follow the provider's state in its time order (a late older
-- event changes nothing, ties go to the later stage); current_plan gives the studio's quotas.
begin;
select plan(25);

select tests.create_supabase_user('sam');
select tests.create_supabase_user('mallory');
select tests.create_supabase_user('judge');
update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role": "admin"}'
 where id = tests.get_supabase_uid('judge');

-- the catalogue -----------------------------------------------------------------------------------------
select tests.clear_authentication();
set local role anon;
select results_eq($$ select id, songs_per_month from public.plans order by sort_order $$,
  $$ values ('free'::text, 3), ('pro'::text, 100) $$, 'Anyone reads the plans and their quotas');
select is((select amount_minor from public.plan_prices where plan_id = 'pro' and currency = 'EUR'),
  900::bigint, 'Pro costs 9.00 EUR a month');
select throws_ok($$ update public.plans set songs_per_month = 1000 where id = 'free' $$,
  '42501', null, 'Nobody changes a plan through the API');

-- nobody writes a subscription directly -----------------------------------------------------------------
select tests.authenticate_as('sam');
select is((select id from public.current_plan()), 'free', 'A new user is on free');
select is((select songs_per_month from public.current_plan()), 3, 'Free gives 3 songs a month');
select throws_ok($$ insert into public.subscriptions (user_id, plan_id, provider,
                      provider_subscription_id, status, status_at)
                    values (tests.get_supabase_uid('sam'), 'pro', 'builtin', 'bi_sub_free', 'active', now()) $$,
  '42501', null, 'A user cannot give themselves pro');
select throws_ok($$ select private.apply_subscription('builtin', 'bi_sub_x', null,
                      tests.get_supabase_uid('sam'), 'pro', 'active', 'EUR', 900,
                      now() + interval '30 days', false, '4242', now()) $$,
  '42501', null, 'A user cannot apply a subscription event');

-- applied by the provider's time ------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is(private.apply_subscription('stripe', 'sub_Sam', 'cus_Sam', tests.get_supabase_uid('sam'),
  'pro', 'active', 'EUR', 900, now() + interval '30 days', false, null, now() - interval '10 minutes'),
  'applied', 'customer.subscription.created makes the subscription');
select is(private.apply_subscription('stripe', 'sub_Sam', null, null, null, 'active', null, null,
  now() + interval '30 days', true, null, now() - interval '5 minutes'),
  'applied', 'A later update (cancel at period end) applies without user or plan');
select is(private.apply_subscription('stripe', 'sub_Sam', null, null, null, 'active', null, null,
  now() + interval '30 days', false, null, now() - interval '10 minutes'),
  'stale', 'The created event replayed late changes nothing');
select is(private.apply_subscription('stripe', 'sub_Sam', null, null, null, 'active', null, null,
  now() + interval '30 days', false, null, now() - interval '5 minutes'),
  'stale', 'At the same second, the later stage (canceling) wins over active');
select results_eq($$ select status, cancel_at_period_end, plan_id, provider_customer_id
                       from public.subscriptions where provider_subscription_id = 'sub_Sam' $$,
  $$ values ('active'::text, true, 'pro'::text, 'cus_Sam'::text) $$,
  'One state: active, canceling at the period end, the first event''s plan and customer kept');
select is(private.apply_subscription('stripe', 'sub_Ghost', 'cus_Ghost', null, 'pro', 'active', 'EUR',
  900, now(), false, null, now()), 'unknown', 'A subscription that is not ours is unknown');
select is(private.apply_subscription('stripe', 'sub_Gold', 'cus_Gold', tests.get_supabase_uid('sam'),
  'gold', 'active', 'EUR', 900, now(), false, null, now()), 'unknown', 'An unknown plan is refused');

-- who sees it -------------------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select is((select count(*)::int from public.subscriptions), 1, 'The user reads their subscription');
select is((select id from public.current_plan()), 'pro', 'Active pro: the user is on pro');
select tests.authenticate_as('mallory');
select is_empty($$ select * from public.subscriptions $$, 'Another user reads no subscription');
select throws_ok($$ select * from public.current_plan(tests.get_supabase_uid('sam')) $$,
  'SC404', 'User not found', 'Another user cannot ask for someone''s plan');
select tests.authenticate_as('judge');
select is((select id from public.current_plan(tests.get_supabase_uid('sam'))), 'pro',
  'An admin can ask for anyone''s plan');
select tests.clear_authentication();
set local role anon;
select throws_ok($$ select * from public.subscriptions $$, '42501', null,
  'An anonymous visitor reads no subscription');

-- past due, then canceled -------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select is(private.apply_subscription('stripe', 'sub_Sam', null, null, null, 'past_due', null, null,
  now() - interval '1 day', false, null, now() - interval '1 minute'), 'applied',
  'A failed renewal makes it past_due');
select is((select id from public.current_plan(tests.get_supabase_uid('sam'))), 'pro',
  'Past due keeps pro for a grace week while the card is retried');
select is(private.apply_subscription('stripe', 'sub_Sam', null, null, null, 'canceled', null, null,
  null, false, null, now()), 'applied', 'customer.subscription.deleted cancels it');
select is((select id from public.current_plan(tests.get_supabase_uid('sam'))), 'free',
  'Canceled: back to free');
select is(private.apply_subscription('stripe', 'sub_Sam', null, null, null, 'active', null, null,
  null, false, null, now() - interval '30 seconds'), 'stale',
  'A renewal event older than the cancellation changes nothing');

select * from finish();
rollback;
