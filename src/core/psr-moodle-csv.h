/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/* Larger files are refused before they are read: a framework of a few
 * thousand competencies takes well under a mebibyte. */
#define PSR_MOODLE_CSV_MAX_SIZE (50 * 1024 * 1024)

gint64   psr_moodle_csv_find_framework (PsrDatabase    *db,
                                        const char     *uuid,
                                        GError        **error);
gboolean psr_moodle_csv_export         (PsrDatabase    *db,
                                        gint64          framework_id,
                                        GOutputStream  *output,
                                        GError        **error);
gint64   psr_moodle_csv_import         (PsrDatabase    *db,
                                        GBytes         *contents,
                                        GError        **error);
gint64   psr_moodle_csv_import_file    (PsrDatabase    *db,
                                        GFile          *file,
                                        GError        **error);

G_END_DECLS
