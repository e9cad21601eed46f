/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_SESSIONS_PAGE (psr_sessions_page_get_type ())

G_DECLARE_FINAL_TYPE (PsrSessionsPage, psr_sessions_page, PSR, SESSIONS_PAGE, AdwBin)

void psr_sessions_page_set_database (PsrSessionsPage *self,
                                     PsrDatabase     *database);
void psr_sessions_page_reload       (PsrSessionsPage *self);
/* Shows the session, as if its row had been activated. */
void psr_sessions_page_open         (PsrSessionsPage *self,
                                     gint64           session_id);

G_END_DECLS
