/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>

#include "psr-format.h"
#include "psr-session-calendar.h"
#include "psr-sessions.h"
#include "psr-window.h"

/* The planning as a month grid or as a week of days, one button per
 * session and half-day: one indexed query for the days shown. */
struct _PsrSessionCalendar
{
  AdwBin           parent_instance;

  PsrDatabase     *database;
  PsrCalendarMode  mode;
  GDate            day;

  GtkLabel        *title;
  GtkWidget       *body;
};

G_DEFINE_FINAL_TYPE (PsrSessionCalendar, psr_session_calendar, ADW_TYPE_BIN)

enum {
  SESSION_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How many sessions a day of the month grid shows before "n more". */
#define MONTH_CELL_ROWS 3

/* The first day of the week of the locale, 1 (Monday) … 7 (Sunday) as
 * GDateWeekday counts, read as GtkCalendar reads it. */
static GDateWeekday
first_weekday (void)
{
#ifdef HAVE__NL_TIME_FIRST_WEEKDAY
  union { unsigned int word; char *string; } langinfo;
  int week_1stday = 0;
  int first = 1;
  guint week_origin;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130)
    week_1stday = 0;
  else if (week_origin == 19971201)
    week_1stday = 1;

  /* 0 is Sunday here. */
  return ((week_1stday + first - 1) % 7 + 6) % 7 + 1;
#else
  return G_DATE_MONDAY;
#endif
}

static void
get_range (PsrSessionCalendar *self,
           GDate              *first,
           GDate              *last)
{
  GDateWeekday start = first_weekday ();

  *first = self->day;
  if (self->mode == PSR_CALENDAR_MONTH)
    g_date_set_day (first, 1);
  g_date_subtract_days (first, (g_date_get_weekday (first) - start + 7) % 7);

  *last = *first;
  if (self->mode == PSR_CALENDAR_WEEK)
    g_date_add_days (last, 6);
  else
    g_date_add_days (last, 6 * 7 - 1);
}

static GDateTime *
date_time (const GDate *day)
{
  return g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                g_date_get_day (day), 12, 0, 0);
}

static void
session_clicked_cb (GtkButton          *button,
                    PsrSessionCalendar *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "session-id"));

  g_signal_emit (self, signals[SESSION_ACTIVATED], 0, id);
}

static GtkWidget *
create_session_button (PsrSessionCalendar     *self,
                       const PsrCalendarEntry *entry,
                       const PsrSlot          *slot,
                       gboolean                detailed)
{
  g_autofree char *starts = psr_format_time (slot->starts_at);
  g_autofree char *ends = psr_format_time (slot->ends_at);
  g_autofree char *times = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (entry->display_title);
  const char *where = *entry->room != '\0' ? entry->room : entry->place;

  /* Translators: the times of a half-day, from its start to its end. */
  times = g_strdup_printf (_("%s – %s"), starts, ends);
  /* Translators: a session in the calendar: its title, its half-day
   * (Morning, Afternoon), its times and where it takes place. */
  tooltip = g_strdup_printf (_("%s\n%s, %s\n%s"), entry->display_title,
                             psr_period_label (slot->period), times,
                             *where != '\0' ? where : psr_session_status_label (entry->status));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);

  if (detailed)
    {
      g_autofree char *details = NULL;
      GtkWidget *label;

      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_lines (GTK_LABEL (title), 2);
      gtk_widget_add_css_class (title, "heading");
      /* Translators: a half-day of a session in the week view: its times,
       * then where, or its status when no place is set. */
      details = g_strdup_printf (_("%s · %s"), times,
                                 *where != '\0' ? where
                                                : psr_session_status_label (entry->status));
      label = gtk_label_new (details);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  else
    gtk_widget_add_css_class (title, "caption");

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "calendar-session");
  gtk_widget_add_css_class (button, slot->period == PSR_PERIOD_MORNING ? "morning" : "afternoon");
  if (entry->status == PSR_SESSION_CANCELLED)
    gtk_widget_add_css_class (button, "cancelled");

  g_object_set_data (G_OBJECT (button), "session-id", GSIZE_TO_POINTER (entry->session_id));
  g_signal_connect (button, "clicked", G_CALLBACK (session_clicked_cb), self);
  return button;
}

/* The sessions' half-days on @day, morning first, as buttons into @box;
 * at most @limit of them, then a label counting the others. */
