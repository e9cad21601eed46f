/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_SCENARIOS_PAGE (psr_scenarios_page_get_type ())

G_DECLARE_FINAL_TYPE (PsrScenariosPage, psr_scenarios_page, PSR, SCENARIOS_PAGE, AdwBin)

void psr_scenarios_page_set_database (PsrScenariosPage *self,
                                      PsrDatabase      *database);
void psr_scenarios_page_reload       (PsrScenariosPage *self);
void psr_scenarios_page_import_file  (PsrScenariosPage *self,
                                      GFile            *file);

G_END_DECLS
