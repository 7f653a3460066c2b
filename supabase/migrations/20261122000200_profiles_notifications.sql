-- Profiles, notifications, avatars and the live channel per user; sign-up enqueues a welcome.

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.profiles (
  id uuid not null,
  display_name text not null,
  is_musician boolean not null default true,   -- one user may be both musician and client
  is_client boolean not null default false,
  avatar_path text,                            -- object name in the public 'avatars' bucket
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint profiles_pkey primary key (id),
  constraint profiles_id_fkey foreign key (id) references auth.users (id) on delete cascade,
  constraint profiles_display_name_length check (char_length(btrim(display_name)) between 1 and 80),
  constraint profiles_role_check check (is_musician or is_client),
  constraint profiles_avatar_path_check check (avatar_path is null or avatar_path like id::text || '/%')
);

create table if not exists public.notifications (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  kind text not null,                          -- 'welcome', later 'application', 'message', ...
  title text not null,
  body text not null default '',
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  constraint notifications_pkey primary key (id),
  constraint notifications_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade
);
create index if not exists notifications_user_created_idx on public.notifications (user_id, created_at desc);
create index if not exists notifications_user_unread_idx on public.notifications (user_id) where read_at is null;

-- grants ---------------------------------------------------------------------------------------------
revoke all on public.profiles, public.notifications from anon, authenticated;
grant select on public.profiles to anon, authenticated;
grant update (display_name, is_musician, is_client, avatar_path, updated_at) on public.profiles to authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant all on public.profiles, public.notifications to service_role;

-- triggers -------------------------------------------------------------------------------------------
create or replace function private.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;

drop trigger if exists profiles_touch on public.profiles;
create trigger profiles_touch before update on public.profiles
  for each row execute function private.touch_updated_at();

-- handle_new_user(): runs as the auth admin when Supabase Auth (or the embedded auth) inserts a user.
-- Creates the profile from the sign-up metadata and enqueues the welcome notification.
create or replace function private.handle_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  name text := nullif(btrim(coalesce(meta ->> 'display_name', '')), '');
begin
  insert into public.profiles (id, display_name, is_musician, is_client)
  values (
    new.id,
    left(coalesce(name, split_part(coalesce(new.email, 'new member'), '@', 1)), 80),
    -- Metadata is user-controlled: compare as text so a bad value cannot abort the sign-up.
    coalesce(meta ->> 'is_musician', 'true') = 'true' or coalesce(meta ->> 'is_client', '') <> 'true',
    coalesce(meta ->> 'is_client', '') = 'true'
  )
  on conflict (id) do nothing;
  perform pgmq.send('notify', jsonb_build_object(
    'kind', 'welcome', 'user_id', new.id, 'idempotency_key', 'welcome:' || new.id::text));
  return new;
end $$;

drop trigger if exists on_auth_user_created on auth.users;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();

-- Each new notification is broadcast to its owner's private channel, on Supabase and embedded alike.
create or replace function private.broadcast_notification() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object('id', new.id, 'kind', new.kind, 'title', new.title, 'body', new.body,
                       'link', new.link, 'created_at', new.created_at),
    'notification', 'user:' || new.user_id::text, true);
  return new;
end $$;

drop trigger if exists notifications_broadcast on public.notifications;
create trigger notifications_broadcast after insert on public.notifications
  for each row execute function private.broadcast_notification();

revoke execute on function private.touch_updated_at(), private.handle_new_user(),
  private.broadcast_notification() from public, anon, authenticated;

-- RLS ------------------------------------------------------------------------------------------------
alter table public.profiles enable row level security;
alter table public.notifications enable row level security;

drop policy if exists "Profiles are readable by everyone" on public.profiles;
create policy "Profiles are readable by everyone" on public.profiles
  for select to anon, authenticated using (true);

drop policy if exists "Users update their own profile" on public.profiles;
create policy "Users update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

drop policy if exists "Users read their own notifications" on public.notifications;
create policy "Users read their own notifications" on public.notifications
  for select to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users mark their own notifications read" on public.notifications;
create policy "Users mark their own notifications read" on public.notifications
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- storage: avatars -----------------------------------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('avatars', 'avatars', true, 2 * 1024 * 1024, array['image/png', 'image/jpeg', 'image/webp', 'image/gif'])
on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- Object names are '<user id>/<file>': a user writes only inside their own folder.
drop policy if exists "Avatars are public" on storage.objects;
create policy "Avatars are public" on storage.objects
  for select to anon, authenticated using (bucket_id = 'avatars');

drop policy if exists "Users upload their own avatar" on storage.objects;
create policy "Users upload their own avatar" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "Users replace their own avatar" on storage.objects;
create policy "Users replace their own avatar" on storage.objects
  for update to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

drop policy if exists "Users delete their own avatar" on storage.objects;
create policy "Users delete their own avatar" on storage.objects
  for delete to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- realtime: a user may join only their own private channel -------------------------------------------
drop policy if exists "Users receive their own channel" on realtime.messages;
create policy "Users receive their own channel" on realtime.messages
  for select to authenticated
  using (realtime.topic() = 'user:' || (select auth.uid())::text);
