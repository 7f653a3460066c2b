-- Style transfer in the studio (issue 14, Build 3): "Restyle as…" a genre makes a NEW draft from
-- one of the caller's songs: the restyled plan (the server computes it with the synthesiser's
-- restyle: same structure, key and tune, the new family's tempo feel and sounds), the same seed
-- (so the melody carries over), lyrics and language, and a link back to its original. Creating it
-- spends nothing: the draft spends a song when it is generated, as any draft. Errors follow
-- lib/ports/db/errors.ts (SC400/404/409 with the field in DETAIL).

alter table public.songs add column if not exists restyled_from uuid;

do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'songs_restyled_from_fkey') then
    -- Deleting the original keeps its restyles; they only lose the link.
    alter table public.songs add constraint songs_restyled_from_fkey
      foreign key (restyled_from) references public.songs (id) on delete set null;
  end if;
  if not exists (select 1 from pg_constraint where conname = 'songs_restyled_from_check') then
    alter table public.songs add constraint songs_restyled_from_check
      check (restyled_from is distinct from id);
  end if;
end $$;

create index if not exists songs_restyled_from_idx on public.songs (restyled_from)
  where restyled_from is not null;

/*
 * private.studio_restyle_song(p_song uuid, p_basis jsonb, p_plan jsonb) returns uuid
 * A new draft of the caller from their song p_song (done, or a draft: a song with a settled
 * plan): plan p_plan (the server restyled p_basis, the plan it read), the original's seed,
 * prompt, language and lyrics, restyled_from = p_song. SC404 `id` for anyone else's song;
 * SC409 `status` unless the song is done or a draft; SC409 `plan` when its plan is no longer
 * p_basis (edited meanwhile: restyle again); SC400 `plan` when p_plan is not an object of at
 * most 16 kB. Nothing is spent; returns the new song's id.
 */
create or replace function private.studio_restyle_song(p_song uuid, p_basis jsonb, p_plan jsonb)
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  s public.songs := private.studio_song_for_update(p_song);
  v_id uuid;
begin
  if s.status not in ('done', 'draft') or s.plan is null then
    raise exception using errcode = 'SC409',
      message = 'Only a finished song or a draft can be restyled', detail = 'status';
  end if;
  if s.plan is distinct from p_basis then
    raise exception using errcode = 'SC409',
      message = 'The song''s plan changed meanwhile: restyle it again', detail = 'plan';
  end if;
  if jsonb_typeof(p_plan) is distinct from 'object' or pg_column_size(p_plan) > 16384 then
    raise exception using errcode = 'SC400', message = 'The plan must be an object of at most 16 kB',
      detail = 'plan';
  end if;
  insert into public.songs (owner_id, prompt, language, plan, plan_source, lyrics, seed, status,
                            stage, priority, restyled_from)
  values (s.owner_id, s.prompt, s.language, p_plan, s.plan_source, s.lyrics, s.seed, 'draft',
          null, s.priority, p_song)
  returning id into v_id;
  return v_id;
end $$;

create or replace function public.studio_restyle_song(p_song uuid, p_basis jsonb, p_plan jsonb)
returns uuid
language sql security invoker set search_path = '' as $$
  select private.studio_restyle_song(p_song, p_basis, p_plan)
$$;

revoke execute on function
  private.studio_restyle_song(uuid, jsonb, jsonb), public.studio_restyle_song(uuid, jsonb, jsonb)
  from public, anon, authenticated;
grant execute on function
  private.studio_restyle_song(uuid, jsonb, jsonb), public.studio_restyle_song(uuid, jsonb, jsonb)
  to authenticated;
