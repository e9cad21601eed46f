/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-error.h"
#include "psr-generate.h"
#include "psr-test-utils.h"

#define SMALL_TRAINEES  500
#define SMALL_SCENARIOS 50
#define SMALL_SESSIONS  20
#define SMALL_SEED      1234

static const PsrGenerateOptions small_options = {
  .trainees = SMALL_TRAINEES,
  .scenarios = SMALL_SCENARIOS,
  .sessions = SMALL_SESSIONS,
  .seed = SMALL_SEED,
};

typedef struct
{
  char        *folder;
  PsrDatabase *db;
} Fixture;

static PsrDatabase *
open_database (Fixture    *fixture,
               const char *name)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GError) error = NULL;
  PsrDatabase *db;

  db = psr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  return db;
}

static void
generate (PsrDatabase              *db,
          const PsrGenerateOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_generate (db, options, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->folder = psr_test_make_dir ();
}

static void
fixture_set_up_generated (Fixture       *fixture,
                          gconstpointer  user_data)
{
  fixture_set_up (fixture, user_data);
  fixture->db = open_database (fixture, "generated.db");
  generate (fixture->db, &small_options);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->db);
  psr_test_remove_dir (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
}

/* The first column of every row, as text. */
static GStrv
query_strings (PsrDatabase *db,
               const char  *sql)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

/* Names the query when it fails: the assertion alone would not say which. */
static void
assert_count (PsrDatabase *db,
              const char  *sql,
              gint64       expected)
{
  gint64 count = psr_test_query_int (db, sql);

  if (count != expected)
    g_test_message ("Unexpected count from: %s", sql);
  g_assert_cmpint (count, ==, expected);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  user_data)
{
  PsrDatabase *db = fixture->db;

  assert_count (db, "SELECT count(*) FROM people WHERE is_trainer = 0", SMALL_TRAINEES);
  assert_count (db, "SELECT count(*) FROM scenarios", SMALL_SCENARIOS);
  assert_count (db, "SELECT count(*) FROM sessions", SMALL_SESSIONS);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people WHERE is_trainer = 1"),
                   >=, 3);

  assert_count (db, "SELECT count(*) FROM frameworks", 1);
  assert_count (db, "SELECT count(*) FROM scale_levels", 4);
  assert_count (db, "SELECT count(*) FROM competencies WHERE kind = 'field'", 4);
  assert_count (db, "SELECT count(*) FROM competencies WHERE kind = 'competency'", 20);
  assert_count (db, "SELECT count(*) FROM curricula", 10);
  assert_count (db,
                "SELECT count(*) FROM curricula c"
                " WHERE NOT EXISTS (SELECT 1 FROM modules m WHERE m.curriculum_id = c.id)",
                0);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM module_scenarios"), >, 0);
}

/* Every parent has the number of children the generator promises. */
static void
test_shapes (Fixture       *fixture,
             gconstpointer  user_data)
{
  PsrDatabase *db = fixture->db;

  assert_count (db,
                "SELECT count(*) FROM scenarios s"
                " WHERE (SELECT count(*) FROM scenario_phases p WHERE p.scenario_id = s.id)"
                "       NOT BETWEEN 3 AND 5",
                0);
  assert_count (db,
                "SELECT count(*) FROM scenarios s"
                " WHERE (SELECT count(*) FROM scenario_audiences a WHERE a.scenario_id = s.id)"
                "       NOT BETWEEN 1 AND 2",
                0);
  assert_count (db,
                "SELECT count(*) FROM scenarios s"
                " WHERE duration_minutes != (SELECT sum(duration_minutes) FROM scenario_phases p"
                "                            WHERE p.scenario_id = s.id)",
                0);
  assert_count (db,
                "SELECT count(*) FROM sessions s"
                " WHERE (SELECT count(*) FROM session_slots l WHERE l.session_id = s.id)"
                "       NOT IN (4, 6)",
                0);
  assert_count (db,
                "SELECT count(*) FROM sessions s"
                " WHERE (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id)"
                "       NOT BETWEEN 5 AND 12",
                0);
  assert_count (db,
                "SELECT count(*) FROM sessions s"
                " WHERE NOT EXISTS (SELECT 1 FROM session_trainers t"
                "                   JOIN people p ON p.id = t.person_id"
                "                   WHERE t.session_id = s.id AND p.is_trainer = 1)",
                0);
  /* Version 4, RFC 4122 variant. */
  assert_count (db,
                "SELECT count(*) FROM people"
                " WHERE substr (uuid, 15, 1) != '4'"
                "    OR substr (uuid, 20, 1) NOT IN ('8', '9', 'a', 'b')",
                0);
}

/* Two years back, one year ahead, and attendance only where it can exist:
 * past slots, trainees who were enrolled, sessions that took place. */
