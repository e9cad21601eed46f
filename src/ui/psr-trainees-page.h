/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_TRAINEES_PAGE (psr_trainees_page_get_type ())

G_DECLARE_FINAL_TYPE (PsrTraineesPage, psr_trainees_page, PSR, TRAINEES_PAGE, AdwBin)

void psr_trainees_page_set_database (PsrTraineesPage *self,
                                     PsrDatabase     *database);
void psr_trainees_page_reload       (PsrTraineesPage *self);
/* Shows the person's page, as if their row had been activated. */
void psr_trainees_page_open         (PsrTraineesPage *self,
                                     gint64           person_id);
/* Reads @file as a CSV of people and shows the preview of its import. */
void psr_trainees_page_import_file  (PsrTraineesPage *self,
                                     GFile           *file);

G_END_DECLS
