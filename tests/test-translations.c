/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "psr-competencies.h"
#include "psr-curricula.h"
#include "psr-error.h"
#include "psr-scenarios.h"
#include "psr-test-utils.h"
#include "psr-translations.h"

typedef struct
{
  char        *dir;
  PsrDatabase *db;
  gint64       scenario_id;
  char        *scenario_uuid;
} Fixture;

static char *
query_text (PsrDatabase *db,
            const char  *sql,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);
  char *text;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

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

  fixture->scenario_id = psr_scenario_create (fixture->db, "Volcans en éruption", &error);
  g_assert_no_error (error);
  g_assert_true (psr_scenario_set_field (fixture->db, fixture->scenario_id,
                                         PSR_SCENARIO_FIELD_THEME, "Géologie", &error));
  g_assert_no_error (error);
  fixture->scenario_uuid = query_text (fixture->db, "SELECT uuid FROM scenarios WHERE id = ?1",
                                       fixture->scenario_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->scenario_uuid);
}

static gint64
count_translations (PsrDatabase *db)
{
  return psr_test_query_int (db, "SELECT count(*) FROM content_translations");
}

static void
test_fields (void)
{
  const PsrTranslatableField *fields;
  guint n_fields;

  fields = psr_translation_fields ("scenario", &n_fields);
  g_assert_nonnull (fields);
  g_assert_cmpuint (n_fields, ==, PSR_SCENARIO_FIELD_SOURCES + 1);
  g_assert_cmpstr (fields[PSR_SCENARIO_FIELD_ROOM_LAYOUT].code, ==, "room_layout");
  g_assert_false (fields[PSR_SCENARIO_FIELD_TITLE].multiline);
  g_assert_true (fields[PSR_SCENARIO_FIELD_OBJECTIVES].multiline);

  fields = psr_translation_fields ("curriculum", &n_fields);
  g_assert_cmpuint (n_fields, ==, PSR_CURRICULUM_FIELD_ACCESSIBILITY + 1);
  g_assert_cmpstr (fields[PSR_CURRICULUM_FIELD_TEACHING_METHODS].code, ==, "teaching_methods");
  fields = psr_translation_fields ("module", &n_fields);
  g_assert_cmpuint (n_fields, ==, PSR_MODULE_N_FIELDS);
  fields = psr_translation_fields ("competency", &n_fields);
  g_assert_cmpuint (n_fields, ==, 2);

  g_assert_null (psr_translation_fields ("person", &n_fields));
  g_assert_cmpuint (n_fields, ==, 0);
}

