/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_REHEARSAL_EDITOR (psr_rehearsal_editor_get_type ())

G_DECLARE_FINAL_TYPE (PsrRehearsalEditor, psr_rehearsal_editor, PSR, REHEARSAL_EDITOR, AdwWindow)

/* A window in which authors write the rehearsal of a scenario; every change
 * is saved as it is typed, and when the window closes. */
PsrRehearsalEditor *psr_rehearsal_editor_new     (PsrDatabase *db,
                                                  gint64       scenario_id);
/* Saves what is typed and not saved yet; FALSE when the store refused it
 * (the window says why). */
gboolean            psr_rehearsal_editor_save    (PsrRehearsalEditor *self);

/* A new editor, modal over the window of @parent. */
void                psr_rehearsal_editor_present (GtkWidget   *parent,
                                                  PsrDatabase *db,
                                                  gint64       scenario_id);

G_END_DECLS
