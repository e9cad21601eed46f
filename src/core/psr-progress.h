/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"
#include "psr-sessions.h"

G_BEGIN_DECLS

/*
 * What trainees learn: positioning on the competencies of a session before
 * and after it (the evidence for Qualiopi indicators 8 and 11, and what
 * the certificate reports), progress through the modules of a curriculum,
 * the rehearsals they played, the summary of a trainee's page, and what
 * needs the trainer's action.
 *
 * Every function that changes something is one transaction: it is done
 * whole, or it fails with a translated GError of the PSR_ERROR domain that
 * says what to do, and nothing changes.
 *
 * Errors: PSR_ERROR_NOT_FOUND when a row does not exist, PSR_ERROR_INVALID
 * for a bad value or a change the rules refuse, and the other codes of the
 * store.
 *
 * Instants are GDateTime; the functions that depend on the time take it
 * (NULL for the current time), so that tests can fix the clock.
 */

/* Positioning --------------------------------------------------------------- */

/**
 * PsrMoment:
 * @PSR_MOMENT_BEFORE: before the session (or at its start)
 * @PSR_MOMENT_AFTER: after the session (or at its end)
 */
typedef enum
{
  PSR_MOMENT_BEFORE,
  PSR_MOMENT_AFTER,
} PsrMoment;

/**
 * PsrRater:
 * @PSR_RATER_TRAINEE: the trainee rates themself
 * @PSR_RATER_TRAINER: a trainer rates the trainee
 */
typedef enum
{
  PSR_RATER_TRAINEE,
  PSR_RATER_TRAINER,
} PsrRater;

/* The codes of the positionings table ("before", "after"; "trainee",
 * "trainer"), and back: -1 for an unknown code. */
const char *psr_moment_to_code   (PsrMoment   moment);
int         psr_moment_from_code (const char *code);
const char *psr_rater_to_code    (PsrRater    rater);
int         psr_rater_from_code  (const char *code);

/**
 * PsrPositioningCompetency:
 * @id: the competency's row id
 * @uuid: its UUID
 * @code: its code in the framework, may be empty
 * @title: its title
 * @framework_id: its framework, whose scale rates it
 *
 * A competency a session's trainees position themselves on.
 */
typedef struct
{
  gint64  id;
  char   *uuid;
  char   *code;
  char   *title;
  gint64  framework_id;
} PsrPositioningCompetency;

#define PSR_TYPE_POSITIONING_COMPETENCY (psr_positioning_competency_get_type ())

GType                     psr_positioning_competency_get_type (void) G_GNUC_CONST;
PsrPositioningCompetency *psr_positioning_competency_copy     (const PsrPositioningCompetency *competency);
void                      psr_positioning_competency_free     (PsrPositioningCompetency       *competency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPositioningCompetency, psr_positioning_competency_free)

/* The competencies to rate for a session: those linked to the objectives
 * and to the modules of the curriculum version it runs, each once, in the
 * order of their framework (field, competency, indicator, each by
 * position), as PsrPositioningCompetency (the array frees them). Empty
 * when the curriculum links none; NULL on error. */
GPtrArray  *psr_session_list_positioning_competencies (PsrDatabase  *db,
                                                       gint64        session_id,
                                                       GError      **error);
/* The levels to rate with, as PsrScaleLevel of psr-competencies.h (the
 * array frees them), lowest first: the scale of the framework of the
 * session's curriculum, or, when the curriculum names no framework, of
 * the framework of its first competency to rate. Empty when there is no
 * scale; NULL on error. */
GPtrArray  *psr_session_list_positioning_levels       (PsrDatabase  *db,
                                                       gint64        session_id,
                                                       GError      **error);

/* Records a rating, replacing the one with the same session, trainee,
 * competency, moment and rater. The trainee (@person_id) is enrolled in
 * the session (status enrolled); the session is not cancelled;
 * @competency_id is one of its competencies to rate; @level_id a level of
 * the scale of that competency's framework. @rater_id is who rated: for
 * PSR_RATER_TRAINEE it is ignored (the trainee); for PSR_RATER_TRAINER a
 * person marked as a trainer, or 0 when unknown. @rated_at NULL is now. */
