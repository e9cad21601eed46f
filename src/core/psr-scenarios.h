/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-curricula.h"
#include "psr-database.h"
#include "psr-scenario.h"

G_BEGIN_DECLS

/*
 * The store of mediation scenarios, with their phases, audiences and
 * competencies.
 *
 * Every function that changes something is one transaction that marks the
 * scenario as changed: it is done whole, or it fails with a translated
 * GError of the PSR_ERROR domain that says what to do, and nothing changes.
 *
 * Errors: PSR_ERROR_NOT_FOUND when the row no longer exists,
 * PSR_ERROR_INVALID for a bad value, PSR_ERROR_CONSTRAINT when a
 * competency to link does not exist or a module still uses the scenario to
 * delete, and the other codes of the store.
 *
 * The phases of a scenario keep the positions 0 … n-1, without gaps, after
 * every change.
 */

/* Scenarios ------------------------------------------------------------------ */

/* A draft in French, a workshop on the exhibition floor, with no duration,
 * ages or group size. Returns its id, 0 on error. */
gint64      psr_scenario_create          (PsrDatabase       *db,
                                          const char        *title,
                                          GError           **error);

/* The title and the language may not be empty (they are stripped of spaces
 * around them); the other fields may. The objectives are one per line, each
 * meant to start with a verb: that is for the form to suggest, the store
 * takes any text. */
gboolean    psr_scenario_set_field       (PsrDatabase       *db,
                                          gint64             id,
                                          PsrScenarioField   field,
                                          const char        *value,
                                          GError           **error);
/* A code of psr_scenario_formats(). */
gboolean    psr_scenario_set_format      (PsrDatabase       *db,
                                          gint64             id,
                                          const char        *format,
                                          GError           **error);
/* A code of psr_scenario_venues(). */
gboolean    psr_scenario_set_venue       (PsrDatabase       *db,
                                          gint64             id,
                                          const char        *venue,
                                          GError           **error);
/* In minutes; 0 means not set yet. */
gboolean    psr_scenario_set_duration    (PsrDatabase       *db,
                                          gint64             id,
                                          guint              minutes,
                                          GError           **error);
/* In years, 0 or more, or -1 for no bound; @min_age <= @max_age when both
 * are set. */
gboolean    psr_scenario_set_ages        (PsrDatabase       *db,
                                          gint64             id,
                                          int                min_age,
                                          int                max_age,
                                          GError           **error);
/* In people, 1 or more, or -1 for no bound; @min_size <= @max_size when
 * both are set. */
gboolean    psr_scenario_set_group_size  (PsrDatabase       *db,
                                          gint64             id,
                                          int                min_size,
                                          int                max_size,
                                          GError           **error);
/* "draft", "published" or "archived". */
gboolean    psr_scenario_set_status      (PsrDatabase       *db,
                                          gint64             id,
                                          const char        *status,
                                          GError           **error);
/* Replaces the audiences of the scenario with @codes (codes of
 * psr_scenario_audiences(), NULL-terminated; NULL or empty for none). */
gboolean    psr_scenario_set_audiences   (PsrDatabase       *db,
                                          gint64             id,
                                          const char * const *codes,
                                          GError           **error);
/* The audience codes of the scenario, in the order of
 * psr_scenario_audiences(); NULL on error. */
GStrv       psr_scenario_list_audiences  (PsrDatabase       *db,
                                          gint64             id,
                                          GError           **error);

/* With its phases, audiences, competencies and rehearsals. Refused with
 * PSR_ERROR_CONSTRAINT while a module uses it. */
gboolean    psr_scenario_delete          (PsrDatabase       *db,
                                          gint64             id,
                                          GError           **error);

/* The remarks on a scenario, as PsrCheck (the array frees them): phase
 * durations that do not add up to the scenario's (warning), then what is
 * left to fill in (info): objectives, phases, age range, group size. Empty
 * when all is well; NULL on error. */
GPtrArray  *psr_scenario_check           (PsrDatabase       *db,
                                          gint64             id,
                                          GError           **error);

/* The modules of curricula that use the scenario (PsrModule), by
 * curriculum title, then version, then the module's position; NULL on
 * error. */
GListModel *psr_scenario_list_modules    (PsrDatabase       *db,
                                          gint64             id,
                                          GError           **error);

/* How many situations and endings the scenario's rehearsal has (both 0
 * when it has none); FALSE on error. */
gboolean    psr_scenario_count_rehearsal (PsrDatabase       *db,
                                          gint64             id,
                                          guint             *n_situations,
                                          guint             *n_endings,
                                          GError           **error);

/* Phases --------------------------------------------------------------------- */

/**
 * PsrPhase:
 * @id: the row id, for the functions below
 * @position: from 0, in the order of the scenario
 * @title: what the step is called
 * @duration_minutes: how long it lasts, 0 when not set
 * @mediator_actions: what the mediator does
 * @audience_actions: what the public does
 * @materials: what the step needs
 *
 * A step of a scenario.
 */
typedef struct
{
  gint64  id;
  guint   position;
  char   *title;
  guint   duration_minutes;
  char   *mediator_actions;
  char   *audience_actions;
  char   *materials;
} PsrPhase;

#define PSR_TYPE_PHASE (psr_phase_get_type ())

GType     psr_phase_get_type (void) G_GNUC_CONST;
PsrPhase *psr_phase_copy     (const PsrPhase *phase);
void      psr_phase_free     (PsrPhase       *phase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPhase, psr_phase_free)

/* The phases of a scenario in their order, as PsrPhase (the array frees
 * them); NULL on error. */
GPtrArray  *psr_scenario_list_phases     (PsrDatabase       *db,
                                          gint64             scenario_id,
                                          GError           **error);
/* Appended, with no duration; the title may not be empty. Returns its id,
 * 0 on error. */
gint64      psr_phase_add                (PsrDatabase       *db,
                                          gint64             scenario_id,
                                          const char        *title,
                                          GError           **error);
/* Changes the whole phase; the title may not be empty (it is stripped of
 * spaces around it), the texts may be NULL for empty. */
gboolean    psr_phase_set                (PsrDatabase       *db,
                                          gint64             phase_id,
                                          const char        *title,
                                          guint              minutes,
                                          const char        *mediator_actions,
                                          const char        *audience_actions,
                                          const char        *materials,
                                          GError           **error);
gboolean    psr_phase_remove             (PsrDatabase       *db,
                                          gint64             phase_id,
                                          GError           **error);
/* A position past the end moves it last. */
gboolean    psr_phase_move               (PsrDatabase       *db,
                                          gint64             phase_id,
                                          guint              new_position,
                                          GError           **error);

/* Competencies ------------------------------------------------------------- */

/* The ids (gint64) of the competencies the scenario works on, in the order
 * of the framework; NULL on error. */
GArray     *psr_scenario_list_competencies (PsrDatabase     *db,
                                            gint64           id,
                                            GError         **error);
/* Linking twice, or unlinking what is not linked, does nothing. */
gboolean    psr_scenario_link_competency   (PsrDatabase     *db,
                                            gint64           id,
                                            gint64           competency_id,
                                            GError         **error);
gboolean    psr_scenario_unlink_competency (PsrDatabase     *db,
                                            gint64           id,
                                            gint64           competency_id,
                                            GError         **error);

G_END_DECLS
