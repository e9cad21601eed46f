/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_OVERVIEW (psr_overview_get_type ())

G_DECLARE_FINAL_TYPE (PsrOverview, psr_overview, PSR, OVERVIEW, GObject)

/* How many sessions the overview lists. */
#define PSR_OVERVIEW_UPCOMING_MAX 5

PsrOverview *psr_overview_load                  (PsrDatabase  *db,
                                                 const GDate  *today,
                                                 GError      **error);
guint        psr_overview_get_n_trainees        (PsrOverview  *self);
guint        psr_overview_get_n_trainers        (PsrOverview  *self);
guint        psr_overview_get_n_curricula       (PsrOverview  *self);
guint        psr_overview_get_n_scenarios       (PsrOverview  *self);
guint        psr_overview_get_n_sessions_ahead  (PsrOverview  *self);
guint        psr_overview_get_n_unrecorded_slots (PsrOverview *self);
GListModel  *psr_overview_get_upcoming          (PsrOverview  *self);

G_END_DECLS
