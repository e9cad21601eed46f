/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint trainees;
  guint scenarios;
  guint sessions;
  /* Same seed, same database: benchmarks compare like with like. */
  guint32 seed;
} PsrGenerateOptions;

typedef void (*PsrProgressFunc) (double   fraction,
                                 gpointer user_data);

gboolean psr_generate (PsrDatabase               *db,
                       const PsrGenerateOptions  *options,
                       PsrProgressFunc            progress,
                       gpointer                   user_data,
                       GError                   **error);

G_END_DECLS
