/*
 * A person's time zone on their profile: pages show times in the viewer's zone. It follows the
 * city of their musician or client profile (the gazetteer's zone, set by the app when a profile
 * form is saved) unless they chose one on the form (timezone_chosen).
 *
 * Backfill: done lazily in code, not here. The gazetteer (city-timezones) lives in TypeScript, so
 * SQL cannot find the nearest city of a stored position; the first page a person opens after this
 * migration finds it from their profile's lat/lng (lib/domains/profiles/timezone.ts) and stores it,
 * and any profile save sets it too. Until then their times read in UTC, labelled so.
 */

-- functions ------------------------------------------------------------------------------------------

/*
 * public.is_time_zone(p_zone text) returns boolean
 * True for an IANA zone name this database knows ("Europe/Lisbon", "America/Argentina/Salta",
 * "UTC"); false for null, abbreviations and POSIX or offset strings ("EST", "UTC+3", "+02"), which
 * Postgres accepts in `at time zone` but which are not places and do not follow daylight saving.
 * Immutable (zone names do not come and go within a session), so a check constraint may call it.
 */
create or replace function public.is_time_zone(p_zone text) returns boolean
language plpgsql immutable security invoker set search_path = '' as $$
begin
  if p_zone is null or char_length(p_zone) > 64
     or p_zone !~ '^([A-Z][A-Za-z_-]+(/[A-Za-z0-9_+-]+)+|UTC)$' then
    return false;
  end if;
  perform timestamptz '2000-01-01 00:00:00+00' at time zone p_zone;
  return true;
exception when invalid_parameter_value then
  return false;
end $$;

revoke execute on function public.is_time_zone(text) from public;
-- Every role that writes a profile evaluates the check constraint, so every role may call it.
grant execute on function public.is_time_zone(text) to anon, authenticated, service_role;

-- columns --------------------------------------------------------------------------------------------

alter table public.profiles add column if not exists timezone text;
alter table public.profiles add column if not exists timezone_chosen boolean not null default false;

comment on column public.profiles.timezone is
  'IANA zone pages show this person''s times in; null: not known yet (UTC, labelled)';
comment on column public.profiles.timezone_chosen is
  'true: picked on a profile form and kept when the city changes; false: follows the city';

do $$
begin
  if not exists (select 1 from pg_constraint
                  where conname = 'profiles_timezone_check'
                    and conrelid = 'public.profiles'::regclass) then
    alter table public.profiles add constraint profiles_timezone_check
      check (timezone is null or public.is_time_zone(timezone));
  end if;
  -- A chosen zone is a zone: "chosen" with nothing in it would pin UTC for good.
  if not exists (select 1 from pg_constraint
                  where conname = 'profiles_timezone_chosen_check'
                    and conrelid = 'public.profiles'::regclass) then
    alter table public.profiles add constraint profiles_timezone_chosen_check
      check (not timezone_chosen or timezone is not null);
  end if;
end $$;

-- grants ---------------------------------------------------------------------------------------------

-- Written by the owner through the profile forms (RLS: "Users update their own profile").
grant update (timezone, timezone_chosen) on public.profiles to authenticated;
