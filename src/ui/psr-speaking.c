/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-speaking.h"

void
psr_speaking_begin (PsrLocale *locale)
{
  if (locale != NULL)
    psr_locale_push (locale);
}

void
psr_speaking_end (PsrLocale *locale)
{
  if (locale != NULL)
    psr_locale_pop (locale);
}

GtkTextDirection
psr_speaking_get_direction (PsrLocale *locale)
{
  if (locale == NULL)
    return GTK_TEXT_DIR_NONE;
  return psr_locale_is_right_to_left (locale) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
}

void
psr_speaking_set_direction (GtkWidget        *widget,
                            GtkTextDirection  direction)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_direction (widget, direction);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    psr_speaking_set_direction (child, direction);
}
