/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "psr-test-utils.h"

char *
psr_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("passerelle-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
psr_test_remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        psr_test_remove_dir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

char *
psr_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

gint64
psr_test_query_int (PsrDatabase *db,
                    const char  *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

void
psr_test_exec (PsrDatabase *db,
               const char  *sql)
{
  g_autoptr(GError) error = NULL;

  psr_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_row (GString      *row,
            sqlite3_stmt *stmt,
            const char   *table)
{
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *bytes = (const char *) sqlite3_column_blob (stmt, i);
      int length = sqlite3_column_bytes (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          g_string_append_printf (row, "|i%" G_GINT64_FORMAT,
                                  (gint64) sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          g_string_append_printf (row, "|f%a", sqlite3_column_double (stmt, i));
          break;
        case SQLITE_NULL:
          g_string_append (row, "|n");
          break;
        case SQLITE_TEXT:
          /* Never anything but UTF-8, wherever it is. */
          if (!g_utf8_validate (bytes, length, NULL))
            g_error ("Not UTF-8 in table %s, column %s", table, sqlite3_column_name (stmt, i));
          G_GNUC_FALLTHROUGH;
        default:
          g_string_append_printf (row, "|%c%d:", sqlite3_column_type (stmt, i) == SQLITE_TEXT
                                                    ? 't' : 'b', length);
          g_string_append_len (row, bytes, length);
          break;
        }
    }
}

/* A checksum of every row of every table, whatever their order: equal
 * before and after a change that was refused. Fails the test when a text
 * value anywhere is not UTF-8. */
char *
psr_test_content_checksum (PsrDatabase *db)
{
  sqlite3 *handle = psr_database_get_handle (db);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 20);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          append_row (row, stmt, table);
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);

      g_ptr_array_sort (rows, compare_strings);
      g_checksum_update (checksum, (const guchar *) table, -1);
      for (guint r = 0; r < rows->len; r++)
        {
          const char *row = g_ptr_array_index (rows, r);

          g_checksum_update (checksum, (const guchar *) row, strlen (row));
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
    }

  return g_strdup (g_checksum_get_string (checksum));
}
