/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

typedef void (*PsrTitleFunc) (const char *uuid,
                              const char *title,
                              gpointer    user_data);

const char * const *psr_kind_names          (void);
GType               psr_kind_lookup         (const char    *name);
gboolean            psr_kind_foreach_title  (PsrDatabase   *db,
                                             GType          record_type,
                                             PsrTitleFunc   func,
                                             gpointer       user_data,
                                             GError       **error);
gint64              psr_kind_find_id        (PsrDatabase   *db,
                                             GType          record_type,
                                             const char    *uuid,
                                             GError       **error);

G_END_DECLS
