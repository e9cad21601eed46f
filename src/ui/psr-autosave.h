/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The editors save as they are typed in: a change marks its fields, and
 * what is marked is written after a pause in typing, so that a word is one
 * change, or at once when the editor is left or an action needs the saved
 * data. This keeps the marks and the pause; which fields there are and how
 * they are written stays with each editor. Embedded in the editor, it needs
 * psr_autosave_discard () in dispose. */

/* Writes what psr_autosave_take () gives; called when the pause is over. */
typedef void (*PsrAutosaveFunc) (gpointer user_data);

typedef struct
{
  /*< private >*/
  guint           dirty;
  guint           source;
  guint           delay_ms;
  PsrAutosaveFunc save;
  gpointer        user_data;
} PsrAutosave;

void  psr_autosave_init      (PsrAutosave     *self,
                              guint            delay_ms,
                              PsrAutosaveFunc  save,
                              gpointer         user_data);
/* Adds @flags to what waits, and waits again for @save. */
void  psr_autosave_mark      (PsrAutosave     *self,
                              guint            flags);
/* What waits to be saved, left waiting. */
guint psr_autosave_get_dirty (const PsrAutosave *self);
/* What waits to be saved, for the caller to save now: nothing waits after. */
guint psr_autosave_take      (PsrAutosave     *self);
/* Forgets what waits, unsaved: for a change undone or a record gone. */
void  psr_autosave_discard   (PsrAutosave     *self);

G_END_DECLS
