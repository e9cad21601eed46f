/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_SESSION_EDITOR (psr_session_editor_get_type ())

G_DECLARE_FINAL_TYPE (PsrSessionEditor, psr_session_editor, PSR, SESSION_EDITOR, GtkBox)

void   psr_session_editor_set_database (PsrSessionEditor *self,
                                        PsrDatabase      *database);
void   psr_session_editor_load         (PsrSessionEditor *self,
                                        gint64            session_id);
gint64 psr_session_editor_get_id       (PsrSessionEditor *self);

G_END_DECLS
