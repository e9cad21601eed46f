/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_SCENARIO (psr_scenario_get_type ())

G_DECLARE_FINAL_TYPE (PsrScenario, psr_scenario, PSR, SCENARIO, PsrRecord)

/**
 * PsrScenarioField:
 * @PSR_SCENARIO_FIELD_TITLE: the title, never empty
 * @PSR_SCENARIO_FIELD_THEME: the subject of the activity
 * @PSR_SCENARIO_FIELD_OBJECTIVES: what the public takes away, one per line,
 *   each starting with a verb
 * @PSR_SCENARIO_FIELD_MATERIALS: what to prepare
 * @PSR_SCENARIO_FIELD_ROOM_LAYOUT: how the space is arranged
 * @PSR_SCENARIO_FIELD_MEDIATOR_STANCE: how the mediator behaves
 * @PSR_SCENARIO_FIELD_ACCESSIBILITY: adaptations for disabled visitors
 * @PSR_SCENARIO_FIELD_DIFFICULT_SITUATIONS: what may go wrong, and what to do
 * @PSR_SCENARIO_FIELD_SAFETY: safety rules
 * @PSR_SCENARIO_FIELD_EVALUATION: how to tell whether it worked
 * @PSR_SCENARIO_FIELD_SOURCES: references
 * @PSR_SCENARIO_FIELD_AUTHOR: who wrote it
 * @PSR_SCENARIO_FIELD_LANGUAGE: the language of the activity, as a code
 *   ("fr"), never empty
 *
 * The text fields of a scenario: read them with psr_scenario_get_text() and
 * change them with psr_scenario_set_field() (psr-scenarios.h).
 */
typedef enum
{
  PSR_SCENARIO_FIELD_TITLE,
  PSR_SCENARIO_FIELD_THEME,
  PSR_SCENARIO_FIELD_OBJECTIVES,
  PSR_SCENARIO_FIELD_MATERIALS,
  PSR_SCENARIO_FIELD_ROOM_LAYOUT,
  PSR_SCENARIO_FIELD_MEDIATOR_STANCE,
  PSR_SCENARIO_FIELD_ACCESSIBILITY,
  PSR_SCENARIO_FIELD_DIFFICULT_SITUATIONS,
  PSR_SCENARIO_FIELD_SAFETY,
  PSR_SCENARIO_FIELD_EVALUATION,
  PSR_SCENARIO_FIELD_SOURCES,
  PSR_SCENARIO_FIELD_AUTHOR,
  PSR_SCENARIO_FIELD_LANGUAGE,
} PsrScenarioField;

#define PSR_SCENARIO_N_FIELDS (PSR_SCENARIO_FIELD_LANGUAGE + 1)

/* Each text field is also a property, named as the column with dashes
 * ("room-layout"); the title is the record's "title". */
const char *psr_scenario_get_text                 (PsrScenario      *self,
                                                   PsrScenarioField  field);

const char *psr_scenario_get_theme                (PsrScenario *self);
/* A code of psr_scenario_formats(). */
const char *psr_scenario_get_format               (PsrScenario *self);
/* A code of psr_scenario_venues(). */
const char *psr_scenario_get_venue                (PsrScenario *self);
const char *psr_scenario_get_language             (PsrScenario *self);
/* "draft", "published" or "archived". */
const char *psr_scenario_get_status               (PsrScenario *self);
/* 0 when not set yet. */
guint       psr_scenario_get_duration_minutes     (PsrScenario *self);
/* In years; -1 when not set. */
int         psr_scenario_get_age_min              (PsrScenario *self);
int         psr_scenario_get_age_max              (PsrScenario *self);
/* In people; -1 when not set. */
int         psr_scenario_get_group_min            (PsrScenario *self);
int         psr_scenario_get_group_max            (PsrScenario *self);
const char *psr_scenario_get_objectives           (PsrScenario *self);
const char *psr_scenario_get_materials            (PsrScenario *self);
const char *psr_scenario_get_room_layout          (PsrScenario *self);
const char *psr_scenario_get_mediator_stance      (PsrScenario *self);
const char *psr_scenario_get_accessibility        (PsrScenario *self);
const char *psr_scenario_get_difficult_situations (PsrScenario *self);
const char *psr_scenario_get_safety               (PsrScenario *self);
const char *psr_scenario_get_evaluation           (PsrScenario *self);
const char *psr_scenario_get_sources              (PsrScenario *self);
const char *psr_scenario_get_author               (PsrScenario *self);

/* The codes the schema allows, and their names in the reader's language;
 * the lists end with NULL. */
const char * const *psr_scenario_formats        (void);
const char * const *psr_scenario_venues         (void);
const char * const *psr_scenario_audiences      (void);
const char         *psr_scenario_format_label   (const char *format);
const char         *psr_scenario_venue_label    (const char *venue);
const char         *psr_scenario_audience_label (const char *audience);

G_END_DECLS
