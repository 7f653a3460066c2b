-- Auto-apply, auto-shortlist and the scout's audit trail (20261214000400_auto_apply.sql): settings
-- change only through the functions (an edited template needs approving again; on only when
-- approved); publishing queues the scout; the service applies and shortlists as the person, never
-- twice; the audit trail is private and nobody, not even the table's owner, changes or deletes it.
begin;
select plan(38);

select tests.create_supabase_user('ana', null, '{"display_name": "Ana"}');
select tests.create_supabase_user('eve', null, '{"display_name": "Eve"}');
select tests.create_supabase_user('club', null,
  '{"display_name": "Club", "is_client": true, "is_musician": false}');

insert into public.musician_profiles (id, stage_name, genres, instruments, city, country, lat, lng,
                                      fee_min_minor, currency, published) values
  (tests.get_supabase_uid('ana'), 'Ana Costa', '{jazz}', '{piano}', 'Lisbon', 'PT', 38.72, -9.14,
   30000, 'EUR', true),
  (tests.get_supabase_uid('eve'), 'Eve', '{rock}', '{drums}', 'Porto', 'PT', 41.15, -8.63, 20000,
   'EUR', true);

insert into public.gigs (id, client_id, title, description, genres, instruments, starts_at, timezone,
                         city, country, lat, lng, budget_min_minor, budget_max_minor, currency)
values ('00000000-0000-4000-8000-00000000b001', tests.get_supabase_uid('club'), 'Friday jazz piano',
        'Three sets of standards for a dinner crowd, grand piano on site.', '{jazz}', '{piano}',
        now() + interval '10 days', 'Europe/Lisbon', 'Lisbon', 'PT', 38.72, -9.14, 20000, 50000, 'EUR');

select tests.rls_enabled('public', 'auto_apply_settings');
select tests.rls_enabled('public', 'auto_shortlist_settings');
select tests.rls_enabled('public', 'scout_audit');
select has_index('public', 'scout_audit', 'scout_audit_applied_once_idx', 'One "applied" per person and gig');

-- settings ----------------------------------------------------------------------------------------------
select tests.authenticate_as('ana');
select lives_ok($$ select public.save_auto_apply_settings(
  '{"template": "Hi, {stage_name} here for {gig_title} on {date}, quoting {fee}.", "daily_cap": 3}') $$,
  'A musician saves a template and rules');
select throws_ok($$ select public.set_auto_apply(true) $$, 'SC409', 'Approve your proposal template first',
  'Not on before the template is approved');
select throws_ok($$ select public.approve_auto_apply_template('Some other text entirely, not hers') $$,
  'SC409', null, 'Approving needs the text she read');
select throws_ok($$ select public.save_auto_apply_settings('{"template": "x", "daily_cap": 21}') $$,
  'SC400', null, 'A cap above 20 is refused');
select is((select approved.template_approved_at is not null from public.approve_auto_apply_template(
  'Hi, {stage_name} here for {gig_title} on {date}, quoting {fee}.') approved), true, 'Approved');
select is((select enabled from public.set_auto_apply(true)), true, 'On once approved');
select throws_ok($$ update public.auto_apply_settings set enabled = true $$, '42501', null,
  'Nobody writes the settings directly');
select throws_ok($$ insert into public.scout_audit (user_id, action)
                    values (tests.get_supabase_uid('ana'), 'applied') $$, '42501', null,
  'Nobody forges an audit entry');
select throws_ok($$ select private.auto_apply(tests.get_supabase_uid('ana'),
  '00000000-0000-4000-8000-00000000b001', 'Let me in please, I play well.', 1, '{}') $$, '42501', null,
  'A user cannot make the scout act');

select tests.authenticate_as('club');
select lives_ok($$ select public.save_auto_shortlist_settings(
  '{"enabled": true, "genres": ["jazz"], "max_distance_km": 100, "daily_cap": 2}') $$,
  'A client switches auto-shortlist on');
select tests.authenticate_as('ana');
select throws_ok($$ select public.save_auto_shortlist_settings('{"enabled": true}') $$, 'SC403', null,
  'Auto-shortlist is for clients');

