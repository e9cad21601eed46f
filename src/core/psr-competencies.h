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

/**
 * PsrScaleLevel:
 * @id: the row id
 * @position: from 0, the lowest level first
 * @name: what trainees and trainers read
 * @proficient: whether reaching it counts as mastering the competency
 *
 * A level of a framework's proficiency scale.
 */
typedef struct
{
  gint64    id;
  guint     position;
  char     *name;
  gboolean  proficient;
} PsrScaleLevel;

void        psr_scale_level_free          (PsrScaleLevel *level);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrScaleLevel, psr_scale_level_free)

GPtrArray  *psr_framework_list_levels     (PsrDatabase  *db,
                                           gint64        framework_id,
                                           GError      **error);
gboolean    psr_scale_level_update        (PsrDatabase  *db,
                                           gint64        level_id,
                                           const char   *name,
                                           gboolean      proficient,
                                           GError      **error);

G_END_DECLS
