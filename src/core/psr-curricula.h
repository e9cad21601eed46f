/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-curriculum.h"
#include "psr-database.h"
#include "psr-module.h"

G_BEGIN_DECLS

/*
 * The store of curricula and their modules, with their rules.
 *
 * Every function that changes something is one transaction: it is done
 * whole, or it fails with a translated GError of the PSR_ERROR domain that
 * says what to do, and nothing changes.
 *
 * Only a draft changes. A published or archived version is read-only, with
 * its objectives and modules, so that the sessions that ran it keep the
 * program they ran: every change to it fails with PSR_ERROR_INVALID, and
 * psr_curriculum_new_version() makes the draft of the next version. Its
 * status is the exception (psr_curriculum_set_status()).
 *
 * Errors: PSR_ERROR_NOT_FOUND when the row no longer exists,
 * PSR_ERROR_INVALID for a read-only version or a bad value,
 * PSR_ERROR_CONSTRAINT when a competency, level or scenario to link does
 * not exist, and the other codes of the store.
 *
 * Objectives, modules and the scenarios of a module keep the positions
 * 0 … n-1, without gaps, after every change.
 */

/* Curricula ------------------------------------------------------------------ */

/* A draft, version 1 of a new lineage, built on the framework when the
 * database has exactly one that is not archived. Returns its id, 0 on error. */
gint64      psr_curriculum_create        (PsrDatabase         *db,
                                          const char          *title,
                                          GError             **error);

/* The title and the language may not be empty (they are stripped of spaces
 * around them); the other fields may. */
gboolean    psr_curriculum_set_field     (PsrDatabase         *db,
                                          gint64               id,
                                          PsrCurriculumField   field,
                                          const char          *value,
                                          GError             **error);
/* In hours, 0 or more; 0 means not set yet. */
gboolean    psr_curriculum_set_duration  (PsrDatabase         *db,
                                          gint64               id,
                                          double               hours,
                                          GError             **error);
/* In cents of euro; -1 removes the price ("on request"), which Qualiopi
 * does not accept for a published curriculum. */
gboolean    psr_curriculum_set_price     (PsrDatabase         *db,
                                          gint64               id,
                                          gint64               cents,
                                          GError             **error);
/* "in-person", "remote" or "blended". */
gboolean    psr_curriculum_set_modality  (PsrDatabase         *db,
                                          gint64               id,
                                          const char          *modality,
                                          GError             **error);
/* "draft", "published" or "archived": a draft is published, a published
 * version archived, an archived one published again; nothing goes back to
 * draft. Publishing is refused, with the list of what is missing, while a
 * field that Qualiopi requires is empty (see psr_curriculum_check()).
 * Setting the current status does nothing. */
gboolean    psr_curriculum_set_status    (PsrDatabase         *db,
                                          gint64               id,
                                          const char          *status,
                                          GError             **error);

/* The draft of the next version of a published or archived curriculum:
 * same lineage, version = the highest of the lineage + 1, new UUIDs, with
 * copies of its objectives (and their competencies) and of its modules
 * (with their competencies, target levels and scenarios), and of the
 * translations of both (psr-translations.h). The original and its sessions
 * are left as they are. Returns the id of the draft, 0 on
 * error. */
gint64      psr_curriculum_new_version   (PsrDatabase         *db,
                                          gint64               id,
                                          GError             **error);

/* Lists of PsrCurriculum and PsrModule, built as they are shown
 * (PsrRecordModel): reload by calling again after a change. */

/* The modules of a curriculum, in their order. */
GListModel *psr_curriculum_list_modules  (PsrDatabase         *db,
                                          gint64               curriculum_id,
                                          GError             **error);
/* Every version of a curriculum, the newest first. */
GListModel *psr_curriculum_list_versions (PsrDatabase         *db,
                                          const char          *lineage_uuid,
                                          GError             **error);
/* The newest version of each curriculum, by title. With @search (NULL or
 * empty for all), those whose title or summary has a word starting with
 * each of its words, ignoring case and accents. */
GListModel *psr_curricula_list_latest    (PsrDatabase         *db,
                                          const char          *search,
                                          GError             **error);

/* Checks ------------------------------------------------------------------- */

/**
 * PsrCheckSeverity:
 * @PSR_CHECK_INFO: something left to fill in
 * @PSR_CHECK_WARNING: something that looks wrong
 */
typedef enum
{
  PSR_CHECK_INFO,
  PSR_CHECK_WARNING,
} PsrCheckSeverity;

/**
 * PsrCheck:
 * @severity: how much it matters
 * @message: a translated sentence, without a final period
 *
 * A remark on a curriculum, shown beside its form; it never blocks anything
 * but publishing, through the empty fields that Qualiopi requires.
 */
typedef struct
{
  PsrCheckSeverity  severity;
  char             *message;
} PsrCheck;

#define PSR_TYPE_CHECK (psr_check_get_type ())

GType     psr_check_get_type (void) G_GNUC_CONST;
PsrCheck *psr_check_copy     (const PsrCheck *check);
void      psr_check_free     (PsrCheck       *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrCheck, psr_check_free)

/* The remarks on a curriculum, as PsrCheck (the array frees them): module
 * durations that do not add up to the curriculum's (warning), objectives
 * linked to no competency (warning), competencies of the objectives that
 * no module covers (warning), then the empty fields that Qualiopi requires
 * (info): summary, audience, prerequisites, duration, teaching methods,
 * evaluation methods, access terms, access delay, price, contact and
 * accessibility. Empty when all is well; NULL on error. */
