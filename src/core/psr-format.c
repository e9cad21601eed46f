/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "psr-format.h"
#include "psr-locale-private.h"

/* Dates and numbers as the reader's locale writes them: the formats are
 * translatable, since the order of day, month and year is a matter of
 * language, not of the C library's locale alone. */

static GDateTime *
date_time_from_date (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 12, 0, 0);
}

char *
psr_format_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  if (!g_date_valid (date))
    return g_strdup (_("No date"));

  dt = date_time_from_date (date);
  /* Translators: a full date, see the manual page of strftime; for example
   * "%-d %B %Y" in French. */
  return g_date_time_format (dt, _("%B %-d, %Y"));
}

char *
psr_format_date_range (const GDate *first,
                       const GDate *last)
{
  g_autoptr(GDateTime) from = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (first != NULL && last != NULL, NULL);

  if (!g_date_valid (first) || !g_date_valid (last) || g_date_compare (first, last) == 0)
    return psr_format_date (first);

  from = date_time_from_date (first);

  if (g_date_get_year (first) != g_date_get_year (last))
    start = psr_format_date (first);
  else if (g_date_get_month (first) != g_date_get_month (last))
    /* Translators: the first day of a range within one year, for example
     * "%-d %B" in French. */
    start = g_date_time_format (from, C_("first day of a range in one year", "%B %-d"));
  else
    /* Translators: the first day of a range within one month, for example
     * "%-d" in French; the month and year come with the last day. */
    start = g_date_time_format (from, C_("first day of a range in one month", "%B %-d"));

  end = psr_format_date (last);

  /* Translators: a range of dates, from the first to the last. */
  return g_strdup_printf (_("%s – %s"), start, end);
}

/* With the locale's thousands separator. */
char *
psr_format_count (guint count)
{
  return g_strdup_printf ("%'u", count);
}

/* "3.5 h", "14 h": the locale's decimal separator, no trailing zeros. */
char *
psr_format_hours (double hours)
{
  g_autofree char *number = g_strdup_printf ("%.2f", hours);
  const char *point = localeconv ()->decimal_point;
  gsize length = strlen (number);

  while (length > 0 && number[length - 1] == '0')
    length--;
  number[length] = '\0';
  if (*point != '\0' && g_str_has_suffix (number, point))
    number[length - strlen (point)] = '\0';

  /* Translators: a duration in hours, such as “3.5 h”. */
  return g_strdup_printf (_("%s h"), number);
}

/* A time of day, given in minutes from midnight, as the reader's language
 * writes it: "09:30", "9:30 AM". */
char *
psr_format_time (guint minutes)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (2000, 1, 1, (minutes / 60) % 24,
                                                     minutes % 60, 0);

  /* Translators: a time of day, see the manual page of strftime: "%H:%M"
   * gives 09:30, "%-I:%M %p" gives 9:30 AM. */
  return g_date_time_format (time, C_("time of day", "%H:%M"));
}

/* A share from 0 to 1 as a whole percentage, as the reader's language
 * writes it: "92%", "92 %". */
char *
psr_format_percent (double fraction)
{
  g_autofree char *number = g_strdup_printf ("%.0f", CLAMP (fraction, 0, 1) * 100);

  /* Translators: a percentage; %s is the number. */
  return g_strdup_printf (_("%s%%"), number);
}

static const char * const language_codes[] = { "fr", "en", "es", "de", "it", "pt", "nl", "ar", NULL };

const char * const *
psr_languages (void)
{
  return language_codes;
}

/* The name of a language in the reader's language. */
const char *
psr_language_label (const char *code)
{
  const char *names[] = {
    N_("French"), N_("English"), N_("Spanish"), N_("German"), N_("Italian"), N_("Portuguese"),
    N_("Dutch"), N_("Arabic"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (language_codes[i], code) == 0)
      return _(names[i]);

  return code;
}

/* An instant in the local time, as near as the reader needs it: "Today at
 * 09:40", "Yesterday at 17:05", else the date and the time. @now NULL is
 * the current time. */
char *
psr_format_instant (GDateTime *instant,
                    GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) clock = NULL;
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;
  GDate day, today;

  g_return_val_if_fail (instant != NULL, NULL);

  local = g_date_time_to_local (instant);
  clock = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  time = psr_format_time (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));

  g_date_clear (&day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (clock), g_date_time_get_month (clock),
                  g_date_time_get_year (clock));

  switch (g_date_days_between (&day, &today))
    {
    case 0:
      /* Translators: when something happened today; %s is the time of day. */
      return g_strdup_printf (_("Today at %s"), time);
    case 1:
      /* Translators: when something happened yesterday; %s is the time of day. */
      return g_strdup_printf (_("Yesterday at %s"), time);
    default:
      date = psr_format_date (&day);
      /* Translators: when something happened: a date, then a time of day. */
      return g_strdup_printf (C_("date and time", "%s at %s"), date, time);
    }
}
