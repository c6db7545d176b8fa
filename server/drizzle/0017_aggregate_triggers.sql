-- District scale (issue 8): the aggregates of 0016 are kept by these triggers in the same
-- transaction as the change they count. Every function runs as the tables' owner (SECURITY
-- DEFINER): the serving role only reads the aggregates. agg_rebuild() recomputes them all from the
-- records; the tests check it agrees with what the triggers kept.

-- A community's three scopes: itself, its street, its district.
CREATE FUNCTION agg_scopes(c uuid) RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ARRAY[co.id, co.street_id, s.district_id] FROM communities co JOIN streets s ON s.id = co.street_id WHERE co.id = c
$$;
--> statement-breakpoint
-- An instant's three periods on the Asia/Shanghai calendar: all time, its year, its month.
CREATE FUNCTION agg_periods(at timestamptz) RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ARRAY['all', to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY'), to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')]
$$;
--> statement-breakpoint
CREATE FUNCTION agg_month(at timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
$$;
--> statement-breakpoint
-- The upper edges (hours) of the time-to-service histogram; the last bucket is open. The same
-- list is SERVICE_HOURS_EDGES in @linli/shared (a test holds them equal).
CREATE FUNCTION agg_service_edges() RETURNS double precision[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 24,
    30, 36, 42, 48, 54, 60, 66, 72, 84, 96, 108, 120, 132, 144, 156, 168, 192, 216, 240, 264, 288,
    312, 336, 360, 384, 408, 432, 456, 480, 504, 528, 552, 576, 600, 624, 648, 672, 696, 720, 888,
    1056, 1224, 1392, 1560, 1728, 1896, 2064, 2232]::double precision[]
$$;
--> statement-breakpoint
-- The 1-based histogram bucket of a duration in hours.
CREATE FUNCTION agg_service_bucket(hours double precision) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 1 + (SELECT count(*)::int FROM unnest(agg_service_edges()) e WHERE e <= hours)
$$;
--> statement-breakpoint
CREATE FUNCTION agg_hist_inc(h integer[], bucket integer, d integer) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE r integer[] := h;
BEGIN
  IF coalesce(cardinality(r), 0) = 0 THEN r := array_fill(0, ARRAY[cardinality(agg_service_edges()) + 1]); END IF;
  r[bucket] := r[bucket] + d;
  RETURN r;
END $$;
--> statement-breakpoint
-- A confirmed 双报到 of the volunteer to a community of the scope.
CREATE FUNCTION agg_dual(v uuid, s uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (SELECT 1 FROM dual_reports d WHERE d.user_id = v AND d.state = 'confirmed' AND s = ANY (agg_scopes(d.community_id)))
$$;
--> statement-breakpoint
-- A volunteer's activities led and no-shows at instant `at` in community `c`, in each of its
-- scopes and periods.
CREATE FUNCTION agg_add_marks(v uuid, c uuid, at timestamptz, d_led integer, d_no_shows integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s uuid;
  p text;
  is_party boolean := coalesce((SELECT vp.is_party_member FROM volunteer_profiles vp WHERE vp.user_id = v), false);
BEGIN
  FOREACH s IN ARRAY agg_scopes(c) LOOP
    FOREACH p IN ARRAY agg_periods(at) LOOP
      INSERT INTO agg_volunteers AS a (scope_id, period, volunteer_id, led, no_shows, dual, party)
      VALUES (s, p, v, d_led, d_no_shows, agg_dual(v, s), is_party)
      ON CONFLICT (scope_id, period, volunteer_id) DO UPDATE
        SET led = a.led + excluded.led, no_shows = a.no_shows + excluded.no_shows;
    END LOOP;
  END LOOP;
END $$;
--> statement-breakpoint
-- Approved minutes (signed) of volunteers vs[i] in communities cs[i] at instants ats[i], in one
-- statement's worth. Rows are locked in one global order — community months, then volunteers,
-- then teams, then units, each sorted — so concurrent approvals wait rather than deadlock. A unit's
-- or team's count of people who served follows each volunteer's 0 ↔ > 0 crossings.
CREATE FUNCTION agg_apply_hours(cs uuid[], ats timestamptz[], vs uuid[], ds integer[])
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_community_months AS m (community_id, month, minutes)
  SELECT x.c, agg_month(x.at), sum(x.d)::int FROM unnest(cs, ats, vs, ds) x(c, at, v, d)
   GROUP BY 1, 2 HAVING sum(x.d) <> 0 ORDER BY 1, 2
  ON CONFLICT (community_id, month) DO UPDATE SET minutes = m.minutes + excluded.minutes;

  WITH k AS (
    SELECT sc.scope_id, p.period, x.v, sum(x.d)::int AS d
      FROM unnest(cs, ats, vs, ds) x(c, at, v, d)
      CROSS JOIN LATERAL unnest(agg_scopes(x.c)) sc(scope_id)
      CROSS JOIN LATERAL unnest(agg_periods(x.at)) p(period)
     GROUP BY 1, 2, 3 HAVING sum(x.d) <> 0
  ), up AS (
    INSERT INTO agg_volunteers AS a (scope_id, period, volunteer_id, minutes, dual, party)
    SELECT k.scope_id, k.period, k.v, k.d, agg_dual(k.v, k.scope_id),
           coalesce((SELECT vp.is_party_member FROM volunteer_profiles vp WHERE vp.user_id = k.v), false)
      FROM k ORDER BY k.v, k.scope_id, k.period
    ON CONFLICT (scope_id, period, volunteer_id) DO UPDATE SET minutes = a.minutes + excluded.minutes
    RETURNING a.scope_id, a.period, a.volunteer_id, a.minutes
  ), served AS MATERIALIZED (
    SELECT up.scope_id, up.period, up.volunteer_id AS v, k.d,
           (up.minutes > 0)::int - (up.minutes - k.d > 0)::int AS served
      FROM up JOIN k ON k.scope_id = up.scope_id AND k.period = up.period AND k.v = up.volunteer_id
  ), teams AS (
    INSERT INTO agg_teams AS t (scope_id, period, team_id, minutes, served)
    SELECT s.scope_id, s.period, tm.team_id, sum(s.d)::int, sum(s.served)::int
      FROM served s JOIN team_members tm ON tm.user_id = s.v
     GROUP BY 1, 2, 3 ORDER BY 3, 1, 2
    ON CONFLICT (scope_id, period, team_id) DO UPDATE SET minutes = t.minutes + excluded.minutes, served = t.served + excluded.served
    RETURNING 1
  )
  INSERT INTO agg_units AS u (scope_id, period, unit_id, minutes, volunteers)
  SELECT s.scope_id, s.period, m.unit_id, sum(s.d)::int, sum(s.served)::int
    FROM served s JOIN unit_members m ON m.user_id = s.v AND m.status = 'active'
   WHERE (SELECT count(*) FROM teams) >= 0
   GROUP BY 1, 2, 3 ORDER BY 3, 1, 2
  ON CONFLICT (scope_id, period, unit_id) DO UPDATE
    SET minutes = u.minutes + excluded.minutes, volunteers = u.volunteers + excluded.volunteers;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_add_unit(u uuid, c uuid, at timestamptz, d_claims integer, d_people integer, d_rating_sum integer,
  d_rating_count integer, d_resources integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE s uuid; p text;
BEGIN
  FOREACH s IN ARRAY agg_scopes(c) LOOP
    FOREACH p IN ARRAY agg_periods(at) LOOP
      INSERT INTO agg_units AS a (scope_id, period, unit_id, claims, people, rating_sum, rating_count, resources)
      VALUES (s, p, u, d_claims, d_people, d_rating_sum, d_rating_count, d_resources)
      ON CONFLICT (scope_id, period, unit_id) DO UPDATE
        SET claims = a.claims + excluded.claims, people = a.people + excluded.people,
            rating_sum = a.rating_sum + excluded.rating_sum, rating_count = a.rating_count + excluded.rating_count,
            resources = a.resources + excluded.resources;
    END LOOP;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_add_month(c uuid, at timestamptz, d_accepted integer, d_planned integer, bucket integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_community_months AS m (community_id, month, accepted, planned, to_service)
  VALUES (c, agg_month(at), d_accepted, d_planned, CASE WHEN bucket IS NULL THEN '{}'::integer[] ELSE agg_hist_inc('{}', bucket, 1) END)
  ON CONFLICT (community_id, month) DO UPDATE
    SET accepted = m.accepted + excluded.accepted, planned = m.planned + excluded.planned,
        to_service = CASE WHEN bucket IS NULL THEN m.to_service ELSE agg_hist_inc(m.to_service, bucket, 1) END;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_add_points(c uuid, at timestamptz, d_issued integer, d_redeemed integer)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_points_months AS m (community_id, month, issued, redeemed) VALUES (c, agg_month(at), d_issued, d_redeemed)
  ON CONFLICT (community_id, month) DO UPDATE SET issued = m.issued + excluded.issued, redeemed = m.redeemed + excluded.redeemed;
END $$;
--> statement-breakpoint
-- Hour records, per statement: the approved minutes each changed, dated by the activity's start.
CREATE FUNCTION agg_hour_records_inserted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM agg_apply_hours(array_agg(x.community_id), array_agg(a.starts_at), array_agg(x.volunteer_id), array_agg(x.minutes))
     FROM new_rows x JOIN activities a ON a.community_id = x.community_id AND a.id = x.activity_id
    WHERE x.state = 'approved' AND x.minutes <> 0
   HAVING count(*) > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_hour_records_updated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM agg_apply_hours(array_agg(x.community_id), array_agg(a.starts_at), array_agg(x.volunteer_id), array_agg(x.d))
     FROM (SELECT community_id, activity_id, volunteer_id, minutes AS d FROM new_rows WHERE state = 'approved' AND minutes <> 0
           UNION ALL
           SELECT community_id, activity_id, volunteer_id, -minutes FROM old_rows WHERE state = 'approved' AND minutes <> 0) x
     JOIN activities a ON a.community_id = x.community_id AND a.id = x.activity_id
   HAVING count(*) > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_hour_records_deleted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM agg_apply_hours(array_agg(x.community_id), array_agg(a.starts_at), array_agg(x.volunteer_id), array_agg(-x.minutes))
     FROM old_rows x JOIN activities a ON a.community_id = x.community_id AND a.id = x.activity_id
    WHERE x.state = 'approved' AND x.minutes <> 0
   HAVING count(*) > 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_hour_records_inserted AFTER INSERT ON hour_records REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_hour_records_inserted();
--> statement-breakpoint
CREATE TRIGGER agg_hour_records_updated AFTER UPDATE ON hour_records REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_hour_records_updated();
--> statement-breakpoint
CREATE TRIGGER agg_hour_records_deleted AFTER DELETE ON hour_records REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION agg_hour_records_deleted();
--> statement-breakpoint
-- Activities: a completed activity counts for its leader; a new start moves its approved hours.
CREATE FUNCTION agg_activities() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.state = 'completed' AND OLD.leader_id IS NOT NULL THEN
    PERFORM agg_add_marks(OLD.leader_id, OLD.community_id, OLD.starts_at, -1, 0);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.state = 'completed' AND NEW.leader_id IS NOT NULL THEN
    PERFORM agg_add_marks(NEW.leader_id, NEW.community_id, NEW.starts_at, 1, 0);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.starts_at IS DISTINCT FROM NEW.starts_at THEN
    PERFORM agg_apply_hours(array_agg(NEW.community_id), array_agg(x.at), array_agg(h.volunteer_id), array_agg(x.sign * h.minutes))
       FROM hour_records h CROSS JOIN (VALUES (OLD.starts_at, -1), (NEW.starts_at, 1)) x(at, sign)
      WHERE h.community_id = NEW.community_id AND h.activity_id = NEW.id AND h.state = 'approved' AND h.minutes <> 0
     HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_activities AFTER INSERT OR DELETE OR UPDATE OF state, leader_id, starts_at ON activities FOR EACH ROW EXECUTE FUNCTION agg_activities();
--> statement-breakpoint
-- No-show marks that count (active or upheld), dated when marked.
CREATE FUNCTION agg_no_show_marks() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.state IN ('active', 'upheld') THEN
    PERFORM agg_add_marks(OLD.volunteer_id, OLD.community_id, OLD.marked_at, 0, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.state IN ('active', 'upheld') THEN
    PERFORM agg_add_marks(NEW.volunteer_id, NEW.community_id, NEW.marked_at, 0, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_no_show_marks AFTER INSERT OR DELETE OR UPDATE OF state, marked_at, volunteer_id ON no_show_marks FOR EACH ROW EXECUTE FUNCTION agg_no_show_marks();
--> statement-breakpoint
CREATE FUNCTION agg_dual_reports() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT DISTINCT x.user_id, x.community_id FROM (
      SELECT OLD.user_id, OLD.community_id WHERE TG_OP <> 'INSERT'
      UNION ALL SELECT NEW.user_id, NEW.community_id WHERE TG_OP <> 'DELETE') x(user_id, community_id) LOOP
    UPDATE agg_volunteers a SET dual = agg_dual(r.user_id, a.scope_id)
     WHERE a.volunteer_id = r.user_id AND a.scope_id = ANY (agg_scopes(r.community_id))
       AND a.dual IS DISTINCT FROM agg_dual(r.user_id, a.scope_id);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_dual_reports AFTER INSERT OR DELETE OR UPDATE OF state, user_id, community_id ON dual_reports FOR EACH ROW EXECUTE FUNCTION agg_dual_reports();
--> statement-breakpoint
CREATE FUNCTION agg_volunteer_profiles() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE agg_volunteers SET party = NEW.is_party_member WHERE volunteer_id = NEW.user_id AND party <> NEW.is_party_member;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_volunteer_profiles AFTER INSERT OR UPDATE OF is_party_member ON volunteer_profiles FOR EACH ROW EXECUTE FUNCTION agg_volunteer_profiles();
--> statement-breakpoint
-- A volunteer's rows (all scopes and periods), signed, into a unit's or a team's aggregates.
CREATE FUNCTION agg_unit_member_rows(u uuid, v uuid, sign integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_units AS a (scope_id, period, unit_id, minutes, volunteers)
    SELECT x.scope_id, x.period, u, sign * x.minutes, sign FROM agg_volunteers x WHERE x.volunteer_id = v AND x.minutes > 0
     ORDER BY x.scope_id, x.period
  ON CONFLICT (scope_id, period, unit_id) DO UPDATE
    SET minutes = a.minutes + excluded.minutes, volunteers = a.volunteers + excluded.volunteers;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_unit_members() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.unit_id = NEW.unit_id AND OLD.user_id = NEW.user_id
     AND (OLD.status = 'active') = (NEW.status = 'active') THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.status = 'active' THEN PERFORM agg_unit_member_rows(OLD.unit_id, OLD.user_id, -1); END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'active' THEN PERFORM agg_unit_member_rows(NEW.unit_id, NEW.user_id, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_unit_members AFTER INSERT OR DELETE OR UPDATE ON unit_members FOR EACH ROW EXECUTE FUNCTION agg_unit_members();
--> statement-breakpoint
CREATE FUNCTION agg_team_member_rows(tm uuid, v uuid, sign integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_teams AS a (scope_id, period, team_id, minutes, served)
    SELECT x.scope_id, x.period, tm, sign * x.minutes, sign FROM agg_volunteers x WHERE x.volunteer_id = v AND x.minutes > 0
     ORDER BY x.scope_id, x.period
  ON CONFLICT (scope_id, period, team_id) DO UPDATE SET minutes = a.minutes + excluded.minutes, served = a.served + excluded.served;
  INSERT INTO agg_team_sizes AS z (team_id, members) VALUES (tm, sign)
  ON CONFLICT (team_id) DO UPDATE SET members = z.members + excluded.members;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_team_members() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.team_id = NEW.team_id AND OLD.user_id = NEW.user_id THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM agg_team_member_rows(OLD.team_id, OLD.user_id, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM agg_team_member_rows(NEW.team_id, NEW.user_id, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_team_members AFTER INSERT OR DELETE OR UPDATE ON team_members FOR EACH ROW EXECUTE FUNCTION agg_team_members();
--> statement-breakpoint
-- A claim counts (active or completed) when made; so do the ratings of its project for its unit.
CREATE FUNCTION agg_claim_rows(c uuid, project uuid, u uuid, at timestamptz, sign integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE r record;
BEGIN
  PERFORM agg_add_unit(u, c, at, sign, 0, 0, 0, 0);
  FOR r IN SELECT g.score, g.created_at FROM ratings g
            WHERE g.community_id = c AND g.project_id = project AND g.review_state <> 'hidden' ORDER BY g.id LOOP
    PERFORM agg_add_unit(u, c, r.created_at, 0, 0, sign * r.score, sign, 0);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_claims() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.unit_id = NEW.unit_id AND OLD.project_id = NEW.project_id AND OLD.created_at = NEW.created_at
     AND (OLD.state IN ('active', 'completed')) = (NEW.state IN ('active', 'completed')) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.state IN ('active', 'completed') THEN
    PERFORM agg_claim_rows(OLD.community_id, OLD.project_id, OLD.unit_id, OLD.created_at, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.state IN ('active', 'completed') THEN
    PERFORM agg_claim_rows(NEW.community_id, NEW.project_id, NEW.unit_id, NEW.created_at, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_claims AFTER INSERT OR DELETE OR UPDATE ON claims FOR EACH ROW EXECUTE FUNCTION agg_claims();
--> statement-breakpoint
-- A rating not hidden counts for every unit with a counting claim on its project.
CREATE FUNCTION agg_rating_rows(c uuid, project uuid, score integer, at timestamptz, sign integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT cl.unit_id FROM claims cl
            WHERE cl.community_id = c AND cl.project_id = project AND cl.state IN ('active', 'completed') ORDER BY cl.unit_id LOOP
    PERFORM agg_add_unit(r.unit_id, c, at, 0, 0, sign * score, sign, 0);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_ratings() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.project_id = NEW.project_id AND OLD.score = NEW.score AND OLD.created_at = NEW.created_at
     AND (OLD.review_state <> 'hidden') = (NEW.review_state <> 'hidden') THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.review_state <> 'hidden' THEN
    PERFORM agg_rating_rows(OLD.community_id, OLD.project_id, OLD.score, OLD.created_at, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.review_state <> 'hidden' THEN
    PERFORM agg_rating_rows(NEW.community_id, NEW.project_id, NEW.score, NEW.created_at, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_ratings AFTER INSERT OR DELETE OR UPDATE ON ratings FOR EACH ROW EXECUTE FUNCTION agg_ratings();
--> statement-breakpoint
CREATE FUNCTION agg_completion_reports() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.unit_id IS NOT NULL THEN
    PERFORM agg_add_unit(OLD.unit_id, OLD.community_id, OLD.created_at, 0, -OLD.people_served, 0, 0, 0);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.unit_id IS NOT NULL THEN
    PERFORM agg_add_unit(NEW.unit_id, NEW.community_id, NEW.created_at, 0, NEW.people_served, 0, 0, 0);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_completion_reports AFTER INSERT OR DELETE OR UPDATE OF unit_id, people_served, created_at ON completion_reports FOR EACH ROW EXECUTE FUNCTION agg_completion_reports();
--> statement-breakpoint
-- Resources offered by a unit that staff published (or that ran out since).
CREATE FUNCTION agg_resources() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.unit_id = NEW.unit_id AND OLD.created_at = NEW.created_at
     AND (OLD.state IN ('published', 'exhausted')) = (NEW.state IN ('published', 'exhausted')) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.state IN ('published', 'exhausted') THEN
    PERFORM agg_add_unit(OLD.unit_id, OLD.community_id, OLD.created_at, 0, 0, 0, 0, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.state IN ('published', 'exhausted') THEN
    PERFORM agg_add_unit(NEW.unit_id, NEW.community_id, NEW.created_at, 0, 0, 0, 0, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_resources AFTER INSERT OR DELETE OR UPDATE OF state, unit_id, created_at ON resources FOR EACH ROW EXECUTE FUNCTION agg_resources();
--> statement-breakpoint
-- Needs by state, and submitted needs by month and category.
CREATE FUNCTION agg_needs() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.category = NEW.category AND OLD.created_at = NEW.created_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    UPDATE agg_need_states SET count = count - 1 WHERE community_id = OLD.community_id AND state = OLD.state;
    UPDATE agg_need_categories SET count = count - 1
     WHERE community_id = OLD.community_id AND month = agg_month(OLD.created_at) AND category = OLD.category;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO agg_need_states AS a (community_id, state, count) VALUES (NEW.community_id, NEW.state, 1)
    ON CONFLICT (community_id, state) DO UPDATE SET count = a.count + 1;
    INSERT INTO agg_need_categories AS a (community_id, month, category, count)
    VALUES (NEW.community_id, agg_month(NEW.created_at), NEW.category, 1)
    ON CONFLICT (community_id, month, category) DO UPDATE SET count = a.count + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_needs AFTER INSERT OR DELETE OR UPDATE OF state, category, created_at ON needs FOR EACH ROW EXECUTE FUNCTION agg_needs();
--> statement-breakpoint
-- The need history: accepted and planned counts (the match rate), time from submitted to service.
CREATE FUNCTION agg_need_events() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE submitted timestamptz;
BEGIN
  IF NEW.action = 'accepted' THEN
    PERFORM agg_add_month(NEW.community_id, NEW.at, 1, 0, NULL);
  ELSIF NEW.action = 'planned' THEN
    PERFORM agg_add_month(NEW.community_id, NEW.at, 0, 1, NULL);
  ELSIF NEW.action = 'in_service' THEN
    submitted := (SELECT n.created_at FROM needs n WHERE n.community_id = NEW.community_id AND n.id = NEW.need_id);
    PERFORM agg_add_month(NEW.community_id, NEW.at, 0, 0,
      agg_service_bucket(extract(epoch FROM NEW.at - submitted)::double precision / 3600));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_need_events AFTER INSERT ON need_events FOR EACH ROW EXECUTE FUNCTION agg_need_events();
--> statement-breakpoint
-- Points issued (earn, bonus, adjust out of the issuance account) and redeemed (net of refunds).
CREATE FUNCTION agg_ledger_entries() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE account_kind text; posting_kind text;
BEGIN
  account_kind := (SELECT a.kind FROM ledger_accounts a WHERE a.community_id = NEW.community_id AND a.id = NEW.account_id);
  IF account_kind NOT IN ('issuance', 'store') THEN RETURN NULL; END IF;
  posting_kind := (SELECT p.kind FROM ledger_postings p WHERE p.community_id = NEW.community_id AND p.id = NEW.posting_id);
  IF account_kind = 'issuance' AND posting_kind IN ('earn', 'bonus', 'adjust') AND NEW.amount < 0 THEN
    PERFORM agg_add_points(NEW.community_id, NEW.created_at, -NEW.amount, 0);
  ELSIF account_kind = 'store' AND posting_kind = 'redeem' AND NEW.amount > 0 THEN
    PERFORM agg_add_points(NEW.community_id, NEW.created_at, 0, NEW.amount);
  ELSIF account_kind = 'store' AND posting_kind = 'refund' AND NEW.amount < 0 THEN
    PERFORM agg_add_points(NEW.community_id, NEW.created_at, 0, NEW.amount);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agg_ledger_entries AFTER INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION agg_ledger_entries();
--> statement-breakpoint
-- Every aggregate again from the records (after a bulk load, or to check the triggers): agg_rebuild()
-- runs the steps below in order. The district generator runs them itself, two at a time where
-- they do not depend on each other: volunteers' community months first; then the streets' and
-- the district's months from those; then each level's years and all time; then units, teams,
-- 双报到; the dashboard's months, points and needs at any point after the first step.
CREATE FUNCTION agg_rebuild_volunteer_months() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_volunteers (scope_id, period, volunteer_id, minutes, led, no_shows, dual, party)
  SELECT x.c, x.month, x.v, sum(x.minutes)::int, sum(x.led)::int, sum(x.no_shows)::int, false,
         coalesce(vp.is_party_member, false)
    FROM (
      SELECT h.community_id AS c, agg_month(a.starts_at) AS month, h.volunteer_id AS v, h.minutes, 0 AS led, 0 AS no_shows
        FROM hour_records h JOIN activities a ON a.community_id = h.community_id AND a.id = h.activity_id
       WHERE h.state = 'approved' AND h.minutes <> 0
      UNION ALL
      SELECT a.community_id, agg_month(a.starts_at), a.leader_id, 0, 1, 0
        FROM activities a WHERE a.state = 'completed' AND a.leader_id IS NOT NULL
      UNION ALL
      SELECT k.community_id, agg_month(k.marked_at), k.volunteer_id, 0, 0, 1
        FROM no_show_marks k WHERE k.state IN ('active', 'upheld')
    ) x
    LEFT JOIN volunteer_profiles vp ON vp.user_id = x.v
   GROUP BY x.c, x.month, x.v, vp.is_party_member
   ORDER BY 1, 2, 3;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_volunteer_level(level text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- The street's (or the district's) months from its communities' months.
  INSERT INTO agg_volunteers (scope_id, period, volunteer_id, minutes, led, no_shows, dual, party)
  SELECT CASE WHEN level = 'street' THEN co.street_id ELSE st.district_id END, a.period, a.volunteer_id,
         sum(a.minutes)::int, sum(a.led)::int, sum(a.no_shows)::int, false, bool_or(a.party)
    FROM agg_volunteers a
    JOIN communities co ON co.id = a.scope_id
    JOIN streets st ON st.id = co.street_id
   WHERE length(a.period) = 7
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_volunteer_periods(level text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- A level's years and all time from its months.
  INSERT INTO agg_volunteers (scope_id, period, volunteer_id, minutes, led, no_shows, dual, party)
  SELECT a.scope_id, p.period, a.volunteer_id, sum(a.minutes)::int, sum(a.led)::int, sum(a.no_shows)::int, false, bool_or(a.party)
    FROM agg_volunteers a CROSS JOIN LATERAL (VALUES (left(a.period, 4)), ('all')) p(period)
   WHERE length(a.period) = 7 AND CASE level
       WHEN 'community' THEN EXISTS (SELECT 1 FROM communities co WHERE co.id = a.scope_id)
       WHEN 'street' THEN EXISTS (SELECT 1 FROM streets st WHERE st.id = a.scope_id)
       ELSE EXISTS (SELECT 1 FROM districts d WHERE d.id = a.scope_id) END
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_dual() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE agg_volunteers a SET dual = true
    FROM (SELECT DISTINCT d.user_id, s.scope_id FROM dual_reports d CROSS JOIN LATERAL unnest(agg_scopes(d.community_id)) s(scope_id)
           WHERE d.state = 'confirmed') x
   WHERE a.volunteer_id = x.user_id AND a.scope_id = x.scope_id;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_units() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- Units: members' minutes and how many served, then claims, people, ratings, resources.
  INSERT INTO agg_units (scope_id, period, unit_id, minutes, volunteers)
  SELECT a.scope_id, a.period, m.unit_id, sum(a.minutes)::int, count(*)::int
    FROM agg_volunteers a JOIN unit_members m ON m.user_id = a.volunteer_id AND m.status = 'active'
   WHERE a.minutes > 0
   GROUP BY 1, 2, 3;

  INSERT INTO agg_units AS u (scope_id, period, unit_id, claims, people, rating_sum, rating_count, resources)
  SELECT pl.scope_id, p.period, x.unit_id, sum(x.claims)::int, sum(x.people)::int, sum(x.rating_sum)::int,
         sum(x.rating_count)::int, sum(x.resources)::int
    FROM (
      SELECT cl.community_id AS c, cl.unit_id, cl.created_at AS at, 1 AS claims, 0 AS people, 0 AS rating_sum, 0 AS rating_count, 0 AS resources
        FROM claims cl WHERE cl.state IN ('active', 'completed')
      UNION ALL
      SELECT r.community_id, r.unit_id, r.created_at, 0, r.people_served, 0, 0, 0 FROM completion_reports r WHERE r.unit_id IS NOT NULL
      UNION ALL
      SELECT g.community_id, cl.unit_id, g.created_at, 0, 0, g.score, 1, 0 FROM ratings g
        JOIN claims cl ON cl.community_id = g.community_id AND cl.project_id = g.project_id AND cl.state IN ('active', 'completed')
       WHERE g.review_state <> 'hidden'
      UNION ALL
      SELECT s.community_id, s.unit_id, s.created_at, 0, 0, 0, 0, 1 FROM resources s WHERE s.state IN ('published', 'exhausted')
    ) x
    CROSS JOIN LATERAL unnest(agg_scopes(x.c)) pl(scope_id)
    CROSS JOIN LATERAL unnest(agg_periods(x.at)) p(period)
   GROUP BY 1, 2, 3
  ON CONFLICT (scope_id, period, unit_id) DO UPDATE
    SET claims = excluded.claims, people = excluded.people, rating_sum = excluded.rating_sum,
        rating_count = excluded.rating_count, resources = excluded.resources;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_teams() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_teams (scope_id, period, team_id, minutes, served)
  SELECT a.scope_id, a.period, tm.team_id, sum(a.minutes)::int, count(*)::int
    FROM agg_volunteers a JOIN team_members tm ON tm.user_id = a.volunteer_id
   WHERE a.minutes > 0
   GROUP BY 1, 2, 3;

  INSERT INTO agg_team_sizes (team_id, members) SELECT tm.team_id, count(*)::int FROM team_members tm GROUP BY 1;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_months() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- The dashboard's months.
  INSERT INTO agg_community_months AS m (community_id, month, minutes)
  SELECT a.scope_id, a.period, sum(a.minutes)::int FROM agg_volunteers a JOIN communities co ON co.id = a.scope_id
   WHERE length(a.period) = 7 GROUP BY 1, 2 HAVING sum(a.minutes) <> 0;

  INSERT INTO agg_community_months AS m (community_id, month, accepted, planned)
  SELECT e.community_id, agg_month(e.at), count(*) FILTER (WHERE e.action = 'accepted')::int,
         count(*) FILTER (WHERE e.action = 'planned')::int
    FROM need_events e WHERE e.action IN ('accepted', 'planned') GROUP BY 1, 2
  ON CONFLICT (community_id, month) DO UPDATE SET accepted = excluded.accepted, planned = excluded.planned;

  INSERT INTO agg_community_months AS m (community_id, month, to_service)
  SELECT b.c, b.month, array_agg(coalesce(b.n, 0) ORDER BY b.bucket)
    FROM (
      SELECT k.c, k.month, g.bucket, x.n
        FROM (SELECT DISTINCT e.community_id AS c, agg_month(e.at) AS month FROM need_events e WHERE e.action = 'in_service') k
        CROSS JOIN generate_series(1, cardinality(agg_service_edges()) + 1) g(bucket)
        LEFT JOIN (
          SELECT e.community_id AS c, agg_month(e.at) AS month,
                 agg_service_bucket(extract(epoch FROM e.at - n.created_at)::double precision / 3600) AS bucket, count(*)::int AS n
            FROM need_events e JOIN needs n ON n.community_id = e.community_id AND n.id = e.need_id
           WHERE e.action = 'in_service' GROUP BY 1, 2, 3
        ) x ON x.c = k.c AND x.month = k.month AND x.bucket = g.bucket
    ) b
   GROUP BY 1, 2
  ON CONFLICT (community_id, month) DO UPDATE SET to_service = excluded.to_service;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_points() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_points_months (community_id, month, issued, redeemed)
  SELECT e.community_id, agg_month(e.created_at),
         coalesce(-sum(e.amount) FILTER (WHERE a.kind = 'issuance' AND p.kind IN ('earn', 'bonus', 'adjust') AND e.amount < 0), 0)::int,
         coalesce(sum(e.amount) FILTER (WHERE a.kind = 'store' AND ((p.kind = 'redeem' AND e.amount > 0) OR (p.kind = 'refund' AND e.amount < 0))), 0)::int
    FROM ledger_entries e
    JOIN ledger_accounts a ON a.community_id = e.community_id AND a.id = e.account_id AND a.kind IN ('issuance', 'store')
    JOIN ledger_postings p ON p.community_id = e.community_id AND p.id = e.posting_id
   GROUP BY 1, 2;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild_needs() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO agg_need_states (community_id, state, count)
  SELECT n.community_id, n.state, count(*)::int FROM needs n GROUP BY 1, 2;

  INSERT INTO agg_need_categories (community_id, month, category, count)
  SELECT n.community_id, agg_month(n.created_at), n.category, count(*)::int FROM needs n GROUP BY 1, 2, 3;
END $$;
--> statement-breakpoint
CREATE FUNCTION agg_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  TRUNCATE agg_volunteers, agg_units, agg_teams, agg_team_sizes, agg_community_months, agg_points_months, agg_need_states,
    agg_need_categories;
  PERFORM agg_rebuild_volunteer_months();
  PERFORM agg_rebuild_volunteer_level('street');
  PERFORM agg_rebuild_volunteer_level('district');
  PERFORM agg_rebuild_volunteer_periods('community');
  PERFORM agg_rebuild_volunteer_periods('street');
  PERFORM agg_rebuild_volunteer_periods('district');
  PERFORM agg_rebuild_dual();
  PERFORM agg_rebuild_units();
  PERFORM agg_rebuild_teams();
  PERFORM agg_rebuild_months();
  PERFORM agg_rebuild_points();
  PERFORM agg_rebuild_needs();
END $$;
