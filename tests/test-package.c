/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psr-error.h"
#include "psr-package.h"
#include "psr-sample.h"
#include "psr-test-utils.h"
#include "psr-translations.h"

/* Exchange packages of scenarios, both ways, on real databases. */

#define S1 "11111111-1111-4111-8111-111111111111"
#define PACKAGE_HEAD \
  "{\"format\": \"passerelle-package\", \"version\": 1, \"exported_at\": \"2026-03-11T10:00:00.000Z\","

typedef struct
{
  char        *dir;
  PsrDatabase *a;
  PsrDatabase *b;
} Fixture;

static PsrDatabase *
open_in (const char *dir,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PsrDatabase *db = psr_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);

  fixture->dir = psr_test_make_dir ();
  fixture->a = open_in (fixture->dir, "a.db");
  fixture->b = open_in (fixture->dir, "b.db");
  g_assert_true (psr_sample_load (fixture->a, today, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static char *
export_text (PsrDatabase  *db,
             const gint64 *ids,
             guint         n_ids)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (psr_package_export (db, ids, n_ids, output, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The package without its exported_at line. */
static char *
without_date (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *result = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "\"exported_at\"") == NULL)
        g_string_append_printf (result, "%s\n", lines[i]);
    }

  return g_string_free (result, FALSE);
}

static PsrPackagePlan *
read_text (PsrDatabase  *db,
           const char   *text,
           GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return psr_package_read (db, bytes, error);
}

static void
import_text (PsrDatabase      *db,
             const char       *text,
             PsrPackageChoice  choice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPackagePlan) plan = read_text (db, text, &error);

  g_assert_no_error (error);
  g_assert_true (psr_package_apply (db, plan, choice, &error));
  g_assert_no_error (error);
}

static gint64
count_all (PsrDatabase *db)
{
  return psr_test_query_int (db,
                             "SELECT (SELECT count(*) FROM scenarios) * 1000000"
                             " + (SELECT count(*) FROM scenario_phases) * 10000"
                             " + (SELECT count(*) FROM scenario_audiences) * 1000"
                             " + (SELECT count(*) FROM rehearsal_nodes) * 100"
                             " + (SELECT count(*) FROM rehearsal_choices) * 10"
                             " + (SELECT count(*) FROM scenario_competencies)");
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = export_text (fixture->a, NULL, 0);
  g_autofree char *second = NULL;
  g_autofree char *first_bare = NULL;
  g_autofree char *second_bare = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPackagePlan) plan = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);

  g_assert_cmpint (psr_test_query_int (fixture->a, "SELECT count(*) FROM scenarios"), ==, 12);
  g_assert_cmpint (psr_test_query_int (fixture->a, "SELECT count(DISTINCT scenario_id)"
                                                   " FROM rehearsal_nodes"), ==, 2);

  /* B has the same framework, so the competencies match by UUID. */
  plan = read_text (fixture->b, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_new (plan), ==, 12);
  g_assert_cmpuint (psr_package_plan_get_n_unmatched_competencies (plan), >, 0);
  g_clear_pointer (&plan, psr_package_plan_unref);

  g_assert_true (psr_sample_load (fixture->b, today, &error));
  g_assert_no_error (error);
  psr_test_exec (fixture->b, "DELETE FROM module_scenarios");
  psr_test_exec (fixture->b, "DELETE FROM rehearsal_runs");
  psr_test_exec (fixture->b, "DELETE FROM scenarios");

  plan = read_text (fixture->b, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_new (plan), ==, 12);
  g_assert_cmpuint (psr_package_plan_get_n_updates (plan), ==, 0);
  g_assert_cmpuint (psr_package_plan_get_n_conflicts (plan), ==, 0);
  g_assert_cmpuint (psr_package_plan_get_n_unmatched_competencies (plan), ==, 0);
  g_assert_true (psr_package_apply (fixture->b, plan, PSR_PACKAGE_KEEP_LOCAL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_all (fixture->a), ==, count_all (fixture->b));
  second = export_text (fixture->b, NULL, 0);
  first_bare = without_date (first);
  second_bare = without_date (second);
  g_assert_cmpstr (first_bare, ==, second_bare);
  g_assert_true (strstr (first, "\"exported_at\"") != NULL);

  /* Again: nothing to do. */
  g_clear_pointer (&plan, psr_package_plan_unref);
  plan = read_text (fixture->b, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_unchanged (plan), ==, 12);
  g_assert_cmpuint (psr_package_plan_get_n_new (plan), ==, 0);
}

