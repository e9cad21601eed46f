/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_OVERVIEW (psr_overview_get_type ())

G_DECLARE_FINAL_TYPE (PsrOverview, psr_overview, PSR, OVERVIEW, GObject)

/* How many sessions the overview lists. */
#define PSR_OVERVIEW_UPCOMING_MAX 5

/* How many events the overview lists under "Recent Activity". */
#define PSR_OVERVIEW_ACTIVITY_MAX 8

/**
 * PsrActivityKind:
 * @PSR_ACTIVITY_SIGNED: trainees signed a half-day; one per slot
 * @PSR_ACTIVITY_ENROLLED: trainees enrolled in a session (or on its
 *   waiting list); one per session
 * @PSR_ACTIVITY_SURVEY_END: trainees answered the end-of-session survey;
 *   one per session
 * @PSR_ACTIVITY_SURVEY_FOLLOW_UP: likewise, the follow-up survey
 * @PSR_ACTIVITY_MODULE_COMPLETED: trainees completed a module; one per
 *   module
 * @PSR_ACTIVITY_REHEARSAL_PLAYED: trainees played the rehearsal of a
 *   scenario; one per scenario
 * @PSR_ACTIVITY_PEOPLE_ADDED: people were added, by hand or imported; one
 *   per minute
 *
 * What happened lately.
 */
typedef enum
{
  PSR_ACTIVITY_SIGNED,
  PSR_ACTIVITY_ENROLLED,
  PSR_ACTIVITY_SURVEY_END,
  PSR_ACTIVITY_SURVEY_FOLLOW_UP,
  PSR_ACTIVITY_MODULE_COMPLETED,
  PSR_ACTIVITY_REHEARSAL_PLAYED,
  PSR_ACTIVITY_PEOPLE_ADDED,
  PSR_N_ACTIVITIES,
} PsrActivityKind;

/**
 * PsrActivity:
 * @kind: what happened
 * @when: the latest event of the group
 * @count: how many trainees (or people) the group holds in all: those
 *   who signed the half-day, enrolled in or answered the survey of the
 *   session, completed the module, played the rehearsal, or were added
 *   in that minute
 * @person: the name of the one person of the group, when @count is 1 and
 *   they were not erased; NULL otherwise
 * @subject: the title of the session, module or scenario; NULL for
 *   @PSR_ACTIVITY_PEOPLE_ADDED
 * @session_id: the session to open, 0 when there is none
 *
 * Events of one kind on one subject, grouped: "12 trainees signed the
 * morning" rather than twelve lines.
 */
typedef struct
{
  PsrActivityKind  kind;
  GDateTime       *when;
  guint            count;
  char            *person;
  char            *subject;
  gint64           session_id;
} PsrActivity;

#define PSR_TYPE_ACTIVITY (psr_activity_get_type ())

GType        psr_activity_get_type (void) G_GNUC_CONST;
PsrActivity *psr_activity_copy     (const PsrActivity *activity);
void         psr_activity_free     (PsrActivity       *activity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrActivity, psr_activity_free)

/* The latest @limit groups of events up to @now (NULL for the current
 * time), newest first, as PsrActivity (the array frees them). Reads only
 * the latest rows of each kind through their indexes: as fast on a
 * hundred thousand trainees as on ten. NULL on error. */
GPtrArray   *psr_activity_list_recent           (PsrDatabase  *db,
                                                 GDateTime    *now,
                                                 guint         limit,
                                                 GError      **error);

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
GPtrArray   *psr_overview_get_activity          (PsrOverview  *self);

G_END_DECLS