GPtrArray *psr_curriculum_check          (PsrDatabase         *db,
                                          gint64               id,
                                          GError             **error);

/* Objectives --------------------------------------------------------------- */

/**
 * PsrObjective:
 * @id: the row id, for the functions below
 * @position: from 0, in the order of the curriculum
 * @text: what the trainees will be able to do
 * @competency_ids: the ids (gint64) of the competencies it is linked to, in
 *   the order of the framework
 *
 * An operational objective of a curriculum.
 */
typedef struct
{
  gint64  id;
  guint   position;
  char   *text;
  GArray *competency_ids;
} PsrObjective;

#define PSR_TYPE_OBJECTIVE (psr_objective_get_type ())

GType         psr_objective_get_type (void) G_GNUC_CONST;
PsrObjective *psr_objective_copy     (const PsrObjective *objective);
void          psr_objective_free     (PsrObjective       *objective);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrObjective, psr_objective_free)

/* The objectives of a curriculum in their order, as PsrObjective (the array
 * frees them); NULL on error. */
GPtrArray  *psr_curriculum_list_objectives (PsrDatabase  *db,
                                            gint64        curriculum_id,
                                            GError      **error);

/* Appended; the text may not be empty. Returns its id, 0 on error. */
gint64      psr_objective_add              (PsrDatabase  *db,
                                            gint64        curriculum_id,
                                            const char   *text,
                                            GError      **error);
gboolean    psr_objective_set_text         (PsrDatabase  *db,
                                            gint64        objective_id,
                                            const char   *text,
                                            GError      **error);
gboolean    psr_objective_remove           (PsrDatabase  *db,
                                            gint64        objective_id,
                                            GError      **error);
/* A position past the end moves it last. */
gboolean    psr_objective_move             (PsrDatabase  *db,
                                            gint64        objective_id,
                                            guint         new_position,
                                            GError      **error);
/* Linking twice, or unlinking what is not linked, does nothing. */
gboolean    psr_objective_link_competency  (PsrDatabase  *db,
                                            gint64        objective_id,
                                            gint64        competency_id,
                                            GError      **error);
gboolean    psr_objective_unlink_competency (PsrDatabase *db,
                                             gint64       objective_id,
                                             gint64       competency_id,
                                             GError     **error);

/* Modules ------------------------------------------------------------------ */

/**
 * PsrModuleCompetency:
 * @competency_id: the competency the module works on
 * @target_level_id: the level of the scale it aims at, 0 for none
 */
typedef struct
{
  gint64 competency_id;
  gint64 target_level_id;
} PsrModuleCompetency;

/* Appended, with no duration and the mixed method; the title may not be
 * empty. Returns its id, 0 on error. */
gint64      psr_module_add                (PsrDatabase     *db,
                                           gint64           curriculum_id,
                                           const char      *title,
                                           GError         **error);
/* The title may not be empty (it is stripped of spaces around it). */
gboolean    psr_module_set_field          (PsrDatabase     *db,
                                           gint64           module_id,
                                           PsrModuleField   field,
                                           const char      *value,
                                           GError         **error);
/* In hours, 0 or more. */
gboolean    psr_module_set_duration       (PsrDatabase     *db,
                                           gint64           module_id,
                                           double           hours,
                                           GError         **error);
/* "theory", "practice" or "mixed". */
gboolean    psr_module_set_method         (PsrDatabase     *db,
                                           gint64           module_id,
                                           const char      *method,
                                           GError         **error);
/* With its competencies, its scenarios and the trainees' progress in it. */
gboolean    psr_module_remove             (PsrDatabase     *db,
                                           gint64           module_id,
                                           GError         **error);
/* A position past the end moves it last. */
gboolean    psr_module_move               (PsrDatabase     *db,
                                           gint64           module_id,
                                           guint            new_position,
                                           GError         **error);

/* The competencies of a module as PsrModuleCompetency, in the order of the
 * framework; NULL on error. */
GArray     *psr_module_list_competencies  (PsrDatabase     *db,
                                           gint64           module_id,
                                           GError         **error);
/* Adds the competency, or changes its target level; 0 for no level. */
gboolean    psr_module_set_competency     (PsrDatabase     *db,
                                           gint64           module_id,
                                           gint64           competency_id,
                                           gint64           target_level_id,
                                           GError         **error);
/* Removing what is not there does nothing. */
gboolean    psr_module_unset_competency   (PsrDatabase     *db,
                                           gint64           module_id,
                                           gint64           competency_id,
                                           GError         **error);

/* The scenarios of a module (PsrScenario), in their order. */
GListModel *psr_module_list_scenarios     (PsrDatabase     *db,
                                           gint64           module_id,
                                           GError         **error);
/* Appended; adding it twice does nothing. */
gboolean    psr_module_add_scenario       (PsrDatabase     *db,
                                           gint64           module_id,
                                           gint64           scenario_id,
                                           GError         **error);
/* Removing what is not there does nothing. */
gboolean    psr_module_remove_scenario    (PsrDatabase     *db,
                                           gint64           module_id,
                                           gint64           scenario_id,
                                           GError         **error);

G_END_DECLS
