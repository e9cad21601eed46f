/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_PERSON_EDITOR (psr_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (PsrPersonEditor, psr_person_editor, PSR, PERSON_EDITOR, GtkBox)

void   psr_person_editor_set_database (PsrPersonEditor *self,
                                       PsrDatabase     *database);
void   psr_person_editor_load         (PsrPersonEditor *self,
                                       gint64           person_id);
gint64 psr_person_editor_get_id       (PsrPersonEditor *self);

G_END_DECLS
