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
  /* How many working days each session lasts, at most 250; 0 for 2 or 3,
   * as most do. The attendance records grow with it: 2,000 sessions of 50
   * days give about a million. */
  guint days;
} PsrGenerateOptions;

typedef void (*PsrProgressFunc) (double   fraction,
                                 gpointer user_data);

gboolean psr_generate (PsrDatabase               *db,
                       const PsrGenerateOptions  *options,
                       PsrProgressFunc            progress,
                       gpointer                   user_data,
                       GError                   **error);

G_END_DECLS
