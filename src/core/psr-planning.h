/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

typedef enum
{
  PSR_PLANNING_UPCOMING,
  PSR_PLANNING_PAST,
} PsrPlanningRange;

/* The sessions as a GListModel of PsrSession, built lazily as a list view
 * shows them. Upcoming: those that end on @today or later, and those
 * without slots yet, soonest first (unscheduled ones first of all). Past:
 * those that ended before @today, latest first. @search, when not empty,
 * keeps the sessions whose title, curriculum, place or room contain each
 * of its words, ignoring case. NULL on error. */
GListModel *psr_planning_list_sessions (PsrDatabase       *db,
                                        PsrPlanningRange   range,
                                        const GDate       *today,
                                        const char        *search,
                                        GError           **error);

/* The people as a GListModel of PsrPerson, by family then given name;
 * only trainers when @trainers_only. @search, when not empty, matches
 * the beginnings of the words of their names, email, organisation, job
 * and country, ignoring case and accents. NULL on error. */
GListModel *psr_planning_search_people (PsrDatabase       *db,
                                        const char        *search,
                                        gboolean           trainers_only,
                                        GError           **error);

G_END_DECLS
