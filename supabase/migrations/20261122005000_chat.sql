-- Live chat: one conversation per application between the gig's client and the musician, continuing
-- into the booking. Messages are written only through the functions below (send, edit within five
-- minutes, soft delete, mark read); the two participants read them under RLS. Every change is
-- broadcast live with realtime.send: on `conversation:<id>` (the open conversation) and on the
-- recipient's `user:<id>` (unread badges). Typing is never stored: it travels on `typing:<id>`,
-- published by the server without touching a table (lib/chat/typing.ts).
--
-- Function layout as in the marketplace: a `security invoker` wrapper in public around a
-- `security definer` body in private that performs its own checks. Errors follow lib/db/errors.ts.

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.conversations (
  id uuid not null default gen_random_uuid(),
  application_id uuid not null,
  gig_id uuid not null,
  client_id uuid not null,                            -- the gig's owner
  musician_id uuid not null,                          -- the applicant
  created_at timestamptz not null default now(),
  last_message_at timestamptz,                        -- null until the first message
  constraint conversations_pkey primary key (id),
  constraint conversations_application_id_key unique (application_id),
  constraint conversations_application_id_fkey foreign key (application_id)
    references public.applications (id) on delete cascade,
  constraint conversations_gig_id_fkey foreign key (gig_id) references public.gigs (id) on delete cascade,
  constraint conversations_client_id_fkey foreign key (client_id) references public.profiles (id) on delete cascade,
  constraint conversations_musician_id_fkey foreign key (musician_id)
    references public.profiles (id) on delete cascade,
  constraint conversations_parties_check check (client_id <> musician_id)
);
create index if not exists conversations_gig_id_idx on public.conversations (gig_id);
create index if not exists conversations_client_id_idx on public.conversations (client_id);
create index if not exists conversations_musician_id_idx on public.conversations (musician_id);

create table if not exists public.conversation_participants (
  conversation_id uuid not null,
  user_id uuid not null,
  last_read_message_id bigint not null default 0,     -- read receipts: everything up to this id
  last_read_at timestamptz,
  -- Set to about now() + 30 s while the user has the conversation open (heartbeat): no in-app
  -- "new message" notification then.
  active_until timestamptz,
  -- Messages from the other participant after last_read_message_id, not deleted: kept by the
  -- functions below in the same transaction, so badges never count.
  unread_count integer not null default 0,
  constraint conversation_participants_pkey primary key (conversation_id, user_id),
  constraint conversation_participants_conversation_id_fkey foreign key (conversation_id)
    references public.conversations (id) on delete cascade,
  constraint conversation_participants_user_id_fkey foreign key (user_id)
    references public.profiles (id) on delete cascade,
  constraint conversation_participants_last_read_message_id_check check (last_read_message_id >= 0),
  constraint conversation_participants_unread_count_check check (unread_count >= 0)
);
create index if not exists conversation_participants_user_id_idx
  on public.conversation_participants (user_id, conversation_id);

create table if not exists public.messages (
  id bigint generated always as identity,             -- also the catch-up cursor: ids only grow
  conversation_id uuid not null,
  sender_id uuid not null,
  body text not null default '',                      -- '' once deleted (kept in private.deleted_messages)
  attachment_path text,                               -- object in the 'attachments' bucket
  attachment_name text,
  attachment_type text,
  attachment_size integer,
  client_token uuid,                                  -- the sender's retry key: a resend is no duplicate
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  constraint messages_pkey primary key (id),
  constraint messages_conversation_id_fkey foreign key (conversation_id)
    references public.conversations (id) on delete cascade,
  constraint messages_sender_id_fkey foreign key (sender_id) references public.profiles (id) on delete cascade,
  constraint messages_body_length check (char_length(body) <= 4000),
  constraint messages_content_check check (
    deleted_at is not null or btrim(body) <> '' or attachment_path is not null),
  constraint messages_attachment_path_check check (
    attachment_path is null or (attachment_path like conversation_id::text || '/_%'
                                and char_length(attachment_path) <= 300)),
  constraint messages_attachment_name_length check (
    attachment_name is null or char_length(attachment_name) between 1 and 200),
  constraint messages_attachment_size_check check (
    attachment_size is null or attachment_size between 0 and 20971520)
);
create index if not exists messages_conversation_id_idx on public.messages (conversation_id, id);
create index if not exists messages_sender_id_idx on public.messages (sender_id);
-- Most messages carry no retry key: only those that do are indexed.
create unique index if not exists messages_client_token_key
  on public.messages (conversation_id, sender_id, client_token) where client_token is not null;
