/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_CURRICULA_PAGE (psr_curricula_page_get_type ())

G_DECLARE_FINAL_TYPE (PsrCurriculaPage, psr_curricula_page, PSR, CURRICULA_PAGE, AdwBin)

void psr_curricula_page_set_database (PsrCurriculaPage *self,
                                      PsrDatabase      *database);
void psr_curricula_page_reload       (PsrCurriculaPage *self);

G_END_DECLS
