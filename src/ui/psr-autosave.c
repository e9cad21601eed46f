/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-autosave.h"

void
psr_autosave_init (PsrAutosave     *self,
                   guint            delay_ms,
                   PsrAutosaveFunc  save,
                   gpointer         user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (save != NULL);

  self->dirty = 0;
  self->source = 0;
  self->delay_ms = delay_ms;
  self->save = save;
  self->user_data = user_data;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  PsrAutosave *self = user_data;

  self->source = 0;
  self->save (self->user_data);
  return G_SOURCE_REMOVE;
}

void
psr_autosave_mark (PsrAutosave *self,
                   guint        flags)
{
  g_return_if_fail (self != NULL);

  self->dirty |= flags;
  g_clear_handle_id (&self->source, g_source_remove);
  self->source = g_timeout_add (self->delay_ms, save_timeout_cb, self);
}

guint
psr_autosave_get_dirty (const PsrAutosave *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->dirty;
}

guint
psr_autosave_take (PsrAutosave *self)
{
  guint dirty;

  g_return_val_if_fail (self != NULL, 0);

  dirty = self->dirty;
  self->dirty = 0;
  g_clear_handle_id (&self->source, g_source_remove);
  return dirty;
}

void
psr_autosave_discard (PsrAutosave *self)
{
  g_return_if_fail (self != NULL);

  psr_autosave_take (self);
}
