/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-error.h"
#include "psr-sample.h"
#include "psr-sessions.h"
#include "psr-test-utils.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* A Wednesday afternoon, and the days after it: the running session has had
 * its first morning. */
static GDateTime *
make_today (int day_offset)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);

  return g_date_time_add_days (today, day_offset);
}

static void
load_ok (PsrDatabase *db,
         int          day_offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = make_today (day_offset);

  g_assert_true (psr_sample_load (db, today, &error));
  g_assert_no_error (error);
}

/* Counts with the day and the time of "today" bound as ?1 and ?2. */
static gint64
count_at (PsrDatabase *db,
          const char  *sql,
          int          day_offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = make_today (day_offset);
  g_autofree char *day = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *hour = g_date_time_format (today, "%H:%M");
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hour, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static char *
snapshot (PsrDatabase *db)
{
  static const char * const tables[] = {
    "scales", "scale_levels", "frameworks", "competencies", "curricula", "curriculum_objectives",
    "objective_competencies", "modules", "module_competencies", "module_scenarios", "scenarios",
    "scenario_audiences", "scenario_phases", "scenario_competencies", "rehearsal_nodes",
    "rehearsal_choices", "people", "sessions", "session_slots", "session_trainers", "enrollments",
    "attendance", "signatures", "positionings", "satisfaction_responses", "satisfaction_answers",
  };
  GString *counts = g_string_new (NULL);

  /* Table names are constants of this test, never data. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_string_append_printf (counts, "%s=%" G_GINT64_FORMAT " ", tables[i],
                              psr_test_query_int (db, sql));
    }

  return g_string_free (counts, FALSE);
}

static void
assert_consistent (PsrDatabase *db,
                   int          day_offset)
{
  /* Nothing dangling, nothing broken. */
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);

  /* Training days are weekdays, two half-days each. */
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM session_slots WHERE strftime('%w', day) IN ('0', '6')"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM (SELECT 1 FROM session_slots GROUP BY session_id, day"
    " HAVING count(*) != 2)"), ==, 0);

  /* Statuses follow the dates. */
  g_assert_cmpint (count_at (db,
    "SELECT count(*) FROM sessions WHERE status != CASE"
    " WHEN status = 'cancelled' THEN 'cancelled'"
    " WHEN ends_on < ?1 THEN 'done'"
    " WHEN starts_on <= ?1 THEN 'running'"
    " ELSE status END"
    " OR (starts_on > ?1 AND status NOT IN ('planned', 'confirmed', 'cancelled'))",
    day_offset), ==, 0);
  g_assert_cmpint (count_at (db, "SELECT count(*) FROM sessions WHERE ends_on < ?1",
                             day_offset), >=, 1);
  g_assert_cmpint (count_at (db, "SELECT count(*) FROM sessions WHERE starts_on > ?1",
                             day_offset), >=, 1);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM sessions WHERE status = 'running'"), ==, 1);

  /* Attendance exactly on the half-days already over, for every trainee
   * enrolled, and on nothing else. */
  g_assert_cmpint (count_at (db,
    "SELECT count(*) FROM attendance a JOIN session_slots sl ON sl.id = a.slot_id"
    " WHERE sl.day > ?1 OR (sl.day = ?1 AND sl.ends_at > ?2)", day_offset), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM attendance a JOIN session_slots sl ON sl.id = a.slot_id"
    " WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.session_id = sl.session_id"
    "                   AND e.person_id = a.person_id AND e.status = 'enrolled')"), ==, 0);
  g_assert_cmpint (count_at (db,
    "SELECT count(*) FROM session_slots sl"
    " JOIN sessions s ON s.id = sl.session_id AND s.status != 'cancelled'"
    " JOIN enrollments e ON e.session_id = sl.session_id AND e.status = 'enrolled'"
    " WHERE sl.day < ?1 OR (sl.day = ?1 AND sl.ends_at <= ?2)", day_offset),
    ==, psr_test_query_int (db, "SELECT count(*) FROM attendance"));

  /* Positioning: every trainee of the sessions done rated themself before;
   * after, all but one in five, and no trainee of the other sessions yet;
   * the levels are on the framework's scale; the trainer rated some. */
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " WHERE s.status = 'done' AND e.status = 'enrolled' AND NOT EXISTS"
    " (SELECT 1 FROM positionings p WHERE p.session_id = s.id AND p.person_id = e.person_id"
    "  AND p.moment = 'before')"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " WHERE s.status = 'done' AND e.status = 'enrolled' AND EXISTS"
    " (SELECT 1 FROM positionings p WHERE p.session_id = s.id AND p.person_id = e.person_id"
    "  AND p.moment = 'after')") * 5,
    >=, psr_test_query_int (db,
    "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " WHERE s.status = 'done' AND e.status = 'enrolled'") * 4);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM positionings p JOIN sessions s ON s.id = p.session_id"
    " WHERE p.moment = 'after' AND s.status != 'done'"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM positionings p JOIN scale_levels l ON l.id = p.level_id"
    " WHERE l.scale_id != (SELECT scale_id FROM frameworks)"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM positionings WHERE rater = 'trainer'"), >, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM positionings p JOIN sessions s ON s.id = p.session_id"
    " WHERE s.status IN ('running', 'planned', 'confirmed')"), >, 0);

  /* Satisfaction: end-of-session responses from trainees of sessions done
   * only, four in five of them, each rating the training overall. */
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM satisfaction_responses r JOIN sessions s ON s.id = r.session_id"
    " WHERE s.status != 'done' OR NOT EXISTS (SELECT 1 FROM enrollments e"
    "  WHERE e.session_id = s.id AND e.person_id = r.person_id AND e.status = 'enrolled')"),
    ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM satisfaction_responses WHERE kind = 'hot'") * 5,
    >=, psr_test_query_int (db,
    "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " WHERE s.status = 'done' AND e.status = 'enrolled'") * 4);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM satisfaction_responses r WHERE r.kind = 'hot' AND NOT EXISTS"
    " (SELECT 1 FROM satisfaction_answers a WHERE a.response_id = r.id"
    "  AND a.question = 'overall' AND a.rating BETWEEN 1 AND 5)"), ==, 0);

  /* Nobody enrolled before the data was loaded, or after the session began. */
  g_assert_cmpint (count_at (db,
    "SELECT count(*) FROM enrollments e JOIN sessions s ON s.id = e.session_id"
    " WHERE e.enrolled_at > ?1 || 'T23:59' OR e.enrolled_at > s.starts_on", day_offset), ==, 0);
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_assert_true (psr_database_is_empty (fixture->db));
  load_ok (fixture->db, 0);
  g_assert_false (psr_database_is_empty (fixture->db));
  assert_consistent (fixture->db, 0);
}

