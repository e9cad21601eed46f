/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "psr-error.h"
#include "psr-sample.h"
#include "psr-scenarios.h"
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

/* The École's framework, 12 scenarios with their phases, and the curricula
 * whose modules use some of them. */
static void
fixture_set_up_sample (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);

  fixture_set_up (fixture, data);
  g_assert_true (psr_sample_load (fixture->db, today, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers ------------------------------------------------------------------ */

static gint64
query_int (PsrDatabase *db,
           const char  *sql,
           gint64       id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* The whole row of a scenario, its audiences and phases, as text. */
static char *
snapshot (PsrDatabase *db,
          gint64       id)
{
  static const char * const queries[] = {
    "SELECT * FROM scenarios WHERE id = ?1",
    "SELECT * FROM scenario_audiences WHERE scenario_id = ?1 ORDER BY 2",
    "SELECT * FROM scenario_phases WHERE scenario_id = ?1 ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = psr_database_prepare (db, queries[q], &error);

      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, i);

              g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_reset (stmt);
    }

  return g_string_free (out, FALSE);
}

static PsrScenario *
load (PsrDatabase *db,
      gint64       id)
{
  g_autoptr(GError) error = NULL;
  PsrRecord *record = psr_record_load (db, PSR_TYPE_SCENARIO, id, &error);

  g_assert_no_error (error);
  return PSR_SCENARIO (record);
}

static gint64
create (PsrDatabase *db,
        const char  *title)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_scenario_create (db, title, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The titles of the phases in their order, joined by commas, once their
 * positions are checked to be 0 … n-1. */
static char *
phase_titles (PsrDatabase *db,
              gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phases = psr_scenario_list_phases (db, id, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < phases->len; i++)
    {
      PsrPhase *phase = g_ptr_array_index (phases, i);

      g_assert_cmpuint (phase->position, ==, i);
      g_strv_builder_add (builder, phase->title);
    }

  titles = g_strv_builder_end (builder);
  return g_strjoinv (",", titles);
}

static char *
check_messages (PsrDatabase *db,
                gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = psr_scenario_check (db, id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < checks->len; i++)
    {
      PsrCheck *check = g_ptr_array_index (checks, i);

      g_string_append_printf (out, "%s:%s\n",
                              check->severity == PSR_CHECK_WARNING ? "warning" : "info",
                              check->message);
    }

  return g_string_free (out, FALSE);
}

/* Tests -------------------------------------------------------------------- */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 id = create (fixture->db, "  Le son en images  ");
  g_autoptr(PsrScenario) scenario = load (fixture->db, id);

  g_assert_cmpstr (psr_record_get_title (PSR_RECORD (scenario)), ==, "Le son en images");
  g_assert_cmpstr (psr_scenario_get_status (scenario), ==, "draft");
  g_assert_cmpstr (psr_scenario_get_language (scenario), ==, "fr");
  g_assert_cmpstr (psr_scenario_get_format (scenario), ==, "workshop");
  g_assert_cmpstr (psr_scenario_get_venue (scenario), ==, "exhibition");
  g_assert_cmpuint (psr_scenario_get_duration_minutes (scenario), ==, 0);
  g_assert_cmpint (psr_scenario_get_age_min (scenario), ==, -1);
  g_assert_cmpint (psr_scenario_get_age_max (scenario), ==, -1);
  g_assert_cmpint (psr_scenario_get_group_min (scenario), ==, -1);
  g_assert_cmpint (psr_scenario_get_group_max (scenario), ==, -1);
  g_assert_cmpstr (psr_scenario_get_objectives (scenario), ==, "");
  g_assert_cmpstr (psr_scenario_get_author (scenario), ==, "");
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrScenario) scenario = NULL;
  gint64 id = create (fixture->db, "Brouillon");
  int age_min;
  int group_max;

  for (guint field = 0; field < PSR_SCENARIO_N_FIELDS; field++)
    {
      g_autofree char *value = g_strdup_printf ("Value %u\nsecond line", field);

      g_assert_true (psr_scenario_set_field (fixture->db, id, field, value, &error));
      g_assert_no_error (error);
    }
  g_assert_true (psr_scenario_set_format (fixture->db, id, "debate", &error));
  g_assert_true (psr_scenario_set_venue (fixture->db, id, "outdoor", &error));
  g_assert_true (psr_scenario_set_duration (fixture->db, id, 45, &error));
  g_assert_true (psr_scenario_set_ages (fixture->db, id, 8, 12, &error));
  g_assert_true (psr_scenario_set_group_size (fixture->db, id, 5, -1, &error));
  g_assert_true (psr_scenario_set_status (fixture->db, id, "published", &error));
  /* Objectives that start with no verb are the form's to point out. */
  g_assert_true (psr_scenario_set_field (fixture->db, id, PSR_SCENARIO_FIELD_OBJECTIVES,
                                         "la lumière\n\nComprendre l’écho", &error));
  g_assert_no_error (error);

  scenario = load (fixture->db, id);
  for (guint field = 0; field < PSR_SCENARIO_N_FIELDS; field++)
    {
      g_autofree char *value = g_strdup_printf ("Value %u\nsecond line", field);

      if (field != PSR_SCENARIO_FIELD_OBJECTIVES)
        g_assert_cmpstr (psr_scenario_get_text (scenario, field), ==, value);
    }
  g_assert_cmpstr (psr_scenario_get_objectives (scenario), ==, "la lumière\n\nComprendre l’écho");
  g_assert_cmpstr (psr_scenario_get_theme (scenario), ==, "Value 1\nsecond line");
  g_assert_cmpstr (psr_scenario_get_sources (scenario), ==, "Value 10\nsecond line");
  g_assert_cmpstr (psr_scenario_get_format (scenario), ==, "debate");
  g_assert_cmpstr (psr_scenario_get_venue (scenario), ==, "outdoor");
  g_assert_cmpuint (psr_scenario_get_duration_minutes (scenario), ==, 45);
  g_assert_cmpint (psr_scenario_get_age_min (scenario), ==, 8);
  g_assert_cmpint (psr_scenario_get_age_max (scenario), ==, 12);
  g_assert_cmpint (psr_scenario_get_group_min (scenario), ==, 5);
  g_assert_cmpint (psr_scenario_get_group_max (scenario), ==, -1);
  g_assert_cmpstr (psr_scenario_get_status (scenario), ==, "published");

  g_object_get (scenario, "age-min", &age_min, "group-max", &group_max, NULL);
  g_assert_cmpint (age_min, ==, 8);
  g_assert_cmpint (group_max, ==, -1);

  /* Every change marks the scenario as changed. */
  psr_test_exec (fixture->db, "UPDATE scenarios SET updated_at = '2000-01-01T00:00:00.000Z'");
  g_assert_true (psr_phase_add (fixture->db, id, "Accueil", &error) > 0);
  g_assert_cmpint (query_int (fixture->db, "SELECT updated_at > '2001' FROM scenarios"
                              " WHERE id = ?1", id), ==, 1);

  /* -1 clears a bound. */
  g_assert_true (psr_scenario_set_ages (fixture->db, id, -1, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->db, "SELECT age_min IS NULL AND age_max IS NULL"
                              " FROM scenarios WHERE id = ?1", id), ==, 1);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 id = create (fixture->db, "Ombres chinoises");
  g_autofree char *before = NULL;

  g_assert_true (psr_scenario_set_ages (fixture->db, id, 6, 10, NULL));
  before = snapshot (fixture->db, id);

  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (psr_scenario_create (fixture->db, " \n", &error), ==, 0);
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_field (fixture->db, id, PSR_SCENARIO_FIELD_TITLE, "  ",
                                            &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_field (fixture->db, id, PSR_SCENARIO_FIELD_LANGUAGE, "",
                                            &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_format (fixture->db, id, "lecture", &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_venue (fixture->db, id, NULL, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_status (fixture->db, id, "deleted", &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_ages (fixture->db, id, 12, 8, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_ages (fixture->db, id, -5, 8, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_group_size (fixture->db, id, 0, 10, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_group_size (fixture->db, id, 20, 10, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    const char * const codes[] = { "families", "aliens", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_false (psr_scenario_set_audiences (fixture->db, id, codes, &error));
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (psr_phase_add (fixture->db, id, "\t", &error), ==, 0);
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }

  {
    g_autofree char *after = snapshot (fixture->db, id);

    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM scenarios"), ==, 1);
  }
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (psr_scenario_set_field (fixture->db, 42, PSR_SCENARIO_FIELD_THEME, "x", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (psr_phase_move (fixture->db, 42, 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (psr_scenario_delete (fixture->db, 42, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_audiences (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const first[] = { "teenagers", "families", "families", NULL };
  const char * const second[] = { "seniors", NULL };
  g_autoptr(GError) error = NULL;
  gint64 id = create (fixture->db, "Les volcans");
  g_auto(GStrv) listed = NULL;

  g_assert_true (psr_scenario_set_audiences (fixture->db, id, first, &error));
  g_assert_no_error (error);
  listed = psr_scenario_list_audiences (fixture->db, id, &error);
  g_assert_no_error (error);
  /* In the order of psr_scenario_audiences(), each once. */
  g_assert_cmpstrv (listed, ((const char * const []) { "families", "teenagers", NULL }));
  g_clear_pointer (&listed, g_strfreev);

  g_assert_true (psr_scenario_set_audiences (fixture->db, id, second, &error));
  listed = psr_scenario_list_audiences (fixture->db, id, &error);
  g_assert_cmpstrv (listed, second);
  g_clear_pointer (&listed, g_strfreev);

  g_assert_true (psr_scenario_set_audiences (fixture->db, id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM scenario_audiences WHERE scenario_id = ?1",
                              id), ==, 0);
}

static void
test_phases (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  gint64 id = create (fixture->db, "La gravité");
  gint64 ids[5];
  char *titles;
  PsrPhase *phase;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      char title[] = { 'A' + i, '\0' };

      ids[i] = psr_phase_add (fixture->db, id, title, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ids[i], >, 0);
    }

#define ASSERT_ORDER(expected)                     \
  titles = phase_titles (fixture->db, id);         \
  g_assert_cmpstr (titles, ==, expected);          \
  g_free (titles)

  ASSERT_ORDER ("A,B,C,D,E");

  /* First to last, last to first, in the middle, past the end. */
  g_assert_true (psr_phase_move (fixture->db, ids[0], 4, &error));
  ASSERT_ORDER ("B,C,D,E,A");
  g_assert_true (psr_phase_move (fixture->db, ids[0], 0, &error));
  ASSERT_ORDER ("A,B,C,D,E");
  g_assert_true (psr_phase_move (fixture->db, ids[1], 3, &error));
  ASSERT_ORDER ("A,C,D,B,E");
  g_assert_true (psr_phase_move (fixture->db, ids[4], 1, &error));
  ASSERT_ORDER ("A,E,C,D,B");
  g_assert_true (psr_phase_move (fixture->db, ids[2], 99, &error));
  ASSERT_ORDER ("A,E,D,B,C");
  g_assert_true (psr_phase_move (fixture->db, ids[2], 4, &error));
  ASSERT_ORDER ("A,E,D,B,C");
  g_assert_no_error (error);

  g_assert_true (psr_phase_remove (fixture->db, ids[4], &error));
  ASSERT_ORDER ("A,D,B,C");
  g_assert_true (psr_phase_remove (fixture->db, ids[0], &error));
  ASSERT_ORDER ("D,B,C");
  g_assert_cmpint (psr_phase_add (fixture->db, id, "F", &error), >, 0);
  ASSERT_ORDER ("D,B,C,F");
  g_assert_no_error (error);

#undef ASSERT_ORDER

  g_assert_true (psr_phase_set (fixture->db, ids[1], " Accueil ", 10, "Saluer", "Écouter", NULL,
                                &error));
  g_assert_no_error (error);
  g_assert_false (psr_phase_set (fixture->db, ids[1], "", 5, NULL, NULL, NULL, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);

  phases = psr_scenario_list_phases (fixture->db, id, NULL);
  phase = g_ptr_array_index (phases, 1);
  g_assert_cmpint (phase->id, ==, ids[1]);
  g_assert_cmpstr (phase->title, ==, "Accueil");
  g_assert_cmpuint (phase->duration_minutes, ==, 10);
  g_assert_cmpstr (phase->mediator_actions, ==, "Saluer");
  g_assert_cmpstr (phase->audience_actions, ==, "Écouter");
  g_assert_cmpstr (phase->materials, ==, "");

  {
    g_autoptr(PsrPhase) copy = psr_phase_copy (phase);

    g_assert_cmpstr (copy->audience_actions, ==, "Écouter");
  }
}

static void
test_sample_phases (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  gint64 id = psr_test_query_int (fixture->db,
                                  "SELECT scenario_id FROM scenario_phases"
                                  " GROUP BY scenario_id HAVING count(*) >= 3 LIMIT 1");
  gint64 last_id;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM scenarios"), ==, 12);
  phases = psr_scenario_list_phases (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phases->len, >=, 3);
  last_id = ((PsrPhase *) g_ptr_array_index (phases, phases->len - 1))->id;

  before = phase_titles (fixture->db, id);
  g_assert_true (psr_phase_move (fixture->db, last_id, 0, &error));
  g_assert_true (psr_phase_move (fixture->db, last_id, phases->len - 1, &error));
  g_assert_no_error (error);
  after = phase_titles (fixture->db, id);
  g_assert_cmpstr (after, ==, before);
}

static void
test_competencies (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) linked = NULL;
  gint64 id = create (fixture->db, "Le climat");
  gint64 first = psr_test_query_int (fixture->db, "SELECT min(id) FROM competencies");
  gint64 second = psr_test_query_int (fixture->db, "SELECT max(id) FROM competencies");

  g_assert_cmpint (first, <, second);
  g_assert_true (psr_scenario_link_competency (fixture->db, id, second, &error));
  g_assert_true (psr_scenario_link_competency (fixture->db, id, first, &error));
  g_assert_true (psr_scenario_link_competency (fixture->db, id, first, &error));
  g_assert_no_error (error);
  linked = psr_scenario_list_competencies (fixture->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 2);
  g_clear_pointer (&linked, g_array_unref);

  g_assert_true (psr_scenario_unlink_competency (fixture->db, id, second, &error));
  g_assert_true (psr_scenario_unlink_competency (fixture->db, id, second, &error));
  g_assert_no_error (error);
  linked = psr_scenario_list_competencies (fixture->db, id, &error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (g_array_index (linked, gint64, 0), ==, first);

  g_assert_false (psr_scenario_link_competency (fixture->db, id, second + 1000, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (fixture->db, "Les marées");
  gint64 phase_id;
  char *messages;

#define ASSERT_CHECKS(expected)                    \
  messages = check_messages (fixture->db, id);     \
  g_assert_cmpstr (messages, ==, expected);        \
  g_free (messages)

  ASSERT_CHECKS ("info:Objectives are empty: say what the public will be able to do\n"
                 "info:The scenario has no phase: add the steps of the activity\n"
                 "info:The age range is not set: say for whom the activity is designed\n"
                 "info:The group size is not set: say how many people can take part\n");

  g_assert_true (psr_scenario_set_field (fixture->db, id, PSR_SCENARIO_FIELD_OBJECTIVES,
                                         "observer la Lune", &error));
  g_assert_true (psr_scenario_set_ages (fixture->db, id, 10, -1, &error));
  g_assert_true (psr_scenario_set_group_size (fixture->db, id, -1, 30, &error));
  phase_id = psr_phase_add (fixture->db, id, "Introduction", &error);
  g_assert_no_error (error);
  ASSERT_CHECKS ("");

  g_assert_true (psr_scenario_set_duration (fixture->db, id, 60, &error));
  g_assert_true (psr_phase_set (fixture->db, phase_id, "Introduction", 15, NULL, NULL, NULL,
                                &error));
  g_assert_no_error (error);
  ASSERT_CHECKS ("warning:The phases add up to 15 min, the scenario says 60 min\n");

  g_assert_true (psr_phase_set (fixture->db, phase_id, "Introduction", 60, NULL, NULL, NULL,
                                &error));
  g_assert_no_error (error);
  ASSERT_CHECKS ("");

#undef ASSERT_CHECKS
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 used = psr_test_query_int (fixture->db, "SELECT min(scenario_id) FROM module_scenarios");
  gint64 unused = psr_test_query_int (fixture->db,
                                      "SELECT min(id) FROM scenarios s"
                                      " WHERE NOT EXISTS (SELECT 1 FROM module_scenarios m"
                                      "                   WHERE m.scenario_id = s.id)"
                                      "   AND EXISTS (SELECT 1 FROM scenario_phases p"
                                      "               WHERE p.scenario_id = s.id)");
  g_autofree char *before = snapshot (fixture->db, used);
  g_autofree char *after = NULL;

  g_assert_cmpint (used, >, 0);
  g_assert_cmpint (unused, >, 0);

  g_assert_false (psr_scenario_delete (fixture->db, used, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "module"));
  g_clear_error (&error);
  after = snapshot (fixture->db, used);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (psr_scenario_delete (fixture->db, unused, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->db, "SELECT count(*) FROM scenarios WHERE id = ?1",
                              unused), ==, 0);
  g_assert_cmpint (query_int (fixture->db,
                              "SELECT count(*) FROM scenario_phases WHERE scenario_id = ?1",
                              unused), ==, 0);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM scenarios"), ==, 11);
}

/* The modules that use a scenario, and the size of its rehearsal. */
static void
test_uses (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) modules = NULL;
  gint64 used = psr_test_query_int (fixture->db, "SELECT scenario_id FROM module_scenarios"
                                                 " GROUP BY scenario_id"
                                                 " ORDER BY count(*) DESC, scenario_id LIMIT 1");
  gint64 rehearsed = psr_test_query_int (fixture->db, "SELECT min(scenario_id)"
                                                      " FROM rehearsal_nodes");
  gint64 bare = psr_scenario_create (fixture->db, "Sans rien", &error);
  guint n_situations = 99, n_endings = 99;

  g_assert_no_error (error);
  g_assert_cmpint (used, >, 0);
  g_assert_cmpint (rehearsed, >, 0);

  modules = psr_scenario_list_modules (fixture->db, used, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (modules), ==,
                    query_int (fixture->db, "SELECT count(*) FROM module_scenarios"
                                            " WHERE scenario_id = ?1", used));
  g_assert_cmpuint (g_list_model_get_n_items (modules), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(PsrModule) module = g_list_model_get_item (modules, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM module_scenarios"
                                              " WHERE scenario_id = %" G_GINT64_FORMAT
                                              " AND module_id = %" G_GINT64_FORMAT,
                                              used, psr_record_get_id (PSR_RECORD (module)));

      g_assert_cmpint (psr_test_query_int (fixture->db, sql), ==, 1);
    }
  g_clear_object (&modules);

  modules = psr_scenario_list_modules (fixture->db, bare, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (modules), ==, 0);

  g_assert_true (psr_scenario_count_rehearsal (fixture->db, rehearsed, &n_situations, &n_endings,
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_situations, ==,
                    query_int (fixture->db, "SELECT count(*) FROM rehearsal_nodes"
                                            " WHERE scenario_id = ?1 AND kind = 'situation'",
                               rehearsed));
  g_assert_cmpuint (n_endings, ==,
                    query_int (fixture->db, "SELECT count(*) FROM rehearsal_nodes"
                                            " WHERE scenario_id = ?1 AND kind = 'ending'",
                               rehearsed));
  g_assert_cmpuint (n_situations, >, 0);
  g_assert_cmpuint (n_endings, >, 0);

  g_assert_true (psr_scenario_count_rehearsal (fixture->db, bare, &n_situations, &n_endings,
                                               &error));
  g_assert_cmpuint (n_situations, ==, 0);
  g_assert_cmpuint (n_endings, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, set_up, func) \
  g_test_add (path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("/scenarios/create", fixture_set_up, test_create);
  ADD ("/scenarios/edit", fixture_set_up, test_edit);
  ADD ("/scenarios/refusals", fixture_set_up, test_refusals);
  ADD ("/scenarios/not-found", fixture_set_up, test_not_found);
  ADD ("/scenarios/audiences", fixture_set_up, test_audiences);
  ADD ("/scenarios/phases", fixture_set_up, test_phases);
  ADD ("/scenarios/phases-sample", fixture_set_up_sample, test_sample_phases);
  ADD ("/scenarios/competencies", fixture_set_up_sample, test_competencies);
  ADD ("/scenarios/check", fixture_set_up, test_check);
  ADD ("/scenarios/delete", fixture_set_up_sample, test_delete);
  ADD ("/scenarios/uses", fixture_set_up_sample, test_uses);

#undef ADD

  return g_test_run ();
}
