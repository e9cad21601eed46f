/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_MODULE (psr_module_get_type ())

G_DECLARE_FINAL_TYPE (PsrModule, psr_module, PSR, MODULE, PsrRecord)

/**
 * PsrModuleField:
 * @PSR_MODULE_FIELD_TITLE: the title, never empty
 * @PSR_MODULE_FIELD_OBJECTIVES: what the trainees will be able to do after it
 * @PSR_MODULE_FIELD_CONTENT: the detailed program
 *
 * The text fields of a module: read them with psr_module_get_text() and
 * change them with psr_module_set_field() (psr-curricula.h).
 */
typedef enum
{
  PSR_MODULE_FIELD_TITLE,
  PSR_MODULE_FIELD_OBJECTIVES,
  PSR_MODULE_FIELD_CONTENT,
} PsrModuleField;

#define PSR_MODULE_N_FIELDS (PSR_MODULE_FIELD_CONTENT + 1)

const char *psr_module_get_text           (PsrModule      *self,
                                           PsrModuleField  field);

gint64      psr_module_get_curriculum_id  (PsrModule *self);
/* From 0, in the order of the curriculum. */
guint       psr_module_get_position       (PsrModule *self);
const char *psr_module_get_objectives     (PsrModule *self);
double      psr_module_get_duration_hours (PsrModule *self);
/* "theory", "practice" or "mixed". */
const char *psr_module_get_method         (PsrModule *self);
const char *psr_module_get_content        (PsrModule *self);
guint       psr_module_get_n_competencies (PsrModule *self);
guint       psr_module_get_n_scenarios    (PsrModule *self);

G_END_DECLS
