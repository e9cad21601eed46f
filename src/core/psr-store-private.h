/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-curricula.h"
#include "psr-database-private.h"

G_BEGIN_DECLS

/* As the schema's defaults write instants. */
#define PSR_STORE_NOW "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

typedef void (*PsrRowFunc) (sqlite3_stmt *stmt,
                            gpointer      data);

/* A text column, changed by one fixed statement. */
typedef struct
{
  const char *sql;       /* ?1 the row, ?2 the text */
  const char *required;  /* translatable: why it may not be empty; NULL when it may */
} PsrTextField;

gboolean      psr_store_foreach_row     (PsrDatabase         *db,
                                         sqlite3_stmt        *stmt,
                                         PsrRowFunc           func,
                                         gpointer             data,
                                         GError             **error);
gboolean      psr_store_step_row        (PsrDatabase         *db,
                                         sqlite3_stmt        *stmt,
                                         const char          *missing,
                                         GError             **error);
gboolean      psr_store_invalid         (GError             **error,
                                         const char          *message);
gboolean      psr_store_is_blank        (const char          *text);
gboolean      psr_store_check_text      (const char          *text,
                                         GError             **error);
sqlite3_stmt *psr_store_prepare_with_id (PsrDatabase         *db,
                                         const char          *sql,
                                         gint64               id,
                                         GError             **error);
gboolean      psr_store_run_with_id     (PsrDatabase         *db,
                                         const char          *sql,
                                         gint64               id,
                                         GError             **error);
void          psr_store_append_id       (sqlite3_stmt        *stmt,
                                         gpointer             data);
char         *psr_store_text_for_field  (const PsrTextField  *field,
                                         const char          *value,
                                         GError             **error);
/* Typed text as an FTS5 query where every word must match as a prefix:
 * "lumi volc" → "lumi"* AND "volc"*. NULL when the text holds no word. */
char         *psr_store_fts_match       (const char          *text);
PsrCheck     *psr_check_new             (PsrCheckSeverity     severity,
                                         char                *message);

G_END_DECLS