gboolean    psr_positioning_set        (PsrDatabase  *db,
                                        gint64        session_id,
                                        gint64        person_id,
                                        gint64        competency_id,
                                        PsrMoment     moment,
                                        PsrRater      rater,
                                        gint64        rater_id,
                                        gint64        level_id,
                                        GDateTime    *rated_at,
                                        GError      **error);
/* Forgets a rating; nothing happens when there was none. */
gboolean    psr_positioning_clear      (PsrDatabase  *db,
                                        gint64        session_id,
                                        gint64        person_id,
                                        gint64        competency_id,
                                        PsrMoment     moment,
                                        PsrRater      rater,
                                        GError      **error);

/**
 * PsrRating:
 * @level_id: the level given, 0 when not rated
 * @position: that level's position on the scale (from 0), -1 when not rated
 *
 * One rating of a trainee on a competency.
 */
typedef struct
{
  gint64 level_id;
  int    position;
} PsrRating;

/**
 * PsrPositioningRow:
 * @person_id: the trainee
 * @display_name: their given and family name
 * @competency_id: the competency
 * @ratings: indexed [PsrMoment][PsrRater]: the four ratings
 * @has_gap: whether there is a rating before and one after
 * @gap: after − before, in steps of the scale (negative for a fall); 0
 *   without @has_gap
 * @before_rater: whose rating @gap starts from
 * @after_rater: whose rating @gap ends at
 *
 * A trainee's positioning on one competency of a session.
 *
 * The gap: for each moment, the trainer's rating when there is one, else
 * the trainee's own; @before_rater and @after_rater say which was used.
 */
typedef struct
{
  gint64     person_id;
  char      *display_name;
  gint64     competency_id;
  PsrRating  ratings[2][2];
  gboolean   has_gap;
  int        gap;
  PsrRater   before_rater;
  PsrRater   after_rater;
} PsrPositioningRow;

#define PSR_TYPE_POSITIONING_ROW (psr_positioning_row_get_type ())

GType              psr_positioning_row_get_type (void) G_GNUC_CONST;
PsrPositioningRow *psr_positioning_row_copy     (const PsrPositioningRow *row);
void               psr_positioning_row_free     (PsrPositioningRow       *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPositioningRow, psr_positioning_row_free)

/* One row per enrolled trainee (status enrolled) and competency to rate,
 * by trainee name then in the order of
 * psr_session_list_positioning_competencies(), as PsrPositioningRow (the
 * array frees them); @person_id 0 for every trainee, or one of them.
 * NULL on error. */
GPtrArray  *psr_session_list_positionings (PsrDatabase  *db,
                                           gint64        session_id,
                                           gint64        person_id,
                                           GError      **error);

/**
 * PsrCompetencyGap:
 * @competency_id: the competency
 * @code: its code, may be empty
 * @title: its title
 * @n_rated: trainees with a gap on it (rated before and after)
 * @average_gap: the average of their gaps, in steps of the scale; 0 when
 *   @n_rated is 0
 * @n_progressed: those whose gap is above 0
 * @progressed_share: @n_progressed / @n_rated, from 0 to 1; 0 when
 *   @n_rated is 0
 *
 * How a session's trainees progressed on one competency.
 */
typedef struct
{
  gint64  competency_id;
  char   *code;
  char   *title;
  guint   n_rated;
  double  average_gap;
  guint   n_progressed;
  double  progressed_share;
} PsrCompetencyGap;

/**
 * PsrPositioningSummary:
 * @competencies: a PsrCompetencyGap per competency to rate, in order
 * @n_trainees: the enrolled trainees (status enrolled)
 * @n_progressed: trainees whose gaps add up to more than 0
 * @progressed_share: @n_progressed / the trainees with at least one gap,
 *   from 0 to 1; 0 when none has a gap
 * @missing_before: the gint64 person ids of the enrolled trainees without
 *   a before rating (by themself or a trainer) on at least one competency
 *   to rate, by name
 * @missing_after: likewise, after
 *
 * A session's positioning, as the session's page and the quality report
 * show it. With no competency to rate, nothing is missing.
 */
typedef struct
{
  GPtrArray *competencies;
  guint      n_trainees;
  guint      n_progressed;
  double     progressed_share;
  GArray    *missing_before;
  GArray    *missing_after;
} PsrPositioningSummary;

