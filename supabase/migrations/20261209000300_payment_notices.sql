-- Money notices people can rely on: the musician hears when the client's money is held, the other
-- party when new evidence reaches a dispute, and every payment notice is in the catalogue of kinds,
-- so it is e-mailed by default and can be tuned on the settings page (a kind missing from the
-- catalogue is in-app only, which is how all of them went out until now).

-- the catalogue -----------------------------------------------------------------------------------------

insert into public.notification_kinds
  (kind, label, description, position, default_email, sms_available, email_digest) values
  ('payment_held', 'Money in escrow', 'The client paid into escrow for your booking', 130, true, true, false),
  ('balance_due', 'Balance due', 'The balance of a booking paid by deposit is due', 140, true, true, false),
  ('payment_action_needed', 'Payment needs you', 'A saved card was declined: pay on the booking page', 150, true, true, false),
  ('payment_released', 'Money released', 'Escrow was released to the musician', 160, true, false, false),
  ('payment_refunded', 'Refunds', 'Escrow went back to the client', 170, true, false, false),
  ('payment_partially_refunded', 'Partial refunds', 'Part of the escrow went back to the client', 180, true, false, false),
  ('payment_disputed', 'Disputes', 'The other party disputed a payment', 190, true, true, false),
  ('dispute_evidence', 'Dispute evidence', 'The other party added evidence to a dispute', 200, true, false, false),
  ('dispute_resolved', 'Dispute decisions', 'An admin decided a dispute', 210, true, true, false),
  ('payout_failed', 'Failed payouts', 'A payout to you failed', 220, true, true, false),
  ('refund_failed', 'Failed refunds', 'A refund to you failed', 230, true, true, false)
on conflict (kind) do update set label = excluded.label, description = excluded.description,
  position = excluded.position, default_email = excluded.default_email,
  sms_available = excluded.sms_available, email_digest = excluded.email_digest;

-- held ------------------------------------------------------------------------------------------------

/*
 * private.payments_held_notice(p_payment_id uuid) returns void   (service: the payments queue)
 * The client's money reached escrow (each part of a booking paid in two): the musician hears how
 * much is held and when it is released; the client sees it on the booking page they paid from.
 */
create or replace function private.payments_held_notice(p_payment_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  p public.payments;
  b public.bookings;
begin
  select * into p from public.payments where id = p_payment_id;
  if not found then
    return;
  end if;
  select * into b from public.bookings where id = p.booking_id;
  perform private.notify(b.musician_id, 'payment_held',
    case p.part when 'deposit' then 'Deposit held in escrow'
                when 'balance' then 'Balance held in escrow' else 'Paid into escrow' end,
    'The client paid ' || private.format_money(p.fee_minor::integer, p.currency)
      || case p.part when 'deposit' then ' as a deposit' when 'balance' then ' (the balance)'
                     else '' end
      || ' into escrow. It is released to you after the gig.',
    '/bookings/' || b.id);
end $$;

/*
 * private.payments_held_notify() trigger
 * Queues the held notice rather than writing it: a notice (its routing, e-mail and live badge)
 * costs more than the webhook's own posting, and the provider waits for the webhook's answer.
 * The payments queue's consumer writes it once (its idempotency key).
 */
create or replace function private.payments_held_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform pgmq.send('payments', jsonb_build_object('kind', 'held_notice', 'payment_id', new.id,
    'idempotency_key', 'payments:held:' || new.id));
  return null;
end $$;

drop trigger if exists payments_held_notify on public.payments;
create trigger payments_held_notify
  after update of state on public.payments
  for each row
  when (new.state = 'held' and old.state = 'checkout_open')
  execute function private.payments_held_notify();

-- evidence ----------------------------------------------------------------------------------------------

/*
 * private.dispute_evidence_notify() trigger
 * A party added evidence to an open dispute: the other party hears it, once per submission
 * however many files came together. Files sent with the dispute itself go with its own notice.
 */
create or replace function private.dispute_evidence_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_to uuid;
  v_link text;
begin
  -- now() is the transaction's start: a dispute opened in this one has created_at = now().
  if (select d.created_at from public.disputes d where d.id = new.dispute_id) >= now() then
    return null;
  end if;
  select * into b from public.bookings where id = new.booking_id;
  v_to := case when new.uploaded_by = b.client_id then b.musician_id else b.client_id end;
  v_link := '/bookings/' || b.id || '#payment';
  if not exists (select 1 from public.notifications n
                  where n.user_id = v_to and n.kind = 'dispute_evidence' and n.link = v_link
                    and n.created_at = now()) then
    perform private.notify(v_to, 'dispute_evidence', 'New evidence in your dispute',
      'The ' || new.uploaded_as || ' added evidence (' || new.name
        || '). An admin weighs it with yours before deciding.',
      v_link);
  end if;
  return null;
end $$;

drop trigger if exists dispute_evidence_notify on public.dispute_evidence;
create trigger dispute_evidence_notify
  after insert on public.dispute_evidence
  for each row execute function private.dispute_evidence_notify();

revoke execute on function private.payments_held_notify(), private.dispute_evidence_notify(),
  private.payments_held_notice(uuid)
  from public, anon, authenticated;
grant execute on function private.payments_held_notice(uuid) to service_role;
