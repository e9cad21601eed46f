/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-error.h"
#include "psr-store-private.h"

/* What the stores of curricula and scenarios share: rows read through a
 * callback, one-row lookups, statements bound to an id, the text of a
 * field checked before it is written. */

PsrCheck *
psr_check_new (PsrCheckSeverity  severity,
           char             *message)
{
  PsrCheck *check = g_new0 (PsrCheck, 1);

  check->severity = severity;
  check->message = message;
  return check;
}

/* Steps @stmt through its rows, then resets it. */
gboolean
psr_store_foreach_row (PsrDatabase   *db,
             sqlite3_stmt  *stmt,
             PsrRowFunc        func,
             gpointer       data,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

/* Steps @stmt to its one row, left for the caller to read and reset; on
 * error or without a row, resets it. */
gboolean
psr_store_step_row (PsrDatabase   *db,
          sqlite3_stmt  *stmt,
          const char    *missing,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, missing);
  else
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return FALSE;
}

gboolean
psr_store_invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, PSR_ERROR, PSR_ERROR_INVALID, message);
  return FALSE;
}

gboolean
psr_store_is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

sqlite3_stmt *
psr_store_prepare_with_id (PsrDatabase  *db,
                 const char   *sql,
                 gint64        id,
                 GError      **error)
{
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);

  return stmt;
}

gboolean
psr_store_run_with_id (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);

  return stmt != NULL && psr_database_step_done (db, stmt, error);
}

void
psr_store_append_id (sqlite3_stmt *stmt,
           gpointer      data)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) data, id);
}

/* A copy of @value to store in @field, stripped of spaces around it when
 * the field may not be empty; NULL when it is. */
char *
psr_store_text_for_field (const PsrTextField  *field,
                const char       *value,
                GError          **error)
{
  g_autofree char *text = g_strdup (value != NULL ? value : "");

  if (field->required == NULL)
    return g_steal_pointer (&text);

  g_strstrip (text);
  if (psr_store_is_blank (text))
    {
      psr_store_invalid (error, _(field->required));
      return NULL;
    }

  return g_steal_pointer (&text);
}