#define PSR_TYPE_POSITIONING_SUMMARY (psr_positioning_summary_get_type ())

GType                  psr_positioning_summary_get_type (void) G_GNUC_CONST;
PsrPositioningSummary *psr_positioning_summary_copy     (const PsrPositioningSummary *summary);
void                   psr_positioning_summary_free     (PsrPositioningSummary       *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPositioningSummary, psr_positioning_summary_free)

/* NULL on error. */
PsrPositioningSummary *psr_session_get_positioning_summary (PsrDatabase  *db,
                                                            gint64        session_id,
                                                            GError      **error);

/* Module progress ----------------------------------------------------------- */

/**
 * PsrProgressStatus:
 * @PSR_PROGRESS_NOT_STARTED: not opened yet
 * @PSR_PROGRESS_IN_PROGRESS: started
 * @PSR_PROGRESS_COMPLETED: done, on a date
 */
typedef enum
{
  PSR_PROGRESS_NOT_STARTED,
  PSR_PROGRESS_IN_PROGRESS,
  PSR_PROGRESS_COMPLETED,
} PsrProgressStatus;

/* "not-started", "in-progress", "completed", and back (-1 when unknown). */
const char *psr_progress_status_to_code   (PsrProgressStatus  status);
int         psr_progress_status_from_code (const char        *code);
/* Translated: "Not started", "In progress", "Completed". */
const char *psr_progress_status_label     (PsrProgressStatus  status);

/*
 * The rules of module progress:
 * - the trainee is enrolled (status enrolled or no-show) in a session that
 *   is not cancelled and runs the curriculum version of the module; the
 *   progress is recorded with that session (the latest one when several);
 * - any status may follow any other: a trainer records a module completed
 *   after the fact without passing through "in progress", and may reopen
 *   a completed module (a mistake, work to redo);
 * - "completed" always has a date: @completed_at, or now when NULL; it may
 *   not be later than now (@now, NULL for the current time), and it is
 *   forgotten when the module is no longer completed; completing an
 *   already completed module again keeps its first date unless
 *   @completed_at is given;
 * - the evidence notes stay through every change of status.
 */
gboolean    psr_module_progress_set          (PsrDatabase        *db,
                                              gint64              person_id,
                                              gint64              module_id,
                                              PsrProgressStatus   status,
                                              GDateTime          *completed_at,
                                              GDateTime          *now,
                                              GError            **error);
/* Free text (UTF-8) on what shows the trainee's work: a file name, a
 * trainer's observation; NULL for empty. Same enrollment rule as above;
 * the status of a module without progress yet stays "not started". */
gboolean    psr_module_progress_set_evidence (PsrDatabase        *db,
                                              gint64              person_id,
                                              gint64              module_id,
                                              const char         *evidence,
                                              GError            **error);

/**
 * PsrModuleProgress:
 * @module_id: the module
 * @title: its title
 * @position: its position in the curriculum, from 0
 * @duration_hours: its planned duration
 * @status: where the trainee stands
 * @completed_at: when completed, NULL otherwise
 * @evidence: the evidence notes, may be empty
 *
 * A module of a curriculum, for one trainee.
 */
typedef struct
{
  gint64             module_id;
  char              *title;
  guint              position;
  double             duration_hours;
  PsrProgressStatus  status;
  GDateTime         *completed_at;
  char              *evidence;
} PsrModuleProgress;

#define PSR_TYPE_MODULE_PROGRESS (psr_module_progress_get_type ())

GType              psr_module_progress_get_type (void) G_GNUC_CONST;
PsrModuleProgress *psr_module_progress_copy     (const PsrModuleProgress *progress);
void               psr_module_progress_free     (PsrModuleProgress       *progress);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrModuleProgress, psr_module_progress_free)

/* Every module of the curriculum version, in order, with the trainee's
 * status (not started when nothing was recorded), as PsrModuleProgress
 * (the array frees them); NULL on error. */
GPtrArray  *psr_person_list_module_progress (PsrDatabase  *db,
                                             gint64        person_id,
                                             gint64        curriculum_id,
                                             GError      **error);
/* The share of @modules (PsrModuleProgress) completed, as a whole
 * percentage rounded down (so that 100 means all of them); 0 without
 * modules. */
