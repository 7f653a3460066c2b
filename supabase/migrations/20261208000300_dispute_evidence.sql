-- Dispute evidence and the admin's view of a disputed booking.
--
-- Either party attaches files (images, PDF) to a dispute when opening it or while it is open. The
-- files live in the private `evidence` bucket at '<booking id>/<uuid>-<file name>'; storage RLS
-- lets the booking's two parties upload them (while the money is held or the dispute is open) and
-- the parties and admins read them. `dispute_evidence` records which file belongs to which dispute,
-- written only by attach_evidence, which checks the file is the caller's and in the booking's folder.
-- A decided dispute needs a note (both sides read it), and admins get a read-only booking view.

-- tables ---------------------------------------------------------------------------------------------

create table if not exists public.dispute_evidence (
  id uuid not null default gen_random_uuid(),
  dispute_id uuid not null,
  booking_id uuid not null,                  -- denormalised from the dispute, for RLS and listing
  uploaded_by uuid not null,
  uploaded_as text not null,                 -- 'client' or 'musician': what admins are shown
  path text not null,                        -- the object's name in the 'evidence' bucket
  name text not null,                        -- the file name as the uploader gave it
  content_type text not null,
  size_bytes integer not null,
  created_at timestamptz not null default now(),
  constraint dispute_evidence_pkey primary key (id),
  constraint dispute_evidence_path_key unique (path),
  constraint dispute_evidence_dispute_id_fkey foreign key (dispute_id) references public.disputes (id)
    on delete cascade,
  constraint dispute_evidence_booking_id_fkey foreign key (booking_id) references public.bookings (id)
    on delete cascade,
  constraint dispute_evidence_uploaded_by_fkey foreign key (uploaded_by) references public.profiles (id)
    on delete cascade,
  constraint dispute_evidence_uploaded_as_check check (uploaded_as in ('client', 'musician')),
  constraint dispute_evidence_name_length check (char_length(name) between 1 and 200),
  constraint dispute_evidence_size_check check (size_bytes between 1 and 10485760)
);
create index if not exists dispute_evidence_dispute_id_idx on public.dispute_evidence (dispute_id, created_at);
create index if not exists dispute_evidence_booking_id_idx on public.dispute_evidence (booking_id);
create index if not exists dispute_evidence_uploaded_by_idx on public.dispute_evidence (uploaded_by);

-- grants ---------------------------------------------------------------------------------------------

revoke all on public.dispute_evidence from anon, authenticated;
grant select on public.dispute_evidence to authenticated;
grant select, insert, update, delete on public.dispute_evidence to service_role;

-- RLS ------------------------------------------------------------------------------------------------

alter table public.dispute_evidence enable row level security;

drop policy if exists "Parties and admins read dispute evidence" on public.dispute_evidence;
create policy "Parties and admins read dispute evidence" on public.dispute_evidence
  for select to authenticated
  using ((select private.is_admin()) or (select private.is_booking_party(booking_id)));

