/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "psr-database.h"
#include "psr-document-info.h"

G_BEGIN_DECLS

#define PSR_TYPE_SCENARIO_SHEET (psr_scenario_sheet_get_type ())

G_DECLARE_FINAL_TYPE (PsrScenarioSheet, psr_scenario_sheet, PSR, SCENARIO_SHEET, GObject)

PsrScenarioSheet *psr_scenario_sheet_new        (PsrDatabase            *db,
                                                 gint64                  scenario_id,
                                                 const PsrDocumentInfo  *info,
                                                 GError                **error);
PsrScenarioSheet *psr_scenario_sheet_new_in_language (PsrDatabase            *db,
                                                      gint64                  scenario_id,
                                                      const PsrDocumentInfo  *info,
                                                      const char             *language,
                                                      GError                **error);
const char       *psr_scenario_sheet_get_title  (PsrScenarioSheet       *self);
guint             psr_scenario_sheet_paginate   (PsrScenarioSheet       *self,
                                                 cairo_t                *cr,
                                                 double                  width,
                                                 double                  height);
void              psr_scenario_sheet_draw_page  (PsrScenarioSheet       *self,
                                                 cairo_t                *cr,
                                                 double                  width,
                                                 double                  height,
                                                 guint                   page);
gboolean          psr_scenario_sheet_write_pdf  (PsrScenarioSheet       *self,
                                                 const char             *path,
                                                 GError                **error);

G_END_DECLS
