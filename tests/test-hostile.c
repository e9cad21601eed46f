/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "psr-competencies.h"
#include "psr-curricula.h"
#include "psr-error.h"
#include "psr-moodle-csv.h"
#include "psr-package.h"
#include "psr-people-csv.h"
#include "psr-sample.h"
#include "psr-scenarios.h"
#include "psr-test-utils.h"
#include "psr-twee.h"

/* Hostile text through every importer and every form-level setter: SQL that
 * would do harm if it were pasted into a statement, control characters,
 * invalid UTF-8, a right-to-left override, emoji, a NUL byte (the files of
 * tests/data/hostile/), and, made here, a field of 10,000 characters and
 * files larger than each importer accepts.
 *
 * Each either is refused with a PSR_ERROR and leaves every row of every
 * table as it was, or is stored exactly as given. Text that is not UTF-8 is
 * never stored: after every step, each text value of the database is
 * valid UTF-8. */

typedef struct
{
  char   *name;
  GBytes *bytes;
} Hostile;

typedef struct
{
  char        *dir;
  PsrDatabase *db;
  GPtrArray   *hostile;
} Fixture;

static void
hostile_free (Hostile *hostile)
{
  g_free (hostile->name);
  g_bytes_unref (hostile->bytes);
  g_free (hostile);
}

static void
add_hostile (GPtrArray  *array,
             const char *name,
             GBytes     *bytes)
{
  Hostile *hostile = g_new0 (Hostile, 1);

  hostile->name = g_strdup (name);
  hostile->bytes = bytes;
  g_ptr_array_add (array, hostile);
}

/* 10,000 characters, some of them of two bytes, with no space around. */
static GBytes *
make_long_field (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (text->str, -1) < 10000; i++)
    g_string_append (text, i % 10 == 9 ? "é" : "m");

  return g_string_free_to_bytes (text);
}

static GPtrArray *
load_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) hostile_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      char *contents;
      gsize length;

      if (!g_str_has_suffix (name, ".txt"))
        continue;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      add_hostile (array, name, g_bytes_new_take (contents, length));
    }

  add_hostile (array, "10,000 characters", make_long_field ());
  g_assert_cmpuint (array->len, >=, 10);
  return array;
}

/* Whether the store may keep it: UTF-8 with no NUL inside. */
static gboolean
is_storable (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return memchr (data, '\0', length) == NULL && g_utf8_validate (data, length, NULL);
}

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
  fixture->hostile = load_hostile ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_ptr_array_unref (fixture->hostile);
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static char *
query_text (PsrDatabase *db,
            const char  *sql,
            const char  *argument)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);
  char *text;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, argument, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

/* What every case checks: refused with a PSR_ERROR and nothing changed, or
 * done; only text the store may keep is accepted. */
static gboolean
check_outcome (PsrDatabase *db,
               const char  *what,
               Hostile     *hostile,
               const char  *before,
               gboolean     done,
               GError      *error)
{
  g_autofree char *after = psr_test_content_checksum (db);

  if (!done)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == PSR_ERROR);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpstr (after, ==, before);
      g_test_message ("%s, %s: refused: %s", what, hostile->name, error->message);
      return FALSE;
    }

  g_assert_no_error (error);
  if (!is_storable (hostile->bytes))
    g_error ("%s accepted %s, which is not UTF-8 text", what, hostile->name);
  g_test_message ("%s, %s: stored", what, hostile->name);
  return TRUE;
}

/* Importers ------------------------------------------------------------------ */

typedef void (*EscapeFunc) (GString    *text,
                            const char *data,
                            gsize       length);

static void
escape_csv (GString    *text,
            const char *data,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '"')
        g_string_append_c (text, '"');
      g_string_append_c (text, data[i]);
    }
}

/* Bytes that are not UTF-8 stay as they are; a NUL is written \u0000. */
static void
escape_json (GString    *text,
             const char *data,
             gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c == '"' || c == '\\')
        g_string_append_printf (text, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (text, "\\u%04x", c);
      else
        g_string_append_c (text, c);
    }
}

static void
escape_none (GString    *text,
             const char *data,
             gsize       length)
{
  g_string_append_len (text, data, length);
}

/* @template with each @HOSTILE@ replaced by @bytes, escaped, and each
 * @UUID@ by a new UUID. */
