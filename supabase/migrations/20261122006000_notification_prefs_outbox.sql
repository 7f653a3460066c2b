-- Notification preferences per kind and channel, delivery routing in one trigger, an outbox with
-- retries drained by the `notify` queue, chat message notifications and the unread-message digest.
-- Chat tables (public.messages, public.conversation_participants) come from the chat migration;
-- the functions that read them are plpgsql, so they bind to those tables only when they run.

-- tables ---------------------------------------------------------------------------------------------
-- The kinds users can tune, with their defaults: one place, read by the settings page and the router.
create table if not exists public.notification_kinds (
  kind text not null,
  label text not null,
  description text not null,
  position integer not null,
  default_in_app boolean not null default true,
  default_email boolean not null default false,
  default_sms boolean not null default false,
  sms_available boolean not null default true,
  -- E-mail for this kind goes out in the digest (private.queue_message_digests), never one by one.
  email_digest boolean not null default false,
  constraint notification_kinds_pkey primary key (kind)
);

insert into public.notification_kinds
  (kind, label, description, position, default_email, sms_available, email_digest) values
  ('message', 'Messages', 'New chat messages (e-mail: one digest of what you have not read in 15 minutes)', 10, true, false, true),
  ('application', 'Applications', 'A musician applied to your gig', 20, true, true, false),
  ('withdrawn', 'Withdrawn applications', 'A musician withdrew an application', 30, false, true, false),
  ('shortlisted', 'Shortlisted', 'A client shortlisted your application', 40, true, true, false),
  ('accepted', 'Booked', 'A client accepted your application', 50, true, true, false),
  ('declined', 'Declined', 'An application of yours was declined', 60, true, true, false),
  ('invite', 'Invitations', 'A client invited you to apply', 70, true, true, false),
  ('match', 'Gig matches', 'A new gig fits your profile', 80, false, true, false),
  ('review', 'Reviews', 'Someone reviewed you', 90, true, true, false),
  ('booking_completed', 'Completed bookings', 'A booking was marked complete', 100, true, true, false),
  ('booking_cancelled', 'Cancelled bookings', 'A booking was cancelled', 110, true, true, false),
  ('welcome', 'Welcome', 'Tips when you join', 120, false, false, false)
on conflict (kind) do update set label = excluded.label, description = excluded.description,
  position = excluded.position, default_email = excluded.default_email,
  sms_available = excluded.sms_available, email_digest = excluded.email_digest;

-- A row only where the user changed something; no row means the kind's defaults.
create table if not exists public.notification_preferences (
  user_id uuid not null default auth.uid(),
  kind text not null,
  in_app boolean not null,
  email boolean not null,
  sms boolean not null,
  updated_at timestamptz not null default now(),
  constraint notification_preferences_pkey primary key (user_id, kind),
  constraint notification_preferences_user_id_fkey foreign key (user_id)
    references auth.users (id) on delete cascade,
  constraint notification_preferences_kind_fkey foreign key (kind)
    references public.notification_kinds (kind) on delete cascade
);
create index if not exists notification_preferences_kind_idx on public.notification_preferences (kind);

-- Where SMS go (E.164, e.g. +351912345678).
create table if not exists public.notification_settings (
  user_id uuid not null default auth.uid(),
  phone text,
  updated_at timestamptz not null default now(),
  constraint notification_settings_pkey primary key (user_id),
  constraint notification_settings_user_id_fkey foreign key (user_id)
    references auth.users (id) on delete cascade,
  constraint notification_settings_phone_check check (phone ~ '^\+[1-9][0-9]{6,14}$')
);

-- Delivery bookkeeping: retries with backoff, the provider's id, and whom and what a row is about.
alter table public.outbox
  add column if not exists user_id uuid,
  add column if not exists kind text,
  add column if not exists next_attempt_at timestamptz not null default now(),
  add column if not exists last_attempt_at timestamptz,
  add column if not exists provider text,
  add column if not exists provider_message_id text;
do $$
begin
  if not exists (select from pg_constraint where conname = 'outbox_user_id_fkey') then
    alter table public.outbox add constraint outbox_user_id_fkey foreign key (user_id)
      references auth.users (id) on delete cascade;
  end if;
end $$;
create index if not exists outbox_user_id_idx on public.outbox (user_id);
create index if not exists outbox_pending_idx on public.outbox (next_attempt_at) where status = 'pending';