static void
test_refuses_non_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = make_today (0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* One record of the user's own is enough to refuse. */
  psr_test_exec (fixture->db, "INSERT INTO people (uuid, given_name)"
                              " VALUES ('0b5a3f0e-6c1d-4e2a-9f47-2d8c1e5b7a90', 'Ada')");
  g_assert_false (psr_sample_load (fixture->db, today, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM people"), ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM frameworks"), ==, 0);
  g_clear_error (&error);

  psr_test_exec (fixture->db, "DELETE FROM people");
  load_ok (fixture->db, 0);
  before = snapshot (fixture->db);

  /* A second load changes nothing. */
  g_assert_false (psr_sample_load (fixture->db, today, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  after = snapshot (fixture->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;

  load_ok (db, 0);

  /* The framework: one scale of four levels, two of them proficient. */
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM frameworks"), ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scale_levels"), ==, 4);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM scale_levels WHERE proficient = 1"), ==, 2);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM competencies WHERE kind = 'field'"), ==, 4);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM competencies WHERE kind = 'competency'"), ==, 20);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM competencies c WHERE kind = 'competency' AND (SELECT count(*)"
    " FROM competencies i WHERE i.parent_id = c.id) NOT BETWEEN 2 AND 3"), ==, 0);

  /* Curricula: modules add up to the whole, objectives point at competencies. */
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM curricula"), ==, 3);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM curricula c WHERE duration_hours !="
    " (SELECT sum(duration_hours) FROM modules m WHERE m.curriculum_id = c.id)"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM curriculum_objectives o WHERE NOT EXISTS"
    " (SELECT 1 FROM objective_competencies oc WHERE oc.objective_id = o.id)"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM modules m WHERE NOT EXISTS"
    " (SELECT 1 FROM module_competencies mc WHERE mc.module_id = m.id"
    "  AND mc.target_level_id IS NOT NULL)"), ==, 0);

  /* Scenarios: phases add up to the duration, two rehearsals with one start
   * and two endings each. */
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scenarios"), ==, 12);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(DISTINCT format) FROM scenarios"),
                   ==, 7);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM scenarios s WHERE duration_minutes !="
    " (SELECT sum(duration_minutes) FROM scenario_phases p WHERE p.scenario_id = s.id)"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(DISTINCT scenario_id) FROM rehearsal_nodes"), ==, 2);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM rehearsal_nodes WHERE is_start = 1"), ==, 2);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM rehearsal_nodes WHERE kind = 'ending'"), ==, 4);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM rehearsal_choices c JOIN rehearsal_nodes n ON n.id = c.node_id"
    " JOIN rehearsal_nodes t ON t.id = c.target_node_id WHERE t.scenario_id != n.scenario_id"),
    ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM scenarios_fts WHERE scenarios_fts MATCH 'moustique*'"), ==, 1);

  /* People: four trainers and forty trainees; needs only with consent. */
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, 44);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM people WHERE is_trainer = 1"), ==, 4);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM people WHERE accessibility_needs != ''"), >=, 1);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(DISTINCT language) FROM people"), ==, 8);

  /* Sessions: 5 to 12 trainees, within capacity, one waiting list. */
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM sessions"), ==, 6);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM sessions s WHERE (SELECT count(*) FROM enrollments e"
    " WHERE e.session_id = s.id AND e.status = 'enrolled') NOT BETWEEN 5 AND min(12, capacity)"),
    ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM enrollments WHERE status = 'waiting'"), ==, 1);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM sessions s WHERE NOT EXISTS"
    " (SELECT 1 FROM session_trainers t JOIN people p ON p.id = t.person_id"
    "  WHERE t.session_id = s.id AND p.is_trainer = 1)"), ==, 0);

  /* Attendance: mostly present, a few of every other status. */
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM attendance WHERE status = 'present'") * 10,
    >=, psr_test_query_int (db, "SELECT count(*) FROM attendance") * 8);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(DISTINCT status) FROM attendance"), ==, 4);

  /* Signed as it was attended: each present or late trainee, and every
   * trainer, for each half-day over; the chain of every session holds. */
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM signatures WHERE role = 'trainee'"), ==,
    psr_test_query_int (db,
      "SELECT count(*) FROM attendance WHERE status IN ('present', 'late')"));
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM attendance a WHERE a.status IN ('absent', 'excused') AND EXISTS"
    " (SELECT 1 FROM signatures g WHERE g.slot_id = a.slot_id AND g.person_id = a.person_id)"),
    ==, 0);
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM signatures WHERE role = 'trainer'"), >, 0);
  for (gint64 id = 1; id <= psr_test_query_int (db, "SELECT max(id) FROM sessions"); id++)
    {
      g_autoptr(PsrChainReport) report = psr_session_verify_signatures (db, id, &error);

      g_assert_no_error (error);
      g_assert_true (report->intact);
    }
}

/* Whatever the day of the week, the sample has a past, a running session and
 * a future, on weekdays only. */
static void
test_any_day (void)
{
  for (int offset = 0; offset < 7; offset++)
    {
      Fixture fixture;

      fixture_set_up (&fixture, NULL);
      load_ok (fixture.db, offset);
      assert_consistent (fixture.db, offset);
      fixture_tear_down (&fixture, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sample/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/sample/refuses-non-empty", Fixture, NULL, fixture_set_up,
              test_refuses_non_empty, fixture_tear_down);
  g_test_add ("/sample/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  g_test_add_func ("/sample/any-day", test_any_day);

  return g_test_run ();
}
