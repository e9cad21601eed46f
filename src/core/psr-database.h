/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PSR_TYPE_DATABASE (psr_database_get_type ())

G_DECLARE_FINAL_TYPE (PsrDatabase, psr_database, PSR, DATABASE, GObject)

/* How many automatic backups are kept beside the database. */
#define PSR_DATABASE_BACKUPS_KEPT 7

char        *psr_database_default_path       (void);
int          psr_database_latest_version     (void);

PsrDatabase *psr_database_open               (const char   *path,
                                              GError      **error);
const char  *psr_database_get_path           (PsrDatabase  *self);
int          psr_database_get_version        (PsrDatabase  *self);
gboolean     psr_database_is_empty           (PsrDatabase  *self);

gboolean     psr_database_begin              (PsrDatabase  *self,
                                              GError      **error);
gboolean     psr_database_commit             (PsrDatabase  *self,
                                              GError      **error);
void         psr_database_rollback           (PsrDatabase  *self);

char        *psr_database_backup             (PsrDatabase  *self,
                                              GError      **error);
gboolean     psr_database_backup_to          (PsrDatabase  *self,
                                              const char   *destination,
                                              GError      **error);
char        *psr_database_backup_file        (const char   *path,
                                              GError      **error);
gboolean     psr_database_needs_daily_backup (const char   *path);
void         psr_database_backup_file_async  (const char          *path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
char        *psr_database_backup_file_finish (GAsyncResult        *result,
                                              GError             **error);
GPtrArray   *psr_database_list_backups       (const char   *path);
gboolean     psr_database_restore            (const char   *path,
                                              const char   *backup,
                                              GError      **error);

G_END_DECLS
