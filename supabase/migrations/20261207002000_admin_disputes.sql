-- The admin's dispute list (/admin/disputes): each dispute with its booking, parties and amount.
-- Admins read disputes and payments through RLS but not bookings, gigs of others or their parties'
-- rows, so one security-definer function joins them, refusing anyone whose JWT is not an admin's.

/*
 * public.admin_disputes() returns table(...)
 * Every dispute, open ones first (oldest first), then decided ones (newest first). Admins only:
 * anyone else gets SC403.
 */
create or replace function private.admin_disputes()
returns table (
  booking_id uuid, gig_title text, client_name text, musician_name text, opened_by_name text,
  reason text, state text, decision text, musician_share_minor bigint, note text,
  created_at timestamptz, decided_at timestamptz, currency text, fee_minor bigint,
  total_minor bigint
)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins decide disputes', detail = 'role';
  end if;
  return query
    select d.booking_id, g.title, c.display_name, m.display_name, o.display_name, d.reason, d.state,
           d.decision, d.musician_share_minor, d.note, d.created_at, d.decided_at, p.currency,
           p.fee_minor, p.total_minor
      from public.disputes d
      join public.payments p on p.id = d.payment_id
      join public.bookings b on b.id = d.booking_id
      join public.gigs g on g.id = b.gig_id
      join public.profiles c on c.id = b.client_id
      join public.profiles m on m.id = b.musician_id
      join public.profiles o on o.id = d.opened_by
     order by d.state = 'open' desc,
              case when d.state = 'open' then d.created_at end asc,
              d.decided_at desc nulls last
     limit 500;
end $$;

create or replace function public.admin_disputes()
returns table (
  booking_id uuid, gig_title text, client_name text, musician_name text, opened_by_name text,
  reason text, state text, decision text, musician_share_minor bigint, note text,
  created_at timestamptz, decided_at timestamptz, currency text, fee_minor bigint,
  total_minor bigint
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_disputes()
$$;

revoke execute on function private.admin_disputes(), public.admin_disputes()
  from public, anon, authenticated;
grant execute on function private.admin_disputes(), public.admin_disputes() to authenticated;
