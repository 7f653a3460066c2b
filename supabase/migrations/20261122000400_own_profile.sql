-- private.own_profile(): the signed-in user's profile and unread count, for the profile page and
-- the navigation badge. A plpgsql function keeps its plan for the session, so the RLS-laden query
-- is planned once instead of on every page view; it runs as the caller (security invoker).

create or replace function private.own_profile()
returns table (
  id uuid, display_name text, is_musician boolean, is_client boolean, avatar_path text,
  created_at timestamptz, unread integer
)
language plpgsql stable security invoker set search_path = '' as $$
begin
  return query
    select p.id, p.display_name, p.is_musician, p.is_client, p.avatar_path, p.created_at,
           (select count(*)::int from public.notifications n where n.read_at is null)
    from public.profiles p
    where p.id = (select auth.uid());
end $$;

revoke execute on function private.own_profile() from public, anon;
grant execute on function private.own_profile() to authenticated;
