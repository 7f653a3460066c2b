-- The signed-in home (issue 19, item 1): the onboarding checklist ticks itself from real data, and
-- a user may dismiss it. The dismissal lives in its own table, private to its owner: profiles are
-- readable by everyone, and when someone hid a checklist is nobody else's business.

-- tables ---------------------------------------------------------------------------------------------
create table if not exists public.home_preferences (
  user_id uuid not null,
  onboarding_dismissed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint home_preferences_pkey primary key (user_id),
  constraint home_preferences_user_id_fkey foreign key (user_id)
    references public.profiles (id) on delete cascade
);

-- grants ---------------------------------------------------------------------------------------------
revoke all on public.home_preferences from anon, authenticated;
grant select on public.home_preferences to authenticated;
grant insert (onboarding_dismissed_at), update (onboarding_dismissed_at, updated_at)
  on public.home_preferences to authenticated;
grant all on public.home_preferences to service_role;

-- user_id is the writer (a column default from the JWT), never a value the client chooses.
alter table public.home_preferences alter column user_id set default auth.uid();

-- triggers -------------------------------------------------------------------------------------------
drop trigger if exists home_preferences_touch on public.home_preferences;
create trigger home_preferences_touch before update on public.home_preferences
  for each row execute function private.touch_updated_at();

-- RLS ------------------------------------------------------------------------------------------------
alter table public.home_preferences enable row level security;

-- policies -------------------------------------------------------------------------------------------
drop policy if exists "Users read their home preferences" on public.home_preferences;
create policy "Users read their home preferences" on public.home_preferences
  for select to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Users create their home preferences" on public.home_preferences;
create policy "Users create their home preferences" on public.home_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));

drop policy if exists "Users change their home preferences" on public.home_preferences;
create policy "Users change their home preferences" on public.home_preferences
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
