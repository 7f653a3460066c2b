-- Money notices: the musician hears when the client's money is held (queued by the webhook, written
-- by the payments queue's consumer; not the client, not twice);
-- every payment notice is in the catalogue, e-mailed by default; evidence sent with the dispute
-- itself adds no notice of its own (later evidence does: tests/integration/payments_admin_test.ts).
begin;
select plan(9);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table p1 as select p.id, p.booking_id, p.total_minor, p.currency
  from public.open_checkout(tests.create_booking('Notice night', 30, 40000), 'builtin') p;
grant select on p1 to authenticated, service_role;

select tests.authenticate_as_service_role();
select private.mark_held(p.id, p.total_minor, p.currency, 'pay_n1', null, 3) from p1 p;
select is((select count(*)::int from public.notifications where kind = 'payment_held'), 0,
  'The webhook''s transaction writes no notice');
select is(
  (select count(*)::int from pgmq.q_payments
    where message ->> 'kind' = 'held_notice'
      and message ->> 'payment_id' = (select id::text from p1)
      and message ->> 'idempotency_key' = 'payments:held:' || (select id from p1)),
  1, 'It queues the held notice, once, keyed by the payment');
select private.payments_held_notice((select id from p1));
select results_eq(
  $$ select user_id, title, body, link from public.notifications where kind = 'payment_held' $$,
  $$ select tests.get_supabase_uid('maya'), 'Paid into escrow',
            'The client paid €400 into escrow. It is released to you after the gig.',
            '/bookings/' || (select booking_id from p1) $$,
  'The queue''s consumer tells the musician the money is held, the amount and what happens next');
select is(private.mark_held(p.id, p.total_minor, p.currency, 'pay_n1', null, 3), 'stale',
  'A second capture changes nothing') from p1 p;
select is((select count(*)::int from pgmq.q_payments where message ->> 'kind' = 'held_notice'), 1,
  'and queues no second notice');

select is(
  (select count(*)::int from public.notification_kinds
    where default_email and kind in ('payment_held', 'balance_due', 'payment_action_needed',
      'payment_released', 'payment_refunded', 'payment_partially_refunded', 'payment_disputed',
      'dispute_evidence', 'dispute_resolved', 'payout_failed', 'refund_failed')),
  11, 'Every payment notice is in the catalogue and e-mailed by default');
select is((select email from private.notification_channels(tests.get_supabase_uid('maya'),
  'payment_held')), true, 'so the held notice goes out by e-mail too');

-- Evidence with the dispute: the dispute's own notice says it all.
select tests.authenticate_as('venue');
select public.open_dispute((select booking_id from p1), 'The band never showed up');
insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
values ('evidence', (select booking_id from p1)::text || '/1-proof.png', (select auth.uid()),
        (select auth.uid())::text, '{"mimetype": "image/png", "size": 68}');
select lives_ok($$ select public.attach_evidence((select booking_id from p1),
  (select booking_id from p1)::text || '/1-proof.png', 'Empty stage.png') $$,
  'The client attaches a photo to the dispute they open');
select tests.authenticate_as_service_role();
select is((select count(*)::int from public.notifications where kind = 'dispute_evidence'), 0,
  'No separate evidence notice for files sent with the dispute');

select * from finish();
rollback;