create index if not exists messages_attachment_path_idx on public.messages (attachment_path)
  where attachment_path is not null;

-- What a deleted message said, for moderation only: readers see the blanked row in public.messages.
create table if not exists private.deleted_messages (
  message_id bigint not null,
  conversation_id uuid not null,
  body text not null,
  attachment_path text,
  attachment_name text,
  deleted_at timestamptz not null default now(),
  constraint deleted_messages_pkey primary key (message_id),
  constraint deleted_messages_message_id_fkey foreign key (message_id)
    references public.messages (id) on delete cascade
);
create index if not exists deleted_messages_attachment_path_idx on private.deleted_messages (attachment_path)
  where attachment_path is not null;

-- grants ---------------------------------------------------------------------------------------------
-- Read-only for users: every write goes through the functions below.
revoke all on public.conversations, public.conversation_participants, public.messages from anon, authenticated;
grant select on public.conversations, public.conversation_participants, public.messages to authenticated;
grant all on public.conversations, public.conversation_participants, public.messages to service_role;
grant all on private.deleted_messages to service_role;

-- RLS ------------------------------------------------------------------------------------------------
alter table public.conversations enable row level security;
alter table public.conversation_participants enable row level security;
alter table public.messages enable row level security;
alter table private.deleted_messages enable row level security;

/*
 * private.my_conversation_ids() returns uuid[]
 * The conversations the caller takes part in. Policies call it as `(select ...)`: once per query.
 */
create or replace function private.my_conversation_ids() returns uuid[]
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select coalesce(array_agg(p.conversation_id), '{}') from public.conversation_participants p
           where p.user_id = (select auth.uid()));
end $$;

/*
 * private.is_participant(p_conversation_id uuid) returns boolean
 * Whether the caller takes part in the conversation.
 */
create or replace function private.is_participant(p_conversation_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.conversation_participants p
                  where p.conversation_id = p_conversation_id and p.user_id = (select auth.uid()))
$$;

/*
 * private.chat_topic_conversation(p_topic text) returns uuid
 * The conversation of a `conversation:<uuid>` or `typing:<uuid>` topic, else null (never raises,
 * so a malformed topic is simply refused).
 */
create or replace function private.chat_topic_conversation(p_topic text) returns uuid
language sql immutable set search_path = '' as $$
  select case when p_topic ~ '^(conversation|typing):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              then split_part(p_topic, ':', 2)::uuid end
$$;

/*
 * private.can_use_attachment(p_name text) returns boolean
 * Attachment objects are '<conversation id>/<uuid>-<file name>': readable by the conversation's
 * participants until the message carrying them is deleted.
 */
create or replace function private.can_use_attachment(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from public.conversation_participants p
                  where p.user_id = (select auth.uid())
                    and p.conversation_id::text = (storage.foldername(p_name))[1])
     and not exists (select 1 from private.deleted_messages d where d.attachment_path = p_name)
$$;

/*
 * private.attachment_unreferenced(p_name text) returns boolean
 * No message (live or deleted) carries the object: its uploader may still remove it (a send that
 * failed after the upload).
 */
create or replace function private.attachment_unreferenced(p_name text) returns boolean
language sql stable security definer set search_path = '' as $$
  select not exists (select 1 from public.messages m where m.attachment_path = p_name)
     and not exists (select 1 from private.deleted_messages d where d.attachment_path = p_name)
$$;

revoke execute on function private.my_conversation_ids(), private.is_participant(uuid),
  private.chat_topic_conversation(text), private.can_use_attachment(text),
  private.attachment_unreferenced(text) from public;
