/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-record.h"

G_BEGIN_DECLS

#define PSR_TYPE_FRAMEWORK (psr_framework_get_type ())

G_DECLARE_FINAL_TYPE (PsrFramework, psr_framework, PSR, FRAMEWORK, PsrRecord)

const char *psr_framework_get_code           (PsrFramework *self);
const char *psr_framework_get_description    (PsrFramework *self);
gboolean    psr_framework_get_archived       (PsrFramework *self);
guint       psr_framework_get_n_competencies (PsrFramework *self);

G_END_DECLS
