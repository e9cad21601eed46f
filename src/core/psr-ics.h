/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "psr-database.h"

G_BEGIN_DECLS

/* The UIDs of the events are "<slot UUID>@passerelle": an updated export
 * replaces the events of an earlier one in calendar apps. */
#define PSR_ICS_UID_DOMAIN "passerelle"

char     *psr_ics_export (PsrDatabase  *db,
                          gint64        session_id,
                          GError      **error);
gboolean  psr_ics_write  (PsrDatabase  *db,
                          gint64        session_id,
                          const char   *path,
                          GError      **error);

G_END_DECLS
