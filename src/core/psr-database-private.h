/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "psr-database.h"

G_BEGIN_DECLS

sqlite3      *psr_database_get_handle (PsrDatabase   *self);
sqlite3_stmt *psr_database_prepare    (PsrDatabase   *self,
                                       const char    *sql,
                                       GError       **error);
gboolean      psr_database_step_done  (PsrDatabase   *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
gboolean      psr_database_exec       (PsrDatabase   *self,
                                       const char    *sql,
                                       GError       **error);
gint64        psr_database_last_id    (PsrDatabase   *self);
void          psr_database_set_busy_timeout (PsrDatabase *self,
                                             int          milliseconds);
char         *psr_uuid_new            (void);
char         *psr_now_iso8601         (void);

gboolean      psr_set_error_from_sqlite (GError    **error,
                                         sqlite3    *db,
                                         int         rc);

G_END_DECLS