static GBytes *
fill_template (const char *template,
               GBytes     *bytes,
               EscapeFunc  escape)
{
  GString *text = g_string_new (NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *p = template;
  const char *mark;

  while ((mark = strchr (p, '@')) != NULL)
    {
      g_string_append_len (text, p, mark - p);
      if (g_str_has_prefix (mark, "@HOSTILE@"))
        {
          escape (text, data, length);
          p = mark + strlen ("@HOSTILE@");
        }
      else if (g_str_has_prefix (mark, "@UUID@"))
        {
          g_autofree char *uuid = g_uuid_string_random ();

          g_string_append (text, uuid);
          p = mark + strlen ("@UUID@");
        }
      else
        {
          g_string_append_c (text, '@');
          p = mark + 1;
        }
    }
  g_string_append (text, p);

  return g_string_free_to_bytes (text);
}

static const char moodle_template[] =
  "\"Parent ID number\",\"ID number\",\"Short name\",Description,\"Description format\","
  "\"Scale values\",\"Scale configuration\",\"Rule type (optional)\",\"Rule outcome (optional)\","
  "\"Rule config (optional)\",\"Cross-referenced competency ID numbers\","
  "\"Exported ID (optional)\",\"Is framework\",Taxonomy\n"
  ",HOSTILE,\"Hostile\",\"\",2,\"Découverte,Maîtrise\",\"[{\"\"scaleid\"\":\"\"1\"\"},"
  "{\"\"id\"\":1,\"\"scaledefault\"\":1,\"\"proficient\"\":0},"
  "{\"\"id\"\":2,\"\"scaledefault\"\":0,\"\"proficient\"\":1}]\",,,,,,1,"
  "\"domain,competency,indicator\"\n"
  ",1,\"@HOSTILE@\",\"\",2,,,,0,null,,,,\n";

static const char twee_template[] =
  ":: StoryTitle\nHostile\n\n"
  ":: StoryData\n{\n  \"ifid\": \"3F0C8A52-6D1E-4B8F-9A7C-2E5D1B0F4A61\",\n"
  "  \"format\": \"Harlowe\",\n  \"start\": \"Start\"\n}\n\n"
  ":: Start\nIl @HOSTILE@ regarde.\n\n[[Continuer->Fin]]\n\n"
  ":: Fin [ending]\nBravo.\n\nDebrief:\nAccueillir.\n";

static const char package_template[] =
  "{\n"
  "  \"format\" : \"passerelle-package\",\n"
  "  \"version\" : 1,\n"
  "  \"exported_at\" : \"2026-03-11T10:00:00.000Z\",\n"
  "  \"scenarios\" : [\n"
  "    {\n"
  "      \"uuid\" : \"@UUID@\",\n"
  "      \"title\" : \"@HOSTILE@\",\n"
  "      \"format\" : \"workshop\", \"venue\" : \"classroom\",\n"
  "      \"age_min\" : 8, \"age_max\" : 11, \"group_min\" : null, \"group_max\" : 30,\n"
  "      \"duration_minutes\" : 45, \"status\" : \"published\",\n"
  "      \"created_at\" : \"2026-01-01T00:00:00.000Z\",\n"
  "      \"updated_at\" : \"2026-02-01T00:00:00.000Z\",\n"
  "      \"audiences\" : [\"families\"], \"competencies\" : [],\n"
  "      \"phases\" : [ { \"uuid\" : \"@UUID@\", \"title\" : \"Accueil\",\n"
  "                     \"duration_minutes\" : 5 } ]\n"
  "    }\n"
  "  ],\n"
  "  \"competencies\" : []\n"
  "}\n";

static const char people_template[] =
  "Given name,Family name,Email\r\n\"@HOSTILE@\",Hostile,\r\n";

static gint64
first_scenario (PsrDatabase *db)
{
  return psr_test_query_int (db, "SELECT min(id) FROM scenarios");
}

static void
test_moodle_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < fixture->hostile->len; i++)
    {
      Hostile *hostile = g_ptr_array_index (fixture->hostile, i);
      g_autoptr(GBytes) file = fill_template (moodle_template, hostile->bytes, escape_csv);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = psr_test_content_checksum (fixture->db);
      g_autofree char *id = NULL;
      g_autofree char *title = NULL;
      gint64 framework_id;

      framework_id = psr_moodle_csv_import (fixture->db, file, &error);
      if (!check_outcome (fixture->db, "Moodle CSV", hostile, before, framework_id != 0, error))
        continue;

      id = g_strdup_printf ("%" G_GINT64_FORMAT, framework_id);
      title = query_text (fixture->db,
                          "SELECT title FROM competencies WHERE framework_id = ?1 AND code = '1'",
                          id);
      g_assert_cmpstr (title, ==, g_bytes_get_data (hostile->bytes, NULL));
    }
}

