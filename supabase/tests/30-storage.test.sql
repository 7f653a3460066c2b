-- Storage, avatars bucket: public to read, and each user writes only inside '<their id>/'.
begin;
select plan(13);

select tests.create_supabase_user('alice');
select tests.create_supabase_user('bob');

-- Bob's avatar and a second, non-avatar bucket, set up by the server.
insert into storage.objects (bucket_id, name, owner)
values ('avatars', tests.get_supabase_uid('bob') || '/x.png', tests.get_supabase_uid('bob'));
insert into storage.buckets (id, name, public) values ('contracts', 'contracts', false);

-- own folder -------------------------------------------------------------------------------------------
select tests.authenticate_as('alice');
select lives_ok(
  format($$ insert into storage.objects (bucket_id, name, owner) values ('avatars', %L, %L) $$,
         tests.get_supabase_uid('alice') || '/avatar.png', tests.get_supabase_uid('alice')),
  'A user can upload an avatar into their own folder');
select lives_ok(
  format($$ update storage.objects set metadata = '{"size": 42}' where bucket_id = 'avatars' and name = %L $$,
         tests.get_supabase_uid('alice') || '/avatar.png'),
  'A user can replace their own avatar');

-- someone else's folder --------------------------------------------------------------------------------
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name, owner) values ('avatars', %L, %L) $$,
         tests.get_supabase_uid('bob') || '/x2.png', tests.get_supabase_uid('alice')),
  '42501', 'new row violates row-level security policy for table "objects"',
  'A user cannot upload into another user''s folder');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name) values ('avatars', 'avatar.png') $$,
  '42501', 'new row violates row-level security policy for table "objects"',
  'A user cannot upload outside any folder');
select throws_ok(
  format($$ update storage.objects set name = %L where bucket_id = 'avatars' and name = %L $$,
         tests.get_supabase_uid('bob') || '/avatar.png', tests.get_supabase_uid('alice') || '/avatar.png'),
  '42501', 'new row violates row-level security policy for table "objects"',
  'A user cannot move their file into another user''s folder');
select is_empty(
  format($$ update storage.objects set metadata = '{"pwned": true}'
             where bucket_id = 'avatars' and name = %L returning id $$,
         tests.get_supabase_uid('bob') || '/x.png'),
  'A user cannot overwrite another user''s avatar');
select is_empty(
  format($$ delete from storage.objects where bucket_id = 'avatars' and name = %L returning id $$,
         tests.get_supabase_uid('bob') || '/x.png'),
  'A user cannot delete another user''s avatar');
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('contracts', %L) $$,
         tests.get_supabase_uid('alice') || '/deal.pdf'),
  '42501', 'new row violates row-level security policy for table "objects"',
  'The avatar policies do not open other buckets, even in the user''s own folder');

-- anonymous visitor ------------------------------------------------------------------------------------
select tests.clear_authentication();
select isnt_empty($$ select name from storage.objects where bucket_id = 'avatars' $$,
  'An anonymous visitor can read avatars (the bucket is public)');
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('avatars', %L) $$,
         tests.get_supabase_uid('alice') || '/anon.png'),
  '42501', 'new row violates row-level security policy for table "objects"',
  'An anonymous visitor cannot upload avatars');
select is_empty(
  $$ delete from storage.objects where bucket_id = 'avatars' returning id $$,
  'An anonymous visitor cannot delete avatars');

-- what stuck -------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select results_eq(
  $$ select metadata from storage.objects where bucket_id = 'avatars' and name like '%/x.png' $$,
  $$ values (null::jsonb) $$,
  'Bob''s avatar is still there, untouched');
select results_eq(
  $$ select split_part(name, '/', 2), metadata from storage.objects
      where bucket_id = 'avatars' and owner = tests.get_supabase_uid('alice') $$,
  $$ values ('avatar.png', '{"size": 42}'::jsonb) $$,
  'Alice has exactly her one avatar, with her change');

select * from finish();
rollback;