-- Policies run as the reader.
grant execute on function private.my_conversation_ids(), private.is_participant(uuid),
  private.chat_topic_conversation(text), private.can_use_attachment(text),
  private.attachment_unreferenced(text) to authenticated;

drop policy if exists "Participants read their conversations" on public.conversations;
create policy "Participants read their conversations" on public.conversations
  for select to authenticated
  using ((select auth.uid()) in (client_id, musician_id));

drop policy if exists "Participants read who takes part" on public.conversation_participants;
create policy "Participants read who takes part" on public.conversation_participants
  for select to authenticated
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]));

drop policy if exists "Participants read the messages" on public.messages;
create policy "Participants read the messages" on public.messages
  for select to authenticated
  using (conversation_id = any ((select private.my_conversation_ids())::uuid[]));

-- realtime: the two participants receive `conversation:<id>` and `typing:<id>`; they may also
-- broadcast on `typing:<id>` (and nothing else), which is what Supabase checks for a client send.
drop policy if exists "Participants receive their conversation" on realtime.messages;
create policy "Participants receive their conversation" on realtime.messages
  for select to authenticated
  using (private.is_participant(private.chat_topic_conversation((select realtime.topic()))));

drop policy if exists "Participants broadcast typing" on realtime.messages;
create policy "Participants broadcast typing" on realtime.messages
  for insert to authenticated
  with check ((select realtime.topic()) like 'typing:%' and extension = 'broadcast'
              and private.is_participant(private.chat_topic_conversation((select realtime.topic()))));

