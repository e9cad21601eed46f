/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-competency.h"
#include "psr-database.h"

G_BEGIN_DECLS

/* Operations on competency frameworks. Each is one transaction; an error
 * leaves the framework as it was. */

gint64      psr_framework_create          (PsrDatabase  *db,
                                           const char   *title,
                                           GError      **error);
GListModel *psr_framework_list            (PsrDatabase  *db,
                                           GError      **error);

GListModel *psr_competency_list_children  (PsrDatabase  *db,
                                           gint64        framework_id,
                                           gint64        parent_id,
                                           GError      **error);
GListModel *psr_competency_search         (PsrDatabase  *db,
                                           gint64        framework_id,
                                           const char   *text,
                                           GError      **error);
gint64      psr_competency_add            (PsrDatabase  *db,
                                           gint64        framework_id,
                                           gint64        parent_id,
                                           const char   *title,
                                           GError      **error);
gboolean    psr_competency_update         (PsrDatabase  *db,
                                           gint64        id,
                                           const char   *code,
                                           const char   *title,
                                           const char   *description,
                                           GError      **error);
gboolean    psr_competency_move           (PsrDatabase  *db,
                                           gint64        id,
                                           gint64        parent_id,
                                           guint         position,
                                           GError      **error);
gboolean    psr_competency_set_archived   (PsrDatabase  *db,
                                           gint64        id,
                                           gboolean      archived,
                                           GError      **error);
guint       psr_competency_count_uses     (PsrDatabase  *db,
                                           gint64        id,
                                           GError      **error);
gboolean    psr_competency_delete         (PsrDatabase  *db,
                                           gint64        id,
                                           GError      **error);

G_END_DECLS
