/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_TRAINEE_SPACE (psr_trainee_space_get_type ())

G_DECLARE_FINAL_TYPE (PsrTraineeSpace, psr_trainee_space, PSR, TRAINEE_SPACE, AdwApplicationWindow)

/*
 * The trainee space: a locked mode for the shared computer of a training
 * room. The trainees of today's sessions pick their name, then sign the
 * open half-day, position themselves, read and complete their modules,
 * play rehearsals and answer the survey. They reach nothing else: the
 * application's Quit and Preferences are disabled while it shows, and
 * closing it takes the trainer's passphrase (psr-lock.h). Once unlocked it
 * emits "unlocked" and destroys itself.
 *
 * Positioning: "before the session" until the end of the session's first
 * half-day, "after the session" from the start of its last half-day (for a
 * single half-day, "after" once the trainee rated every competency
 * before); in between, there is nothing to rate. The end-of-session survey
 * opens on the last day of a session running or done.
 */

PsrTraineeSpace *psr_trainee_space_new     (GtkApplication  *application,
                                            PsrDatabase     *database);
/* The clock the space decides and records with, for tests and
 * screenshots; NULL (the default) for the current time. Reloads. */
void             psr_trainee_space_set_now (PsrTraineeSpace *self,
                                            GDateTime       *now);

/* From the main window: asks the trainer to set a passphrase when none is
 * set yet, then opens the space maximized over a hidden @main_window,
 * which shows again once the space is unlocked. */
void             psr_trainee_space_open    (GtkWindow       *main_window,
                                            PsrDatabase     *database);

G_END_DECLS
