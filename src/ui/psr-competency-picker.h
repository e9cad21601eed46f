/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-curricula.h"
#include "psr-database.h"

G_BEGIN_DECLS

/* What the picker gives back: the links before and after, as
 * PsrModuleCompetency (a target level of 0 when none was chosen). */
typedef void (*PsrCompetencyPickerDone) (GtkWidget *owner,
                                         gint64     owner_id,
                                         GArray    *before,
                                         GArray    *after);

void                       psr_competency_picker_present   (GtkWidget               *owner,
                                                            PsrDatabase             *db,
                                                            gint64                   framework_id,
                                                            gint64                   owner_id,
                                                            GArray                  *selected,
                                                            gboolean                 with_levels,
                                                            PsrCompetencyPickerDone  done);
const PsrModuleCompetency *psr_competency_picker_find_link (GArray                  *links,
                                                            gint64                   competency_id);

G_END_DECLS