static void
test_twee (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 scenario_id = first_scenario (fixture->db);

  for (guint i = 0; i < fixture->hostile->len; i++)
    {
      Hostile *hostile = g_ptr_array_index (fixture->hostile, i);
      g_autoptr(GBytes) file = fill_template (twee_template, hostile->bytes, escape_none);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = psr_test_content_checksum (fixture->db);
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;
      gboolean done;

      done = psr_twee_import (fixture->db, scenario_id, file, &error);
      if (!check_outcome (fixture->db, "Twee", hostile, before, done, error))
        continue;

      id = g_strdup_printf ("%" G_GINT64_FORMAT, scenario_id);
      text = query_text (fixture->db,
                         "SELECT text FROM rehearsal_nodes"
                         " WHERE scenario_id = ?1 AND name = 'Start'",
                         id);
      expected = g_strdup_printf ("Il %s regarde.", (const char *) g_bytes_get_data (hostile->bytes,
                                                                                     NULL));
      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_package (Fixture       *fixture,
              gconstpointer  data)
{
  for (guint i = 0; i < fixture->hostile->len; i++)
    {
      Hostile *hostile = g_ptr_array_index (fixture->hostile, i);
      g_autoptr(GBytes) file = fill_template (package_template, hostile->bytes, escape_json);
      g_autoptr(GError) error = NULL;
      g_autoptr(PsrPackagePlan) plan = NULL;
      g_autofree char *before = psr_test_content_checksum (fixture->db);
      g_autofree char *title = NULL;
      gboolean done;

      plan = psr_package_read (fixture->db, file, &error);
      done = plan != NULL && psr_package_apply (fixture->db, plan, PSR_PACKAGE_KEEP_LOCAL, &error);
      if (!check_outcome (fixture->db, "Package", hostile, before, done, error))
        continue;

      g_assert_cmpuint (psr_package_plan_get_n_new (plan), ==, 1);
      title = query_text (fixture->db,
                          "SELECT title FROM scenarios ORDER BY id DESC LIMIT 1", NULL);
      g_assert_cmpstr (title, ==, g_bytes_get_data (hostile->bytes, NULL));
    }
}

/* JSON escapes that decode to what is not text: a NUL, where the title
 * would end, and halves of UTF-16 pairs, which are not UTF-8 once decoded.
 * A whole pair is an emoji like any other. */
static void
test_package_escapes (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    const char *escaped;
    const char *decoded;  /* NULL when refused */
  } cases[] = {
    { "before\\u0000after", NULL },
    { "lone high \\ud800 surrogate", NULL },
    { "lone low \\udc00 surrogate", NULL },
    { "reversed \\udf0b\\ud83c pair", NULL },
    { "high at the end \\ud83c", NULL },
    { "volcano \\ud83c\\udf0b pair", "volcano 🌋 pair" },
    { "escaped \\\\u0000 backslash", "escaped \\u0000 backslash" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) escaped = g_bytes_new_static (cases[i].escaped, strlen (cases[i].escaped));
      g_autoptr(GBytes) file = fill_template (package_template, escaped, escape_none);
      g_autofree char *before = psr_test_content_checksum (fixture->db);
      g_autoptr(GError) error = NULL;
      g_autoptr(PsrPackagePlan) plan = NULL;
      g_autofree char *after = NULL;
      g_autofree char *title = NULL;

      plan = psr_package_read (fixture->db, file, &error);
      if (cases[i].decoded == NULL)
        {
          g_assert_null (plan);
          g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
          after = psr_test_content_checksum (fixture->db);
          g_assert_cmpstr (after, ==, before);
          continue;
        }

      g_assert_no_error (error);
      g_assert_true (psr_package_apply (fixture->db, plan, PSR_PACKAGE_KEEP_LOCAL, &error));
      g_assert_no_error (error);
      title = query_text (fixture->db, "SELECT title FROM scenarios ORDER BY id DESC LIMIT 1",
                          NULL);
      g_assert_cmpstr (title, ==, cases[i].decoded);
    }
}

/* Files larger than each importer takes: refused before they are read, from
 * a file (sparse: it takes no room) and from memory. */

static GFile *
make_sparse_file (const char *dir,
                  const char *name,
                  gsize       size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  FILE *stream = g_fopen (path, "wb");

  g_assert_nonnull (stream);
  g_assert_cmpint (fseeko (stream, size - 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('\n', stream), ==, '\n');
  g_assert_cmpint (fclose (stream), ==, 0);
  return g_file_new_for_path (path);
}

static void
check_too_large (PsrDatabase *db,
                 const char  *before,
                 gboolean     done,
                 GError      *error)
{
  g_autofree char *after = psr_test_content_checksum (db);

  g_assert_false (done);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "MiB"));
  g_assert_cmpstr (after, ==, before);
}

