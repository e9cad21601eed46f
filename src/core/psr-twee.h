/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/* Larger files are refused before they are read: a rehearsal of a hundred
 * situations takes well under a hundred kibibytes. */
#define PSR_TWEE_MAX_SIZE (10 * 1024 * 1024)

gboolean psr_twee_export      (PsrDatabase    *db,
                               gint64          scenario_id,
                               GOutputStream  *output,
                               GError        **error);
gboolean psr_twee_import      (PsrDatabase    *db,
                               gint64          scenario_id,
                               GBytes         *contents,
                               GError        **error);
gboolean psr_twee_import_file (PsrDatabase    *db,
                               gint64          scenario_id,
                               GFile          *file,
                               GError        **error);

G_END_DECLS