static void
test_export_some (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = psr_test_query_int (fixture->a, "SELECT min(id) FROM scenarios");
  g_autofree char *text = export_text (fixture->a, &id, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPackagePlan) plan = read_text (fixture->b, text, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_new (plan), ==, 1);
}

static char *
scenario_package (const char *title,
                  const char *updated_at)
{
  return g_strdup_printf (PACKAGE_HEAD
                          "\"competencies\": [], \"scenarios\": [{\"uuid\": \"" S1 "\","
                          " \"title\": \"%s\", \"created_at\": \"2026-01-01T00:00:00.000Z\","
                          " \"updated_at\": \"%s\", \"audiences\": [\"families\"],"
                          " \"phases\": [{\"uuid\": \"22222222-2222-4222-8222-222222222222\","
                          " \"title\": \"Welcome\", \"duration_minutes\": 5}],"
                          " \"rehearsal\": {\"nodes\": [{\"uuid\": "
                          "\"33333333-3333-4333-8333-333333333333\", \"name\": \"start\","
                          " \"is_start\": true, \"choices\": [{\"uuid\": "
                          "\"44444444-4444-4444-8444-444444444444\", \"text\": \"Hello\","
                          " \"target\": \"33333333-3333-4333-8333-333333333333\"}]}]}}]}",
                          title, updated_at);
}

static char *
local_title (PsrDatabase *db)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, "SELECT title FROM scenarios WHERE uuid = ?1",
                                             &error);
  char *title = NULL;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, S1, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return title;
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *v1 = scenario_package ("Version 1", "2026-02-01T00:00:00.000Z");
  g_autofree char *v2 = scenario_package ("Version 2", "2026-02-02T00:00:00.000Z");
  g_autofree char *v3 = scenario_package ("Version 3", "2026-02-03T00:00:00.000Z");
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPackagePlan) plan = NULL;
  PsrPackageConflict *conflict;

  /* New. */
  import_text (fixture->b, v1, PSR_PACKAGE_KEEP_LOCAL);
  title = local_title (fixture->b);
  g_assert_cmpstr (title, ==, "Version 1");
  g_clear_pointer (&title, g_free);

  /* Unchanged. */
  plan = read_text (fixture->b, v1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_unchanged (plan), ==, 1);
  g_clear_pointer (&plan, psr_package_plan_unref);

  /* Update of a copy not changed here. */
  plan = read_text (fixture->b, v2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_updates (plan), ==, 1);
  g_assert_true (psr_package_apply (fixture->b, plan, PSR_PACKAGE_KEEP_LOCAL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&plan, psr_package_plan_unref);
  title = local_title (fixture->b);
  g_assert_cmpstr (title, ==, "Version 2");
  g_clear_pointer (&title, g_free);
  g_assert_cmpint (psr_test_query_int (fixture->b, "SELECT count(*) FROM scenario_phases"), ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->b, "SELECT count(*) FROM rehearsal_choices"
                                                   " WHERE target_node_id IS NOT NULL"), ==, 1);

  /* Changed here after version 2, and version 3 elsewhere: a conflict. */
  psr_test_exec (fixture->b, "UPDATE scenarios SET title = 'Local',"
                             " updated_at = '2026-02-05T00:00:00.000Z'");
  plan = read_text (fixture->b, v3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_conflicts (plan), ==, 1);
  conflict = g_ptr_array_index (psr_package_plan_get_conflicts (plan), 0);
  g_assert_cmpstr (conflict->uuid, ==, S1);
  g_assert_cmpstr (conflict->local_title, ==, "Local");
  g_assert_cmpstr (conflict->incoming_title, ==, "Version 3");
  g_assert_cmpstr (conflict->local_updated_at, ==, "2026-02-05T00:00:00.000Z");
  g_assert_cmpstr (conflict->incoming_updated_at, ==, "2026-02-03T00:00:00.000Z");

  g_assert_true (psr_package_apply (fixture->b, plan, PSR_PACKAGE_KEEP_LOCAL, &error));
  g_assert_no_error (error);
  title = local_title (fixture->b);
  g_assert_cmpstr (title, ==, "Local");
  g_clear_pointer (&title, g_free);

  g_assert_true (psr_package_apply (fixture->b, plan, PSR_PACKAGE_TAKE_INCOMING, &error));
  g_assert_no_error (error);
  title = local_title (fixture->b);
  g_assert_cmpstr (title, ==, "Version 3");
  g_clear_pointer (&plan, psr_package_plan_unref);

  /* A plan read before a change here is not applied over it. */
  plan = read_text (fixture->b, v3, &error);
  g_assert_no_error (error);
  psr_test_exec (fixture->b, "UPDATE scenarios SET updated_at = '2026-02-06T00:00:00.000Z'");
  g_assert_false (psr_package_apply (fixture->b, plan, PSR_PACKAGE_TAKE_INCOMING, &error));
  g_assert_nonnull (error);
}

