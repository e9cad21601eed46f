/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_RECORD_MODEL (psr_record_model_get_type ())

G_DECLARE_FINAL_TYPE (PsrRecordModel, psr_record_model, PSR, RECORD_MODEL, GObject)

PsrRecordModel *psr_record_model_new      (PsrDatabase     *db,
                                           GType            record_type);
gboolean        psr_record_model_reload   (PsrRecordModel  *self,
                                           GError         **error);
void            psr_record_model_set_ids  (PsrRecordModel  *self,
                                           const gint64    *ids,
                                           guint            n_ids);

G_END_DECLS
