/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_PREFERENCES_WINDOW (psr_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PsrPreferencesWindow, psr_preferences_window, PSR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

PsrPreferencesWindow *psr_preferences_window_new          (GSettings            *settings);
/* The database whose trainee space passphrase the window changes; the
 * group is hidden without one. */
void                  psr_preferences_window_set_database (PsrPreferencesWindow *self,
                                                           PsrDatabase          *database);

G_END_DECLS