/* A spreadsheet's cells are read as UTF-8 or, failing that, as
 * Windows-1252: whatever is stored is UTF-8, and a valid cell is stored as
 * it was typed, stripped of the spaces around it. */
static void
test_people_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < fixture->hostile->len; i++)
    {
      Hostile *hostile = g_ptr_array_index (fixture->hostile, i);
      g_autoptr(GBytes) file = fill_template (people_template, hostile->bytes, escape_csv);
      g_autofree char *before = psr_test_content_checksum (fixture->db);
      g_autoptr(PsrPeopleCsv) csv = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      g_autofree char *stored = NULL;
      g_autofree char *typed = NULL;

      csv = psr_people_csv_read (fixture->db, file, &error);
      if (csv == NULL || !psr_people_csv_apply (csv, NULL, &error))
        {
          after = psr_test_content_checksum (fixture->db);
          g_assert_nonnull (error);
          g_assert_true (error->domain == PSR_ERROR);
          g_assert_cmpstr (error->message, !=, "");
          g_assert_cmpstr (after, ==, before);
          g_test_message ("people CSV, %s: refused: %s", hostile->name, error->message);
          continue;
        }

      stored = query_text (fixture->db,
                           "SELECT given_name FROM people WHERE id = (SELECT max(id) FROM people)"
                           " AND ?1 IS NOT NULL", "");
      g_assert_true (g_utf8_validate (stored, -1, NULL));
      if (is_storable (hostile->bytes))
        {
          typed = g_strstrip (g_strdup (g_bytes_get_data (hostile->bytes, NULL)));
          g_assert_cmpstr (stored, ==, typed);
        }
      g_test_message ("people CSV, %s: stored", hostile->name);
    }
}

static void
test_huge_files (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = psr_test_content_checksum (fixture->db);
  gint64 scenario_id = first_scenario (fixture->db);
  gboolean done;

  {
    g_autoptr(GFile) file = make_sparse_file (fixture->dir, "huge.csv",
                                              PSR_MOODLE_CSV_MAX_SIZE + 1);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (PSR_MOODLE_CSV_MAX_SIZE + 1),
                                                PSR_MOODLE_CSV_MAX_SIZE + 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error_in_memory = NULL;

    done = psr_moodle_csv_import_file (fixture->db, file, &error) != 0;
    check_too_large (fixture->db, before, done, error);
    done = psr_moodle_csv_import (fixture->db, bytes, &error_in_memory) != 0;
    check_too_large (fixture->db, before, done, error_in_memory);
  }

  {
    g_autoptr(GFile) file = make_sparse_file (fixture->dir, "huge.twee", PSR_TWEE_MAX_SIZE + 1);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (PSR_TWEE_MAX_SIZE + 1),
                                                PSR_TWEE_MAX_SIZE + 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error_in_memory = NULL;

    done = psr_twee_import_file (fixture->db, scenario_id, file, &error);
    check_too_large (fixture->db, before, done, error);
    done = psr_twee_import (fixture->db, scenario_id, bytes, &error_in_memory);
    check_too_large (fixture->db, before, done, error_in_memory);
  }

  {
    g_autoptr(GFile) file = make_sparse_file (fixture->dir, "huge.passerelle",
                                              PSR_PACKAGE_MAX_SIZE + 1);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (PSR_PACKAGE_MAX_SIZE + 1),
                                                PSR_PACKAGE_MAX_SIZE + 1);
    g_autoptr(GBytes) loaded = NULL;
    g_autoptr(PsrPackagePlan) plan = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error_in_memory = NULL;

    loaded = psr_package_load_file (file, &error);
    check_too_large (fixture->db, before, loaded != NULL, error);
    plan = psr_package_read (fixture->db, bytes, &error_in_memory);
    check_too_large (fixture->db, before, plan != NULL, error_in_memory);
  }

  {
    g_autoptr(GFile) file = make_sparse_file (fixture->dir, "huge-people.csv",
                                              PSR_PEOPLE_CSV_MAX_SIZE + 1);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (PSR_PEOPLE_CSV_MAX_SIZE + 1),
                                                PSR_PEOPLE_CSV_MAX_SIZE + 1);
    g_autoptr(PsrPeopleCsv) from_file = NULL;
    g_autoptr(PsrPeopleCsv) in_memory = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error_in_memory = NULL;

    from_file = psr_people_csv_read_file (fixture->db, file, &error);
    check_too_large (fixture->db, before, from_file != NULL, error);
    in_memory = psr_people_csv_read (fixture->db, bytes, &error_in_memory);
    check_too_large (fixture->db, before, in_memory != NULL, error_in_memory);
  }
}

