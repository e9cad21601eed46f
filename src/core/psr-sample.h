/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-database.h"

G_BEGIN_DECLS

gboolean psr_sample_load (PsrDatabase  *db,
                          GDateTime    *today,
                          GError      **error);

G_END_DECLS
