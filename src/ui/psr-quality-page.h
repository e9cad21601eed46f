/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_QUALITY_PAGE (psr_quality_page_get_type ())

G_DECLARE_FINAL_TYPE (PsrQualityPage, psr_quality_page, PSR, QUALITY_PAGE, AdwBin)

void psr_quality_page_set_database (PsrQualityPage *self,
                                    PsrDatabase    *database);
void psr_quality_page_reload       (PsrQualityPage *self);

G_END_DECLS