static void
test_dates (Fixture       *fixture,
            gconstpointer  user_data)
{
  PsrDatabase *db = fixture->db;

  /* A start moves off a weekend by two days at most; three working days
   * may straddle one. */
  assert_count (db,
                "SELECT count(*) FROM sessions"
                " WHERE starts_on < date ('now', 'localtime', '-730 days')"
                "    OR ends_on > date ('now', 'localtime', '+371 days')"
                "    OR ends_on < starts_on",
                0);
  assert_count (db, "SELECT count(*) FROM session_slots WHERE strftime ('%w', day) IN ('0', '6')",
                0);

  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM attendance"), >, 0);
  assert_count (db,
                "SELECT count(*) FROM attendance a JOIN session_slots s ON s.id = a.slot_id"
                " WHERE s.day >= date ('now', 'localtime')",
                0);
  assert_count (db,
                "SELECT count(*) FROM attendance a JOIN session_slots s ON s.id = a.slot_id"
                " WHERE NOT EXISTS (SELECT 1 FROM enrollments e"
                "                   WHERE e.session_id = s.session_id"
                "                     AND e.person_id = a.person_id"
                "                     AND e.status IN ('enrolled', 'no-show'))",
                0);
  assert_count (db,
                "SELECT count(*) FROM attendance a JOIN session_slots s ON s.id = a.slot_id"
                " JOIN sessions n ON n.id = s.session_id"
                " WHERE n.status = 'cancelled'",
                0);
}

