-- pg_cron where Supabase puts it, and every schedule, whichever migration happened to create it.
--
-- 1. The earlier migrations created pg_cron without a schema, so the extension was recorded in
--    `public` (its objects live in `cron` either way) and Supabase's advisors warn
--    (extension_in_public). Supabase installs it `with schema pg_catalog`; pg_cron cannot be
--    moved, so it is re-created there, its jobs kept.
-- 2. The marketplace migration schedules the review release only if pg_cron already exists, and
--    pg_cron was first created by the worker schedule, which needs pg_net too: a database with
--    pg_cron and no pg_net (PostgreSQL from Debian, say) never got the review release.
-- Idempotent. Embedded (no pg_cron) the worker's periodic tasks do this work instead.

do $$
declare
  kept jsonb;
  job jsonb;
  new_id bigint;
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron not available: the worker releases due reviews';
    return;
  end if;

  if exists (select from pg_extension e where e.extname = 'pg_cron'
             and e.extnamespace <> 'pg_catalog'::regnamespace) then
    select coalesce(jsonb_agg(jsonb_build_object('jobname', j.jobname, 'schedule', j.schedule,
             'command', j.command, 'active', j.active) order by j.jobid), '[]'::jsonb)
      into kept from cron.job j;
    drop extension pg_cron;
    create extension pg_cron with schema pg_catalog;
    for job in select * from jsonb_array_elements(kept) loop
      new_id := cron.schedule(job ->> 'jobname', job ->> 'schedule', job ->> 'command');
      if not (job ->> 'active')::boolean then
        perform cron.alter_job(new_id, active := false);
      end if;
    end loop;
  end if;

  create extension if not exists pg_cron with schema pg_catalog;
  if not exists (select from cron.job where jobname = 'soundcheck-release-reviews') then
    perform cron.schedule('soundcheck-release-reviews', '*/15 * * * *',
      'select private.release_due_reviews()');
  end if;
end $$;
