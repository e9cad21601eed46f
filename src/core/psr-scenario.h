/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_SCENARIO (psr_scenario_get_type ())

G_DECLARE_FINAL_TYPE (PsrScenario, psr_scenario, PSR, SCENARIO, PsrRecord)

const char *psr_scenario_get_theme            (PsrScenario *self);
const char *psr_scenario_get_format           (PsrScenario *self);
const char *psr_scenario_get_venue            (PsrScenario *self);
const char *psr_scenario_get_language         (PsrScenario *self);
const char *psr_scenario_get_status           (PsrScenario *self);
guint       psr_scenario_get_duration_minutes (PsrScenario *self);

/* The codes the schema allows, and their names in the reader's language;
 * the lists end with NULL. */
const char * const *psr_scenario_formats        (void);
const char * const *psr_scenario_venues         (void);
const char * const *psr_scenario_audiences      (void);
const char         *psr_scenario_format_label   (const char *format);
const char         *psr_scenario_venue_label    (const char *venue);
const char         *psr_scenario_audience_label (const char *audience);

G_END_DECLS