static void
test_integrity (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(GStrv) foreign_keys = query_strings (fixture->db, "PRAGMA foreign_key_check");
  g_auto(GStrv) integrity = query_strings (fixture->db, "PRAGMA integrity_check");

  g_assert_cmpuint (g_strv_length (foreign_keys), ==, 0);
  g_assert_cmpuint (g_strv_length (integrity), ==, 1);
  g_assert_cmpstr (integrity[0], ==, "ok");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  PsrDatabase *db = fixture->db;
  const char *found[] = {
    "SELECT count(*) FROM scenarios_fts WHERE scenarios_fts MATCH 'volcan*'",
    "SELECT count(*) FROM scenarios_fts WHERE scenarios_fts MATCH 'climat'",
    /* Accents are folded both ways. */
    "SELECT count(*) FROM scenarios_fts WHERE scenarios_fts MATCH 'lumiere'",
    "SELECT count(*) FROM scenarios_fts WHERE scenarios_fts MATCH 'lumière'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    g_assert_cmpint (psr_test_query_int (db, found[i]), >, 0);

  /* Every address is under example.*: the index of people covers every row. */
  assert_count (db, "SELECT count(*) FROM people_fts WHERE people_fts MATCH 'email : example'",
                psr_test_query_int (db, "SELECT count(*) FROM people WHERE email IS NOT NULL"));
}

static void
test_refuses_non_empty (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *counts[] = {
    "SELECT count(*) FROM people", "SELECT count(*) FROM scenarios",
    "SELECT count(*) FROM sessions", "SELECT count(*) FROM attendance",
  };
  gint64 before[G_N_ELEMENTS (counts)];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    before[i] = psr_test_query_int (fixture->db, counts[i]);

  g_assert_false (psr_generate (fixture->db, &small_options, NULL, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_assert_cmpint (psr_test_query_int (fixture->db, counts[i]), ==, before[i]);
}

static void
assert_same_strings (PsrDatabase *a,
                     PsrDatabase *b,
                     const char  *sql)
{
  g_auto(GStrv) from_a = query_strings (a, sql);
  g_auto(GStrv) from_b = query_strings (b, sql);

  g_assert_cmpuint (g_strv_length (from_a), >, 0);
  g_assert_cmpstrv (from_a, from_b);
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  user_data)
{
  PsrGenerateOptions other_seed = small_options;
  g_autoptr(PsrDatabase) first = open_database (fixture, "first.db");
  g_autoptr(PsrDatabase) second = open_database (fixture, "second.db");
  g_autoptr(PsrDatabase) third = open_database (fixture, "third.db");
  g_auto(GStrv) emails = NULL;
  g_auto(GStrv) other_emails = NULL;

  generate (first, &small_options);
  generate (second, &small_options);
  other_seed.seed = small_options.seed + 1;
  generate (third, &other_seed);

  assert_same_strings (first, second,
                       "SELECT email FROM people WHERE email IS NOT NULL ORDER BY id");
  assert_same_strings (first, second, "SELECT title FROM scenarios ORDER BY id");
  assert_same_strings (first, second, "SELECT uuid FROM people ORDER BY id");
  assert_same_strings (first, second, "SELECT title || place FROM sessions ORDER BY id");

  emails = query_strings (first, "SELECT email FROM people WHERE email IS NOT NULL ORDER BY id");
  other_emails = query_strings (third,
                                "SELECT email FROM people WHERE email IS NOT NULL ORDER BY id");
  g_assert_false (g_strv_equal ((const char * const *) emails,
                                (const char * const *) other_emails));
}

static void
record_progress_cb (double   fraction,
                    gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(PsrDatabase) db = open_database (fixture, "progress.db");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_generate (db, &small_options, record_progress_cb, fractions, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fractions->len, >, 1);
  g_assert_cmpuint (fractions->len, <=, 101);
  for (guint i = 0; i < fractions->len; i++)
    {
      double fraction = g_array_index (fractions, double, i);

      g_assert_cmpfloat (fraction, >, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (fraction, >, g_array_index (fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* A failure late in the run, once people and scenarios are written, leaves
 * the database as empty as it was, and a later run can succeed. The trigger
 * is temporary: the file itself is not changed. */
static void
test_rollback (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(PsrDatabase) db = open_database (fixture, "rollback.db");
  g_autoptr(GError) error = NULL;

  psr_test_exec (db,
                 "CREATE TEMP TRIGGER fail_sessions BEFORE INSERT ON main.sessions"
                 " BEGIN SELECT RAISE (ABORT, 'injected failure'); END");

  g_assert_false (psr_generate (db, &small_options, NULL, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (psr_database_is_empty (db));
  assert_count (db, "SELECT count(*) FROM people", 0);
  assert_count (db, "SELECT count(*) FROM scale_levels", 0);
  assert_count (db, "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'table'", 0);

  psr_test_exec (db, "DROP TRIGGER temp.fail_sessions");
  generate (db, &small_options);
  assert_count (db, "SELECT count(*) FROM sessions", SMALL_SESSIONS);
}

/* Sessions still get slots and trainers when nobody can enrol. */
static void
test_no_trainees (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const PsrGenerateOptions options = { .trainees = 0, .scenarios = 0, .sessions = 5, .seed = 7 };
  g_autoptr(PsrDatabase) db = open_database (fixture, "no-trainees.db");
  g_auto(GStrv) foreign_keys = NULL;

  generate (db, &options);

  assert_count (db, "SELECT count(*) FROM people WHERE is_trainer = 0", 0);
  assert_count (db, "SELECT count(*) FROM sessions", 5);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM session_slots"), >=, 20);
  assert_count (db, "SELECT count(*) FROM enrollments", 0);
  assert_count (db, "SELECT count(*) FROM module_scenarios", 0);
  foreign_keys = query_strings (db, "PRAGMA foreign_key_check");
  g_assert_cmpuint (g_strv_length (foreign_keys), ==, 0);
}

/* Longer sessions: as many slots as days ask, attendance only in the past
 * and for those who came, and a limit. */
static void
test_days (Fixture       *fixture,
           gconstpointer  user_data)
{
  PsrGenerateOptions options = small_options;
  g_autoptr(PsrDatabase) db = open_database (fixture, "days.db");
  g_autoptr(PsrDatabase) too_long = open_database (fixture, "too-long.db");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) foreign_keys = NULL;

  options.days = 20;
  generate (db, &options);

  assert_count (db, "SELECT count(*) FROM sessions", SMALL_SESSIONS);
  assert_count (db, "SELECT count(*) FROM session_slots", SMALL_SESSIONS * 20 * 2);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM attendance"), >, 20 * 2 * 5);
  assert_count (db,
                "SELECT count(*) FROM attendance a JOIN session_slots s ON s.id = a.slot_id"
                " WHERE s.day >= date ('now', 'localtime')", 0);
  foreign_keys = query_strings (db, "PRAGMA foreign_key_check");
  g_assert_cmpuint (g_strv_length (foreign_keys), ==, 0);

  options.days = 251;
  g_assert_false (psr_generate (too_long, &options, NULL, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_true (psr_database_is_empty (too_long));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/generate/counts", Fixture, NULL, fixture_set_up_generated, test_counts,
              fixture_tear_down);
  g_test_add ("/generate/shapes", Fixture, NULL, fixture_set_up_generated, test_shapes,
              fixture_tear_down);
  g_test_add ("/generate/dates", Fixture, NULL, fixture_set_up_generated, test_dates,
              fixture_tear_down);
  g_test_add ("/generate/integrity", Fixture, NULL, fixture_set_up_generated, test_integrity,
              fixture_tear_down);
  g_test_add ("/generate/search", Fixture, NULL, fixture_set_up_generated, test_search,
              fixture_tear_down);
  g_test_add ("/generate/refuses-non-empty", Fixture, NULL, fixture_set_up_generated,
              test_refuses_non_empty, fixture_tear_down);
  g_test_add ("/generate/deterministic", Fixture, NULL, fixture_set_up, test_deterministic,
              fixture_tear_down);
  g_test_add ("/generate/progress", Fixture, NULL, fixture_set_up, test_progress,
              fixture_tear_down);
  g_test_add ("/generate/rollback", Fixture, NULL, fixture_set_up, test_rollback,
              fixture_tear_down);
  g_test_add ("/generate/no-trainees", Fixture, NULL, fixture_set_up, test_no_trainees,
              fixture_tear_down);
  g_test_add ("/generate/days", Fixture, NULL, fixture_set_up, test_days, fixture_tear_down);

  return g_test_run ();
}
