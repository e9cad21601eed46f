/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "psr-curricula.h"
#include "psr-error.h"
#include "psr-sample.h"
#include "psr-scenario.h"
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

/* The École's framework, scenarios, three published curricula and their
 * sessions. */
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

static sqlite3_stmt *
prepare_with_id (PsrDatabase *db,
                 const char  *sql,
                 gint64       id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  /* Statements without parameters ignore it. */
  sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

static gint64
query_int (PsrDatabase *db,
           const char  *sql,
           gint64       id)
{
  sqlite3_stmt *stmt = prepare_with_id (db, sql, id);
  gint64 value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static char *
query_text (PsrDatabase *db,
            const char  *sql,
            gint64       id)
{
  sqlite3_stmt *stmt = prepare_with_id (db, sql, id);
  char *value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/* Every row of @sql, one line each, columns separated by bars. */
static void
append_rows (GString     *out,
             PsrDatabase *db,
             const char  *sql,
             gint64       id)
{
  sqlite3_stmt *stmt = prepare_with_id (db, sql, id);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

/* Everything curricula are made of, and the sessions that point at them. */
static char *
snapshot (PsrDatabase *db)
{
  static const char * const queries[] = {
    "SELECT * FROM curricula ORDER BY id",
    "SELECT * FROM curriculum_objectives ORDER BY id",
    "SELECT * FROM objective_competencies ORDER BY 1, 2",
    "SELECT * FROM modules ORDER BY id",
    "SELECT * FROM module_competencies ORDER BY 1, 2",
    "SELECT * FROM module_scenarios ORDER BY 1, 2",
    "SELECT * FROM sessions ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    append_rows (out, db, queries[i], 0);

  return g_string_free (out, FALSE);
}

/* What a curriculum teaches, without its ids, UUIDs, version and status:
 * the same for a version and its copy. */
static char *
content (PsrDatabase *db,
         gint64       curriculum_id)
{
  static const char * const queries[] = {
    "SELECT lineage_uuid, framework_id, title, summary, audience, prerequisites,"
    " duration_hours, modality, teaching_methods, evaluation_methods, access_terms,"
    " access_delay, price_cents, contact, accessibility, language"
    " FROM curricula WHERE id = ?1",
    "SELECT o.position, o.text,"
    " (SELECT group_concat(competency_id) FROM"
    "  (SELECT competency_id FROM objective_competencies WHERE objective_id = o.id"
    "   ORDER BY competency_id))"
    " FROM curriculum_objectives o WHERE curriculum_id = ?1 ORDER BY position",
    "SELECT m.position, m.title, m.objectives, m.duration_hours, m.method, m.content,"
    " (SELECT group_concat(competency_id || ':' || coalesce(target_level_id, '-')) FROM"
    "  (SELECT * FROM module_competencies WHERE module_id = m.id ORDER BY competency_id)),"
    " (SELECT group_concat(scenario_id || '@' || position) FROM"
    "  (SELECT * FROM module_scenarios WHERE module_id = m.id ORDER BY position))"
    " FROM modules m WHERE curriculum_id = ?1 ORDER BY position",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    append_rows (out, db, queries[i], curriculum_id);

  return g_string_free (out, FALSE);
}

static PsrCurriculum *
load_curriculum (PsrDatabase *db,
                 gint64       id)
{
  g_autoptr(GError) error = NULL;
  PsrRecord *record = psr_record_load (db, PSR_TYPE_CURRICULUM, id, &error);

  g_assert_no_error (error);
  return PSR_CURRICULUM (record);
}

static PsrModule *
load_module (PsrDatabase *db,
             gint64       id)
{
  g_autoptr(GError) error = NULL;
  PsrRecord *record = psr_record_load (db, PSR_TYPE_MODULE, id, &error);

  g_assert_no_error (error);
  return PSR_MODULE (record);
}

static gint64
create_draft (PsrDatabase *db,
              const char  *title)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_curriculum_create (db, title, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_module (PsrDatabase *db,
            gint64       curriculum_id,
            const char  *title)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_module_add (db, curriculum_id, title, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_objective (PsrDatabase *db,
               gint64       curriculum_id,
               const char  *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_objective_add (db, curriculum_id, text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
assert_done (gboolean   done,
             GError   **error)
{
  g_assert_no_error (*error);
  g_assert_true (done);
}

static void
assert_refused (gboolean   done,
                GError   **error,
                int        code)
{
  g_assert_false (done);
  g_assert_error (*error, PSR_ERROR, code);
  g_assert_nonnull ((*error)->message);
  g_clear_error (error);
}

/* The titles of the modules in their order, after checking that their
 * positions are 0 … n-1. */
static char *
module_order (PsrDatabase *db,
              gint64       curriculum_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = psr_curriculum_list_modules (db, curriculum_id, &error);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == PSR_TYPE_MODULE);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PsrModule) module = g_list_model_get_item (list, i);

      g_assert_cmpuint (psr_module_get_position (module), ==, i);
      g_assert_cmpint (psr_module_get_curriculum_id (module), ==, curriculum_id);
      g_ptr_array_add (titles, (gpointer) psr_record_get_title (PSR_RECORD (module)));
    }
  g_ptr_array_add (titles, NULL);

  return g_strjoinv (" ", (char **) titles->pdata);
}

static char *
objective_order (PsrDatabase *db,
                 gint64       curriculum_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = psr_curriculum_list_objectives (db, curriculum_id, &error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      PsrObjective *objective = g_ptr_array_index (list, i);

      g_assert_cmpuint (objective->position, ==, i);
      g_ptr_array_add (texts, objective->text);
    }
  g_ptr_array_add (texts, NULL);

  return g_strjoinv (" ", (char **) texts->pdata);
}

static GPtrArray *
check (PsrDatabase *db,
       gint64       curriculum_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *checks = psr_curriculum_check (db, curriculum_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (checks);
  return checks;
}

static gboolean
has_check (GPtrArray        *checks,
           PsrCheckSeverity  severity,
           const char       *message)
{
  for (guint i = 0; i < checks->len; i++)
    {
      PsrCheck *item = g_ptr_array_index (checks, i);

      if (g_str_equal (item->message, message))
        {
          g_assert_cmpint (item->severity, ==, severity);
          return TRUE;
        }
    }

  return FALSE;
}

static void
assert_check (PsrDatabase      *db,
              gint64            curriculum_id,
              PsrCheckSeverity  severity,
              const char       *message,
              gboolean          present)
{
  g_autoptr(GPtrArray) checks = check (db, curriculum_id);

  if (has_check (checks, severity, message) != present)
    {
      for (guint i = 0; i < checks->len; i++)
        g_test_message ("check: %s", ((PsrCheck *) g_ptr_array_index (checks, i))->message);
      g_error ("“%s” is %s", message, present ? "missing" : "still there");
    }
}

static void
fill_required_fields (PsrDatabase *db,
                      gint64       id)
{
  g_autoptr(GError) error = NULL;

  for (PsrCurriculumField field = PSR_CURRICULUM_FIELD_SUMMARY;
       field < PSR_CURRICULUM_N_FIELDS; field++)
    assert_done (psr_curriculum_set_field (db, id, field, "Renseigné", &error), &error);
  assert_done (psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_LANGUAGE, "fr", &error),
               &error);
  assert_done (psr_curriculum_set_duration (db, id, 14, &error), &error);
  assert_done (psr_curriculum_set_price (db, id, 70000, &error), &error);
}

static gint64
published_sample (PsrDatabase *db)
{
  /* The one with the most sessions. */
  return query_int (db,
                    "SELECT c.id FROM curricula c JOIN sessions s ON s.curriculum_id = c.id"
                    " WHERE c.status = 'published' GROUP BY c.id ORDER BY count(*) DESC, c.id"
                    " LIMIT 1", 0);
}

/* Tests -------------------------------------------------------------------- */

static void
test_create_edit (Fixture       *fixture,
                  gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrCurriculum) curriculum = NULL;
  g_autoptr(PsrModule) module = NULL;
  g_autoptr(GPtrArray) objectives = NULL;
  g_autoptr(GArray) links = NULL;
  g_autoptr(GListModel) scenarios = NULL;
  g_autoptr(PsrScenario) scenario = NULL;
  g_autofree char *summary = NULL;
  gint64 id, objective_id, module_id;
  gint64 competency = query_int (db, "SELECT min(id) FROM competencies WHERE kind = 'competency'",
                                 0);
  gint64 other_competency = query_int (db, "SELECT max(id) FROM competencies"
                                       " WHERE kind = 'competency'", 0);
  gint64 level = query_int (db, "SELECT min(id) FROM scale_levels", 0);
  gint64 other_level = query_int (db, "SELECT max(id) FROM scale_levels", 0);
  gint64 scenario_id = query_int (db, "SELECT min(id) FROM scenarios", 0);
  gint64 updated;

  /* A draft of a new lineage, on the only framework. */
  id = create_draft (db, "  Médiation et petite enfance ");
  curriculum = load_curriculum (db, id);
  g_assert_cmpstr (psr_record_get_title (PSR_RECORD (curriculum)), ==,
                   "Médiation et petite enfance");
  g_assert_cmpstr (psr_curriculum_get_status (curriculum), ==, "draft");
  g_assert_cmpuint (psr_curriculum_get_version (curriculum), ==, 1);
  g_assert_cmpint (strlen (psr_curriculum_get_lineage_uuid (curriculum)), ==, 36);
  g_assert_cmpint (psr_curriculum_get_framework_id (curriculum), ==,
                   query_int (db, "SELECT id FROM frameworks", 0));
  g_assert_cmpint (psr_curriculum_get_price_cents (curriculum), ==, -1);
  g_assert_cmpstr (psr_curriculum_get_language (curriculum), ==, "fr");
  g_assert_cmpstr (psr_curriculum_get_modality (curriculum), ==, "in-person");
  g_assert_cmpuint (psr_curriculum_get_n_modules (curriculum), ==, 0);
  g_clear_object (&curriculum);

  g_assert_cmpint (psr_curriculum_create (db, " \t", &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  /* Every text field, read back by field, by getter and by property. */
  for (PsrCurriculumField field = 0; field < PSR_CURRICULUM_N_FIELDS; field++)
    {
      g_autofree char *value = g_strdup_printf ("Valeur %u", (guint) field);

      assert_done (psr_curriculum_set_field (db, id, field, value, &error), &error);
    }
  curriculum = load_curriculum (db, id);
  for (PsrCurriculumField field = 0; field < PSR_CURRICULUM_N_FIELDS; field++)
    {
      g_autofree char *value = g_strdup_printf ("Valeur %u", (guint) field);

      g_assert_cmpstr (psr_curriculum_get_text (curriculum, field), ==, value);
    }
  g_assert_cmpstr (psr_curriculum_get_summary (curriculum), ==, "Valeur 1");
  g_assert_cmpstr (psr_curriculum_get_accessibility (curriculum), ==, "Valeur 9");
  g_object_get (curriculum, "summary", &summary, NULL);
  g_assert_cmpstr (summary, ==, "Valeur 1");
  g_clear_object (&curriculum);

  /* The title and the language may not be empty; the others may. */
  assert_refused (psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_TITLE, " ", &error),
                  &error, PSR_ERROR_INVALID);
  assert_refused (psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_LANGUAGE, "", &error),
                  &error, PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_SUMMARY, "", &error),
               &error);

  assert_done (psr_curriculum_set_duration (db, id, 14, &error), &error);
  assert_refused (psr_curriculum_set_duration (db, id, -1, &error), &error, PSR_ERROR_INVALID);
  assert_refused (psr_curriculum_set_duration (db, id, NAN, &error), &error, PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_price (db, id, 70000, &error), &error);
  assert_refused (psr_curriculum_set_price (db, id, -2, &error), &error, PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_modality (db, id, "blended", &error), &error);
  assert_refused (psr_curriculum_set_modality (db, id, "hybrid", &error), &error,
                  PSR_ERROR_INVALID);
  curriculum = load_curriculum (db, id);
  g_assert_cmpstr (psr_record_get_title (PSR_RECORD (curriculum)), ==, "Valeur 0");
  g_assert_cmpstr (psr_curriculum_get_summary (curriculum), ==, "");
  g_assert_cmpstr (psr_curriculum_get_language (curriculum), ==, "Valeur 10");
  g_assert_cmpfloat (psr_curriculum_get_duration_hours (curriculum), ==, 14);
  g_assert_cmpint (psr_curriculum_get_price_cents (curriculum), ==, 70000);
  g_assert_cmpstr (psr_curriculum_get_modality (curriculum), ==, "blended");
  g_clear_object (&curriculum);
  assert_done (psr_curriculum_set_price (db, id, -1, &error), &error);
  g_assert_cmpint (query_int (db, "SELECT price_cents IS NULL FROM curricula WHERE id = ?1", id),
                   ==, 1);

  /* Objectives, with their competencies. */
  objective_id = add_objective (db, id, "Accueillir un groupe de jeunes enfants");
  add_objective (db, id, "Adapter une démonstration");
  assert_refused (psr_objective_add (db, id, "  ", &error) != 0, &error, PSR_ERROR_INVALID);
  assert_done (psr_objective_set_text (db, objective_id, "Accueillir des tout-petits", &error),
               &error);
  assert_refused (psr_objective_set_text (db, objective_id, "", &error), &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_objective_link_competency (db, objective_id, other_competency, &error),
               &error);
  assert_done (psr_objective_link_competency (db, objective_id, competency, &error), &error);
  assert_done (psr_objective_link_competency (db, objective_id, competency, &error), &error);
  assert_refused (psr_objective_link_competency (db, objective_id, 999999, &error), &error,
                  PSR_ERROR_CONSTRAINT);
  objectives = psr_curriculum_list_objectives (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (objectives->len, ==, 2);
  {
    PsrObjective *first = g_ptr_array_index (objectives, 0);
    g_autoptr(PsrObjective) copy = psr_objective_copy (first);

    g_assert_cmpint (first->id, ==, objective_id);
    g_assert_cmpstr (first->text, ==, "Accueillir des tout-petits");
    g_assert_cmpuint (first->competency_ids->len, ==, 2);
    g_assert_cmpuint (copy->competency_ids->len, ==, 2);
    g_assert_cmpuint (((PsrObjective *) g_ptr_array_index (objectives, 1))->competency_ids->len,
                      ==, 0);
  }
  g_clear_pointer (&objectives, g_ptr_array_unref);
  assert_done (psr_objective_unlink_competency (db, objective_id, other_competency, &error),
               &error);
  assert_done (psr_objective_unlink_competency (db, objective_id, other_competency, &error),
               &error);
  objectives = psr_curriculum_list_objectives (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((PsrObjective *) g_ptr_array_index (objectives, 0))->competency_ids->len,
                    ==, 1);
  g_assert_cmpint (g_array_index (((PsrObjective *) g_ptr_array_index (objectives, 0))
                                    ->competency_ids, gint64, 0), ==, competency);

  /* A module, with every field, competencies and scenarios. */
  module_id = add_module (db, id, "Accueil");
  assert_refused (psr_module_add (db, id, "", &error) != 0, &error, PSR_ERROR_INVALID);
  assert_done (psr_module_set_field (db, module_id, PSR_MODULE_FIELD_TITLE, "Accueillir",
                                     &error), &error);
  assert_done (psr_module_set_field (db, module_id, PSR_MODULE_FIELD_OBJECTIVES, "Poser le cadre",
                                     &error), &error);
  assert_done (psr_module_set_field (db, module_id, PSR_MODULE_FIELD_CONTENT, "## Contenu\n",
                                     &error), &error);
  assert_refused (psr_module_set_field (db, module_id, PSR_MODULE_FIELD_TITLE, "", &error),
                  &error, PSR_ERROR_INVALID);
  assert_done (psr_module_set_duration (db, module_id, 3.5, &error), &error);
  assert_refused (psr_module_set_duration (db, module_id, -0.5, &error), &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_module_set_method (db, module_id, "practice", &error), &error);
  assert_refused (psr_module_set_method (db, module_id, "lecture", &error), &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_module_set_competency (db, module_id, competency, level, &error), &error);
  assert_done (psr_module_set_competency (db, module_id, other_competency, 0, &error), &error);
  assert_done (psr_module_set_competency (db, module_id, competency, other_level, &error),
               &error);
  assert_done (psr_module_add_scenario (db, module_id, scenario_id, &error), &error);
  assert_done (psr_module_add_scenario (db, module_id, scenario_id, &error), &error);

  module = load_module (db, module_id);
  g_assert_cmpstr (psr_record_get_title (PSR_RECORD (module)), ==, "Accueillir");
  g_assert_cmpstr (psr_module_get_objectives (module), ==, "Poser le cadre");
  g_assert_cmpstr (psr_module_get_text (module, PSR_MODULE_FIELD_CONTENT), ==, "## Contenu\n");
  g_assert_cmpfloat (psr_module_get_duration_hours (module), ==, 3.5);
  g_assert_cmpstr (psr_module_get_method (module), ==, "practice");
  g_assert_cmpuint (psr_module_get_n_competencies (module), ==, 2);
  g_assert_cmpuint (psr_module_get_n_scenarios (module), ==, 1);
  g_clear_object (&module);

  links = psr_module_list_competencies (db, module_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  for (guint i = 0; i < links->len; i++)
    {
      PsrModuleCompetency *link = &g_array_index (links, PsrModuleCompetency, i);

      g_assert_cmpint (link->target_level_id, ==,
                       link->competency_id == competency ? other_level : 0);
    }
  scenarios = psr_module_list_scenarios (db, module_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  scenario = g_list_model_get_item (scenarios, 0);
  g_assert_cmpint (psr_record_get_id (PSR_RECORD (scenario)), ==, scenario_id);

  assert_done (psr_module_unset_competency (db, module_id, other_competency, &error), &error);
  assert_done (psr_module_remove_scenario (db, module_id, scenario_id, &error), &error);
  module = load_module (db, module_id);
  g_assert_cmpuint (psr_module_get_n_competencies (module), ==, 1);
  g_assert_cmpuint (psr_module_get_n_scenarios (module), ==, 0);

  /* The curriculum counts its modules and their hours, and knows it changed. */
  psr_test_exec (db, "UPDATE curricula SET updated_at = '2000-01-01T00:00:00.000Z'");
  add_module (db, id, "Démonstration");
  updated = query_int (db, "SELECT updated_at > '2000-01-01T00:00:00.000Z' FROM curricula"
                       " WHERE id = ?1", id);
  g_assert_cmpint (updated, ==, 1);
  curriculum = load_curriculum (db, id);
  g_assert_cmpuint (psr_curriculum_get_n_modules (curriculum), ==, 2);
  g_assert_cmpfloat (psr_curriculum_get_modules_hours (curriculum), ==, 3.5);
}

static void
test_create_framework (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PsrCurriculum) alone = NULL;
  g_autoptr(PsrCurriculum) among_two = NULL;

  /* No framework: none to choose. */
  alone = load_curriculum (fixture->db, create_draft (fixture->db, "Sans référentiel"));
  g_assert_cmpint (psr_curriculum_get_framework_id (alone), ==, 0);

  /* Two: the trainer chooses. */
  psr_test_exec (fixture->db,
                 "INSERT INTO frameworks (uuid, title) VALUES"
                 " ('70000000-0000-4000-8000-000000000001', 'Un'),"
                 " ('70000000-0000-4000-8000-000000000002', 'Deux')");
  among_two = load_curriculum (fixture->db, create_draft (fixture->db, "Entre deux"));
  g_assert_cmpint (psr_curriculum_get_framework_id (among_two), ==, 0);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;

  assert_refused (psr_curriculum_set_field (db, 999, PSR_CURRICULUM_FIELD_SUMMARY, "x", &error),
                  &error, PSR_ERROR_NOT_FOUND);
  assert_refused (psr_curriculum_set_status (db, 999, "published", &error), &error,
                  PSR_ERROR_NOT_FOUND);
  assert_refused (psr_curriculum_new_version (db, 999, &error) != 0, &error,
                  PSR_ERROR_NOT_FOUND);
  assert_refused (psr_objective_remove (db, 999, &error), &error, PSR_ERROR_NOT_FOUND);
  assert_refused (psr_module_move (db, 999, 0, &error), &error, PSR_ERROR_NOT_FOUND);
  assert_refused (psr_module_add (db, 999, "Module", &error) != 0, &error, PSR_ERROR_NOT_FOUND);
  g_assert_null (psr_curriculum_check (db, 999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

/* Every kind of change to a curriculum, its objectives and its modules. */
static void
assert_read_only (PsrDatabase *db,
                  gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (db);
  g_autofree char *after = NULL;
  gint64 objective = query_int (db, "SELECT id FROM curriculum_objectives"
                                " WHERE curriculum_id = ?1 ORDER BY position LIMIT 1", id);
  gint64 module = query_int (db, "SELECT id FROM modules WHERE curriculum_id = ?1"
                             " ORDER BY position LIMIT 1", id);
  gint64 linked = query_int (db, "SELECT competency_id FROM objective_competencies"
                             " WHERE objective_id = ?1 LIMIT 1", objective);
  gint64 covered = query_int (db, "SELECT competency_id FROM module_competencies"
                              " WHERE module_id = ?1 LIMIT 1", module);
  gint64 scenario = query_int (db, "SELECT scenario_id FROM module_scenarios"
                               " WHERE module_id = ?1 LIMIT 1", module);
  gint64 level = query_int (db, "SELECT max(id) FROM scale_levels", 0);

  for (PsrCurriculumField field = 0; field < PSR_CURRICULUM_N_FIELDS; field++)
    assert_refused (psr_curriculum_set_field (db, id, field, "Modifié", &error), &error,
                    PSR_ERROR_INVALID);
  assert_refused (psr_curriculum_set_duration (db, id, 7, &error), &error, PSR_ERROR_INVALID);
  assert_refused (psr_curriculum_set_price (db, id, 100, &error), &error, PSR_ERROR_INVALID);
  assert_refused (psr_curriculum_set_price (db, id, -1, &error), &error, PSR_ERROR_INVALID);
  assert_refused (psr_curriculum_set_modality (db, id, "remote", &error), &error,
                  PSR_ERROR_INVALID);

  assert_refused (psr_objective_add (db, id, "Nouvel objectif", &error) != 0, &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_objective_set_text (db, objective, "Modifié", &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_objective_move (db, objective, 2, &error), &error, PSR_ERROR_INVALID);
  assert_refused (psr_objective_link_competency (db, objective, covered, &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_objective_unlink_competency (db, objective, linked, &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_objective_remove (db, objective, &error), &error, PSR_ERROR_INVALID);

  assert_refused (psr_module_add (db, id, "Nouveau module", &error) != 0, &error,
                  PSR_ERROR_INVALID);
  for (PsrModuleField field = 0; field < PSR_MODULE_N_FIELDS; field++)
    assert_refused (psr_module_set_field (db, module, field, "Modifié", &error), &error,
                    PSR_ERROR_INVALID);
  assert_refused (psr_module_set_duration (db, module, 1, &error), &error, PSR_ERROR_INVALID);
  assert_refused (psr_module_set_method (db, module, "theory", &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_module_move (db, module, 3, &error), &error, PSR_ERROR_INVALID);
  assert_refused (psr_module_set_competency (db, module, covered, level, &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_module_set_competency (db, module, linked, 0, &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_module_unset_competency (db, module, covered, &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_module_add_scenario (db, module, scenario + 1, &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_module_remove_scenario (db, module, scenario, &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_module_remove (db, module, &error), &error, PSR_ERROR_INVALID);

  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_published_read_only (Fixture       *fixture,
                          gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  gint64 id = published_sample (db);

  assert_read_only (db, id);

  /* Archived, it stays read-only; its status still changes. */
  assert_done (psr_curriculum_set_status (db, id, "archived", &error), &error);
  assert_read_only (db, id);
  assert_refused (psr_curriculum_set_status (db, id, "draft", &error), &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_status (db, id, "published", &error), &error);
}

static void
test_new_version (Fixture       *fixture,
                  gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrCurriculum) original = NULL;
  g_autoptr(PsrCurriculum) copy = NULL;
  g_autoptr(GListModel) versions = NULL;
  gint64 id = published_sample (db);
  g_autofree char *before = content (db, id);
  g_autofree char *original_rows = snapshot (db);
  g_autofree char *after = NULL;
  g_autofree char *copied = NULL;
  gint64 n_sessions = query_int (db, "SELECT count(*) FROM sessions WHERE curriculum_id = ?1",
                                 id);
  gint64 copy_id, third_id;

  g_assert_cmpint (n_sessions, >, 0);

  copy_id = psr_curriculum_new_version (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, >, id);

  /* The copy: the next version of the same lineage, a draft, the same
   * content with new UUIDs. */
  original = load_curriculum (db, id);
  copy = load_curriculum (db, copy_id);
  g_assert_cmpstr (psr_curriculum_get_lineage_uuid (copy), ==,
                   psr_curriculum_get_lineage_uuid (original));
  g_assert_cmpuint (psr_curriculum_get_version (copy), ==, 2);
  g_assert_cmpstr (psr_curriculum_get_status (copy), ==, "draft");
  g_assert_cmpstr (psr_record_get_uuid (PSR_RECORD (copy)), !=,
                   psr_record_get_uuid (PSR_RECORD (original)));
  g_assert_cmpuint (psr_curriculum_get_n_modules (copy), ==,
                    psr_curriculum_get_n_modules (original));
  g_assert_cmpuint (psr_curriculum_get_n_modules (copy), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM curriculum_objectives"
                              " WHERE curriculum_id = ?1", copy_id), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM module_competencies mc"
                              " JOIN modules m ON m.id = mc.module_id"
                              " WHERE m.curriculum_id = ?1 AND mc.target_level_id IS NOT NULL",
                              copy_id), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM module_scenarios ms"
                              " JOIN modules m ON m.id = ms.module_id"
                              " WHERE m.curriculum_id = ?1", copy_id), >, 0);
  copied = content (db, copy_id);
  g_assert_cmpstr (copied, ==, before);

  /* The original and its sessions are untouched: the rows as they were,
   * plus the copy's. */
  after = content (db, id);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (psr_curriculum_get_status (original), ==, "published");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sessions WHERE curriculum_id = ?1", id),
                   ==, n_sessions);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sessions WHERE curriculum_id = ?1",
                              copy_id), ==, 0);
  psr_test_exec (db, "SAVEPOINT compare");
  {
    g_autofree char *without_copy = NULL;
    sqlite3_stmt *stmt = prepare_with_id (db, "DELETE FROM curricula WHERE id = ?1", copy_id);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_reset (stmt);
    without_copy = snapshot (db);
    g_assert_cmpstr (without_copy, ==, original_rows);
  }
  psr_test_exec (db, "ROLLBACK TO compare; RELEASE compare");

  /* A draft changes directly; the next copy of the original comes after it. */
  assert_refused (psr_curriculum_new_version (db, copy_id, &error) != 0, &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_field (db, copy_id, PSR_CURRICULUM_FIELD_SUMMARY,
                                         "Nouvelle version", &error), &error);
  assert_done (psr_curriculum_set_status (db, id, "archived", &error), &error);
  third_id = psr_curriculum_new_version (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT version FROM curricula WHERE id = ?1", third_id), ==, 3);

  versions = psr_curriculum_list_versions (db, psr_curriculum_get_lineage_uuid (original), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (versions), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PsrCurriculum) version = g_list_model_get_item (versions, i);

      g_assert_cmpuint (psr_curriculum_get_version (version), ==, 3 - i);
    }
}

static void
test_module_order (Fixture       *fixture,
                   gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  gint64 id = create_draft (db, "Ordre des modules");
  gint64 a = add_module (db, id, "A");
  gint64 b = add_module (db, id, "B");
  gint64 c = add_module (db, id, "C");
  gint64 d = add_module (db, id, "D");
  gint64 first, second;
  char *order;

#define ASSERT_ORDER(expected) \
  order = module_order (db, id); \
  g_assert_cmpstr (order, ==, expected); \
  g_free (order)

  ASSERT_ORDER ("A B C D");

  assert_done (psr_module_move (db, a, 3, &error), &error);
  ASSERT_ORDER ("B C D A");
  assert_done (psr_module_move (db, a, 0, &error), &error);
  ASSERT_ORDER ("A B C D");
  assert_done (psr_module_move (db, c, 1, &error), &error);
  ASSERT_ORDER ("A C B D");
  assert_done (psr_module_move (db, c, 2, &error), &error);
  ASSERT_ORDER ("A B C D");
  assert_done (psr_module_move (db, b, 99, &error), &error);
  ASSERT_ORDER ("A C D B");
  assert_done (psr_module_move (db, b, 3, &error), &error);
  ASSERT_ORDER ("A C D B");

  assert_done (psr_module_remove (db, c, &error), &error);
  ASSERT_ORDER ("A D B");
  assert_done (psr_module_remove (db, a, &error), &error);
  ASSERT_ORDER ("D B");
  add_module (db, id, "E");
  ASSERT_ORDER ("D B E");
  assert_done (psr_module_move (db, d, 1, &error), &error);
  ASSERT_ORDER ("B D E");
  assert_done (psr_module_remove (db, b, &error), &error);
  assert_done (psr_module_remove (db, d, &error), &error);
  ASSERT_ORDER ("E");

#undef ASSERT_ORDER

  /* Objectives keep their order the same way. */
  first = add_objective (db, id, "un");
  second = add_objective (db, id, "deux");
  add_objective (db, id, "trois");
  assert_done (psr_objective_move (db, first, 2, &error), &error);
  order = objective_order (db, id);
  g_assert_cmpstr (order, ==, "deux trois un");
  g_free (order);
  assert_done (psr_objective_remove (db, second, &error), &error);
  order = objective_order (db, id);
  g_assert_cmpstr (order, ==, "trois un");
  g_free (order);
}

static void
test_checks (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const required[] = {
    "Summary is empty: Qualiopi asks for it",
    "Audience is empty: Qualiopi asks for it",
    "Prerequisites are empty: Qualiopi asks for them",
    "Duration is not set: Qualiopi asks for it",
    "Teaching methods are empty: Qualiopi asks for them",
    "Evaluation methods are empty: Qualiopi asks for them",
    "Access terms are empty: Qualiopi asks for them",
    "Access delay is empty: Qualiopi asks for it",
    "Price is not set: Qualiopi asks for it",
    "Contact is empty: Qualiopi asks for it",
    "Accessibility is empty: Qualiopi asks for it",
  };
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GListModel) sample = NULL;
  g_autofree char *code = NULL;
  g_autofree char *uncovered = NULL;
  gint64 id = create_draft (db, "Vérifications");
  gint64 competency = query_int (db, "SELECT min(id) FROM competencies"
                                 " WHERE kind = 'competency' AND code != ''", 0);
  gint64 module, objective;

  code = query_text (db, "SELECT code FROM competencies WHERE id = ?1", competency);
  uncovered = g_strdup_printf ("Competency %s of the objectives is covered by no module", code);

  /* A new draft: every required field is left to fill in, nothing else. */
  checks = check (db, id);
  g_assert_cmpuint (checks->len, ==, G_N_ELEMENTS (required));
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (has_check (checks, PSR_CHECK_INFO, required[i]));
  g_clear_pointer (&checks, g_ptr_array_unref);

  assert_done (psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_ACCESS_DELAY,
                                         "Quinze jours avant", &error), &error);
  assert_check (db, id, PSR_CHECK_INFO, "Access delay is empty: Qualiopi asks for it", FALSE);
  assert_done (psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_ACCESS_DELAY, " \n",
                                         &error), &error);
  assert_check (db, id, PSR_CHECK_INFO, "Access delay is empty: Qualiopi asks for it", TRUE);
  assert_done (psr_curriculum_set_price (db, id, 0, &error), &error);
  assert_check (db, id, PSR_CHECK_INFO, "Price is not set: Qualiopi asks for it", FALSE);

  /* Durations: the modules against the curriculum. */
  assert_done (psr_curriculum_set_duration (db, id, 14, &error), &error);
  module = add_module (db, id, "Tout en un");
  assert_done (psr_module_set_duration (db, module, 12, &error), &error);
  assert_check (db, id, PSR_CHECK_WARNING, "The modules add up to 12 h, the curriculum says 14 h",
                TRUE);
  assert_done (psr_module_set_duration (db, module, 3.5, &error), &error);
  assert_check (db, id, PSR_CHECK_WARNING,
                "The modules add up to 3.5 h, the curriculum says 14 h", TRUE);
  assert_done (psr_module_set_duration (db, module, 14, &error), &error);
  assert_check (db, id, PSR_CHECK_WARNING, "The modules add up to 14 h, the curriculum says 14 h",
                FALSE);
  checks = check (db, id);
  for (guint i = 0; i < checks->len; i++)
    g_assert_cmpint (((PsrCheck *) g_ptr_array_index (checks, i))->severity, ==, PSR_CHECK_INFO);
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* Objectives and competencies. */
  add_objective (db, id, "Premier objectif");
  objective = add_objective (db, id, "Second objectif");
  assert_done (psr_objective_link_competency (db,
                                              query_int (db, "SELECT min(id) FROM"
                                                         " curriculum_objectives"
                                                         " WHERE curriculum_id = ?1", id),
                                              competency, &error), &error);
  assert_check (db, id, PSR_CHECK_WARNING, "Objective 2 is linked to no competency", TRUE);
  assert_check (db, id, PSR_CHECK_WARNING, "Objective 1 is linked to no competency", FALSE);
  assert_check (db, id, PSR_CHECK_WARNING, uncovered, TRUE);
  assert_done (psr_objective_link_competency (db, objective, competency, &error), &error);
  assert_check (db, id, PSR_CHECK_WARNING, "Objective 2 is linked to no competency", FALSE);
  assert_done (psr_module_set_competency (db, module, competency, 0, &error), &error);
  assert_check (db, id, PSR_CHECK_WARNING, uncovered, FALSE);

  /* Everything filled in: nothing to say. */
  fill_required_fields (db, id);
  checks = check (db, id);
  g_assert_cmpuint (checks->len, ==, 0);
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* The École's own curricula are in order. */
  sample = psr_curricula_list_latest (db, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (sample); i++)
    {
      g_autoptr(PsrCurriculum) curriculum = g_list_model_get_item (sample, i);

      checks = check (db, psr_record_get_id (PSR_RECORD (curriculum)));
      g_assert_cmpuint (checks->len, ==, 0);
      g_clear_pointer (&checks, g_ptr_array_unref);
    }
}

/* Decimals as the reader's locale writes them. */
static void
test_checks_locale (Fixture       *fixture,
                    gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));
  gint64 id = create_draft (db, "Virgules");
  gint64 module = add_module (db, id, "Un module");

  assert_done (psr_curriculum_set_duration (db, id, 7, &error), &error);
  assert_done (psr_module_set_duration (db, module, 3.75, &error), &error);

  if (setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("No French locale");
      return;
    }
  assert_check (db, id, PSR_CHECK_WARNING, "The modules add up to 3,75 h, the curriculum says 7 h",
                TRUE);
  setlocale (LC_NUMERIC, previous);
  assert_check (db, id, PSR_CHECK_WARNING, "The modules add up to 3.75 h, the curriculum says 7 h",
                TRUE);
}

static void
test_publish (Fixture       *fixture,
              gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrCurriculum) curriculum = NULL;
  gint64 id = create_draft (db, "À publier");

  /* Refused with the list of what Qualiopi asks for. */
  g_assert_false (psr_curriculum_set_status (db, id, "published", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "To publish this curriculum, fill in these fields first: summary, audience,"
                   " prerequisites, duration, teaching methods, evaluation methods, access terms,"
                   " access delay, price, contact, accessibility.");
  g_clear_error (&error);

  fill_required_fields (db, id);
  assert_done (psr_curriculum_set_price (db, id, -1, &error), &error);
  g_assert_false (psr_curriculum_set_status (db, id, "published", &error));
  g_assert_cmpstr (error->message, ==,
                   "To publish this curriculum, fill in this field first: price.");
  g_clear_error (&error);
  g_assert_cmpint (query_int (db, "SELECT status = 'draft' FROM curricula WHERE id = ?1", id),
                   ==, 1);

  /* Draft → published → archived → published; never back to draft. */
  assert_refused (psr_curriculum_set_status (db, id, "archived", &error), &error,
                  PSR_ERROR_INVALID);
  assert_refused (psr_curriculum_set_status (db, id, "finished", &error), &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_price (db, id, 0, &error), &error);
  assert_done (psr_curriculum_set_status (db, id, "draft", &error), &error);
  assert_done (psr_curriculum_set_status (db, id, "published", &error), &error);
  curriculum = load_curriculum (db, id);
  g_assert_cmpstr (psr_curriculum_get_status (curriculum), ==, "published");
  assert_done (psr_curriculum_set_status (db, id, "published", &error), &error);
  assert_refused (psr_curriculum_set_status (db, id, "draft", &error), &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_status (db, id, "archived", &error), &error);
  assert_refused (psr_curriculum_set_status (db, id, "draft", &error), &error,
                  PSR_ERROR_INVALID);
  assert_done (psr_curriculum_set_status (db, id, "published", &error), &error);
}

static char *
latest_titles (PsrDatabase *db,
               const char  *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = psr_curricula_list_latest (db, search, &error);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PsrCurriculum) curriculum = g_list_model_get_item (list, i);

      g_ptr_array_add (titles, g_strdup_printf ("%s v%u",
                                                psr_record_get_title (PSR_RECORD (curriculum)),
                                                psr_curriculum_get_version (curriculum)));
    }
  g_ptr_array_add (titles, NULL);

  return g_strjoinv (" / ", (char **) titles->pdata);
}

static void
test_list_latest (Fixture       *fixture,
                  gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  gint64 id = query_int (db, "SELECT id FROM curricula"
                         " WHERE title = 'Médiation des controverses scientifiques'", 0);
  char *titles;

#define ASSERT_LATEST(search, expected) \
  titles = latest_titles (db, search); \
  g_assert_cmpstr (titles, ==, expected); \
  g_free (titles)

  ASSERT_LATEST (NULL, "Animer un atelier scientifique v1"
                 " / Concevoir une visite guidée inclusive v1"
                 " / Médiation des controverses scientifiques v1");

  /* One row per lineage, the newest version. */
  psr_curriculum_new_version (db, id, &error);
  g_assert_no_error (error);
  create_draft (db, "Accueillir les publics en situation de handicap");
  ASSERT_LATEST ("", "Accueillir les publics en situation de handicap v1"
                 " / Animer un atelier scientifique v1"
                 " / Concevoir une visite guidée inclusive v1"
                 " / Médiation des controverses scientifiques v2");

  /* Words of the title or the summary, whatever their case and accents. */
  ASSERT_LATEST ("ATELIER", "Animer un atelier scientifique v1");
  ASSERT_LATEST ("mediation controv", "Médiation des controverses scientifiques v2");
  ASSERT_LATEST ("malvoyantes", "Concevoir une visite guidée inclusive v1");
  ASSERT_LATEST ("handicap", "Accueillir les publics en situation de handicap v1"
                 " / Concevoir une visite guidée inclusive v1");
  ASSERT_LATEST ("handicap accueillir", "Accueillir les publics en situation de handicap v1");
  ASSERT_LATEST ("zythum", "");
  ASSERT_LATEST ("  ", "Accueillir les publics en situation de handicap v1"
                 " / Animer un atelier scientifique v1"
                 " / Concevoir une visite guidée inclusive v1"
                 " / Médiation des controverses scientifiques v2");

#undef ASSERT_LATEST
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/curricula/create-edit", Fixture, NULL, fixture_set_up_sample, test_create_edit,
              fixture_tear_down);
  g_test_add ("/curricula/create-framework", Fixture, NULL, fixture_set_up,
              test_create_framework, fixture_tear_down);
  g_test_add ("/curricula/not-found", Fixture, NULL, fixture_set_up, test_not_found,
              fixture_tear_down);
  g_test_add ("/curricula/published-read-only", Fixture, NULL, fixture_set_up_sample,
              test_published_read_only, fixture_tear_down);
  g_test_add ("/curricula/new-version", Fixture, NULL, fixture_set_up_sample, test_new_version,
              fixture_tear_down);
  g_test_add ("/curricula/module-order", Fixture, NULL, fixture_set_up, test_module_order,
              fixture_tear_down);
  g_test_add ("/curricula/checks", Fixture, NULL, fixture_set_up_sample, test_checks,
              fixture_tear_down);
  g_test_add ("/curricula/checks-locale", Fixture, NULL, fixture_set_up, test_checks_locale,
              fixture_tear_down);
  g_test_add ("/curricula/publish", Fixture, NULL, fixture_set_up, test_publish,
              fixture_tear_down);
  g_test_add ("/curricula/list-latest", Fixture, NULL, fixture_set_up_sample, test_list_latest,
              fixture_tear_down);

  return g_test_run ();
}
