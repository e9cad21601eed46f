/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-curriculum.h"
#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-framework.h"
#include "psr-kind.h"
#include "psr-person.h"
#include "psr-scenario.h"
#include "psr-session.h"

/* The kinds of record that scripts can list and act on, by their names on
 * the command line. */
static const char * const kind_names[] = {
  "framework", "curriculum", "scenario", "session", "person", NULL
};

const char * const *
psr_kind_names (void)
{
  return kind_names;
}

GType
psr_kind_lookup (const char *name)
{
  GType types[] = {
    PSR_TYPE_FRAMEWORK, PSR_TYPE_CURRICULUM, PSR_TYPE_SCENARIO, PSR_TYPE_SESSION, PSR_TYPE_PERSON,
  };

  g_return_val_if_fail (name != NULL, G_TYPE_INVALID);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (types[i]);

      if (g_strcmp0 (PSR_RECORD_CLASS (klass)->kind, name) == 0)
        return types[i];
    }

  return G_TYPE_INVALID;
}

gboolean
psr_kind_foreach_title (PsrDatabase   *db,
                        GType          record_type,
                        PsrTitleFunc   func,
                        gpointer       user_data,
                        GError       **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (g_type_is_a (record_type, PSR_TYPE_RECORD), FALSE);

  klass = g_type_class_ref (record_type);
  stmt = psr_database_prepare (db, PSR_RECORD_CLASS (klass)->titles_sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0),
          (const char *) sqlite3_column_text (stmt, 1), user_data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

/* Records travel between machines by their UUID; the store joins them by id. */
gint64
psr_kind_find_id (PsrDatabase  *db,
                  GType         record_type,
                  const char   *uuid,
                  GError      **error)
{
  g_autoptr(GTypeClass) klass = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (g_type_is_a (record_type, PSR_TYPE_RECORD), 0);
  g_return_val_if_fail (uuid != NULL, 0);

  klass = g_type_class_ref (record_type);
  stmt = psr_database_prepare (db, PSR_RECORD_CLASS (klass)->find_sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND,
                 _("No record has the UUID “%s”. Check it against the list of records."), uuid);
  else
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
  sqlite3_reset (stmt);

  return id;
}
