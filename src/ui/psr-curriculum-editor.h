/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_CURRICULUM_EDITOR (psr_curriculum_editor_get_type ())

G_DECLARE_FINAL_TYPE (PsrCurriculumEditor, psr_curriculum_editor, PSR, CURRICULUM_EDITOR, GtkBox)

void        psr_curriculum_editor_set_database (PsrCurriculumEditor *self,
                                                PsrDatabase         *database);
void        psr_curriculum_editor_load         (PsrCurriculumEditor *self,
                                                gint64               curriculum_id);
gint64      psr_curriculum_editor_get_id       (PsrCurriculumEditor *self);

G_END_DECLS
