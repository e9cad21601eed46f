/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_CURRICULUM (psr_curriculum_get_type ())

G_DECLARE_FINAL_TYPE (PsrCurriculum, psr_curriculum, PSR, CURRICULUM, PsrRecord)

guint       psr_curriculum_get_version        (PsrCurriculum *self);
const char *psr_curriculum_get_status         (PsrCurriculum *self);
const char *psr_curriculum_get_summary        (PsrCurriculum *self);
const char *psr_curriculum_get_modality       (PsrCurriculum *self);
double      psr_curriculum_get_duration_hours (PsrCurriculum *self);
guint       psr_curriculum_get_n_modules      (PsrCurriculum *self);

G_END_DECLS