-- How far each user's digests have covered each conversation: a message is e-mailed at most once.
create table if not exists private.message_digest_marks (
  user_id uuid not null,
  conversation_id uuid not null,
  last_message_id bigint not null,
  digested_at timestamptz not null default now(),
  constraint message_digest_marks_pkey primary key (user_id, conversation_id),
  constraint message_digest_marks_user_id_fkey foreign key (user_id)
    references auth.users (id) on delete cascade
);

-- grants ---------------------------------------------------------------------------------------------
revoke all on public.notification_kinds, public.notification_preferences,
  public.notification_settings from anon, authenticated;
grant select on public.notification_kinds to authenticated;
grant select, insert, update, delete on public.notification_preferences to authenticated;
grant select, insert, update, delete on public.notification_settings to authenticated;
grant all on public.notification_kinds, public.notification_preferences,
  public.notification_settings to service_role;
grant all on private.message_digest_marks to service_role;

-- RLS ------------------------------------------------------------------------------------------------
alter table public.notification_kinds enable row level security;
alter table public.notification_preferences enable row level security;
alter table public.notification_settings enable row level security;
alter table private.message_digest_marks enable row level security;

drop policy if exists "Signed-in users read the notification kinds" on public.notification_kinds;
create policy "Signed-in users read the notification kinds" on public.notification_kinds
  for select to authenticated using (true);

drop policy if exists "Users read their own preferences" on public.notification_preferences;
create policy "Users read their own preferences" on public.notification_preferences
  for select to authenticated using (user_id = (select auth.uid()));
drop policy if exists "Users add their own preferences" on public.notification_preferences;
create policy "Users add their own preferences" on public.notification_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
drop policy if exists "Users change their own preferences" on public.notification_preferences;
create policy "Users change their own preferences" on public.notification_preferences
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
drop policy if exists "Users reset their own preferences" on public.notification_preferences;
create policy "Users reset their own preferences" on public.notification_preferences
  for delete to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users read their own settings" on public.notification_settings;
create policy "Users read their own settings" on public.notification_settings
  for select to authenticated using (user_id = (select auth.uid()));
drop policy if exists "Users add their own settings" on public.notification_settings;
create policy "Users add their own settings" on public.notification_settings
  for insert to authenticated with check (user_id = (select auth.uid()));
drop policy if exists "Users change their own settings" on public.notification_settings;
create policy "Users change their own settings" on public.notification_settings
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
drop policy if exists "Users remove their own settings" on public.notification_settings;
create policy "Users remove their own settings" on public.notification_settings
  for delete to authenticated using (user_id = (select auth.uid()));

-- preferences ----------------------------------------------------------------------------------------
/*
 * private.notification_channels(p_user_id uuid, p_kind text) returns (in_app, email, sms)
 * The user's choice for that kind, else its defaults; a kind not in the catalogue is in-app only.
 */
create or replace function private.notification_channels(p_user_id uuid, p_kind text)
returns table (in_app boolean, email boolean, sms boolean)
language sql stable security definer set search_path = '' as $$
  select coalesce(p.in_app, k.default_in_app, true),
         coalesce(p.email, k.default_email, false),
         coalesce(p.sms, k.default_sms, false) and coalesce(k.sms_available, false)
  from (select) as one
  left join public.notification_kinds k on k.kind = p_kind
  left join public.notification_preferences p on p.user_id = p_user_id and p.kind = p_kind
$$;

/*
 * public.my_notification_preferences() returns setof (kind, label, ..., in_app, email, sms, customised)
 * Every kind with the caller's effective choice, in display order.
 */
create or replace function public.my_notification_preferences()
returns table (
  kind text, label text, description text, sms_available boolean, email_digest boolean,
  in_app boolean, email boolean, sms boolean, customised boolean
)
language sql stable security invoker set search_path = '' as $$
  select k.kind, k.label, k.description, k.sms_available, k.email_digest,
         coalesce(p.in_app, k.default_in_app), coalesce(p.email, k.default_email),
         coalesce(p.sms, k.default_sms) and k.sms_available, p.kind is not null
  from public.notification_kinds k
  left join public.notification_preferences p
    on p.kind = k.kind and p.user_id = (select auth.uid())
  order by k.position
$$;

/*
 * public.save_notification_preferences(p_prefs jsonb, p_phone text, p_set_phone boolean) returns void
 * p_prefs: [{kind, in_app?, email?, sms?}]; a channel left out keeps its current value. With
 * p_set_phone the phone becomes p_phone (null removes it). SMS needs a phone number. All or nothing.
 */
create or replace function public.save_notification_preferences(
  p_prefs jsonb, p_phone text default null, p_set_phone boolean default false
) returns void
language plpgsql security invoker set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  item jsonb;
  idx integer := 0;
  k public.notification_kinds;
  cur record;
