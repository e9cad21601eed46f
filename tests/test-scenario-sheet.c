/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include <cairo.h>
#include <string.h>

#include "psr-document.h"
#include "psr-error.h"
#include "psr-kind.h"
#include "psr-sample.h"
#include "psr-scenario.h"
#include "psr-scenario-sheet.h"
#include "psr-scenarios.h"
#include "psr-test-utils.h"
#include "psr-translations.h"

/* The printable sheet of each sample scenario, written as a real PDF and
 * read back with pdftotext. */

static const PsrDocumentInfo info = {
  "Centre de formation Lumière", "Camille Durand-Lefèvre", "camille.durand@example.org",
};

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
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (psr_sample_load (fixture->db, today, &error));
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

static void
collect_uuid (const char *uuid,
              const char *title,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (uuid));
}

/* Through their UUIDs, as the command line finds them. */
static GArray *
list_scenarios (PsrDatabase *db)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (psr_kind_foreach_title (db, PSR_TYPE_SCENARIO, collect_uuid, uuids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < uuids->len; i++)
    {
      gint64 id = psr_kind_find_id (db, PSR_TYPE_SCENARIO, g_ptr_array_index (uuids, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
    }

  return ids;
}

/* The texts of one column for a scenario bound as ?1. */
static GPtrArray *
query_texts (PsrDatabase *db,
             const char  *sql,
             gint64       scenario_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return texts;
}

/* pdftotext breaks lines where the sheet does: texts are compared without
 * any space. */
static char *
remove_spaces (const char *text)
{
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (result, g_utf8_get_char (p));

  return g_string_free (result, FALSE);
}

/* The text of a PDF, or NULL when pdftotext is not installed. */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;

  g_spawn_sync (NULL, (char *[]) { pdftotext, (char *) "-enc", (char *) "UTF-8", (char *) path,
                                   (char *) "-", NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return remove_spaces (out);
}

static void
assert_has (const char *text,
            const char *expected)
{
  g_autofree char *squeezed = remove_spaces (expected);

  if (strstr (text, squeezed) == NULL)
    g_error ("“%s” is missing from the sheet", expected);
}

static guint
count_pages (PsrScenarioSheet *sheet)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);
  guint n_pages = psr_scenario_sheet_paginate (sheet, cr, PSR_DOCUMENT_A4_WIDTH,
                                               PSR_DOCUMENT_A4_HEIGHT);

  for (guint page = 0; page < n_pages; page++)
    psr_scenario_sheet_draw_page (sheet, cr, PSR_DOCUMENT_A4_WIDTH, PSR_DOCUMENT_A4_HEIGHT, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  return n_pages;
}

static void
assert_sheet_complete (Fixture    *fixture,
                       gint64      scenario_id,
                       const char *text)
{
  g_autoptr(GPtrArray) titles = query_texts (fixture->db, "SELECT title FROM scenarios WHERE id = ?1",
                                             scenario_id);
  g_autoptr(GPtrArray) objectives =
    query_texts (fixture->db, "SELECT objectives FROM scenarios WHERE id = ?1", scenario_id);
  g_autoptr(GPtrArray) phases =
    query_texts (fixture->db, "SELECT title FROM scenario_phases WHERE scenario_id = ?1",
                 scenario_id);
  g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (objectives, 0), "\n", -1);

  g_assert_cmpuint (phases->len, >, 0);

  assert_has (text, g_ptr_array_index (titles, 0));
  /* The sheet draws its own bullets instead of the author's. */
  for (guint i = 0; lines[i] != NULL; i++)
    assert_has (text, g_str_has_prefix (lines[i], "- ") ? lines[i] + 2 : lines[i]);
  for (guint i = 0; i < phases->len; i++)
    assert_has (text, g_ptr_array_index (phases, i));
  assert_has (text, info.organisation);
  assert_has (text, "Page 1 of");
  assert_has (text, "Sheet made on");
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) ids = list_scenarios (fixture->db);

  g_assert_cmpuint (ids->len, ==, 12);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(PsrScenarioSheet) sheet = NULL;
      g_autofree char *name = g_strdup_printf ("scenario-%u.pdf", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *text = NULL;
      guint n_pages;

      sheet = psr_scenario_sheet_new (fixture->db, id, &info, &error);
      g_assert_no_error (error);
      g_assert_nonnull (psr_scenario_sheet_get_title (sheet));

      n_pages = count_pages (sheet);
      if (n_pages > 2)
        g_error ("The sheet of “%s” takes %u pages", psr_scenario_sheet_get_title (sheet), n_pages);

      g_assert_true (psr_scenario_sheet_write_pdf (sheet, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF"));
      g_assert_finalize_object (g_steal_pointer (&sheet));

      text = pdf_text (path);
      if (text == NULL)
        {
          g_test_skip ("pdftotext is not installed");
          return;
        }
      assert_sheet_complete (fixture, id, text);
    }
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrScenarioSheet) sheet = NULL;

  sheet = psr_scenario_sheet_new (fixture->db, 424242, &info, &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_assert_null (sheet);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) ids = list_scenarios (fixture->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrScenarioSheet) sheet = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "sheet.pdf", NULL);

  sheet = psr_scenario_sheet_new (fixture->db, g_array_index (ids, gint64, 0), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (psr_scenario_sheet_write_pdf (sheet, path, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CANT_OPEN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static char *
write_sheet_text (Fixture    *fixture,
                  gint64      id,
                  const char *language,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrScenarioSheet) sheet = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  sheet = psr_scenario_sheet_new_in_language (fixture->db, id, &info, language, &error);
  g_assert_no_error (error);
  g_assert_true (psr_scenario_sheet_write_pdf (sheet, path, &error));
  g_assert_no_error (error);
  return pdf_text (path);
}

/* A sheet in a translation takes each translated field, keeps the original
 * of the others and says so; its labels are in the translation's
 * language. */
static void
test_translation (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) ids = list_scenarios (fixture->db);
  gint64 id = g_array_index (ids, gint64, 0);
  g_autoptr(GPtrArray) uuids = query_texts (fixture->db, "SELECT uuid FROM scenarios WHERE id = ?1",
                                            id);
  g_autoptr(GPtrArray) themes = query_texts (fixture->db,
                                             "SELECT theme FROM scenarios WHERE id = ?1", id);
  const char *uuid = g_ptr_array_index (uuids, 0);
  g_autoptr(GHashTable) originals = NULL;
  g_autoptr(PsrScenarioSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *theme = remove_spaces (g_ptr_array_index (themes, 0));
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer field, original;

  g_assert_cmpstr (theme, !=, "");
  g_assert_true (psr_scenario_set_field (fixture->db, id, PSR_SCENARIO_FIELD_LANGUAGE, "fr",
                                         &error));
  g_assert_no_error (error);
  g_assert_true (psr_translation_set (fixture->db, "scenario", uuid, "en", "title",
                                      "Welcome to the Zinc Workshop", &error));
  g_assert_no_error (error);

  /* Only the title is translated. */
  text = write_sheet_text (fixture, id, "en", "sheet-en.pdf");
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_has (text, "WelcometotheZincWorkshop");
  assert_has (text, "Sheetmadeon");
  assert_has (text, theme);
  assert_has (text, "TranslatedfromFrench;somepartsareintheoriginallanguage");
  g_clear_pointer (&text, g_free);

  /* The original language: no translation, no note. */
  text = write_sheet_text (fixture, id, NULL, "sheet-fr.pdf");
  g_assert_null (strstr (text, "WelcometotheZincWorkshop"));
  g_assert_null (strstr (text, "Translatedfrom"));
  g_clear_pointer (&text, g_free);

  /* Every field filled in translated: no note. */
  originals = psr_translation_get_originals (fixture->db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, originals);
  while (g_hash_table_iter_next (&iter, &field, &original))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (original));
      g_autofree char *translated = g_strdup_printf ("Translated %s", (const char *) field);

      if (*stripped != '\0' && !g_str_equal (field, "title"))
        {
          g_assert_true (psr_translation_set (fixture->db, "scenario", uuid, "en", field,
                                              translated, &error));
          g_assert_no_error (error);
        }
    }
  text = write_sheet_text (fixture, id, "en", "sheet-en-whole.pdf");
  assert_has (text, "WelcometotheZincWorkshop");
  assert_has (text, "Translatedtheme");
  g_assert_null (strstr (text, theme));
  g_assert_null (strstr (text, "Translatedfrom"));

  /* An unknown language. */
  sheet = psr_scenario_sheet_new_in_language (fixture->db, id, &info, "xx", &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_null (sheet);
}

/* The sheet goes with the scenario: its labels are in the scenario's
 * language, whatever the interface's. */
static void
test_language (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GArray) ids = list_scenarios (fixture->db);
  gint64 id = g_array_index (ids, gint64, 0);
  g_autofree char *locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  const char *languages[] = { "es", "fr", "en" };
  const char *made[] = { "Ficha elaborada el", "Fiche établie le", "Sheet made on" };
  const char *page[] = { "Página 1 de", "Page 1 sur", "Page 1 of" };

  /* The catalogues this build compiled. */
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PsrScenarioSheet) sheet = NULL;
      g_autofree char *name = g_strdup_printf ("sheet-%s.pdf", languages[i]);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *text = NULL;

      g_assert_true (psr_scenario_set_field (fixture->db, id, PSR_SCENARIO_FIELD_LANGUAGE,
                                             languages[i], &error));
      g_assert_no_error (error);
      sheet = psr_scenario_sheet_new (fixture->db, id, &info, &error);
      g_assert_no_error (error);
      g_assert_true (psr_scenario_sheet_write_pdf (sheet, path, &error));
      g_assert_no_error (error);

      text = pdf_text (path);
      if (text == NULL)
        {
          g_test_skip ("pdftotext is not installed");
          return;
        }
      assert_has (text, made[i]);
      assert_has (text, page[i]);
    }

  /* In a translation, the labels are in the translation's language. */
  {
    g_autoptr(GPtrArray) uuids = query_texts (fixture->db,
                                              "SELECT uuid FROM scenarios WHERE id = ?1", id);
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;

    g_assert_true (psr_scenario_set_field (fixture->db, id, PSR_SCENARIO_FIELD_LANGUAGE, "fr",
                                           &error));
    g_assert_no_error (error);
    g_assert_true (psr_translation_set (fixture->db, "scenario", g_ptr_array_index (uuids, 0), "es",
                                        "title", "Taller del zinc", &error));
    g_assert_no_error (error);
    text = write_sheet_text (fixture, id, "es", "sheet-translated-es.pdf");
    assert_has (text, "Tallerdelzinc");
    assert_has (text, made[0]);
    assert_has (text, page[0]);
  }

  /* The interface kept its language. */
  g_assert_cmpstr (_("Preparation"), ==, "Preparation");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/scenario-sheet/sample", test_sample);
  ADD ("/scenario-sheet/not-found", test_not_found);
  ADD ("/scenario-sheet/unwritable", test_unwritable);
  ADD ("/scenario-sheet/translation", test_translation);
  /* Last: it binds the build's catalogues for the rest of the run. */
  ADD ("/scenario-sheet/language", test_language);

#undef ADD

  return g_test_run ();
}
