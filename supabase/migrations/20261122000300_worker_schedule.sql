-- On Supabase, pg_cron + pg_net invoke functions/worker every 10 seconds. Embedded (no pg_cron),
-- the web server runs the worker loop itself, so this migration does nothing there.
-- Needs two Vault secrets on the project: `project_url` (https://<ref>.supabase.co) and
-- `worker_secret` (the WORKER_SECRET the function is deployed with).

do $$
begin
  if not exists (select from pg_available_extensions where name = 'pg_cron')
     or not exists (select from pg_available_extensions where name = 'pg_net') then
    raise notice 'pg_cron/pg_net not available: the worker runs in the web server process';
    return;
  end if;
  create extension if not exists pg_cron;
  create extension if not exists pg_net with schema extensions;
  perform cron.unschedule(jobid) from cron.job where jobname = 'soundcheck-worker';
  perform cron.schedule('soundcheck-worker', '10 seconds', $job$
    select net.http_post(
      url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url')
             || '/functions/v1/worker',
      headers := jsonb_build_object(
        'Content-Type', 'application/json',
        'Authorization', 'Bearer ' ||
          (select decrypted_secret from vault.decrypted_secrets where name = 'worker_secret')),
      body := '{}'::jsonb,
      timeout_milliseconds := 25000)
    where exists (select from vault.decrypted_secrets where name = 'worker_secret')
  $job$);
end $$;
