/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PSR_TYPE_COMPETENCY_CHART (psr_competency_chart_get_type ())

G_DECLARE_FINAL_TYPE (PsrCompetencyChart, psr_competency_chart, PSR, COMPETENCY_CHART, GtkWidget)

GtkWidget *psr_competency_chart_new         (void);
/* @competencies: PsrTraineeCompetency (psr-progress.h), one pair of bars
 * each; the chart keeps a reference. */
void       psr_competency_chart_set_ratings (PsrCompetencyChart *self,
                                             GPtrArray          *competencies);

G_END_DECLS
