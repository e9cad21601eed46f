/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_RECORD (psr_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (PsrRecord, psr_record, PSR, RECORD, GObject)

/**
 * PsrRecordClass:
 * @kind: the name of the kind on the command line ("person", "session"…)
 * @select_sql: one record by id (?1); its first five columns are id, uuid,
 *   created_at, updated_at and the title, then the class's own
 * @list_sql: the ids of every record, in display order
 * @titles_sql: uuid and title of every record, in display order
 * @find_sql: the id of the record with a UUID (?1), so that scripts and
 *   package files can name records across machines
 * @load: reads the class's own columns, from column 5 on
 *
 * Every record of the domain has an integer key for joins, a UUID for
 * exchange between machines and a title to show in lists.
 */
struct _PsrRecordClass
{
  GObjectClass parent_class;

  const char *kind;
  const char *select_sql;
  const char *list_sql;
  const char *titles_sql;
  const char *find_sql;

  void (*load) (PsrRecord    *self,
                sqlite3_stmt *stmt);

  gpointer padding[8];
};

gint64      psr_record_get_id         (PsrRecord    *self);
const char *psr_record_get_uuid       (PsrRecord    *self);
const char *psr_record_get_title      (PsrRecord    *self);
const char *psr_record_get_created_at (PsrRecord    *self);
const char *psr_record_get_updated_at (PsrRecord    *self);

PsrRecord  *psr_record_load           (PsrDatabase  *db,
                                       GType         record_type,
                                       gint64        id,
                                       GError      **error);

/* For the subclasses' load (): a text column, never NULL. */
char       *psr_record_column_text    (sqlite3_stmt *stmt,
                                       int           column);

G_END_DECLS
