/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

typedef enum
{
  PSR_CALENDAR_MONTH,
  PSR_CALENDAR_WEEK,
} PsrCalendarMode;

#define PSR_TYPE_SESSION_CALENDAR (psr_session_calendar_get_type ())

G_DECLARE_FINAL_TYPE (PsrSessionCalendar, psr_session_calendar, PSR, SESSION_CALENDAR, AdwBin)

GtkWidget *psr_session_calendar_new          (void);
void       psr_session_calendar_set_database (PsrSessionCalendar *self,
                                              PsrDatabase        *database);
void       psr_session_calendar_set_mode     (PsrSessionCalendar *self,
                                              PsrCalendarMode     mode);
/* Shows the month or week of @day. */
void       psr_session_calendar_set_day      (PsrSessionCalendar *self,
                                              const GDate        *day);
void       psr_session_calendar_reload       (PsrSessionCalendar *self);

G_END_DECLS