-- storage: attachments -------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('attachments', 'attachments', false, 20 * 1024 * 1024, array[
  'image/png', 'image/jpeg', 'image/webp', 'image/gif',
  'audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/wav', 'audio/x-wav', 'audio/flac',
  'audio/webm',
  'application/pdf'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

drop policy if exists "Participants read attachments" on storage.objects;
create policy "Participants read attachments" on storage.objects
  for select to authenticated
  using (bucket_id = 'attachments' and private.can_use_attachment(name));

drop policy if exists "Participants upload attachments" on storage.objects;
create policy "Participants upload attachments" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'attachments' and cardinality(storage.foldername(name)) = 1
              and private.can_use_attachment(name));

drop policy if exists "Uploaders remove unsent attachments" on storage.objects;
create policy "Uploaders remove unsent attachments" on storage.objects
  for delete to authenticated
  using (bucket_id = 'attachments' and owner_id = (select auth.uid())::text
         and private.attachment_unreferenced(name));

-- conversations are opened by applications ------------------------------------------------------------
/*
 * private.open_conversation(p_application_id uuid) returns uuid
 * The application's conversation, created with its two participants if missing.
 */
create or replace function private.open_conversation(p_application_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  insert into public.conversations (application_id, gig_id, client_id, musician_id)
  select a.id, a.gig_id, g.client_id, a.musician_id
    from public.applications a join public.gigs g on g.id = a.gig_id
   where a.id = p_application_id
  on conflict (application_id) do nothing
  returning id into v_id;
  if v_id is not null then
    insert into public.conversation_participants (conversation_id, user_id)
    select v_id, c.uid from public.conversations x,
      lateral (values (x.client_id), (x.musician_id)) c(uid)
     where x.id = v_id;
  else
    select c.id into v_id from public.conversations c where c.application_id = p_application_id;
  end if;
  return v_id;
end $$;

create or replace function private.applications_open_conversation() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.open_conversation(new.id);
  return null;
end $$;

drop trigger if exists applications_open_conversation on public.applications;
create trigger applications_open_conversation after insert on public.applications
  for each row execute function private.applications_open_conversation();

-- Applications made before this migration get their conversation now.
select private.open_conversation(a.id) from public.applications a
 where not exists (select 1 from public.conversations c where c.application_id = a.id);

revoke execute on function private.open_conversation(uuid), private.applications_open_conversation()
  from public, anon, authenticated;

-- functions: internals ---------------------------------------------------------------------------------

/*
 * private.unread_messages_of(p_user_id uuid) returns integer
 * Messages from others, not deleted, after the user's read markers, over all their conversations.
 */
create or replace function private.unread_messages_of(p_user_id uuid) returns integer
language sql stable security definer set search_path = '' as $$
  select coalesce(sum(p.unread_count), 0)::integer
    from public.conversation_participants p
   where p.user_id = p_user_id
$$;

/*
 * private.count_unread(p_conversation_id uuid, p_user_id uuid, p_after bigint) returns integer
 * The other participant's live messages after p_after: a participant's unread_count, recomputed.
 */
create or replace function private.count_unread(p_conversation_id uuid, p_user_id uuid, p_after bigint)
returns integer
language sql stable security definer set search_path = '' as $$
  select count(*)::integer from public.messages m
   where m.conversation_id = p_conversation_id and m.id > p_after and m.sender_id <> p_user_id
     and m.deleted_at is null
$$;

/*
 * private.lock_participation(p_conversation_id uuid) returns public.conversation_participants
 * The caller's participant row, locked; SC404 unless the caller takes part (a conversation one is
 * not part of does not exist for them).
 */
create or replace function private.lock_participation(p_conversation_id uuid)
returns public.conversation_participants
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  p public.conversation_participants;
begin
  select * into p from public.conversation_participants x
   where x.conversation_id = p_conversation_id and x.user_id = uid for update;
  if not found then
    raise exception using errcode = 'SC404', message = 'Conversation not found', detail = 'conversation_id';
  end if;
  return p;
end $$;

/*
 * private.lock_own_message(p_message_id bigint, p_action text) returns public.messages
 * The caller's own live message, locked. SC404 unless the caller can see it, SC403 unless they
 * sent it, SC409 when it is deleted.
 */
create or replace function private.lock_own_message(p_message_id bigint, p_action text)
returns public.messages
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := private.require_uid();
  m public.messages;
begin
  select * into m from public.messages x where x.id = p_message_id for update;
  if not found or not exists (select 1 from public.conversation_participants p
                               where p.conversation_id = m.conversation_id and p.user_id = uid) then
    raise exception using errcode = 'SC404', message = 'Message not found', detail = 'message_id';
  elsif m.sender_id <> uid then
    raise exception using errcode = 'SC403',
      message = format('Only the sender can %s a message', p_action), detail = 'message_id';
  elsif m.deleted_at is not null then
    raise exception using errcode = 'SC409', message = 'This message was deleted', detail = 'message_id';
  end if;
  return m;
end $$;

/*
 * private.broadcast_message(m public.messages, p_event text) returns void
 * The message on its conversation's topic, for the open conversation of either participant.
 */
create or replace function private.broadcast_message(m public.messages, p_event text) returns void
language sql security definer set search_path = '' as $$
  select realtime.send(to_jsonb(m), p_event, 'conversation:' || m.conversation_id::text, true)
$$;

/*
 * private.broadcast_unread(p_user_id uuid, p_event text, p_extra jsonb) returns void
 * The user's unread total on their own topic (badges on every page), with what changed.
 */
create or replace function private.broadcast_unread(p_user_id uuid, p_event text, p_extra jsonb)
returns void
language sql security definer set search_path = '' as $$
  select realtime.send(p_extra || jsonb_build_object('unread_total', private.unread_messages_of(p_user_id)),
                       p_event, 'user:' || p_user_id::text, true)
$$;

revoke execute on function private.unread_messages_of(uuid), private.count_unread(uuid, uuid, bigint),
  private.lock_participation(uuid), private.lock_own_message(bigint, text),
  private.broadcast_message(public.messages, text), private.broadcast_unread(uuid, text, jsonb)
  from public, anon, authenticated;

-- functions: messages -------------------------------------------------------------------------------

/*
 * public.send_message(p_conversation_id uuid, p_body text, p_attachment_path text default null,
 *                     p_attachment_name text default null, p_client_token uuid default null)
 *   returns public.messages
 * The caller (a participant) sends a message: text of up to 4000 characters, an attachment
 * uploaded before to 'attachments' at '<conversation id>/…' by the caller, or both. A repeated
 * p_client_token returns the message sent the first time. Closed conversations (application
 * declined or withdrawn, no booking) take no new messages. Moves the sender's read marker,
 * broadcasts the message, tells the recipient's badge, and enqueues the notification.
 */
create or replace function private.send_message(
  p_conversation_id uuid, p_body text, p_attachment_path text, p_attachment_name text,
  p_client_token uuid
) returns public.messages
language plpgsql security definer set search_path = '' as $$
declare
  uid uuid := (select auth.uid());
  v_body text := btrim(coalesce(p_body, ''), E' \t\r\n');
  v_status text;
  v_meta jsonb;
  v_owner text;
  v_job bigint;
  m public.messages;
begin
  -- Statements are what a send costs (PGlite: about one round trip each), so the common path is
  -- two: the checked insert, then one statement for the markers, the broadcasts and the job.
  if uid is null then
    raise exception using errcode = 'SC403', message = 'Sign in first', detail = 'user';
  elsif char_length(v_body) > 4000 then
    raise exception using errcode = 'SC400', message = 'Write at most 4000 characters', detail = 'body';
  elsif v_body = '' and p_attachment_path is null then
    raise exception using errcode = 'SC400', message = 'Write a message or attach a file', detail = 'body';
  end if;
  if p_client_token is not null then
    select * into m from public.messages x
     where x.conversation_id = p_conversation_id and x.sender_id = uid and x.client_token = p_client_token;
    if found then
      return m;
    end if;
  end if;
  if p_attachment_path is not null then
    select o.metadata, o.owner_id into v_meta, v_owner from storage.objects o
     where o.bucket_id = 'attachments' and o.name = p_attachment_path;
    if not found or p_attachment_path not like p_conversation_id::text || '/_%'
       or v_owner is distinct from uid::text then
      raise exception using errcode = 'SC400', message = 'Upload the attachment to this conversation first',
        detail = 'attachment_path';
    elsif exists (select 1 from public.messages x where x.attachment_path = p_attachment_path) then
      raise exception using errcode = 'SC409', message = 'This attachment was sent already',
        detail = 'attachment_path';
    end if;
  end if;
  -- Only a participant of an open conversation inserts a row.
  insert into public.messages (conversation_id, sender_id, body, attachment_path, attachment_name,
                               attachment_type, attachment_size, client_token)
  select c.id, uid, v_body, p_attachment_path,
         case when p_attachment_path is not null
              then left(coalesce(nullif(btrim(p_attachment_name), ''), storage.filename(p_attachment_path)), 200) end,
         v_meta ->> 'mimetype', (v_meta ->> 'size')::integer, p_client_token
    from public.conversations c join public.applications a on a.id = c.application_id
   where c.id = p_conversation_id and uid in (c.client_id, c.musician_id)
     and a.status not in ('declined', 'withdrawn')
  returning * into m;
  if m.id is null then
    select a.status into v_status
      from public.conversations c join public.applications a on a.id = c.application_id
     where c.id = p_conversation_id and uid in (c.client_id, c.musician_id);
    if v_status is null then
      raise exception using errcode = 'SC404', message = 'Conversation not found', detail = 'conversation_id';
    end if;
    raise exception using errcode = 'SC409',
      message = 'This conversation is closed: the application was ' || v_status, detail = 'conversation_id';
  end if;
  -- Sending reads everything before it (the sender's marker moves); the recipient has one more
  -- unread, and their badge hears the new total.
  with conv as (
    update public.conversations set last_message_at = m.created_at where id = m.conversation_id
    returning case when client_id = uid then musician_id else client_id end as recipient
  ), parts as (
    update public.conversation_participants p
       set last_read_message_id = case when p.user_id = uid then m.id else p.last_read_message_id end,
           last_read_at = case when p.user_id = uid then now() else p.last_read_at end,
           unread_count = case when p.user_id = uid then 0 else p.unread_count + 1 end
     where p.conversation_id = m.conversation_id
    returning p.user_id, p.unread_count
  ), total as (
    select r.user_id, r.unread_count + coalesce((
             select sum(o.unread_count) from public.conversation_participants o
              where o.user_id = r.user_id and o.conversation_id <> m.conversation_id), 0)::integer as n
      from parts r join conv on conv.recipient = r.user_id
  )
  select realtime.send(to_jsonb(m), 'message', 'conversation:' || m.conversation_id::text, true)::text,
         realtime.send(jsonb_build_object('conversation_id', m.conversation_id, 'message_id', m.id,
                                          'sender_id', uid, 'unread_total', total.n),
                       'chat_message', 'user:' || total.user_id::text, true)::text,
         pgmq.send('notify', jsonb_build_object('kind', 'message', 'message_id', m.id,
                                                'idempotency_key', 'message:' || m.id))
    into v_owner, v_owner, v_job
    from total;
  return m;
end $$;

-- The public wrappers are PL/pgSQL, not SQL: a SQL function that cannot be inlined (it sets
-- search_path) is parsed and planned again on every call, which measured a quarter of a send on
-- PGlite; PL/pgSQL keeps its plan for the session.
create or replace function public.send_message(
  p_conversation_id uuid, p_body text, p_attachment_path text default null,
  p_attachment_name text default null, p_client_token uuid default null
) returns public.messages
language plpgsql security invoker set search_path = '' as $$
begin
  return private.send_message(p_conversation_id, p_body, p_attachment_path, p_attachment_name,
                              p_client_token);
end $$;

/*
 * public.edit_message(p_message_id bigint, p_body text) returns public.messages
 * The sender changes the text within five minutes of sending (SC409 after). Broadcast as
 * 'message_updated'.
 */
create or replace function private.edit_message(p_message_id bigint, p_body text) returns public.messages
language plpgsql security definer set search_path = '' as $$
declare
  m public.messages := private.lock_own_message(p_message_id, 'edit');
  v_body text := btrim(coalesce(p_body, ''), E' \t\r\n');
begin
  if m.created_at < now() - interval '5 minutes' then
    raise exception using errcode = 'SC409', message = 'Messages can be edited for 5 minutes only',
      detail = 'message_id';
  elsif char_length(v_body) > 4000 then
    raise exception using errcode = 'SC400', message = 'Write at most 4000 characters', detail = 'body';
  elsif v_body = '' and m.attachment_path is null then
    raise exception using errcode = 'SC400', message = 'A message cannot be empty: delete it instead',
      detail = 'body';
  end if;
  update public.messages set body = v_body, edited_at = now() where id = m.id returning * into m;
  perform private.broadcast_message(m, 'message_updated');
  return m;
end $$;

create or replace function public.edit_message(p_message_id bigint, p_body text) returns public.messages
language plpgsql security invoker set search_path = '' as $$
begin
  return private.edit_message(p_message_id, p_body);
end $$;

/*
 * public.delete_message(p_message_id bigint) returns public.messages
 * The sender deletes a message at any time: readers then see only that it was deleted (its text
 * and attachment move to private.deleted_messages, and the attachment becomes unreadable).
 */
create or replace function private.delete_message(p_message_id bigint) returns public.messages
language plpgsql security definer set search_path = '' as $$
declare
  m public.messages := private.lock_own_message(p_message_id, 'delete');
  v_recipient uuid;
begin
  insert into private.deleted_messages (message_id, conversation_id, body, attachment_path, attachment_name)
  values (m.id, m.conversation_id, m.body, m.attachment_path, m.attachment_name);
  update public.messages
     set body = '', attachment_path = null, attachment_name = null, attachment_type = null,
         attachment_size = null, deleted_at = now()
   where id = m.id returning * into m;
  perform private.broadcast_message(m, 'message_updated');
  -- An unread message that goes away is no longer unread.
  update public.conversation_participants p set unread_count = greatest(p.unread_count - 1, 0)
   where p.conversation_id = m.conversation_id and p.user_id <> m.sender_id
     and p.last_read_message_id < m.id
  returning p.user_id into v_recipient;
  if v_recipient is not null then
    perform private.broadcast_unread(v_recipient, 'chat_unread',
      jsonb_build_object('conversation_id', m.conversation_id));
  end if;
  return m;
end $$;

create or replace function public.delete_message(p_message_id bigint) returns public.messages
language plpgsql security invoker set search_path = '' as $$
begin
  return private.delete_message(p_message_id);
end $$;

/*
 * public.mark_conversation_read(p_conversation_id uuid, p_up_to bigint default null,
 *                               p_active boolean default true)
 *   returns public.conversation_participants
 * Moves the caller's read marker forward to p_up_to (or the newest message), never back. With
 * p_active the caller has the conversation open for the next 30 seconds (call it again to stay
 * so); without, they left it. A moved marker is broadcast ('read' on the conversation, for
 * "Seen"; 'chat_unread' on the caller's own topic, for their badges).
 */
create or replace function private.mark_conversation_read(
  p_conversation_id uuid, p_up_to bigint, p_active boolean
) returns public.conversation_participants
language plpgsql security definer set search_path = '' as $$
declare
  me public.conversation_participants := private.lock_participation(p_conversation_id);
  v_was bigint := me.last_read_message_id;
  v_to bigint;
begin
  if p_up_to is not null and p_up_to < 0 then
    raise exception using errcode = 'SC400', message = 'up_to is a message id', detail = 'up_to';
  end if;
  select max(m.id) into v_to from public.messages m
   where m.conversation_id = p_conversation_id and (p_up_to is null or m.id <= p_up_to);
  v_to := greatest(me.last_read_message_id, coalesce(v_to, 0));
  update public.conversation_participants
     set last_read_message_id = v_to,
         last_read_at = case when v_to > me.last_read_message_id then now() else last_read_at end,
         active_until = case when coalesce(p_active, true) then now() + interval '30 seconds' end,
         unread_count = case when v_to > v_was
                             then private.count_unread(p_conversation_id, me.user_id, v_to)
                             else unread_count end
   where conversation_id = p_conversation_id and user_id = me.user_id
  returning * into me;
  if v_to > v_was then
    perform realtime.send(jsonb_build_object(
      'conversation_id', p_conversation_id, 'user_id', me.user_id,
      'last_read_message_id', me.last_read_message_id, 'last_read_at', me.last_read_at),
      'read', 'conversation:' || p_conversation_id::text, true);
    perform private.broadcast_unread(me.user_id, 'chat_unread',
      jsonb_build_object('conversation_id', p_conversation_id));
  end if;
  return me;
end $$;

create or replace function public.mark_conversation_read(
  p_conversation_id uuid, p_up_to bigint default null, p_active boolean default true
) returns public.conversation_participants
language plpgsql security invoker set search_path = '' as $$
begin
  return private.mark_conversation_read(p_conversation_id, p_up_to, p_active);
end $$;

/*
 * public.unread_message_count() returns integer
 * The caller's unread messages over all their conversations (the "Messages" badge).
 */
create or replace function private.unread_message_count() returns integer
language sql stable security definer set search_path = '' as $$
  select private.unread_messages_of((select auth.uid()))
$$;

create or replace function public.unread_message_count() returns integer
language plpgsql stable security invoker set search_path = '' as $$
begin
  return private.unread_message_count();
end $$;

-- grants: functions -----------------------------------------------------------------------------------
revoke execute on function
  private.send_message(uuid, text, text, text, uuid), private.edit_message(bigint, text),
  private.delete_message(bigint), private.mark_conversation_read(uuid, bigint, boolean),
  private.unread_message_count(),
  public.send_message(uuid, text, text, text, uuid), public.edit_message(bigint, text),
  public.delete_message(bigint), public.mark_conversation_read(uuid, bigint, boolean),
  public.unread_message_count()
  from public, anon, authenticated;

grant execute on function
  private.send_message(uuid, text, text, text, uuid), private.edit_message(bigint, text),
  private.delete_message(bigint), private.mark_conversation_read(uuid, bigint, boolean),
  private.unread_message_count(),
  public.send_message(uuid, text, text, text, uuid), public.edit_message(bigint, text),
  public.delete_message(bigint), public.mark_conversation_read(uuid, bigint, boolean),
  public.unread_message_count()
  to authenticated;
