/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_SCENARIO_EDITOR (psr_scenario_editor_get_type ())

G_DECLARE_FINAL_TYPE (PsrScenarioEditor, psr_scenario_editor, PSR, SCENARIO_EDITOR, GtkBox)

void        psr_scenario_editor_set_database (PsrScenarioEditor *self,
                                              PsrDatabase       *database);
void        psr_scenario_editor_load         (PsrScenarioEditor *self,
                                              gint64             scenario_id);
gint64      psr_scenario_editor_get_id       (PsrScenarioEditor *self);

G_END_DECLS