-- storage: evidence ----------------------------------------------------------------------------------

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('evidence', 'evidence', false, 10 * 1024 * 1024, array[
  'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

/*
 * private.evidence_booking(p_name text) returns uuid
 * The booking whose folder holds the object '<booking id>/…', or null for any other name (a
 * malformed folder is not cast, so it cannot raise inside a policy).
 */
create or replace function private.evidence_booking(p_name text) returns uuid
language sql stable set search_path = '' as $$
  select case when f ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then f::uuid end
    from (select (storage.foldername(p_name))[1] as f) x
$$;

/*
 * private.can_read_evidence(p_name text) returns boolean
 * Evidence objects are readable by the booking's two parties and by admins.
 */
create or replace function private.can_read_evidence(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select private.is_admin() or private.is_booking_party(private.evidence_booking(p_name))
$$;

/*
 * private.can_add_evidence(p_name text) returns boolean
 * A party may upload into the booking's folder while its money is held (about to dispute) or its
 * dispute is open; never once it is decided or before it was paid.
 */
create or replace function private.can_add_evidence(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.bookings b join public.payments p on p.booking_id = b.id
     where b.id = private.evidence_booking(p_name)
       and (select auth.uid()) in (b.client_id, b.musician_id)
       and (p.state = 'held'
            or p.state = 'disputed' and exists (select 1 from public.disputes d
                                                 where d.booking_id = b.id and d.state = 'open')))
$$;

/*
 * private.evidence_unreferenced(p_name text) returns boolean
 * No dispute carries the object: its uploader may still remove it (a dispute that failed after
 * its files were uploaded).
 */
create or replace function private.evidence_unreferenced(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select not exists (select 1 from public.dispute_evidence e where e.path = p_name)
$$;

revoke execute on function private.evidence_booking(text), private.can_read_evidence(text),
  private.can_add_evidence(text), private.evidence_unreferenced(text) from public, anon, authenticated;
grant execute on function private.evidence_booking(text), private.can_read_evidence(text),
  private.can_add_evidence(text), private.evidence_unreferenced(text) to authenticated;

drop policy if exists "Parties and admins read evidence" on storage.objects;
create policy "Parties and admins read evidence" on storage.objects
  for select to authenticated
  using (bucket_id = 'evidence' and private.can_read_evidence(name));

drop policy if exists "Parties upload evidence" on storage.objects;
create policy "Parties upload evidence" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'evidence' and cardinality(storage.foldername(name)) = 1
              and owner_id = (select auth.uid())::text and private.can_add_evidence(name));

drop policy if exists "Uploaders remove unattached evidence" on storage.objects;
create policy "Uploaders remove unattached evidence" on storage.objects
  for delete to authenticated
  using (bucket_id = 'evidence' and owner_id = (select auth.uid())::text
         and private.evidence_unreferenced(name));

-- functions: evidence --------------------------------------------------------------------------------

/*
 * public.attach_evidence(p_booking_id uuid, p_path text, p_name text) returns public.dispute_evidence
 * A party attaches a file they uploaded to 'evidence' at '<booking id>/…' to the booking's open
 * dispute (in the same transaction as open_dispute, or later while it is open). At most 10 files
 * per dispute. SC404 for anyone but the two parties; type and size come from storage's row.
 */
create or replace function private.attach_evidence(p_booking_id uuid, p_path text, p_name text)
returns public.dispute_evidence
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  b public.bookings;
  d public.disputes;
  v_meta jsonb;
  v_owner text;
  e public.dispute_evidence;
begin
  -- Booking first, then the dispute: the order resolve_dispute locks in (it holds the booking for
  -- update, then updates the dispute), so the two wait for each other instead of deadlocking.
  select * into b from public.bookings where id = p_booking_id for key share;
  if not found or uid is null or uid not in (b.client_id, b.musician_id) then
    raise exception using errcode = 'SC404', message = 'Booking not found', detail = 'booking_id';
  end if;
  -- The dispute row lock serialises attachers, so the count below cannot be overrun.
  select * into d from public.disputes where booking_id = p_booking_id for update;
  if not found or d.state <> 'open' then
    raise exception using errcode = 'SC409', message = 'Evidence goes with an open dispute',
      detail = 'state';
  end if;
  select o.metadata, o.owner_id into v_meta, v_owner from storage.objects o
   where o.bucket_id = 'evidence' and o.name = p_path;
  if not found or p_path not like p_booking_id::text || '/_%' or v_owner is distinct from uid::text then
    raise exception using errcode = 'SC400', message = 'Upload the file to this booking first',
      detail = 'file';
  elsif exists (select 1 from public.dispute_evidence x where x.path = p_path) then
    raise exception using errcode = 'SC409', message = 'This file is attached already', detail = 'file';
  elsif (select count(*) from public.dispute_evidence x where x.dispute_id = d.id) >= 10 then
    raise exception using errcode = 'SC409', message = 'A dispute takes at most 10 files',
      detail = 'file';
  end if;
  insert into public.dispute_evidence (dispute_id, booking_id, uploaded_by, uploaded_as, path, name,
                                       content_type, size_bytes)
  values (d.id, b.id, uid, case when uid = b.client_id then 'client' else 'musician' end, p_path,
          left(coalesce(nullif(btrim(p_name), ''), storage.filename(p_path)), 200),
          coalesce(v_meta ->> 'mimetype', 'application/octet-stream'),
          coalesce((v_meta ->> 'size')::integer, 1))
  returning * into e;
  return e;
end $$;

create or replace function public.attach_evidence(p_booking_id uuid, p_path text, p_name text)
returns public.dispute_evidence
language sql security invoker set search_path = '' as $$
  select * from private.attach_evidence(p_booking_id, p_path, p_name)
$$;

-- a decision needs a note ----------------------------------------------------------------------------

/*
 * private.disputes_require_note() trigger
 * A dispute is decided only with a note: both parties read why. Checked on the row rather than in
 * resolve_dispute, so every path that decides one (the admin page, the API) is held to it.
 */
create or replace function private.disputes_require_note() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.state = 'resolved' and char_length(btrim(coalesce(new.note, ''))) = 0 then
    raise exception using errcode = 'SC400', message = 'Write a note: both sides read it',
      detail = 'note';
  end if;
  return new;
end $$;

drop trigger if exists disputes_require_note on public.disputes;
create trigger disputes_require_note
  before update of state, note on public.disputes
  for each row execute function private.disputes_require_note();

-- the admin's view of a booking ----------------------------------------------------------------------

/*
 * public.admin_booking(p_booking_id uuid) returns table(...)
 * A booking's terms and parties for the admin's read-only page (/admin/bookings/:id): admins read
 * payments, ledger and disputes through RLS but not bookings, gigs or profiles, so this joins
 * them. Anyone whose JWT is not an admin's gets SC403; an unknown booking no row.
 */
create or replace function private.admin_booking(p_booking_id uuid)
returns table (
  id uuid, gig_id uuid, gig_title text, client_id uuid, client_name text, musician_id uuid,
  musician_name text, status text, starts_at timestamptz, ends_at timestamptz, timezone text,
  place text, fee_minor bigint, currency text, cancellation_terms text
)
language plpgsql stable security definer set search_path = '' as $$
begin
  if not private.is_admin() then
    raise exception using errcode = 'SC403', message = 'Only admins see other people''s bookings',
      detail = 'role';
  end if;
  return query
    select b.id, b.gig_id, g.title, b.client_id, coalesce(c.organisation, cp.display_name),
           b.musician_id, coalesce(m.stage_name, mp.display_name), b.status::text, b.starts_at,
           b.ends_at, b.timezone, b.place, b.fee_minor::bigint, b.currency, b.cancellation_terms
      from public.bookings b
      join public.gigs g on g.id = b.gig_id
      join public.profiles cp on cp.id = b.client_id
      join public.profiles mp on mp.id = b.musician_id
      left join public.client_profiles c on c.id = b.client_id
      left join public.musician_profiles m on m.id = b.musician_id
     where b.id = p_booking_id;
end $$;

create or replace function public.admin_booking(p_booking_id uuid)
returns table (
  id uuid, gig_id uuid, gig_title text, client_id uuid, client_name text, musician_id uuid,
  musician_name text, status text, starts_at timestamptz, ends_at timestamptz, timezone text,
  place text, fee_minor bigint, currency text, cancellation_terms text
)
language sql stable security invoker set search_path = '' as $$
  select * from private.admin_booking(p_booking_id)
$$;

-- grants: functions ----------------------------------------------------------------------------------

revoke execute on function private.attach_evidence(uuid, text, text),
  public.attach_evidence(uuid, text, text), private.disputes_require_note(),
  private.admin_booking(uuid), public.admin_booking(uuid) from public, anon, authenticated;
grant execute on function private.attach_evidence(uuid, text, text),
  public.attach_evidence(uuid, text, text), private.admin_booking(uuid), public.admin_booking(uuid)
  to authenticated;
