/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "psr-course-sheet.h"
#include "psr-curriculum.h"
#include "psr-error.h"
#include "psr-kind.h"
#include "psr-sample.h"
#include "psr-test-utils.h"
#include "psr-translations.h"

/* The public course sheet of each sample curriculum, written as a real PDF
 * and read back with pdftotext. */

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
list_curricula (PsrDatabase *db)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (psr_kind_foreach_title (db, PSR_TYPE_CURRICULUM, collect_uuid, uuids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < uuids->len; i++)
    {
      gint64 id = psr_kind_find_id (db, PSR_TYPE_CURRICULUM, g_ptr_array_index (uuids, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
    }

  return ids;
}

/* The texts of one column for a curriculum bound as ?1. */
static GPtrArray *
query_texts (PsrDatabase *db,
             const char  *sql,
             gint64       curriculum_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, curriculum_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return texts;
}

static char *
write_sheet (Fixture               *fixture,
             gint64                 curriculum_id,
             const PsrDocumentInfo *sheet_info,
             const char            *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrCourseSheet) sheet = NULL;
  g_autofree char *contents = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  sheet = psr_course_sheet_new (fixture->db, curriculum_id, sheet_info, &error);
  g_assert_no_error (error);
  g_assert_true (psr_course_sheet_write_pdf (sheet, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_finalize_object (g_steal_pointer (&sheet));
  return path;
}

/* pdftotext breaks lines where the sheet does, possibly after a hyphen:
 * texts are compared without any space. */
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

static void
assert_sheet_complete (Fixture    *fixture,
                       gint64      curriculum_id,
                       const char *text)
{
  g_autoptr(GPtrArray) titles = query_texts (fixture->db, "SELECT title FROM curricula WHERE id = ?1",
                                             curriculum_id);
  g_autoptr(GPtrArray) objectives =
    query_texts (fixture->db, "SELECT text FROM curriculum_objectives WHERE curriculum_id = ?1",
                 curriculum_id);
  g_autoptr(GPtrArray) modules =
    query_texts (fixture->db, "SELECT title FROM modules WHERE curriculum_id = ?1", curriculum_id);
  g_autoptr(GPtrArray) prices =
    query_texts (fixture->db, "SELECT price_cents FROM curricula WHERE id = ?1", curriculum_id);
  gint64 cents = g_ascii_strtoll (g_ptr_array_index (prices, 0), NULL, 10);
  /* The tests run in the C locale, in English. */
  g_autofree char *price = g_strdup_printf ("€%" G_GINT64_FORMAT ".%02d", cents / 100,
                                            (int) (cents % 100));

  g_assert_cmpuint (objectives->len, >, 0);
  g_assert_cmpuint (modules->len, >, 0);

  assert_has (text, g_ptr_array_index (titles, 0));
  for (guint i = 0; i < objectives->len; i++)
    assert_has (text, g_ptr_array_index (objectives, i));
  for (guint i = 0; i < modules->len; i++)
    assert_has (text, g_ptr_array_index (modules, i));
  assert_has (text, price);
  assert_has (text, info.organisation);
  assert_has (text, info.referent_name);
  assert_has (text, info.referent_contact);
  assert_has (text, "Page 1 of");
  g_assert_null (strstr (text, "Notspecified"));
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) ids = list_curricula (fixture->db);
  gboolean skipped = FALSE;

  g_assert_cmpuint (ids->len, ==, 3);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *name = g_strdup_printf ("sheet-%u.pdf", i);
      g_autofree char *path = write_sheet (fixture, id, &info, name);
      g_autofree char *text = pdf_text (path);

      if (text == NULL)
        skipped = TRUE;
      else
        assert_sheet_complete (fixture, id, text);
    }

  if (skipped)
    g_test_skip ("pdftotext is not installed");
}

/* Blank fields that Qualiopi requires say so; optional ones are left out. */
static void
test_missing_and_price (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GArray) ids = list_curricula (fixture->db);
  gint64 id = g_array_index (ids, gint64, 0);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  psr_test_exec (fixture->db, "UPDATE curricula SET price_cents = NULL, prerequisites = '',"
                              " audience = '  '");
  path = write_sheet (fixture, id, NULL, "on-request.pdf");
  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  assert_has (text, "On request");
  assert_has (text, "Prerequisites Not specified");
  assert_has (text, "Disability referent Not specified");
  g_assert_null (strstr (text, "Audience"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);

  psr_test_exec (fixture->db, "UPDATE curricula SET price_cents = 0");
  path = write_sheet (fixture, id, &info, "free.pdf");
  text = pdf_text (path);
  assert_has (text, "Free");
}

static void
bind_exec (PsrDatabase *db,
           const char  *sql,
           gint64       id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_true (psr_database_step_done (db, stmt, &error));
  g_assert_no_error (error);
}

static void
add_objective (PsrDatabase *db,
               gint64       curriculum_id,
               guint        n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *text = g_strdup_printf ("Extra objective %u, long enough to take two lines of "
                                           "the sheet, so that page breaks fall inside "
                                           "paragraphs as well as between them", n);
  sqlite3_stmt *stmt = psr_database_prepare (db,
                                             "INSERT INTO curriculum_objectives"
                                             " (uuid, curriculum_id, position, text)"
                                             " VALUES (?1, ?2, 100, ?3)",
                                             &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, curriculum_id);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  g_assert_true (psr_database_step_done (db, stmt, &error));
  g_assert_no_error (error);
}

static gboolean
ink_within (cairo_surface_t *recording,
            double           width,
            double           height)
{
  double x, y, ink_width, ink_height;

  cairo_recording_surface_ink_extents (recording, &x, &y, &ink_width, &ink_height);
  return x >= 0 && y >= 0 && x + ink_width <= width && y + ink_height <= height;
}

/* A curriculum long enough for several pages: every page is drawn inside
 * the paper, and the footer counts them. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GArray) ids = list_curricula (fixture->db);
  gint64 id = g_array_index (ids, gint64, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrCourseSheet) sheet = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  guint n_pages;

  for (guint i = 0; i < 30; i++)
    add_objective (fixture->db, id, i);
  /* A title in a right-to-left script. */
  bind_exec (fixture->db, "UPDATE curricula SET title = 'تنشيط ورشة علمية' WHERE id = ?1", id);

  sheet = psr_course_sheet_new (fixture->db, id, &info, &error);
  g_assert_no_error (error);

  for (guint page = 0; ; page++)
    {
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (recording);

      n_pages = psr_course_sheet_paginate (sheet, cr, PSR_COURSE_SHEET_A4_WIDTH,
                                           PSR_COURSE_SHEET_A4_HEIGHT);
      psr_course_sheet_draw_page (sheet, cr, PSR_COURSE_SHEET_A4_WIDTH, PSR_COURSE_SHEET_A4_HEIGHT,
                                  page);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_true (ink_within (recording, PSR_COURSE_SHEET_A4_WIDTH, PSR_COURSE_SHEET_A4_HEIGHT));
      cairo_destroy (cr);
      cairo_surface_destroy (recording);

      if (page + 1 >= n_pages)
        break;
    }
  g_assert_cmpuint (n_pages, >=, 3);

  path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_assert_true (psr_course_sheet_write_pdf (sheet, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  assert_has (text, last);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrCourseSheet) sheet = NULL;

  sheet = psr_course_sheet_new (fixture->db, 424242, &info, &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_assert_null (sheet);
  g_clear_error (&error);

  g_assert_cmpint (psr_kind_find_id (fixture->db, PSR_TYPE_CURRICULUM,
                                     "00000000-0000-4000-8000-000000000000", &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) ids = list_curricula (fixture->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrCourseSheet) sheet = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "sheet.pdf", NULL);

  sheet = psr_course_sheet_new (fixture->db, g_array_index (ids, gint64, 0), &info, &error);
  g_assert_no_error (error);
  g_assert_false (psr_course_sheet_write_pdf (sheet, path, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CANT_OPEN);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* In a translation: the translated title and module title, the original of
 * the rest, and a line that says so; none in the original language. */
static void
test_translation (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) ids = list_curricula (fixture->db);
  gint64 id = g_array_index (ids, gint64, 0);
  g_autofree char *sql = g_strdup_printf ("UPDATE curricula SET language = 'fr' WHERE id = %"
                                          G_GINT64_FORMAT, id);
  g_autoptr(PsrCourseSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "sheet-en.pdf", NULL);
  g_autofree char *original_path = g_build_filename (fixture->dir, "sheet-fr.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *original = NULL;
  sqlite3_stmt *stmt;
  char *uuid;

  psr_test_exec (fixture->db, sql);
  stmt = psr_database_prepare (fixture->db, "SELECT uuid FROM curricula WHERE id = ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_true (psr_translation_set (fixture->db, "curriculum", uuid, "en", "title",
                                      "Welcoming Every Public", &error));
  g_assert_no_error (error);
  g_free (uuid);

  sheet = psr_course_sheet_new_in_language (fixture->db, id, &info, "en", &error);
  g_assert_no_error (error);
  g_assert_true (psr_course_sheet_write_pdf (sheet, path, &error));
  g_assert_no_error (error);
  g_clear_object (&sheet);
  sheet = psr_course_sheet_new_in_language (fixture->db, id, &info, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (psr_course_sheet_write_pdf (sheet, original_path, &error));
  g_assert_no_error (error);
  g_clear_object (&sheet);

  text = pdf_text (path);
  original = pdf_text (original_path);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  assert_has (text, "WelcomingEveryPublic");
  assert_has (text, "TranslatedfromFrench;somepartsareintheoriginallanguage");
  g_assert_null (strstr (original, "WelcomingEveryPublic"));
  g_assert_null (strstr (original, "Translatedfrom"));

  sheet = psr_course_sheet_new_in_language (fixture->db, id, &info, "xx", &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_null (sheet);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/course-sheet/sample", test_sample);
  ADD ("/course-sheet/missing-and-price", test_missing_and_price);
  ADD ("/course-sheet/pages", test_pages);
  ADD ("/course-sheet/not-found", test_not_found);
  ADD ("/course-sheet/unwritable", test_unwritable);
  ADD ("/course-sheet/translation", test_translation);

#undef ADD

  return g_test_run ();
}