static void
test_refuses_malformed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *valid = export_text (fixture->a, NULL, 0);
  g_autofree char *bad_uuid = g_strdup (valid);
  g_autofree char *too_new = NULL;
  g_autofree char *target = scenario_package ("T", "2026-02-01T00:00:00.000Z");
  g_autofree char *big = NULL;
  const char *cases[] = {
    "",
    "not json",
    "[1, 2]",
    "{\"format\": \"something-else\", \"version\": 1}",
    PACKAGE_HEAD "\"competencies\": []}",
    PACKAGE_HEAD "\"scenarios\": {}, \"competencies\": []}",
    PACKAGE_HEAD "\"scenarios\": [{\"uuid\": \"" S1 "\"}], \"competencies\": []}",
    PACKAGE_HEAD "\"scenarios\": [{\"uuid\": \"" S1 "\", \"title\": 12,"
      " \"created_at\": \"2026-01-01T00:00:00Z\", \"updated_at\": \"2026-01-01T00:00:00Z\"}],"
      " \"competencies\": []}",
    PACKAGE_HEAD "\"scenarios\": [{\"uuid\": \"" S1 "\", \"title\": \"x\", \"format\": \"opera\","
      " \"created_at\": \"2026-01-01T00:00:00Z\", \"updated_at\": \"2026-01-01T00:00:00Z\"}],"
      " \"competencies\": []}",
    "{\"format\": \"passerelle-package\", \"version\": \"1\", \"exported_at\": \"x\","
      " \"scenarios\": [], \"competencies\": []}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]",
  };
  gint64 before;
  char *found;

  import_text (fixture->b, target, PSR_PACKAGE_KEEP_LOCAL);
  g_free (target);

  /* A UUID that is not one. */
  found = strstr (bad_uuid, "\"uuid\" : \"");
  g_assert_nonnull (found);
  found[strlen ("\"uuid\" : \"") + 3] = 'x';

  /* A choice leading to a node not in the package. */
  target = scenario_package ("T", "2026-02-09T00:00:00.000Z");
  found = strstr (target, "\"target\": \"33333333");
  g_assert_nonnull (found);
  found[strlen ("\"target\": \"")] = '5';

  before = count_all (fixture->b);
  for (guint i = 0; i <= G_N_ELEMENTS (cases) + 1; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsrPackagePlan) plan = NULL;
      const char *text = i < G_N_ELEMENTS (cases) ? cases[i]
                         : i == G_N_ELEMENTS (cases) ? bad_uuid : target;

      plan = read_text (fixture->b, text, &error);
      g_assert_null (plan);
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_assert_cmpint (count_all (fixture->b), ==, before);
    }

  /* A newer format. */
  too_new = g_strdup_printf ("{\"format\": \"passerelle-package\", \"version\": %d,"
                             " \"exported_at\": \"2030-01-01T00:00:00Z\", \"scenarios\": [],"
                             " \"competencies\": [], \"future\": true}",
                             PSR_PACKAGE_VERSION + 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PsrPackagePlan) plan = read_text (fixture->b, too_new, &error);

    g_assert_null (plan);
    g_assert_error (error, PSR_ERROR, PSR_ERROR_TOO_NEW);
  }

  /* Too large. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(PsrPackagePlan) plan = NULL;

    big = g_malloc0 ((gsize) PSR_PACKAGE_MAX_SIZE + 1);
    bytes = g_bytes_new_take (g_steal_pointer (&big), (gsize) PSR_PACKAGE_MAX_SIZE + 1);
    plan = psr_package_read (fixture->b, bytes, &error);
    g_assert_null (plan);
    g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  }
  g_assert_cmpint (count_all (fixture->b), ==, before);
}

static char *
query_text (PsrDatabase *db,
            const char  *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);
  char *text = NULL;

  g_assert_no_error (error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
set_translation (PsrDatabase *db,
                 const char  *kind,
                 const char  *uuid,
                 const char  *language,
                 const char  *field,
                 const char  *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_translation_set (db, kind, uuid, language, field, text, &error));
  g_assert_no_error (error);
}

static char *
translation (PsrDatabase *db,
             const char  *kind,
             const char  *uuid,
             const char  *language,
             const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = psr_translation_get (db, kind, uuid, language, &error);

  g_assert_no_error (error);
  return g_strdup (g_hash_table_lookup (texts, field));
}

/* Translations travel with their scenario, and with the competencies the
 * package carries. */