/* Form-level setters ----------------------------------------------------------- */

/* A C string ends at its first NUL: a text with a NUL inside cannot reach
 * a setter, the files above carry it. */
static gboolean
is_c_string (Hostile *hostile)
{
  gsize length;
  const char *data = g_bytes_get_data (hostile->bytes, &length);

  return memchr (data, '\0', length) == NULL;
}

typedef gboolean (*SetFunc) (PsrDatabase *db,
                             gint64       id,
                             const char  *text,
                             GError     **error);

typedef struct
{
  const char *what;
  SetFunc     set;
  const char *read_sql;  /* ?1 the id */
} Setter;

static gboolean
set_scenario_title (PsrDatabase  *db,
                    gint64        id,
                    const char   *text,
                    GError      **error)
{
  return psr_scenario_set_field (db, id, PSR_SCENARIO_FIELD_TITLE, text, error);
}

static gboolean
set_scenario_theme (PsrDatabase  *db,
                    gint64        id,
                    const char   *text,
                    GError      **error)
{
  return psr_scenario_set_field (db, id, PSR_SCENARIO_FIELD_THEME, text, error);
}

static gboolean
set_scenario_objectives (PsrDatabase  *db,
                         gint64        id,
                         const char   *text,
                         GError      **error)
{
  return psr_scenario_set_field (db, id, PSR_SCENARIO_FIELD_OBJECTIVES, text, error);
}

static gboolean
set_scenario_author (PsrDatabase  *db,
                     gint64        id,
                     const char   *text,
                     GError      **error)
{
  return psr_scenario_set_field (db, id, PSR_SCENARIO_FIELD_AUTHOR, text, error);
}

static gboolean
set_phase_materials (PsrDatabase  *db,
                     gint64        id,
                     const char   *text,
                     GError      **error)
{
  gint64 phase_id = psr_test_query_int (db, "SELECT min(id) FROM scenario_phases");

  return psr_phase_set (db, phase_id, "Accueil", 5, "", "", text, error);
}

static gboolean
set_curriculum_title (PsrDatabase  *db,
                      gint64        id,
                      const char   *text,
                      GError      **error)
{
  return psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_TITLE, text, error);
}

static gboolean
set_curriculum_summary (PsrDatabase  *db,
                        gint64        id,
                        const char   *text,
                        GError      **error)
{
  return psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_SUMMARY, text, error);
}

static gboolean
set_curriculum_contact (PsrDatabase  *db,
                        gint64        id,
                        const char   *text,
                        GError      **error)
{
  return psr_curriculum_set_field (db, id, PSR_CURRICULUM_FIELD_CONTACT, text, error);
}

static gboolean
add_curriculum_objective (PsrDatabase  *db,
                          gint64        id,
                          const char   *text,
                          GError      **error)
{
  return psr_objective_add (db, id, text, error) != 0;
}

static gboolean
add_competency (PsrDatabase  *db,
                gint64        id,
                const char   *text,
                GError      **error)
{
  gint64 framework_id = psr_test_query_int (db, "SELECT min(id) FROM frameworks");

  return psr_competency_add (db, framework_id, 0, text, error) != 0;
}

static gboolean
update_competency (PsrDatabase  *db,
                   gint64        id,
                   const char   *text,
                   GError      **error)
{
  gint64 competency_id = psr_test_query_int (db, "SELECT min(id) FROM competencies");
  g_autofree char *code = g_strdup_printf ("X-%u", g_random_int ());

  return psr_competency_update (db, competency_id, code, text, text, error);
}

static gboolean
create_framework (PsrDatabase  *db,
                  gint64        id,
                  const char   *text,
                  GError      **error)
{
  return psr_framework_create (db, text, error) != 0;
}

