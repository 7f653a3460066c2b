-- Both parties hear when held money leaves escrow without a dispute: released (by the client or
-- automatically after the gig), refunded or partly refunded (by the musician, or a cancellation).
-- A decided dispute already tells both (resolve_dispute), so `resolved` is not repeated here.
-- One trigger rather than redefining each transition: every path goes through payments.state.

create or replace function private.payments_settled_notify() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  b public.bookings;
  v_title text;
  v_body text;
begin
  select * into b from public.bookings where id = new.booking_id;
  if new.state = 'released' then
    v_title := 'Payment released';
    v_body := 'The musician''s fee of ' || private.format_money(new.fee_minor::integer, new.currency)
      || ' was released from escrow.';
  else
    v_title := case when new.state = 'refunded' then 'Payment refunded' else 'Payment partly refunded' end;
    v_body := private.format_money(new.refunded_minor::integer, new.currency)
      || ' goes back to the client.';
  end if;
  perform private.notify(x, 'payment_' || new.state, v_title, v_body, '/bookings/' || b.id)
     from unnest(array[b.client_id, b.musician_id]) x;
  return null;
end $$;

drop trigger if exists payments_settled_notify on public.payments;
create trigger payments_settled_notify
  after update of state on public.payments
  for each row
  when (old.state = 'held' and new.state in ('released', 'refunded', 'partially_refunded'))
  execute function private.payments_settled_notify();

revoke execute on function private.payments_settled_notify() from public, anon, authenticated;
