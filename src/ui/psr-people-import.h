/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_PEOPLE_IMPORT (psr_people_import_get_type ())

G_DECLARE_FINAL_TYPE (PsrPeopleImport, psr_people_import, PSR, PEOPLE_IMPORT, AdwWindow)

/* A window that reads @file, shows what importing it would do, and
 * imports it into @database when asked; "imported" is emitted then. */
PsrPeopleImport *psr_people_import_new (GtkWindow   *parent,
                                        PsrDatabase *database,
                                        GFile       *file);

G_END_DECLS