guint       psr_module_progress_percent     (const GPtrArray *modules);

/* Rehearsal runs ------------------------------------------------------------ */

/* Records a trainee's run through the rehearsal of a scenario: @path is
 * the JSON text of a PsrRehearsalPath (psr_rehearsal_path_to_json() of
 * psr-rehearsals.h): an array of objects {"node": UUID, "choice": UUID or
 * null}; anything else is refused. @finished_at is NULL for a run left
 * before an ending; else not before @started_at. Returns the run's id, 0
 * on error. */
gint64      psr_rehearsal_run_record    (PsrDatabase  *db,
                                         gint64        person_id,
                                         gint64        scenario_id,
                                         GDateTime    *started_at,
                                         GDateTime    *finished_at,
                                         const char   *path,
                                         GError      **error);

/**
 * PsrRehearsalRun:
 * @id: the row id
 * @uuid: for exchange
 * @scenario_id: the scenario played
 * @scenario_title: its title
 * @started_at: when the trainee started
 * @finished_at: when they reached an ending, NULL when they left before
 * @path: the JSON text of the path
 * @n_steps: the number of steps of @path
 *
 * A trainee's run through a rehearsal.
 */
typedef struct
{
  gint64     id;
  char      *uuid;
  gint64     scenario_id;
  char      *scenario_title;
  GDateTime *started_at;
  GDateTime *finished_at;
  char      *path;
  guint      n_steps;
} PsrRehearsalRun;

#define PSR_TYPE_REHEARSAL_RUN (psr_rehearsal_run_get_type ())

GType            psr_rehearsal_run_get_type (void) G_GNUC_CONST;
PsrRehearsalRun *psr_rehearsal_run_copy     (const PsrRehearsalRun *run);
void             psr_rehearsal_run_free     (PsrRehearsalRun       *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrRehearsalRun, psr_rehearsal_run_free)

/* The runs of a trainee, latest started first, as PsrRehearsalRun (the
 * array frees them); NULL on error. */
GPtrArray  *psr_person_list_rehearsal_runs (PsrDatabase  *db,
                                            gint64        person_id,
                                            GError      **error);

/* Trainee summary ------------------------------------------------------------- */

/**
 * PsrTraineeSession:
 * @session_id: the session
 * @display_title: its title to show
 * @status: where the session stands
 * @enrollment: where the trainee's enrollment stands
 * @curriculum_id: the curriculum version it runs
 * @starts_on: its first day, invalid without slots
 * @ends_on: its last day, invalid without slots
 * @n_slots: its slots
 * @n_slots_over: its slots ended by now
 * @n_signed: the slots over the trainee signed
 * @attendance_rate: @n_signed / @n_slots_over, from 0 to 1; -1 when no
 *   slot is over
 *
 * A session of a trainee.
 */
typedef struct
{
  gint64               session_id;
  char                *display_title;
  PsrSessionStatus     status;
  PsrEnrollmentStatus  enrollment;
  gint64               curriculum_id;
  GDate                starts_on;
  GDate                ends_on;
  guint                n_slots;
  guint                n_slots_over;
  guint                n_signed;
  double               attendance_rate;
} PsrTraineeSession;

/**
 * PsrTraineeCurriculum:
 * @curriculum_id: the curriculum version
 * @title: its title
 * @n_modules: its modules
 * @n_in_progress: those the trainee started
 * @n_completed: those the trainee completed
 * @percent: psr_module_progress_percent() of its modules
 *
 * A curriculum a trainee follows (through a session not cancelled, where
 * their enrollment is not cancelled).
 */
typedef struct
{
  gint64  curriculum_id;
  char   *title;
  guint   n_modules;
  guint   n_in_progress;
  guint   n_completed;
  guint   percent;
} PsrTraineeCurriculum;

/**
 * PsrTraineeCompetency:
 * @session_id: the session of the positioning
 * @competency_id: the competency
 * @code: its code, may be empty
 * @title: its title
 * @before: the scale position before (trainer's rating, else the
 *   trainee's), -1 when not rated
 * @after: likewise after
 * @n_levels: the levels of the scale, for the chart's axis (0 without a
 *   scale)
 *
 * A bar pair of the before/after chart.
 */