static const Setter setters[] = {
  { "scenario title", set_scenario_title, "SELECT title FROM scenarios WHERE id = ?1" },
  { "scenario theme", set_scenario_theme, "SELECT theme FROM scenarios WHERE id = ?1" },
  { "scenario objectives", set_scenario_objectives,
    "SELECT objectives FROM scenarios WHERE id = ?1" },
  { "scenario author", set_scenario_author, "SELECT author FROM scenarios WHERE id = ?1" },
  { "phase materials", set_phase_materials,
    "SELECT materials FROM scenario_phases WHERE id = (SELECT min(id) FROM scenario_phases)" },
  { "curriculum title", set_curriculum_title, "SELECT title FROM curricula WHERE id = ?1" },
  { "curriculum summary", set_curriculum_summary, "SELECT summary FROM curricula WHERE id = ?1" },
  { "curriculum contact", set_curriculum_contact, "SELECT contact FROM curricula WHERE id = ?1" },
  { "curriculum objective", add_curriculum_objective,
    "SELECT text FROM curriculum_objectives"
    " WHERE id = (SELECT max(id) FROM curriculum_objectives)" },
  { "competency title", add_competency,
    "SELECT title FROM competencies WHERE id = (SELECT max(id) FROM competencies)" },
  { "competency description", update_competency,
    "SELECT description FROM competencies WHERE id = (SELECT min(id) FROM competencies)" },
  { "framework title", create_framework,
    "SELECT title FROM frameworks WHERE id = (SELECT max(id) FROM frameworks)" },
};

/* Only a draft changes: the sample's curricula are published. */
static gint64
make_draft_curriculum (PsrDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_curriculum_create (db, "Hostile", &error);

  g_assert_no_error (error);
  return id;
}

static void
test_setters (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 scenario_id = first_scenario (fixture->db);
  gint64 curriculum_id = make_draft_curriculum (fixture->db);
  g_autofree char *scenario = g_strdup_printf ("%" G_GINT64_FORMAT, scenario_id);
  g_autofree char *curriculum = g_strdup_printf ("%" G_GINT64_FORMAT, curriculum_id);

  for (guint s = 0; s < G_N_ELEMENTS (setters); s++)
    for (guint i = 0; i < fixture->hostile->len; i++)
      {
        Hostile *hostile = g_ptr_array_index (fixture->hostile, i);
        const char *text = g_bytes_get_data (hostile->bytes, NULL);
        gboolean on_curriculum = g_str_has_prefix (setters[s].what, "curriculum");
        gint64 id = on_curriculum ? curriculum_id : scenario_id;
        g_autofree char *before = psr_test_content_checksum (fixture->db);
        g_autoptr(GError) error = NULL;
        g_autofree char *stored = NULL;
        gboolean done;

        if (!is_c_string (hostile))
          continue;

        done = setters[s].set (fixture->db, id, text, &error);
        if (!check_outcome (fixture->db, setters[s].what, hostile, before, done, error))
          continue;

        stored = query_text (fixture->db, setters[s].read_sql,
                             on_curriculum ? curriculum : scenario);
        g_assert_cmpstr (stored, ==, text);
      }
}

/* Invalid UTF-8 is refused by every setter, whatever the field. */
static void
test_setters_refuse_invalid_utf8 (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 scenario_id = first_scenario (fixture->db);
  gint64 curriculum_id = make_draft_curriculum (fixture->db);
  g_autofree char *before = psr_test_content_checksum (fixture->db);
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (setters); s++)
    {
      gint64 id = g_str_has_prefix (setters[s].what, "curriculum") ? curriculum_id : scenario_id;

      g_assert_false (setters[s].set (fixture->db, id, "Caf\xe9", &error));
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_false (psr_scale_level_update (fixture->db,
                                          psr_test_query_int (fixture->db,
                                                              "SELECT min(id) FROM scale_levels"),
                                          "Ma\xeetrise", TRUE, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);

  {
    g_autofree char *after = psr_test_content_checksum (fixture->db);

    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/hostile/moodle-csv", test_moodle_csv);
  ADD ("/hostile/twee", test_twee);
  ADD ("/hostile/package", test_package);
  ADD ("/hostile/package-escapes", test_package_escapes);
  ADD ("/hostile/people-csv", test_people_csv);
  ADD ("/hostile/huge-files", test_huge_files);
  ADD ("/hostile/setters", test_setters);
  ADD ("/hostile/setters-refuse-invalid-utf8", test_setters_refuse_invalid_utf8);

#undef ADD

  return g_test_run ();
}