static void
test_translations (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);
  g_autoptr(PsrPackagePlan) plan = NULL;
  gint64 id = psr_test_query_int (fixture->a, "SELECT min(id) FROM scenarios"
                                              " WHERE id IN (SELECT scenario_id"
                                              " FROM scenario_competencies)");
  g_autofree char *uuid = NULL;
  g_autofree char *competency = NULL;
  g_autofree char *other_competency = NULL;
  g_autofree char *package = NULL;
  g_autofree char *again = NULL;
  g_autofree char *package_bare = NULL;
  g_autofree char *again_bare = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT uuid FROM scenarios WHERE id = %" G_GINT64_FORMAT, id);
  uuid = query_text (fixture->a, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT c.uuid FROM scenario_competencies sc"
                         " JOIN competencies c ON c.id = sc.competency_id"
                         " WHERE sc.scenario_id = %" G_GINT64_FORMAT " ORDER BY c.uuid", id);
  competency = query_text (fixture->a, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT c.uuid FROM scenario_competencies sc"
                         " JOIN competencies c ON c.id = sc.competency_id"
                         " WHERE sc.scenario_id = %" G_GINT64_FORMAT
                         " ORDER BY c.uuid DESC", id);
  other_competency = query_text (fixture->a, sql);
  g_assert_nonnull (competency);

  set_translation (fixture->a, "scenario", uuid, "en", "title", "In English");
  set_translation (fixture->a, "scenario", uuid, "en", "objectives", "Observe\nExplain");
  set_translation (fixture->a, "scenario", uuid, "de", "title", "Auf Deutsch");
  set_translation (fixture->a, "competency", competency, "en", "title", "Competency in English");

  package = export_text (fixture->a, &id, 1);
  g_assert_nonnull (strstr (package, "\"translations\""));
  g_assert_nonnull (strstr (package, "Auf Deutsch"));
  g_assert_nonnull (strstr (package, "Competency in English"));

  /* B has the same framework; a local translation of a competency stays. */
  g_assert_true (psr_sample_load (fixture->b, today, &error));
  g_assert_no_error (error);
  psr_test_exec (fixture->b, "DELETE FROM module_scenarios");
  psr_test_exec (fixture->b, "DELETE FROM rehearsal_runs");
  psr_test_exec (fixture->b, "DELETE FROM scenarios");
  if (g_strcmp0 (competency, other_competency) != 0)
    set_translation (fixture->b, "competency", other_competency, "en", "title", "Local");

  /* A new scenario brings its translations. */
  import_text (fixture->b, package, PSR_PACKAGE_KEEP_LOCAL);
  text = translation (fixture->b, "scenario", uuid, "en", "title");
  g_assert_cmpstr (text, ==, "In English");
  g_clear_pointer (&text, g_free);
  text = translation (fixture->b, "scenario", uuid, "en", "objectives");
  g_assert_cmpstr (text, ==, "Observe\nExplain");
  g_clear_pointer (&text, g_free);
  text = translation (fixture->b, "competency", competency, "en", "title");
  g_assert_cmpstr (text, ==, "Competency in English");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (psr_test_query_int (fixture->b, "SELECT count(*) FROM content_translations"
                                                   " WHERE kind = 'scenario'"), ==, 3);

  /* The same package out of B, but for the local competency translation. */
  if (g_strcmp0 (competency, other_competency) != 0)
    psr_test_exec (fixture->b, "DELETE FROM content_translations WHERE text = 'Local'");
  again = export_text (fixture->b, &id, 1);
  package_bare = without_date (package);
  again_bare = without_date (again);
  g_assert_cmpstr (package_bare, ==, again_bare);
  g_clear_pointer (&package, g_free);
  g_clear_pointer (&again, g_free);

  /* An updated scenario replaces its translations; the competency's local
   * one stays. */
  set_translation (fixture->b, "competency", competency, "en", "title", "Local");
  g_assert_true (psr_translation_remove_language (fixture->a, "scenario", uuid, "de", &error));
  g_assert_no_error (error);
  set_translation (fixture->a, "scenario", uuid, "en", "title", "Second English");
  set_translation (fixture->a, "competency", competency, "en", "title", "Changed in A");
  package = export_text (fixture->a, &id, 1);
  plan = read_text (fixture->b, package, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_updates (plan), ==, 1);
  g_assert_true (psr_package_apply (fixture->b, plan, PSR_PACKAGE_KEEP_LOCAL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&plan, psr_package_plan_unref);
  text = translation (fixture->b, "scenario", uuid, "en", "title");
  g_assert_cmpstr (text, ==, "Second English");
  g_clear_pointer (&text, g_free);
  text = translation (fixture->b, "scenario", uuid, "de", "title");
  g_assert_null (text);
  text = translation (fixture->b, "competency", competency, "en", "title");
  g_assert_cmpstr (text, ==, "Local");
  g_clear_pointer (&text, g_free);

  /* Translated here after the package was made: a conflict, where the
   * local translations stay unless the package's side is chosen. */
  g_clear_pointer (&package, g_free);
  set_translation (fixture->a, "scenario", uuid, "es", "title", "En español");
  package = export_text (fixture->a, &id, 1);
  g_usleep (2000);
  set_translation (fixture->b, "scenario", uuid, "en", "title", "Translated in B");
  plan = read_text (fixture->b, package, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_conflicts (plan), ==, 1);
  g_assert_true (psr_package_apply (fixture->b, plan, PSR_PACKAGE_KEEP_LOCAL, &error));
  g_assert_no_error (error);
  text = translation (fixture->b, "scenario", uuid, "en", "title");
  g_assert_cmpstr (text, ==, "Translated in B");
  g_clear_pointer (&text, g_free);
  g_assert_null (translation (fixture->b, "scenario", uuid, "es", "title"));

  g_assert_true (psr_package_apply (fixture->b, plan, PSR_PACKAGE_TAKE_INCOMING, &error));
  g_assert_no_error (error);
  text = translation (fixture->b, "scenario", uuid, "en", "title");
  g_assert_cmpstr (text, ==, "Second English");
  g_clear_pointer (&text, g_free);
  text = translation (fixture->b, "scenario", uuid, "es", "title");
  g_assert_cmpstr (text, ==, "En español");
}

