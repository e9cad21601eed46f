/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_OVERVIEW_PAGE (psr_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (PsrOverviewPage, psr_overview_page, PSR, OVERVIEW_PAGE, AdwBin)

void psr_overview_page_set_database (PsrOverviewPage *self,
                                     PsrDatabase     *database);
void psr_overview_page_reload       (PsrOverviewPage *self);

G_END_DECLS