static void
test_set_get (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) originals = NULL;
  g_autoptr(GHashTable) english = NULL;
  g_auto(GStrv) languages = NULL;
  g_autofree char *original = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PsrDatabase *db = fixture->db;
  const char *uuid = fixture->scenario_uuid;

  original = psr_translation_get_original_language (db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (original, ==, "fr");

  originals = psr_translation_get_originals (db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (originals, "title"), ==, "Volcans en éruption");
  g_assert_cmpstr (g_hash_table_lookup (originals, "theme"), ==, "Géologie");
  g_assert_cmpstr (g_hash_table_lookup (originals, "sources"), ==, "");
  g_assert_null (g_hash_table_lookup (originals, "language"));

  languages = psr_translation_list_languages (db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (languages), ==, 0);
  g_clear_pointer (&languages, g_strfreev);

  /* A translation is a change of the scenario: packages merge by it. */
  psr_test_exec (db, "UPDATE scenarios SET updated_at = '2020-01-01T00:00:00.000Z'");
  before = query_text (db, "SELECT updated_at FROM scenarios WHERE id = ?1", fixture->scenario_id);

  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "title", "Erupting Volcanoes",
                                      &error));
  g_assert_no_error (error);
  g_assert_true (psr_translation_set (db, "scenario", uuid, "de", "theme", "Geologie", &error));
  g_assert_no_error (error);
  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "title", "Volcanoes Erupting",
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_translations (db), ==, 2);

  after = query_text (db, "SELECT updated_at FROM scenarios WHERE id = ?1", fixture->scenario_id);
  g_assert_cmpstr (before, <, after);

  english = psr_translation_get (db, "scenario", uuid, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (english), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (english, "title"), ==, "Volcanoes Erupting");

  /* In the order of psr_languages(): English before German. */
  languages = psr_translation_list_languages (db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (languages), ==, 2);
  g_assert_cmpstr (languages[0], ==, "en");
  g_assert_cmpstr (languages[1], ==, "de");
  g_clear_pointer (&languages, g_strfreev);

  /* A blank text clears the field. */
  g_assert_true (psr_translation_set (db, "scenario", uuid, "de", "theme", "  \n", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_translations (db), ==, 1);
  languages = psr_translation_list_languages (db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (languages, ((const char *[]) { "en", NULL }));
}

static void
test_fallback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PsrDatabase *db = fixture->db;
  const char *uuid = fixture->scenario_uuid;
  gboolean is_fallback = TRUE;
  char *text;

  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "title", "Erupting Volcanoes",
                                      &error));
  g_assert_no_error (error);

  text = psr_translation_resolve (db, "scenario", uuid, "title", "en", &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Erupting Volcanoes");
  g_assert_false (is_fallback);
  g_free (text);

  /* Not translated: the original, and it says so. */
  text = psr_translation_resolve (db, "scenario", uuid, "theme", "en", &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Géologie");
  g_assert_true (is_fallback);
  g_free (text);

  text = psr_translation_resolve (db, "scenario", uuid, "title", "ar", &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Volcans en éruption");
  g_assert_true (is_fallback);
  g_free (text);

  /* In the original language, nothing falls back. */
  text = psr_translation_resolve (db, "scenario", uuid, "title", "fr", &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Volcans en éruption");
  g_assert_false (is_fallback);
  g_free (text);

  text = psr_translation_resolve (db, "scenario", uuid, "status", "en", &is_fallback, &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_null (text);
}

static void
test_remove_language (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  PsrDatabase *db = fixture->db;
  const char *uuid = fixture->scenario_uuid;

  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "title", "Volcanoes", &error));
  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "theme", "Geology", &error));
  g_assert_true (psr_translation_set (db, "scenario", uuid, "es", "title", "Volcanes", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_translations (db), ==, 3);

  g_assert_true (psr_translation_remove_language (db, "scenario", uuid, "en", &error));
  g_assert_no_error (error);
  languages = psr_translation_list_languages (db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (languages, ((const char *[]) { "es", NULL }));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PsrDatabase *db = fixture->db;
  const char *uuid = fixture->scenario_uuid;
  const char bad_utf8[] = { 'V', (char) 0xff, 'x', 0 };

  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "title", "Volcanoes", &error));
  g_assert_no_error (error);
  before = psr_test_content_checksum (db);

  /* The original language. */
  g_assert_false (psr_translation_set (db, "scenario", uuid, "fr", "title", "Volcans", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  /* A language Passerelle does not know. */
  g_assert_false (psr_translation_set (db, "scenario", uuid, "xx", "title", "Volcans", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_translation_set (db, "scenario", uuid, NULL, "title", "Volcans", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  /* Not UTF-8. */
  g_assert_false (psr_translation_set (db, "scenario", uuid, "en", "title", bad_utf8, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  /* Not a translatable field, nor kind. */
  g_assert_false (psr_translation_set (db, "scenario", uuid, "en", "status", "draft", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_translation_set (db, "session", uuid, "en", "title", "Volcanoes", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  /* No such record. */
  g_assert_false (psr_translation_set (db, "scenario", "00000000-0000-4000-8000-000000000000",
                                       "en", "title", "Volcanoes", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_translation_set (db, "curriculum", uuid, "en", "title", "Volcanoes", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_translation_remove_language (db, "scenario",
                                                   "00000000-0000-4000-8000-000000000000", "en",
                                                   &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (psr_translation_get (db, "module", uuid, "en", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = psr_test_content_checksum (db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count_translations (db), ==, 1);
}

/* Modules follow their curriculum's language, competencies their
 * framework's. */
static void
test_original_languages (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *curriculum_uuid = NULL;
  g_autofree char *module_uuid = NULL;
  g_autofree char *competency_uuid = NULL;
  g_autofree char *language = NULL;
  PsrDatabase *db = fixture->db;
  gint64 curriculum_id, module_id, framework_id, competency_id;

  curriculum_id = psr_curriculum_create (db, "Médiation scientifique", &error);
  g_assert_no_error (error);
  g_assert_true (psr_curriculum_set_field (db, curriculum_id, PSR_CURRICULUM_FIELD_LANGUAGE, "en",
                                           &error));
  g_assert_no_error (error);
  module_id = psr_module_add (db, curriculum_id, "Welcoming groups", &error);
  g_assert_no_error (error);
  framework_id = psr_framework_create (db, "Compétences", &error);
  g_assert_no_error (error);
  competency_id = psr_competency_add (db, framework_id, 0, "Accueillir", &error);
  g_assert_no_error (error);

  curriculum_uuid = query_text (db, "SELECT uuid FROM curricula WHERE id = ?1", curriculum_id);
  module_uuid = query_text (db, "SELECT uuid FROM modules WHERE id = ?1", module_id);
  competency_uuid = query_text (db, "SELECT uuid FROM competencies WHERE id = ?1", competency_id);

  language = psr_translation_get_original_language (db, "module", module_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (language, ==, "en");
  g_clear_pointer (&language, g_free);
  language = psr_translation_get_original_language (db, "competency", competency_uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (language, ==, "fr");

  g_assert_false (psr_translation_set (db, "module", module_uuid, "en", "title", "Accueil", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (psr_translation_set (db, "module", module_uuid, "fr", "title", "Accueillir des "
                                      "groupes", &error));
  g_assert_no_error (error);
  g_assert_true (psr_translation_set (db, "curriculum", curriculum_uuid, "fr", "summary", "Résumé",
                                      &error));
  g_assert_no_error (error);
  g_assert_true (psr_translation_set (db, "competency", competency_uuid, "en", "title", "Welcome",
                                      &error));
  g_assert_no_error (error);
}

/* A module and a competency fall back as a scenario does; a module's
 * original language follows its curriculum's, so that a translation into
 * the curriculum's new language stops being shown. */
static void
test_fallback_parts (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *module_uuid = NULL;
  g_autofree char *competency_uuid = NULL;
  PsrDatabase *db = fixture->db;
  gint64 curriculum_id, module_id, framework_id, competency_id;
  gboolean is_fallback = FALSE;
  char *text;

  curriculum_id = psr_curriculum_create (db, "Médiation", &error);
  g_assert_no_error (error);
  module_id = psr_module_add (db, curriculum_id, "Accueillir un groupe", &error);
  g_assert_no_error (error);
  g_assert_true (psr_module_set_field (db, module_id, PSR_MODULE_FIELD_OBJECTIVES,
                                       "Poser le cadre", &error));
  g_assert_no_error (error);
  framework_id = psr_framework_create (db, "Compétences", &error);
  g_assert_no_error (error);
  competency_id = psr_competency_add (db, framework_id, 0, "Accueillir", &error);
  g_assert_no_error (error);
  module_uuid = query_text (db, "SELECT uuid FROM modules WHERE id = ?1", module_id);
  competency_uuid = query_text (db, "SELECT uuid FROM competencies WHERE id = ?1", competency_id);

  g_assert_true (psr_translation_set (db, "module", module_uuid, "en", "title", "Welcoming a group",
                                      &error));
  g_assert_true (psr_translation_set (db, "competency", competency_uuid, "en", "description",
                                      "Set a friendly tone", &error));
  g_assert_no_error (error);

  text = psr_translation_resolve (db, "module", module_uuid, "title", "en", &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Welcoming a group");
  g_assert_false (is_fallback);
  g_free (text);
  text = psr_translation_resolve (db, "module", module_uuid, "objectives", "en", &is_fallback,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Poser le cadre");
  g_assert_true (is_fallback);
  g_free (text);

  text = psr_translation_resolve (db, "competency", competency_uuid, "title", "en", &is_fallback,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Accueillir");
  g_assert_true (is_fallback);
  g_free (text);
  text = psr_translation_resolve (db, "competency", competency_uuid, "description", "en",
                                  &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Set a friendly tone");
  g_assert_false (is_fallback);
  g_free (text);

  /* The curriculum now teaches in English: its module's own text is the
   * English one, and nothing falls back. */
  g_assert_true (psr_curriculum_set_field (db, curriculum_id, PSR_CURRICULUM_FIELD_LANGUAGE, "en",
                                           &error));
  g_assert_no_error (error);
  text = psr_translation_resolve (db, "module", module_uuid, "title", "en", &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Accueillir un groupe");
  g_assert_false (is_fallback);
  g_free (text);
  g_assert_false (psr_translation_set (db, "module", module_uuid, "en", "title", "Welcome",
                                       &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
}

/* Deleting a record, by itself or through a cascade, deletes its
 * translations, and only them. */
static void
test_delete_record (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_uuid = NULL;
  g_autofree char *curriculum_uuid = NULL;
  g_autofree char *module_uuid = NULL;
  g_autofree char *field_uuid = NULL;
  g_autofree char *child_uuid = NULL;
  PsrDatabase *db = fixture->db;
  gint64 other_id, curriculum_id, module_id, framework_id, field_id, child_id;

  other_id = psr_scenario_create (db, "Autre", &error);
  g_assert_no_error (error);
  other_uuid = query_text (db, "SELECT uuid FROM scenarios WHERE id = ?1", other_id);
  g_assert_true (psr_translation_set (db, "scenario", fixture->scenario_uuid, "en", "title",
                                      "Volcanoes", &error));
  g_assert_true (psr_translation_set (db, "scenario", other_uuid, "en", "title", "Other", &error));
  g_assert_no_error (error);

  g_assert_true (psr_scenario_delete (db, fixture->scenario_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_translations (db), ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM content_translations"
                                           " WHERE record_uuid IN (SELECT uuid FROM scenarios)"),
                   ==, 1);

  curriculum_id = psr_curriculum_create (db, "Médiation", &error);
  g_assert_no_error (error);
  module_id = psr_module_add (db, curriculum_id, "Accueil", &error);
  g_assert_no_error (error);
  curriculum_uuid = query_text (db, "SELECT uuid FROM curricula WHERE id = ?1", curriculum_id);
  module_uuid = query_text (db, "SELECT uuid FROM modules WHERE id = ?1", module_id);
  g_assert_true (psr_translation_set (db, "curriculum", curriculum_uuid, "en", "title",
                                      "Mediation", &error));
  g_assert_true (psr_translation_set (db, "module", module_uuid, "en", "title", "Welcome",
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_translations (db), ==, 3);

  /* The curriculum's modules go with it, through the cascade. */
  psr_test_exec (db, "DELETE FROM curricula");
  g_assert_cmpint (count_translations (db), ==, 1);

  framework_id = psr_framework_create (db, "Compétences", &error);
  g_assert_no_error (error);
  field_id = psr_competency_add (db, framework_id, 0, "Accueillir", &error);
  g_assert_no_error (error);
  child_id = psr_competency_add (db, framework_id, field_id, "Saluer", &error);
  g_assert_no_error (error);
  field_uuid = query_text (db, "SELECT uuid FROM competencies WHERE id = ?1", field_id);
  child_uuid = query_text (db, "SELECT uuid FROM competencies WHERE id = ?1", child_id);
  g_assert_true (psr_translation_set (db, "competency", field_uuid, "en", "title", "Welcome",
                                      &error));
  g_assert_true (psr_translation_set (db, "competency", child_uuid, "en", "title", "Greet",
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_translations (db), ==, 3);

  g_assert_true (psr_competency_delete (db, field_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_translations (db), ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM content_translations"
                                           " WHERE kind = 'scenario'"), ==, 1);
}

/* A new version of a curriculum keeps the translations of the curriculum
 * and of its modules; the old version keeps its own. */
static void
test_new_version (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_uuid = NULL;
  g_autofree char *new_uuid = NULL;
  g_autofree char *module_uuid = NULL;
  g_autofree char *new_module_uuid = NULL;
  g_autoptr(GHashTable) texts = NULL;
  PsrDatabase *db = fixture->db;
  gint64 curriculum_id, module_id, copy_id;

  curriculum_id = psr_curriculum_create (db, "Médiation", &error);
  g_assert_no_error (error);
  psr_module_add (db, curriculum_id, "Accueil", &error);
  g_assert_no_error (error);
  module_id = psr_module_add (db, curriculum_id, "Animation", &error);
  g_assert_no_error (error);
  old_uuid = query_text (db, "SELECT uuid FROM curricula WHERE id = ?1", curriculum_id);
  module_uuid = query_text (db, "SELECT uuid FROM modules WHERE id = ?1", module_id);
  g_assert_true (psr_translation_set (db, "curriculum", old_uuid, "en", "title", "Mediation",
                                      &error));
  g_assert_true (psr_translation_set (db, "module", module_uuid, "en", "title", "Leading",
                                      &error));
  g_assert_no_error (error);

  /* Only a published version gets a new one. */
  psr_test_exec (db, "UPDATE curricula SET status = 'published'");
  copy_id = psr_curriculum_new_version (db, curriculum_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy_id, >, 0);

  new_uuid = query_text (db, "SELECT uuid FROM curricula WHERE id = ?1", copy_id);
  new_module_uuid = query_text (db, "SELECT uuid FROM modules WHERE curriculum_id = ?1"
                                    " AND position = 1", copy_id);
  texts = psr_translation_get (db, "curriculum", new_uuid, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (texts, "title"), ==, "Mediation");
  g_clear_pointer (&texts, g_hash_table_unref);
  texts = psr_translation_get (db, "module", new_module_uuid, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (texts, "title"), ==, "Leading");
  g_assert_cmpint (count_translations (db), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/translations/fields", test_fields);
  g_test_add ("/translations/set-get", Fixture, NULL, fixture_set_up, test_set_get,
              fixture_tear_down);
  g_test_add ("/translations/fallback", Fixture, NULL, fixture_set_up, test_fallback,
              fixture_tear_down);
  g_test_add ("/translations/remove-language", Fixture, NULL, fixture_set_up,
              test_remove_language, fixture_tear_down);
  g_test_add ("/translations/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/translations/fallback-parts", Fixture, NULL, fixture_set_up, test_fallback_parts,
              fixture_tear_down);
  g_test_add ("/translations/original-languages", Fixture, NULL, fixture_set_up,
              test_original_languages, fixture_tear_down);
  g_test_add ("/translations/delete-record", Fixture, NULL, fixture_set_up, test_delete_record,
              fixture_tear_down);
  g_test_add ("/translations/new-version", Fixture, NULL, fixture_set_up, test_new_version,
              fixture_tear_down);

  return g_test_run ();
}