/* Languages and fields this version does not know are left out; the
 * original language is not a translation; a wrong type is refused. */
static void
test_translations_unknown (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *head =
    PACKAGE_HEAD "\"competencies\": [], \"scenarios\": [{\"uuid\": \"" S1 "\","
    " \"title\": \"Titre\", \"language\": \"fr\","
    " \"created_at\": \"2026-01-01T00:00:00.000Z\","
    " \"updated_at\": \"2026-01-01T00:00:00.000Z\", \"translations\": ";
  g_autofree char *good = g_strconcat (head, "{\"en\": {\"title\": \"Title\", \"colour\": \"Red\","
                                       " \"theme\": \" \"}, \"fr\": {\"title\": \"Autre\"},"
                                       " \"tlh\": {\"title\": \"Qapla\"}}}]}", NULL);
  g_autofree char *bad = g_strconcat (head, "{\"en\": {\"title\": 12}}}]}", NULL);
  g_autofree char *bad_object = g_strconcat (head, "[\"en\"]}]}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPackagePlan) plan = NULL;

  plan = read_text (fixture->b, bad, &error);
  g_assert_null (plan);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  plan = read_text (fixture->b, bad_object, &error);
  g_assert_null (plan);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  import_text (fixture->b, good, PSR_PACKAGE_KEEP_LOCAL);
  g_assert_cmpint (psr_test_query_int (fixture->b, "SELECT count(*) FROM content_translations"),
                   ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->b, "SELECT count(*) FROM content_translations"
                                                   " WHERE language = 'en' AND field = 'title'"
                                                   " AND text = 'Title'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/package/round-trip", test_round_trip);
  ADD ("/package/export-some", test_export_some);
  ADD ("/package/merge", test_merge);
  ADD ("/package/refuses-malformed", test_refuses_malformed);
  ADD ("/package/translations", test_translations);
  ADD ("/package/translations-unknown", test_translations_unknown);

#undef ADD

  return g_test_run ();
}