static void
fill_day (PsrSessionCalendar *self,
          GtkBox             *box,
          GPtrArray          *entries,
          const GDate        *day,
          guint               limit,
          gboolean            detailed)
{
  guint shown = 0;
  guint hidden = 0;

  for (PsrPeriod period = PSR_PERIOD_MORNING; period <= PSR_PERIOD_AFTERNOON; period++)
    for (guint i = 0; i < entries->len; i++)
      {
        PsrCalendarEntry *entry = g_ptr_array_index (entries, i);

        for (guint j = 0; j < entry->slots->len; j++)
          {
            PsrSlot *slot = g_ptr_array_index (entry->slots, j);

            if (slot->period != period || g_date_compare (&slot->day, day) != 0)
              continue;

            if (shown < limit)
              {
                gtk_box_append (box, create_session_button (self, entry, slot, detailed));
                shown++;
              }
            else
              hidden++;
          }
      }

  if (hidden > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u more", "%u more", hidden), hidden);
      GtkWidget *more = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (more), 0);
      gtk_widget_add_css_class (more, "caption");
      gtk_widget_add_css_class (more, "dim-label");
      gtk_box_append (box, more);
    }
}

static GtkWidget *
build_month (PsrSessionCalendar *self,
             GPtrArray          *entries,
             const GDate        *first)
{
  GtkWidget *grid = gtk_grid_new ();
  GDate today, day = *first;

  g_date_set_time_t (&today, time (NULL));
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 3);
  gtk_widget_add_css_class (grid, "calendar-month");

  for (guint column = 0; column < 7; column++, g_date_add_days (&day, 1))
    {
      g_autoptr(GDateTime) dt = date_time (&day);
      /* Translators: the short name of a day of the week, heading a
       * column of the month view; see the manual page of strftime. */
      g_autofree char *name = g_date_time_format (dt, C_("weekday heading", "%a"));
      GtkWidget *label = gtk_label_new (name);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, column, 0, 1, 1);
    }

  day = *first;
  for (guint row = 1; row <= 6; row++)
    for (guint column = 0; column < 7; column++, g_date_add_days (&day, 1))
      {
        GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        g_autofree char *number = g_strdup_printf ("%u", g_date_get_day (&day));
        GtkWidget *label = gtk_label_new (number);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (cell, "calendar-day");
        if (g_date_get_month (&day) != g_date_get_month (&self->day))
          gtk_widget_add_css_class (cell, "other-month");
        if (g_date_compare (&day, &today) == 0)
          gtk_widget_add_css_class (cell, "today");
        gtk_box_append (GTK_BOX (cell), label);
        fill_day (self, GTK_BOX (cell), entries, &day, MONTH_CELL_ROWS, FALSE);
        gtk_widget_set_vexpand (cell, TRUE);
        gtk_grid_attach (GTK_GRID (grid), cell, column, row, 1, 1);
      }

  return grid;
}