begin
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'authorization';
  end if;
  if p_set_phone then
    if p_phone is not null and p_phone !~ '^\+[1-9][0-9]{6,14}$' then
      raise exception using errcode = 'SC400',
        message = 'Enter the number in international format, e.g. +351912345678', detail = 'phone';
    end if;
    insert into public.notification_settings (user_id, phone) values (uid, p_phone)
    on conflict (user_id) do update set phone = excluded.phone, updated_at = now();
  end if;
  if p_prefs is not null and jsonb_typeof(p_prefs) <> 'array' then
    raise exception using errcode = 'SC400', message = 'Send a list', detail = 'preferences';
  end if;
  for item in select value from jsonb_array_elements(coalesce(p_prefs, '[]'::jsonb)) loop
    select * into k from public.notification_kinds where kind = item ->> 'kind';
    if not found then
      raise exception using errcode = 'SC400', message = 'Unknown notification type',
        detail = 'preferences.' || idx || '.kind';
    end if;
    if coalesce((item ->> 'sms')::boolean, false) and not k.sms_available then
      raise exception using errcode = 'SC400', message = k.label || ' are not sent by SMS',
        detail = 'preferences.' || idx || '.sms';
    end if;
    select * into cur from public.my_notification_preferences() m where m.kind = k.kind;
    insert into public.notification_preferences (user_id, kind, in_app, email, sms)
    values (uid, k.kind, coalesce((item ->> 'in_app')::boolean, cur.in_app),
            coalesce((item ->> 'email')::boolean, cur.email),
            coalesce((item ->> 'sms')::boolean, cur.sms))
    on conflict (user_id, kind) do update set in_app = excluded.in_app, email = excluded.email,
      sms = excluded.sms, updated_at = now();
    idx := idx + 1;
  end loop;
  if exists (select from public.my_notification_preferences() m where m.sms)
     and (select s.phone from public.notification_settings s where s.user_id = uid) is null then
    raise exception using errcode = 'SC400', message = 'Add a phone number to get SMS',
      detail = 'phone';
  end if;
end $$;

