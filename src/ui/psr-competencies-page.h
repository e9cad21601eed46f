/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_COMPETENCIES_PAGE (psr_competencies_page_get_type ())

G_DECLARE_FINAL_TYPE (PsrCompetenciesPage, psr_competencies_page, PSR, COMPETENCIES_PAGE, AdwBin)

void psr_competencies_page_set_database (PsrCompetenciesPage *self,
                                         PsrDatabase         *database);
void psr_competencies_page_reload       (PsrCompetenciesPage *self);
void psr_competencies_page_import_file  (PsrCompetenciesPage *self,
                                         GFile               *file);

G_END_DECLS