static GtkWidget *
build_week (PsrSessionCalendar *self,
            GPtrArray          *entries,
            const GDate        *first)
{
  GtkWidget *days = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GDate today, day = *first;

  g_date_set_time_t (&today, time (NULL));

  for (guint i = 0; i < 7; i++, g_date_add_days (&day, 1))
    {
      g_autoptr(GDateTime) dt = date_time (&day);
      /* Translators: a day heading the week view, as in "Tuesday, March
       * 10"; see the manual page of strftime. */
      g_autofree char *name = g_date_time_format (dt, C_("week view day", "%A, %B %-d"));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *sessions = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new (name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      if (g_date_compare (&day, &today) == 0)
        gtk_widget_add_css_class (label, "accent");
      gtk_box_append (GTK_BOX (box), label);

      fill_day (self, GTK_BOX (sessions), entries, &day, G_MAXUINT, TRUE);
      if (gtk_widget_get_first_child (sessions) == NULL)
        {
          GtkWidget *none = gtk_label_new (_("No session"));

          gtk_label_set_xalign (GTK_LABEL (none), 0);
          gtk_widget_add_css_class (none, "dim-label");
          gtk_box_append (GTK_BOX (sessions), none);
        }
      gtk_box_append (GTK_BOX (box), sessions);
      gtk_box_append (GTK_BOX (days), box);
    }

  return days;
}

void
psr_session_calendar_reload (PsrSessionCalendar *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *title = NULL;
  GDate first, last;
  GtkWidget *body;

  g_return_if_fail (PSR_IS_SESSION_CALENDAR (self));

  if (self->database == NULL)
    return;

  get_range (self, &first, &last);
  entries = psr_sessions_list_between (self->database, &first, &last, &error);
  if (entries == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (self->mode == PSR_CALENDAR_MONTH)
    {
      dt = date_time (&self->day);
      /* Translators: the month shown by the calendar, as in "March 2026";
       * see the manual page of strftime. */
      title = g_date_time_format (dt, C_("calendar month", "%B %Y"));
      body = build_month (self, entries, &first);
    }
  else
    {
      title = psr_format_date_range (&first, &last);
      body = build_week (self, entries, &first);
    }

  gtk_label_set_text (self->title, title);
  adw_clamp_set_child (ADW_CLAMP (self->body), body);
}

static void
move (PsrSessionCalendar *self,
      int                 direction)
{
  if (self->mode == PSR_CALENDAR_MONTH)
    {
      g_date_set_day (&self->day, 1);
      if (direction > 0)
        g_date_add_months (&self->day, 1);
      else
        g_date_subtract_months (&self->day, 1);
    }
  else if (direction > 0)
    g_date_add_days (&self->day, 7);
  else
    g_date_subtract_days (&self->day, 7);

  psr_session_calendar_reload (self);
}

static void
previous_cb (PsrSessionCalendar *self)
{
  move (self, -1);
}

static void
next_cb (PsrSessionCalendar *self)
{
  move (self, 1);
}

static void
today_cb (PsrSessionCalendar *self)
{
  g_date_set_time_t (&self->day, time (NULL));
  psr_session_calendar_reload (self);
}

static GtkWidget *
create_icon_button (const char *icon,
                    const char *label,
                    GCallback   callback,
                    gpointer    data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static void
psr_session_calendar_dispose (GObject *object)
{
  PsrSessionCalendar *self = (PsrSessionCalendar *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_session_calendar_parent_class)->dispose (object);
}

static void
psr_session_calendar_class_init (PsrSessionCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = psr_session_calendar_dispose;

  signals[SESSION_ACTIVATED] =
    g_signal_new ("session-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
psr_session_calendar_init (PsrSessionCalendar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrows = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_date_set_time_t (&self->day, time (NULL));

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-3");

  /* Previous and next follow the reading direction: GTK mirrors the
   * arrows' box, and the icons are the directional ones. */
  gtk_box_append (GTK_BOX (arrows),
                  create_icon_button ("go-previous-symbolic", _("Previous"),
                                      G_CALLBACK (previous_cb), self));
  gtk_box_append (GTK_BOX (arrows),
                  create_icon_button ("go-next-symbolic", _("Next"), G_CALLBACK (next_cb), self));
  gtk_widget_add_css_class (arrows, "linked");
  g_signal_connect_swapped (today, "clicked", G_CALLBACK (today_cb), self);

  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (header), today);
  gtk_box_append (GTK_BOX (header), arrows);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);

  self->body = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->body), 1000);
  gtk_widget_set_margin_start (self->body, 6);
  gtk_widget_set_margin_end (self->body, 6);
  gtk_widget_set_margin_bottom (self->body, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->body);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
psr_session_calendar_new (void)
{
  return g_object_new (PSR_TYPE_SESSION_CALENDAR, NULL);
}

void
psr_session_calendar_set_database (PsrSessionCalendar *self,
                                   PsrDatabase        *database)
{
  g_return_if_fail (PSR_IS_SESSION_CALENDAR (self));

  if (g_set_object (&self->database, database))
    psr_session_calendar_reload (self);
}

void
psr_session_calendar_set_mode (PsrSessionCalendar *self,
                               PsrCalendarMode     mode)
{
  g_return_if_fail (PSR_IS_SESSION_CALENDAR (self));

  self->mode = mode;
  psr_session_calendar_reload (self);
}

void
psr_session_calendar_set_day (PsrSessionCalendar *self,
                              const GDate        *day)
{
  g_return_if_fail (PSR_IS_SESSION_CALENDAR (self));
  g_return_if_fail (day != NULL && g_date_valid (day));

  self->day = *day;
  psr_session_calendar_reload (self);
}