-- routing: the one place that decides in-app / e-mail / SMS ------------------------------------------
-- Every notification (private.notify, the worker's inserts) passes here. Outbox bodies carry
-- '{{site}}' where the site's URL goes: the deliverer knows it, the database does not.
create or replace function private.route_notification() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  c record;
  v_digest boolean;
  v_to text;
  v_link text := case when new.link like '/%' then '{{site}}' || new.link else new.link end;
begin
  select * into c from private.notification_channels(new.user_id, new.kind);
  select k.email_digest into v_digest from public.notification_kinds k where k.kind = new.kind;
  if c.email and not coalesce(v_digest, false) then
    select u.email into v_to from auth.users u where u.id = new.user_id;
    if v_to is not null then
      insert into public.outbox (channel, recipient, subject, body, user_id, kind)
      values ('email', v_to, left(new.title, 200),
        concat_ws(E'\n\n', nullif(new.body, ''), 'Open it: ' || v_link,
          'Choose what Soundcheck sends you: {{site}}/settings/notifications'),
        new.user_id, new.kind);
    end if;
  end if;
  if c.sms then
    select s.phone into v_to from public.notification_settings s where s.user_id = new.user_id;
    if v_to is not null then
      insert into public.outbox (channel, recipient, body, user_id, kind)
      values ('sms', v_to, concat_ws(' ', 'Soundcheck:', left(new.title, 200), v_link),
        new.user_id, new.kind);
    end if;
  end if;
  if not c.in_app then
    return null; -- no row, so no live broadcast either
  end if;
  return new;
end $$;

drop trigger if exists notifications_route on public.notifications;
create trigger notifications_route before insert on public.notifications
  for each row execute function private.route_notification();

-- A changed unread count reaches every open tab of the user (the badge), e.g. after "mark all read".
create or replace function private.broadcast_notification_unread() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  r record;
begin
  for r in
    select n.user_id from new_rows n join old_rows o on o.id = n.id
    where o.read_at is distinct from n.read_at group by n.user_id
  loop
    perform realtime.send(
      jsonb_build_object('unread', (select count(*)::int from public.notifications x
                                    where x.user_id = r.user_id and x.read_at is null)),
      'unread', 'user:' || r.user_id::text, true);
  end loop;
  return null;
end $$;

drop trigger if exists notifications_unread_broadcast on public.notifications;
create trigger notifications_unread_broadcast after update on public.notifications
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.broadcast_notification_unread();

-- outbox → notify queue ------------------------------------------------------------------------------
-- Each new row gets a 'deliver' job; retries are enqueued by the deliverer with their delay.
create or replace function private.outbox_enqueue() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'pending' then
    perform pgmq.send('notify', jsonb_build_object('kind', 'deliver', 'outbox_id', new.id,
      'idempotency_key', 'deliver:' || new.id::text || ':' || new.attempts));
  end if;
  return null;
end $$;

drop trigger if exists outbox_enqueue on public.outbox;
create trigger outbox_enqueue after insert on public.outbox
  for each row execute function private.outbox_enqueue();

-- Rows written before this migration (password resets) are delivered too.
select pgmq.send('notify', jsonb_build_object('kind', 'deliver', 'outbox_id', o.id,
  'idempotency_key', 'deliver:' || o.id::text || ':' || o.attempts))
from public.outbox o where o.status = 'pending';

-- chat messages ----------------------------------------------------------------------------------------
/*
 * private.notify_message(p_message_id bigint) returns integer
 * The 'message' job: tells each other participant who has neither read the message nor the
 * conversation open. One unread notification per conversation: a newer message refreshes it.
 * Returns how many participants were told.
 */
create or replace function private.notify_message(p_message_id bigint) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  m record;
  r record;
  v_title text;
  v_body text;
  v_link text;
  v_n integer := 0;
begin
  select msg.id, msg.conversation_id, msg.sender_id, msg.body, msg.deleted_at, p.display_name
    into m
    from public.messages msg join public.profiles p on p.id = msg.sender_id
   where msg.id = p_message_id;
  if not found or m.deleted_at is not null then
    return 0;
  end if;
  v_title := left('New message from ' || m.display_name, 200);
  v_body := left(coalesce(nullif(btrim(m.body), ''), 'Sent an attachment'), 280);
  v_link := '/messages/' || m.conversation_id::text;
  for r in
    select cp.user_id from public.conversation_participants cp
     where cp.conversation_id = m.conversation_id and cp.user_id <> m.sender_id
       and coalesce(cp.last_read_message_id, 0) < m.id
       and (cp.active_until is null or cp.active_until <= now())
  loop
    update public.notifications set title = v_title, body = v_body
     where user_id = r.user_id and kind = 'message' and link = v_link and read_at is null;
    if not found then
      perform private.notify(r.user_id, 'message', v_title, v_body, v_link);
    end if;
    v_n := v_n + 1;
  end loop;
  return v_n;
end $$;

-- Reading a conversation marks its message notification read (and the badge follows live).
create or replace function private.conversation_read_notifications() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.last_read_message_id is distinct from old.last_read_message_id then
    update public.notifications set read_at = now()
     where user_id = new.user_id and kind = 'message' and read_at is null
       and link = '/messages/' || new.conversation_id::text;
  end if;
  return null;
end $$;

do $$
begin
  if to_regclass('public.conversation_participants') is null then
    raise notice 'chat tables missing: message notifications are not marked read on reading';
    return;
  end if;
  if not exists (select from pg_constraint where conname = 'message_digest_marks_conversation_id_fkey') then
    alter table private.message_digest_marks add constraint message_digest_marks_conversation_id_fkey
      foreign key (conversation_id) references public.conversations (id) on delete cascade;
  end if;
  create index if not exists message_digest_marks_conversation_id_idx
    on private.message_digest_marks (conversation_id);
  drop trigger if exists conversation_participants_read_notifications
    on public.conversation_participants;
  create trigger conversation_participants_read_notifications
    after update of last_read_message_id on public.conversation_participants
    for each row
    -- Only a reader who had unread messages can have a message notification to clear; the
    -- condition spares every send (the sender's marker moves too) the trigger's cost.
    when (old.unread_count > 0 and new.last_read_message_id is distinct from old.last_read_message_id)
    execute function private.conversation_read_notifications();
end $$;

/*
 * private.queue_message_digests(p_min_age interval default '15 minutes') returns integer
 * One e-mail per user with unread chat messages older than p_min_age (other people's, not deleted,
 * from the last 7 days, conversation not open), listing each conversation and its count. A message
 * is in at most one digest; a user gets at most one digest per p_min_age; the 'message' e-mail
 * preference is honoured. Returns the number of e-mails queued. The worker's periodic task and
 * pg_cron both call it; an advisory lock keeps two runs from sending the same digest.
 */
create or replace function private.queue_message_digests(
  p_min_age interval default interval '15 minutes'
) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  u record;
  v_sent integer := 0;
begin
  if to_regclass('public.messages') is null then
    return 0;
  end if;
  perform pg_advisory_xact_lock(hashtext('soundcheck.message_digest'));
  for u in
    with pending as (
      select cp.user_id, cp.conversation_id, m.id, m.created_at
        from public.conversation_participants cp
        join public.messages m on m.conversation_id = cp.conversation_id
        left join private.message_digest_marks dm
          on dm.user_id = cp.user_id and dm.conversation_id = cp.conversation_id
       where m.sender_id <> cp.user_id
         and m.deleted_at is null
         and m.created_at > now() - interval '7 days'
         and m.id > coalesce(cp.last_read_message_id, 0)
         and m.id > coalesce(dm.last_message_id, 0)
         and (cp.active_until is null or cp.active_until <= now())
    ),
    due as (
      select p.user_id from pending p
       group by p.user_id
      having min(p.created_at) <= now() - p_min_age
         and not exists (select from private.message_digest_marks dm
                          where dm.user_id = p.user_id and dm.digested_at > now() - p_min_age)
    ),
    per_conversation as (
      select p.user_id, p.conversation_id, count(*)::int as n, max(p.id) as last_id
        from pending p join due d on d.user_id = p.user_id
       group by p.user_id, p.conversation_id
    ),
    lines as (
      select pc.*, coalesce(op.display_name, 'Someone') as other_name, g.title as gig_title
        from per_conversation pc
        join public.conversations c on c.id = pc.conversation_id
        left join public.profiles op
          on op.id = case when c.client_id = pc.user_id then c.musician_id else c.client_id end
        left join public.gigs g on g.id = c.gig_id
    )
    select l.user_id, au.email, sum(l.n)::int as total,
           jsonb_agg(jsonb_build_object('conversation_id', l.conversation_id, 'n', l.n,
             'last_id', l.last_id, 'name', l.other_name, 'gig', l.gig_title)
             order by l.last_id desc) as items
      from lines l
      join auth.users au on au.id = l.user_id
      cross join lateral private.notification_channels(l.user_id, 'message') ch
     where ch.email and au.email is not null
     group by l.user_id, au.email
  loop
    insert into public.outbox (channel, recipient, subject, body, user_id, kind)
    values ('email', u.email,
      case when u.total = 1 then '1 unread message on Soundcheck'
           else u.total || ' unread messages on Soundcheck' end,
      'You have unread messages:' || E'\n\n' ||
      (select string_agg(
         '- ' || (i ->> 'name') || coalesce(' about "' || (i ->> 'gig') || '"', '') || ': ' ||
         (i ->> 'n') || case when (i ->> 'n')::int = 1 then ' message' else ' messages' end ||
         E'\n  {{site}}/messages/' || (i ->> 'conversation_id'), E'\n')
         from jsonb_array_elements(u.items) i) ||
      E'\n\nChoose what Soundcheck sends you: {{site}}/settings/notifications',
      u.user_id, 'message_digest');
    insert into private.message_digest_marks (user_id, conversation_id, last_message_id, digested_at)
    select u.user_id, (i ->> 'conversation_id')::uuid, (i ->> 'last_id')::bigint, now()
      from jsonb_array_elements(u.items) i
    on conflict (user_id, conversation_id) do update
      set last_message_id = excluded.last_message_id, digested_at = excluded.digested_at;
    v_sent := v_sent + 1;
  end loop;
  return v_sent;
end $$;

-- function grants ------------------------------------------------------------------------------------
revoke execute on function private.notification_channels(uuid, text),
  private.route_notification(), private.broadcast_notification_unread(), private.outbox_enqueue(),
  private.notify_message(bigint), private.conversation_read_notifications(),
  private.queue_message_digests(interval) from public, anon, authenticated;
revoke execute on function public.my_notification_preferences(),
  public.save_notification_preferences(jsonb, text, boolean) from public, anon;
grant execute on function public.my_notification_preferences(),
  public.save_notification_preferences(jsonb, text, boolean) to authenticated, service_role;
grant execute on function private.notify_message(bigint), private.queue_message_digests(interval),
  private.notification_channels(uuid, text) to service_role;

-- pg_cron on Supabase: the digest every minute (embedded: the worker's periodic task) -----------------
do $$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron not available: the worker runs the message digest';
    return;
  end if;
  create extension if not exists pg_cron;
  perform cron.unschedule(jobid) from cron.job where jobname = 'soundcheck-message-digest';
  perform cron.schedule('soundcheck-message-digest', '* * * * *',
    'select private.queue_message_digests()');
end $$;