-- publishing queues the scout; the service applies as her -------------------------------------------------
select tests.authenticate_as('club');
select lives_ok($$ select public.publish_gig('00000000-0000-4000-8000-00000000b001') $$,
  'The client publishes');
reset role;
select is((select count(*)::int from pgmq.q_scouting q where q.message ->> 'kind' = 'auto_apply_gig'
             and q.message ->> 'gig_id' = '00000000-0000-4000-8000-00000000b001'), 1,
  'Publishing queued auto-apply for the gig');
select tests.authenticate_as_service_role();
select is(private.auto_apply(tests.get_supabase_uid('ana'), '00000000-0000-4000-8000-00000000b001',
  'Too short', 30000, '{}'), 'skipped',
  'A refusal by apply_to_gig is a skip for her, not a failed job for everyone');
select is((select details ->> 'why' from public.scout_audit where action = 'skipped'),
  'Write a proposal of 20 to 5000 characters', 'with the refusal as the reason');
select is(private.auto_apply(tests.get_supabase_uid('ana'), '00000000-0000-4000-8000-00000000b001',
  'Hi, Ana Costa here for Friday jazz piano on Friday, quoting €300.', 30000, '{"score": 0.3}'),
  'applied', 'The scout applies for her');
select is(private.auto_apply(tests.get_supabase_uid('ana'), '00000000-0000-4000-8000-00000000b001',
  'Hi, Ana Costa here for Friday jazz piano on Friday, quoting €300.', 30000, '{}'),
  'ignored', 'Never twice');
select is(private.auto_apply(tests.get_supabase_uid('eve'), '00000000-0000-4000-8000-00000000b001',
  'Hi, Eve here for Friday jazz piano on Friday, quoting €300.', 30000, '{}'),
  'ignored', 'Not for someone who did not opt in');
select is((select musician_id from public.applications), tests.get_supabase_uid('ana'),
  'The application is hers');
select is((select count(*)::int from pgmq.q_scouting q where q.message ->> 'kind' = 'auto_shortlist'), 1,
  'Her application queued the client''s auto-shortlist');
select is(private.auto_shortlist((select id from public.applications)), 'shortlisted',
  'The scout shortlists for the client');
select is((select auth.uid()), null, 'The identity it borrowed is given back');

-- what each sees ------------------------------------------------------------------------------------------
select tests.authenticate_as('ana');
select is((select link from public.notifications where kind = 'auto_applied'),
  '/my/applications/' || (select id from public.applications), 'She is told, with a link to it');
select is((select status from public.applications), 'shortlisted', 'And is on the shortlist');
select is((select link from public.notifications where kind = 'shortlisted'),
  '/my/applications/' || (select id from public.applications), 'Which links to her application');
select results_eq($$ select action from public.scout_audit order by id $$,
  $$ values ('settings_changed'), ('template_approved'), ('enabled'), ('skipped'), ('applied') $$,
  'Her trail, in order');
select lives_ok($$ select public.withdraw_application((select id from public.applications)) $$,
  'She withdraws in one call');
select is((select details ->> 'by' from public.scout_audit where action = 'withdrawn'), 'you',
  'Audited as withdrawn by her');
select throws_ok($$ update public.scout_audit set details = '{}' $$, '42501', null,
  'She cannot change her trail');
select throws_ok($$ delete from public.scout_audit $$, '42501', null, 'Nor delete it');

select tests.authenticate_as('eve');
select is((select count(*)::int from public.scout_audit), 0, 'Nobody else reads it');
select tests.authenticate_as('club');
select is((select action from public.scout_audit where action = 'shortlisted'), 'shortlisted',
  'The client reads their own entries');

select tests.authenticate_as_service_role();
select throws_ok($$ delete from public.scout_audit $$, '42501', null, 'Nor can the service');
reset role;
select throws_ok($$ update public.scout_audit set details = '{}' $$, 'SC403',
  'The scout''s audit trail cannot be changed', 'Not even the table''s owner changes it');

select * from finish();
rollback;
