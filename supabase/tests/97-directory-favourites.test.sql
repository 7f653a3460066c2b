-- Directory and favourites (20261214000300_directory_favourites.sql): search_musicians filters,
-- sorts and keyset pages (ties included) over published profiles only; city_coordinates from the
-- rows that name a city; favourites are private, idempotent, and only of what the saver can see.
begin;
select plan(46);

select tests.create_supabase_user('club', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('eve', null, '{"is_client": true, "is_musician": false}');
select tests.create_supabase_user('m' || n) from generate_series(1, 8) n;

-- Berlin 52.52/13.405, Potsdam 52.39/13.06 (~26 km), Munich 48.137/11.575 (~500 km).
-- m3 and m4 tie on rating (4.50) and on place; m5 and m6 tie on name (case aside); m7 is a draft;
-- m8 says Berlin without coordinates.
insert into public.musician_profiles (id, stage_name, instruments, genres, city, country, lat, lng,
                                      fee_min_minor, fee_max_minor, currency, published, rating_avg,
                                      rating_count)
select tests.get_supabase_uid(v.who), v.name, v.instruments::text[], v.genres::text[], v.city, 'DE',
       v.lat, v.lng, v.fmin, v.fmax, v.cur, v.published, v.rating, coalesce(v.n, 0)
  from (values
    ('m1', 'Anna Keys', '{piano}', '{jazz}', 'Berlin', 52.52, 13.405, 20000, 40000, 'EUR', true, 4.90, 10),
    ('m2', 'Bass Bruno', '{bass}', '{funk,jazz}', 'Munich', 48.137, 11.575, 50000, 90000, 'EUR', true, 3.20, 4),
    ('m3', 'Cello Clara', '{cello}', '{classical}', 'Potsdam', 52.39, 13.06, 30000, null, 'EUR', true, 4.50, 2),
    ('m4', 'Drums Dan', '{drums}', '{rock}', 'Potsdam', 52.39, 13.06, 10000, 20000, 'GBP', true, 4.50, 6),
    ('m5', 'echo', '{vocals}', '{pop}', 'Berlin', 52.5, 13.4, null, null, 'EUR', true, null, null),
    ('m6', 'Echo', '{vocals,piano}', '{pop,jazz}', 'Berlin', 52.53, 13.41, 15000, 15000, 'EUR', true, null, null),
    ('m7', 'Hidden Harp', '{harp}', '{jazz}', 'Berlin', 52.52, 13.405, 100, 200, 'EUR', false, 5.00, 1),
    ('m8', 'Fiddle Fay', '{violin}', '{folk}', 'berlin', null, null, 25000, 30000, 'EUR', true, 2.00, 1)
  ) v(who, name, instruments, genres, city, lat, lng, fmin, fmax, cur, published, rating, n);

-- Every page of a search, concatenated: keyset paging must neither skip nor repeat a row.
create function tests.musician_pages(p_sort text, p_size integer, p_lat float8 default null,
                                     p_lng float8 default null)
returns text[] language plpgsql as $$
declare
  acc text[] := '{}';
  after jsonb;
  r record;
  n integer;
begin
  for page in 1..20 loop
    n := 0;
    for r in select * from public.search_musicians(p_near_lat => p_lat, p_near_lng => p_lng,
                                                   p_sort => p_sort, p_after => after, p_limit => p_size) loop
      acc := acc || r.stage_name;
      after := r.cursor;
      n := n + 1;
    end loop;
    exit when n < p_size;
  end loop;
  return acc;
end $$;
grant execute on function tests.musician_pages(text, integer, float8, float8) to anon, authenticated;

select has_table('public', 'favourite_musicians', 'Saved musicians have a table');
select has_table('public', 'favourite_gigs', 'Saved gigs have a table');
select tests.rls_enabled('public', 'favourite_musicians');
select tests.rls_enabled('public', 'favourite_gigs');
select has_index('public', 'musician_profiles', 'musician_profiles_published_rating_idx', 'Rating sort has an index');
select has_index('public', 'musician_profiles', 'musician_profiles_published_lname_idx', 'Name sort has an index');

-- search: visibility and sorts ------------------------------------------------------------------------
select tests.clear_authentication();
select is((select count(*)::int from public.search_musicians()), 7, 'A visitor sees the 7 published profiles');
select ok(not exists (select 1 from public.search_musicians(p_limit => 200) where stage_name = 'Hidden Harp'),
  'A draft profile never appears to a visitor');
select is(tests.musician_pages('rating', 2),
  (select array_agg(stage_name order by coalesce(rating_avg, 0) desc, id)
     from public.musician_profiles where published),
  'Rating pages of 2: best first, the 4.50 tie by id, no gaps or repeats');
select is((tests.musician_pages('rating', 2))[4:7]::text[],
  array['Bass Bruno', 'Fiddle Fay'] || (select array_agg(stage_name order by id) from public.musician_profiles
                                         where rating_avg is null),
  'Lower ratings follow, the unrated last');
select is(tests.musician_pages('name', 1),
  (select array_agg(stage_name order by lower(stage_name), id) from public.musician_profiles where published),
  'Name pages of 1: A to Z ignoring case, the tie broken by id');
select is(tests.musician_pages('distance', 3, 52.52, 13.405),
  (select array_agg(stage_name order by coalesce(public.distance_km(52.52, 13.405, lat, lng), 99999), id)
     from public.musician_profiles where published),
  'Distance pages of 3: nearest first, the profile without coordinates last');
select is((select array_agg(stage_name) from public.search_musicians(p_sort => 'distance')),
  (select array_agg(stage_name) from public.search_musicians(p_sort => 'rating')),
  'Distance without a place sorts by rating');

select tests.authenticate_as('m7');
select ok(not exists (select 1 from public.search_musicians(p_limit => 200) where stage_name = 'Hidden Harp'),
  'Not even its owner finds a draft profile in the directory');
select tests.authenticate_as('club');
select is((select count(*)::int from public.search_musicians()), 7, 'A signed-in client sees the same 7');

-- search: filters ------------------------------------------------------------------------------------
select is((select array_agg(stage_name order by stage_name) from public.search_musicians(p_instrument => ' Piano ')),
  array['Anna Keys', 'Echo'], 'Instrument: normalised, any profile that plays it');
select is((select array_agg(stage_name order by stage_name) from public.search_musicians(p_genre => 'jazz')),
  array['Anna Keys', 'Bass Bruno', 'Echo'], 'Genre: published profiles with it (not the draft)');
select is((select array_agg(stage_name order by stage_name)
             from public.search_musicians(p_near_lat => 52.52, p_near_lng => 13.405, p_radius_km => 10)),
  array['Anna Keys', 'Echo', 'echo'], 'Within 10 km of Berlin');
select is((select array_agg(stage_name order by stage_name)
             from public.search_musicians(p_near_lat => 52.52, p_near_lng => 13.405, p_radius_km => 30,
                                          p_city => 'Berlin')),
  array['Anna Keys', 'Cello Clara', 'Drums Dan', 'Echo', 'Fiddle Fay', 'echo'],
  'Within 30 km: Potsdam too, and the Berliner without coordinates when the city is given');
select is((select array_agg(stage_name order by stage_name) from public.search_musicians(p_fee_max => 20000)),
  array['Anna Keys', 'Drums Dan', 'Echo'], 'Fee: the lowest fee within what the hirer can pay (unstated left out)');
select is((select array_agg(stage_name order by stage_name)
             from public.search_musicians(p_fee_max => 20000, p_currency => 'eur')),
  array['Anna Keys', 'Echo'], 'Fee in one currency');
select is((select array_agg(stage_name order by stage_name) from public.search_musicians(p_min_rating => 4.5)),
  array['Anna Keys', 'Cello Clara', 'Drums Dan'], 'Minimum rating (unrated left out)');
select is((select array_agg(stage_name) from public.search_musicians(p_genre => 'jazz', p_instrument => 'piano',
                                                                     p_min_rating => 4)),
  array['Anna Keys'], 'Filters combine');
select is((select round(distance_km)::int from public.search_musicians(p_near_lat => 52.52, p_near_lng => 13.405)
            where stage_name = 'Cello Clara'), 27, 'The distance comes back in km');

-- search: bad input ----------------------------------------------------------------------------------
select throws_ok($$ select * from public.search_musicians(p_sort => 'price') $$, 'SC400', 'Sort by rating, name or distance',
  'An unknown sort is refused');
select throws_ok($$ select * from public.search_musicians(p_radius_km => 5) $$, 'SC400', 'A radius needs a place',
  'A radius without a place is refused');
select throws_ok($$ select * from public.search_musicians(p_sort => 'name',
    p_after => '{"sort": "rating", "k": "4.5", "id": "00000000-0000-4000-8000-000000000001"}') $$,
  'SC400', 'This cursor does not belong to this search', 'A cursor of another sort is refused');
select throws_ok($$ select * from public.search_musicians(
    p_after => '{"sort": "rating", "k": "x", "id": "00000000-0000-4000-8000-000000000001"}') $$,
  'SC400', 'This cursor does not belong to this search', 'A forged cursor is refused');

-- city coordinates -----------------------------------------------------------------------------------
select is((select samples from public.city_coordinates('  BERLIN ')), 3,
  'Berlin is placed from the 3 published Berlin profiles with coordinates');
select ok((select abs(lat - 52.5167) < 0.01 from public.city_coordinates('berlin')), 'at their mean position');
select is((select count(*)::int from public.city_coordinates('Atlantis')), 0, 'An unknown city has no row');

-- favourites -----------------------------------------------------------------------------------------
reset role;
insert into public.gigs (id, client_id, title, description, genres, starts_at, city, status, published_at,
                         apply_by, visibility)
values ('00000000-0000-4000-8000-0000000000f1', tests.get_supabase_uid('club'), 'Open jazz night',
        'A long enough description.', '{jazz}', now() + interval '9 days', 'Berlin', 'published', now(),
        now() + interval '8 days', 'public'),
       ('00000000-0000-4000-8000-0000000000f2', tests.get_supabase_uid('club'), 'Secret draft',
        'A long enough description.', '{jazz}', now() + interval '9 days', 'Berlin', 'draft', null, null,
        'public');

select tests.authenticate_as('eve');
select is(public.set_favourite('musician', tests.get_supabase_uid('m1'), true), true, 'Eve saves Anna');
select is(public.set_favourite('musician', tests.get_supabase_uid('m1'), true), true, 'Saving twice is fine');
select is((select count(*)::int from public.favourite_musicians), 1, 'and keeps one row');
select is(public.set_favourite('gig', '00000000-0000-4000-8000-0000000000f1', true), true, 'Eve saves a gig');
select throws_ok($$ select public.set_favourite('gig', '00000000-0000-4000-8000-0000000000f2', true) $$,
  'SC404', 'Gig not found', 'Nobody saves a draft gig they cannot see');
select throws_ok(format('select public.set_favourite(%L, %L, true)', 'musician', tests.get_supabase_uid('m7')),
  'SC404', 'Musician not found', 'Nor a draft musician profile');
select throws_ok($$ insert into public.favourite_gigs (gig_id) values ('00000000-0000-4000-8000-0000000000f2') $$,
  '42501', null, 'Not even by writing the table');
select throws_ok(format('insert into public.favourite_musicians (user_id, musician_id) values (%L, %L)',
    tests.get_supabase_uid('club'), tests.get_supabase_uid('m2')),
  '42501', null, 'Eve cannot save a musician in the club''s name');

select tests.authenticate_as('club');
select is((select count(*)::int from public.favourite_musicians) + (select count(*)::int from public.favourite_gigs),
  0, 'The club cannot read Eve''s favourites');
delete from public.favourite_musicians;
delete from public.favourite_gigs;
select is(public.set_favourite('musician', tests.get_supabase_uid('m1'), false), false,
  'Unsaving what one never saved changes nothing');

select tests.authenticate_as('eve');
select is((select count(*)::int from public.favourite_musicians) + (select count(*)::int from public.favourite_gigs),
  2, 'Eve''s favourites survived the club''s deletes');
select is(public.set_favourite('musician', tests.get_supabase_uid('m1'), false), false, 'Eve removes Anna');
select is((select count(*)::int from public.favourite_musicians), 0, 'and she is gone');

select tests.clear_authentication();
select throws_ok($$ select count(*) from public.favourite_gigs $$, '42501', null, 'A visitor reads no favourites');
select throws_ok($$ select public.set_favourite('gig', '00000000-0000-4000-8000-0000000000f1', true) $$,
  '42501', null, 'nor saves any');

select * from finish();
rollback;
