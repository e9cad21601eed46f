/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_APPLICATION (psr_application_get_type ())

G_DECLARE_FINAL_TYPE (PsrApplication, psr_application, PSR, APPLICATION, AdwApplication)

PsrApplication *psr_application_new          (const char        *application_id,
                                              GApplicationFlags  flags);
PsrDatabase    *psr_application_get_database (PsrApplication    *self);
GSettings      *psr_application_get_settings (PsrApplication    *self);

G_END_DECLS