typedef struct
{
  gint64  session_id;
  gint64  competency_id;
  char   *code;
  char   *title;
  int     before;
  int     after;
  guint   n_levels;
} PsrTraineeCompetency;

/**
 * PsrTraineeSummary:
 * @sessions: PsrTraineeSession, latest first, every enrollment but the
 *   cancelled ones
 * @curricula: PsrTraineeCurriculum of those sessions' curriculum
 *   versions (not cancelled), each once, by title
 * @competencies: PsrTraineeCompetency of those sessions (not cancelled),
 *   latest session first then in the order of its competencies
 * @n_slots_over: the slots over of all @sessions
 * @n_signed: those the trainee signed
 * @attendance_rate: @n_signed / @n_slots_over, -1 when none is over
 * @n_rehearsal_runs: the rehearsals they played
 *
 * What a trainee's page shows.
 */
typedef struct
{
  GPtrArray *sessions;
  GPtrArray *curricula;
  GPtrArray *competencies;
  guint      n_slots_over;
  guint      n_signed;
  double     attendance_rate;
  guint      n_rehearsal_runs;
} PsrTraineeSummary;

#define PSR_TYPE_TRAINEE_SUMMARY (psr_trainee_summary_get_type ())

GType              psr_trainee_summary_get_type (void) G_GNUC_CONST;
PsrTraineeSummary *psr_trainee_summary_copy     (const PsrTraineeSummary *summary);
void               psr_trainee_summary_free     (PsrTraineeSummary       *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrTraineeSummary, psr_trainee_summary_free)

/* @now decides which slots are over (NULL for the current time). NULL on
 * error, PSR_ERROR_NOT_FOUND for a person who does not exist. */
PsrTraineeSummary *psr_trainee_summary_load (PsrDatabase  *db,
                                             gint64        person_id,
                                             GDateTime    *now,
                                             GError      **error);

/* Needs action ------------------------------------------------------------------ */

/**
 * PsrNeedKind:
 * @PSR_NEED_UNSIGNED_SLOTS: slots over, of sessions running or done, that
 *   an enrolled trainee neither signed nor was recorded absent or excused
 *   for, or that no trainer countersigned; counts slots
 * @PSR_NEED_POSITIONING_BEFORE: enrolled trainees of sessions planned,
 *   confirmed or running without a before rating on some competency to
 *   rate; counts trainees
 * @PSR_NEED_POSITIONING_AFTER: likewise for sessions done, after
 * @PSR_NEED_SATISFACTION: enrolled trainees of sessions done without an
 *   end-of-session survey response; counts trainees
 *
 * What waits for the trainer.
 */
typedef enum
{
  PSR_NEED_UNSIGNED_SLOTS,
  PSR_NEED_POSITIONING_BEFORE,
  PSR_NEED_POSITIONING_AFTER,
  PSR_NEED_SATISFACTION,
  PSR_N_NEEDS,
} PsrNeedKind;

/* How far back the needs look: sessions that ended more than this many
 * days before today are history, not a to-do list. */
#define PSR_NEEDS_DAYS_BACK 365

/**
 * PsrNeedsAction:
 * @counts: per PsrNeedKind, the slots or trainees concerned
 * @session_ids: per PsrNeedKind, a GArray of the gint64 ids of the
 *   sessions concerned, soonest first
 *
 * Everything the Overview lists under "Needs action". Only sessions not
 * cancelled that end from PSR_NEEDS_DAYS_BACK days before today on (or
 * have no slots yet, for positioning before) count.
 */
typedef struct
{
  guint   counts[PSR_N_NEEDS];
  GArray *session_ids[PSR_N_NEEDS];
} PsrNeedsAction;

#define PSR_TYPE_NEEDS_ACTION (psr_needs_action_get_type ())

GType           psr_needs_action_get_type (void) G_GNUC_CONST;
PsrNeedsAction *psr_needs_action_copy     (const PsrNeedsAction *needs);
void            psr_needs_action_free     (PsrNeedsAction       *needs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrNeedsAction, psr_needs_action_free)

/* @now decides which slots are over and what "today" is (NULL for the
 * current time). NULL on error. */
PsrNeedsAction *psr_needs_action_load (PsrDatabase  *db,
                                       GDateTime    *now,
                                       GError      **error);

G_END_DECLS
