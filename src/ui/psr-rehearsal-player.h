/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_REHEARSAL_PLAYER (psr_rehearsal_player_get_type ())

G_DECLARE_FINAL_TYPE (PsrRehearsalPlayer, psr_rehearsal_player, PSR, REHEARSAL_PLAYER, AdwWindow)

/* A window that plays the rehearsal of a scenario from its start. Each time
 * the trainee reaches an ending, it emits "finished" with the path taken,
 * as psr_rehearsal_path_to_json() writes it. */
PsrRehearsalPlayer *psr_rehearsal_player_new   (PsrDatabase        *db,
                                                gint64              scenario_id);
/* Starts again from the start, with an empty path. */
void                psr_rehearsal_player_restart (PsrRehearsalPlayer *self);

/* A new player, modal over the window of @parent. */
void                psr_rehearsal_player_present (GtkWidget          *parent,
                                                  PsrDatabase        *db,
                                                  gint64              scenario_id);

G_END_DECLS
